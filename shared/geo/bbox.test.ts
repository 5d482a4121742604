import { describe, expect, it } from "vitest";
import type { BBox } from "../model/body";
import { geometryBBox, pressFrame, robustExtent, unionBBox } from "./bbox";

describe("geometryBBox", () => {
  it("reads the extent from the coordinates of every part", () => {
    const geometry: GeoJSON.MultiPolygon = {
      type: "MultiPolygon",
      coordinates: [
        [
          [
            [-71.5, 41.5],
            [-71.4, 41.5],
            [-71.4, 41.6],
            [-71.5, 41.5],
          ],
        ],
        [
          [
            [-71.6, 41.1],
            [-71.55, 41.1],
            [-71.55, 41.2],
            [-71.6, 41.1],
          ],
        ],
      ],
    };
    expect(geometryBBox(geometry)).toEqual([-71.6, 41.1, -71.4, 41.6]);
  });

  it("refuses an empty geometry", () => {
    expect(() => geometryBBox({ type: "MultiPolygon", coordinates: [] })).toThrow(/no coordinates/);
  });
});

describe("robustExtent", () => {
  it("ignores a far-away outlier that a plain union would include", () => {
    const grid: BBox[] = Array.from({ length: 100 }, (_, i) => {
      const x = -100 + (i % 10);
      const y = 35 + Math.floor(i / 10);
      return [x, y, x + 1, y + 1];
    });
    const withOutlier: BBox[] = [...grid, [170, 51, 180, 53]];
    expect(unionBBox(withOutlier)![2]).toBe(180);
    const extent = robustExtent(withOutlier)!;
    expect(extent[2]).toBeLessThan(-89);
    expect(extent[0]).toBeLessThan(-99);
    expect(extent[1]).toBeLessThan(35.6);
    expect(extent[3]).toBeGreaterThan(44);
  });

  it("falls back to the union for a handful of bodies", () => {
    expect(
      robustExtent([
        [0, 0, 1, 1],
        [5, 5, 6, 6],
      ]),
    ).toEqual([0, 0, 6, 6]);
  });
});

describe("pressFrame", () => {
  // A state of 40 towns on the mainland and one island far offshore (Nantucket-like).
  const mainland: BBox[] = Array.from({ length: 40 }, (_, index) => [
    -73 + (index % 8) * 0.3,
    42 + Math.floor(index / 8) * 0.2,
    -72.8 + (index % 8) * 0.3,
    42.2 + Math.floor(index / 8) * 0.2,
  ]);
  const island: BBox = [-70.3, 41.2, -69.9, 41.4];

  it("frames every body of a scoped campaign, the island included", () => {
    const frame = pressFrame([...mainland, island], { scoped: true })!;
    expect(frame[2]).toBeGreaterThanOrEqual(-69.9);
    expect(frame[1]).toBeLessThanOrEqual(41.2);
  });

  it("keeps the robust extent for an unscoped campaign, and across the antimeridian", () => {
    expect(pressFrame([...mainland, island], { scoped: false })).toEqual(robustExtent([...mainland, island]));
    const aleutian: BBox = [172, 52, 179.9, 53];
    const alaska: BBox[] = [...mainland.map(([w, s, e, n]): BBox => [w - 80, s + 18, e - 80, n + 18]), aleutian];
    expect(pressFrame(alaska, { scoped: true })).toEqual(robustExtent(alaska));
  });
});
