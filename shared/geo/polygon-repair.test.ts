import { area } from "@turf/area";
import { describe, expect, it } from "vitest";
import { cleanPolygons, describeCleaning, emptyCleaningTally, repairCrossingParts, repairPolygons } from "./polygon-repair";
import { buildPreparedPolygon, findSelfCrossings } from "./prepared-polygon";

type Ring = GeoJSON.Position[];

/** Seeded PRNG (mulberry32) so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomRing(next: () => number, points: number): Ring {
  const ring = Array.from({ length: points }, () => [-71.5 + next() * 0.1, 41.8 + next() * 0.1]);
  return [...ring, [...ring[0]!]];
}

const square = (x: number, y: number, size: number): Ring => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

describe("cleanPolygons", () => {
  it("drops repeated and non-finite points, closes rings and drops degenerate ones, counting each", () => {
    const tally = emptyCleaningTally();
    const cleaned = cleanPolygons(
      [
        [
          [
            [0, 0],
            [1, 0],
            [1, 0],
            [NaN, 3],
            [1, 1],
            [0, 1],
          ], // unclosed, a repeated point, a NaN
          [
            [0.2, 0.2],
            [0.3, 0.3],
          ], // a hole with two distinct points
        ],
        [
          [
            [5, 5],
            [5, 5],
          ],
        ], // a part with no area
      ],
      tally,
    );
    expect(cleaned).toEqual([[square(0, 0, 1)]]);
    // The dropped part's repeated point is not counted: it is reported as dropped.
    expect(tally).toEqual({ nonFinitePoints: 1, repeatedPoints: 1, closedRings: 1, spikes: 0, shortParts: 1, shortHoles: 1 });
    expect(describeCleaning(tally)).toEqual([
      "closed 1 unclosed ring",
      "removed 1 repeated consecutive point",
      "dropped 1 point with non-finite coordinates",
      "dropped 1 polygon part with fewer than 4 points",
      "dropped 1 hole with fewer than 4 points",
    ]);
  });

  it("removes zero-width spikes, including one at the ring's start and one left a hair open by rounding", () => {
    const tally = emptyCleaningTally();
    const [polygon] = cleanPolygons(
      [
        [
          [
            [0, 0], // a spike tip sits at the start: (0, 1) → (0, 0) → ... and back
            [1, 0],
            [1, 1],
            [2, 1 + 1e-13], // nearly exact spike out of (1, 1) and back
            [1, 1],
            [0, 1],
            [0, 0],
          ],
        ],
      ],
      tally,
    );
    expect(tally.spikes).toBeGreaterThan(0);
    expect(area({ type: "Polygon", coordinates: polygon! })).toBeCloseTo(area({ type: "Polygon", coordinates: [square(0, 0, 1)] }), 0);
    expect(polygon![0]).not.toContainEqual([2, 1 + 1e-13]);
  });
});

describe("repairCrossingParts", () => {
  it("rebuilds a bow tie and a hole crossing its shell, each part on its own, and leaves a clean part as it is", () => {
    const bowTie: Ring = [
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 0],
    ];
    const shell = square(10, 0, 4);
    const hole: Ring = [
      [13, 1],
      [15, 1],
      [15, 2],
      [13, 2],
      [13, 1],
    ];
    const clean = [square(20, 0, 1)];
    const repair = repairCrossingParts([[bowTie], [shell, hole], clean]);
    expect(repair.crossingsFound).toBe(3);
    expect(repair.rebuiltParts).toBe(2);
    expect(repair.failedParts).toBe(0);
    expect(repair.crossings).toEqual([]);
    expect(repair.polygons).toContainEqual(clean);
    // The bow tie becomes its two triangles; the hole keeps only what lies inside the shell.
    const areaOf = (polygons: GeoJSON.Position[][][]) => polygons.reduce((sum, polygon) => sum + area({ type: "Polygon", coordinates: polygon }), 0);
    expect(areaOf(repair.polygons)).toBeCloseTo(
      areaOf([
        [
          [
            [0, 0],
            [0.5, 0.5],
            [0, 1],
            [0, 0],
          ],
        ],
        [
          [
            [1, 0],
            [1, 1],
            [0.5, 0.5],
            [1, 0],
          ],
        ],
        [shell, square(13, 1, 1)],
        clean,
      ]),
      -2,
    );
  });

  it("leaves no ring crossing itself in 40 random rings (seed 4)", () => {
    const next = random(4);
    for (let trial = 0; trial < 40; trial++) {
      const repair = repairCrossingParts(cleanPolygons([[randomRing(next, 4 + Math.floor(next() * 12))]]));
      expect(repair.failedParts).toBe(0);
      for (const polygon of repair.polygons) expect(findSelfCrossings(buildPreparedPolygon([polygon]))).toEqual([]);
    }
  });
});

describe("repairPolygons", () => {
  it("leaves a clean polygon alone apart from RFC 7946 winding", () => {
    const clockwise: Ring = [
      [-71.5, 41.8],
      [-71.5, 41.81],
      [-71.49, 41.81],
      [-71.49, 41.8],
      [-71.5, 41.8],
    ];
    const result = repairPolygons([[clockwise]], 0.25);
    expect(result.notes).toEqual([]);
    expect(result.polygons).toEqual([[[...clockwise].reverse()]]);
  });

  it("describes a rebuilt bow tie in one note", () => {
    const bowTie: Ring = [
      [-71.5, 41.8],
      [-71.49, 41.81],
      [-71.49, 41.8],
      [-71.5, 41.81],
      [-71.5, 41.8],
    ];
    expect(repairPolygons([[bowTie]], 0.25).notes).toEqual(["self-intersecting: rings cross at 1 point; 1 part rebuilt with a polygon union (non-zero rule)"]);
  });

  it("does not mutate its input", () => {
    const ring: Ring = [
      [-71.5, 41.8],
      [-71.49, 41.8],
      [-71.49, 41.8],
      [-71.49, 41.81],
      [-71.5, 41.81],
    ];
    const input = [[ring]];
    const copy = structuredClone(input);
    repairPolygons(input, 0.25);
    expect(input).toEqual(copy);
  });
});
