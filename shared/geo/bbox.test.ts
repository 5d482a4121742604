import { describe, expect, it } from "vitest";
import type { BBox } from "../model/body";
import { geometryBBox, robustExtent, unionBBox } from "./bbox";

describe("geometryBBox", () => {
  it("reads the extent from the coordinates of every part", () => {
    const geometry: GeoJSON.MultiPolygon = {
      type: "MultiPolygon",
      coordinates: [
        [[[-71.5, 41.5], [-71.4, 41.5], [-71.4, 41.6], [-71.5, 41.5]]],
        [[[-71.6, 41.1], [-71.55, 41.1], [-71.55, 41.2], [-71.6, 41.1]]],
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
    expect(robustExtent([[0, 0, 1, 1], [5, 5, 6, 6]])).toEqual([0, 0, 6, 6]);
  });
});
