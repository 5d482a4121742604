import { area, polygon } from "@turf/turf";
import { describe, expect, it } from "vitest";
import type { BBox } from "../model/body";
import { clipPolygonToRectangle, clipPolygonsToRectangle, clipRingToRectangle } from "./rectangle-clip";

const square = (west: number, south: number, size: number): GeoJSON.Position[] => [
  [west, south],
  [west + size, south],
  [west + size, south + size],
  [west, south + size],
  [west, south],
];

/** Planar shoelace area, enough to check clipping in degrees. */
function planarArea(ring: GeoJSON.Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return Math.abs(sum) / 2;
}

describe("clipRingToRectangle", () => {
  it("keeps a ring that lies inside, closed", () => {
    const ring = square(1, 1, 1);
    const clipped = clipRingToRectangle(ring, [0, 0, 10, 10]);
    expect(clipped[0]).toEqual(clipped[clipped.length - 1]);
    expect(planarArea(clipped)).toBeCloseTo(1, 12);
  });

  it("returns the rectangle when the ring covers it, and nothing when they are apart", () => {
    expect(planarArea(clipRingToRectangle(square(-5, -5, 20), [0, 0, 2, 3]))).toBeCloseTo(6, 12);
    expect(clipRingToRectangle(square(5, 5, 1), [0, 0, 2, 2])).toEqual([]);
  });

  it("cuts a ring that crosses the sides, interpolating the cut points", () => {
    const triangle = [
      [-1, 0],
      [3, 0],
      [-1, 4],
      [-1, 0],
    ];
    // Inside x ≥ 0 the triangle is the region under y = 3 - x: area 4.5.
    const clipped = clipRingToRectangle(triangle, [0, -1, 10, 10]);
    expect(planarArea(clipped)).toBeCloseTo(4.5, 12);
    expect(clipped).toContainEqual([0, 3]);
  });

  it("keeps the area of a concave ring that leaves and re-enters (zero-width bridges are harmless)", () => {
    // A U shape opening upwards; the box cuts off the top of both arms.
    const u = [
      [0, 0],
      [3, 0],
      [3, 3],
      [2, 3],
      [2, 1],
      [1, 1],
      [1, 3],
      [0, 3],
      [0, 0],
    ];
    const clipped = clipRingToRectangle(u, [-1, -1, 4, 2]);
    // Below y = 2: the base (3 × 1) plus two arms of 1 × 1.
    expect(planarArea(clipped)).toBeCloseTo(5, 12);
  });
});

describe("clipPolygonToRectangle", () => {
  const box: BBox = [0, 0, 4, 4];

  it("drops holes outside the box and clips holes across it", () => {
    const withHoles = [square(-2, -2, 8), square(5, 5, 0.5).reverse(), square(3, 3, 2).reverse()];
    const clipped = clipPolygonToRectangle(withHoles, box)!;
    expect(clipped).toHaveLength(2);
    expect(planarArea(clipped[0]!) - planarArea(clipped[1]!)).toBeCloseTo(16 - 1, 12);
  });

  it("returns null when the shell misses the box", () => {
    expect(clipPolygonToRectangle([square(10, 10, 1)], box)).toBeNull();
  });

  it("matches turf's area of the same clip for a multipolygon", () => {
    const parts = [[square(-71.5, 41.5, 0.2)], [square(-71.2, 41.5, 0.2)]];
    const clipped = clipPolygonsToRectangle(parts, [-71.4, 41.4, -71.1, 41.6]);
    const total = clipped.reduce((sum, part) => sum + area(polygon(part)), 0);
    const expected = area(polygon([square(-71.4, 41.5, 0.1)])) + area(polygon([square(-71.2, 41.5, 0.1)]));
    expect(total).toBeCloseTo(expected, 3);
  });
});
