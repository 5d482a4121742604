import { kinks } from "@turf/turf";
import { describe, expect, it } from "vitest";
import { countPolygonCrossings, repairPolygons } from "./polygon-repair";

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

describe("countPolygonCrossings", () => {
  it("counts what turf kinks counts on random single rings", () => {
    const next = random(4);
    for (let trial = 0; trial < 200; trial++) {
      const ring = randomRing(next, 4 + Math.floor(next() * 30));
      const polygon: GeoJSON.Polygon = { type: "Polygon", coordinates: [ring] };
      expect(countPolygonCrossings([ring])).toBe(kinks(polygon).features.length);
    }
  });

  it("finds no crossing in a plain square and one in a bow tie", () => {
    const square: Ring = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    const bowTie: Ring = [
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 0],
    ];
    expect(countPolygonCrossings([square])).toBe(0);
    expect(countPolygonCrossings([bowTie])).toBe(1);
  });

  it("counts a hole that crosses its shell", () => {
    const shell: Ring = [
      [0, 0],
      [4, 0],
      [4, 4],
      [0, 4],
      [0, 0],
    ];
    const hole: Ring = [
      [3, 1],
      [5, 1],
      [5, 2],
      [3, 2],
      [3, 1],
    ];
    expect(countPolygonCrossings([shell, hole])).toBe(2);
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
