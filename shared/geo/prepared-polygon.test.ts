import { area } from "@turf/turf";
import { describe, expect, it } from "vitest";
import { cleanPolygons, describeCleaning, emptyCleaningTally } from "./polygon-repair";
import { buildPreparedPolygon, findSelfCrossings, pointInPrepared } from "./prepared-polygon";
import type { Polygons } from "./prepared-polygon";

const square = (west: number, south: number, size: number): GeoJSON.Position[] => [
  [west, south],
  [west + size, south],
  [west + size, south + size],
  [west, south + size],
  [west, south],
];

function prepare(polygons: Polygons) {
  const tally = emptyCleaningTally();
  const prepared = buildPreparedPolygon(cleanPolygons(polygons, tally));
  return { prepared, notes: describeCleaning(tally) };
}

describe("buildPreparedPolygon", () => {
  it("computes turf's area for shells, holes and parts, whatever the input winding", () => {
    const polygons: Polygons = [
      [square(-71.5, 41.5, 0.2), square(-71.45, 41.55, 0.05)], // hole given counterclockwise (wrong way round)
      [square(-71.2, 41.5, 0.1).reverse()], // shell given clockwise
    ];
    const { prepared } = prepare(polygons);
    expect(prepared.area).toBeCloseTo(area({ type: "MultiPolygon", coordinates: polygons }), 4);
    expect(prepared.ringArea[0]).toBeGreaterThan(0);
    expect(prepared.ringArea[1]).toBeLessThan(0);
    expect(prepared.ringArea[2]).toBeGreaterThan(0);
    expect([...prepared.ringPart]).toEqual([0, 0, 1]);
    [-71.5, 41.5, -71.1, 41.7].forEach((value, i) => expect(prepared.bbox[i]).toBeCloseTo(value, 12));
  });

  it("matches turf's area on long irregular rings to 1e-9", () => {
    const ring: GeoJSON.Position[] = [];
    for (let i = 0; i < 500; i++) {
      const angle = (i / 500) * 2 * Math.PI;
      const radius = 0.3 + 0.1 * Math.sin(7 * angle) + 0.05 * Math.cos(23 * angle);
      ring.push([-100 + radius * Math.cos(angle), 40 + radius * Math.sin(angle)]);
    }
    ring.push(ring[0]!);
    const { prepared } = prepare([[ring]]);
    expect(Math.abs(prepared.area / area({ type: "Polygon", coordinates: [ring] }) - 1)).toBeLessThan(1e-9);
  });

  it("cuts rings into chunks that cover every edge once", () => {
    const ring: GeoJSON.Position[] = [];
    for (let i = 0; i < 100; i++) ring.push([Math.cos(i / 16), Math.sin(i / 16)]);
    ring.push(ring[0]!);
    const { prepared } = prepare([[ring], [square(5, 5, 1)]]);
    const covered: number[] = [];
    for (let c = 0; c < prepared.chunkStart.length; c++) {
      for (let e = prepared.chunkStart[c]!; e < prepared.chunkEnd[c]!; e++) covered.push(e);
    }
    // Ring 0 has vertices 0..100 (edges 0..99), ring 1 vertices 101..105 (edges 101..104).
    expect(covered).toEqual([...Array.from({ length: 100 }, (_, i) => i), 101, 102, 103, 104]);
  });
});

describe("findSelfCrossings", () => {
  it("finds a bow-tie and a hole crossing its shell", () => {
    const bowTie = [
      [
        [0, 0],
        [1, 1],
        [1, 0],
        [0, 1],
        [0, 0],
      ],
    ];
    expect(findSelfCrossings(prepare([bowTie]).prepared)).toEqual([[0, 0]]);
    const holeAcross = [square(0, 0, 2), square(1.5, 0.5, 1)];
    expect(findSelfCrossings(prepare([holeAcross]).prepared).length).toBe(2);
  });

  it("accepts touching at a vertex and parts sharing an edge", () => {
    // Hole touching the shell at one vertex (valid under OGC rules), and a neighbour part sharing a side.
    const touching = [
      square(0, 0, 2),
      [
        [0, 0],
        [0.5, 1],
        [1, 0.5],
        [0, 0],
      ],
    ];
    const neighbour = [square(2, 0, 2)];
    expect(findSelfCrossings(prepare([touching, neighbour]).prepared)).toEqual([]);
  });
});

describe("pointInPrepared", () => {
  const { prepared } = prepare([[square(0, 0, 4), square(1, 1, 2)], [square(10, 0, 1)]]);

  it("answers inside, in a hole, outside and in a second part", () => {
    expect(pointInPrepared(prepared, 0.5, 0.5)).toBe(true);
    expect(pointInPrepared(prepared, 2, 2)).toBe(false);
    expect(pointInPrepared(prepared, 5, 2)).toBe(false);
    expect(pointInPrepared(prepared, 10.5, 0.5)).toBe(true);
    expect(pointInPrepared(prepared, -100, 0.5)).toBe(false);
  });

  it("resolves points on the boundary by the symbolic shift (ε, ε²)", () => {
    // On the west side x = 0: shifted east (+1) it is inside, shifted west (-1) outside.
    expect(pointInPrepared(prepared, 0, 2, 1)).toBe(true);
    expect(pointInPrepared(prepared, 0, 2, -1)).toBe(false);
    // On the hole's west side x = 1: shifted east it falls in the hole.
    expect(pointInPrepared(prepared, 1, 2, 1)).toBe(false);
    expect(pointInPrepared(prepared, 1, 2, -1)).toBe(true);
    // On the bottom side y = 0 (horizontal): the ε² term decides; +1 moves it up, inside.
    expect(pointInPrepared(prepared, 2, 0, 1)).toBe(true);
    expect(pointInPrepared(prepared, 2, 0, -1)).toBe(false);
    // At the corner (0, 0): (+ε, +ε²) is inside, (-ε, -ε²) outside.
    expect(pointInPrepared(prepared, 0, 0, 1)).toBe(true);
    expect(pointInPrepared(prepared, 0, 0, -1)).toBe(false);
  });
});
