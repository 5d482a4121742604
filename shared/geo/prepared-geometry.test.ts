import { area } from "@turf/turf";
import { describe, expect, it } from "vitest";
import { geometryIntersectionArea, prepareGeometry } from "./prepared-geometry";

const square = (west: number, south: number, size: number): GeoJSON.Position[] => [
  [west, south],
  [west + size, south],
  [west + size, south + size],
  [west, south + size],
  [west, south],
];

describe("prepareGeometry", () => {
  it("leaves clean geometry alone", () => {
    const prepared = prepareGeometry({ type: "Polygon", coordinates: [square(-100, 40, 0.1), square(-99.97, 40.03, 0.02)] });
    expect(prepared.problems).toEqual([]);
    expect(prepared.valid).toBe(true);
    expect(prepared.layers).toHaveLength(1);
    expect(prepared.area).toBeCloseTo(area({ type: "Polygon", coordinates: [square(-100, 40, 0.1), square(-99.97, 40.03, 0.02)] }), 3);
  });

  it("repairs a bow-tie into its two triangles", () => {
    const bowTie: GeoJSON.Polygon = {
      type: "Polygon",
      coordinates: [
        [
          [-100, 40],
          [-99.9, 40.1],
          [-99.9, 40],
          [-100, 40.1],
          [-100, 40],
        ],
      ],
    };
    const prepared = prepareGeometry(bowTie);
    expect(prepared.problems.join()).toMatch(/rings cross at 1 point; 1 part rebuilt/);
    expect(prepared.valid).toBe(true);
    // Two triangles, each a quarter of the 0.1° square.
    expect(prepared.area / area({ type: "Polygon", coordinates: [square(-100, 40, 0.1)] })).toBeCloseTo(0.5, 3);
  });

  it("spreads slightly overlapping parts over layers and counts the sliver twice, as turf.area does", () => {
    // Two parts that overlap by a 0.00001° strip: digitised separately, grouped by name.
    const parts: GeoJSON.MultiPolygon = {
      type: "MultiPolygon",
      coordinates: [
        [square(-100, 40, 0.1)],
        [
          [
            [-99.90001, 40.02],
            [-99.8, 40.02],
            [-99.8, 40.06],
            [-99.90001, 40.06],
            [-99.90001, 40.02],
          ],
        ],
      ],
    };
    const prepared = prepareGeometry(parts);
    expect(prepared.layers).toHaveLength(2);
    expect(prepared.problems.join()).toMatch(/overlap by .* m² in all \(counted as given\)/);
    expect(prepared.area).toBeCloseTo(area(parts), 1);
  });

  it("merges parts that overlap substantially (a duplicated feature)", () => {
    const duplicated: GeoJSON.MultiPolygon = { type: "MultiPolygon", coordinates: [[square(-100, 40, 0.1)], [square(-100, 40, 0.1)]] };
    const prepared = prepareGeometry(duplicated);
    expect(prepared.problems.join()).toMatch(/merged 2 overlapping parts/);
    expect(prepared.layers).toHaveLength(1);
    expect(prepared.area).toBeCloseTo(area({ type: "Polygon", coordinates: [square(-100, 40, 0.1)] }), 1);
  });

  it("repairs a hole drawn outside its shell", () => {
    const stray: GeoJSON.Polygon = { type: "Polygon", coordinates: [square(-100, 40, 0.1), square(-99.5, 40, 0.1)] };
    const prepared = prepareGeometry(stray);
    expect(prepared.problems.join()).toMatch(/a hole lies outside its shell in 1 part; 1 part rebuilt/);
    expect(prepared.valid).toBe(true);
  });

  it("never throws on hostile input", () => {
    const hostile: unknown[] = [
      { type: "Polygon", coordinates: [] },
      { type: "Polygon", coordinates: [[]] },
      {
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, 1],
          ],
        ],
      },
      {
        type: "Polygon",
        coordinates: [
          [
            [NaN, 0],
            [Infinity, 1],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      {
        type: "MultiPolygon",
        coordinates: [
          null,
          [
            [
              ["a", "b"],
              [1, 2],
              [3, 4],
            ],
          ],
        ],
      },
      {
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [0, 0],
            [0, 0],
            [0, 0],
          ],
        ],
      },
    ];
    for (const geometry of hostile) {
      const prepared = prepareGeometry(geometry as GeoJSON.Polygon);
      expect(prepared.area).toBe(0);
      expect(prepared.layers).toEqual([]);
    }
  });
});

describe("geometryIntersectionArea", () => {
  it("sums over layers", () => {
    const parts: GeoJSON.MultiPolygon = {
      type: "MultiPolygon",
      coordinates: [
        [square(-100, 40, 0.1)],
        [
          [
            [-99.90001, 40.02],
            [-99.8, 40.02],
            [-99.8, 40.06],
            [-99.90001, 40.06],
            [-99.90001, 40.02],
          ],
        ],
      ],
    };
    const body = prepareGeometry(parts);
    const everything = prepareGeometry({ type: "Polygon", coordinates: [square(-101, 39, 3)] });
    expect(geometryIntersectionArea(body, everything)).toBeCloseTo(body.area, 3);
  });
});
