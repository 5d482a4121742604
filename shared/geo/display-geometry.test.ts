import { describe, expect, it } from "vitest";
import { geometryBBox } from "./bbox";
import { toDisplayGeometry } from "./display-geometry";

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === "object") {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
};

/** A square with 400 nearly collinear points along its bottom edge and a hole. */
const noisySquare: GeoJSON.Polygon = deepFreeze({
  type: "Polygon",
  coordinates: [
    [[0, 0], ...Array.from({ length: 400 }, (_, i) => [(i + 1) / 401, (i % 2) * 1e-7]), [1, 0], [1, 1], [0, 1], [0, 0]],
    [
      [0.4, 0.4],
      [0.6, 0.4],
      [0.6, 0.6],
      [0.4, 0.6],
      [0.4, 0.4],
    ],
  ],
});

describe("toDisplayGeometry", () => {
  it("drops redundant vertices but keeps the outline and the hole", () => {
    const display = toDisplayGeometry(noisySquare) as GeoJSON.Polygon;
    expect(display.type).toBe("Polygon");
    expect(display.coordinates[0]!.length).toBe(5);
    expect(display.coordinates[1]).toEqual(noisySquare.coordinates[1]);
    expect(geometryBBox(display)).toEqual([0, 0, 1, 1]);
  });

  it("rounds to the requested precision and removes repeats created by rounding", () => {
    const polygon: GeoJSON.Polygon = {
      type: "Polygon",
      coordinates: [
        [
          [0.1234567, 0.1],
          [0.1234568, 0.1],
          [0.5, 0.1],
          [0.5, 0.5],
          [0.1234567, 0.1],
        ],
      ],
    };
    const display = toDisplayGeometry(polygon, { tolerance: 0, decimals: 5 }) as GeoJSON.Polygon;
    expect(display.coordinates[0]).toEqual([
      [0.12346, 0.1],
      [0.5, 0.1],
      [0.5, 0.5],
      [0.12346, 0.1],
    ]);
  });

  it("keeps a body whose every part would collapse, rather than losing it", () => {
    const speck: GeoJSON.MultiPolygon = {
      type: "MultiPolygon",
      coordinates: [
        [
          [
            [0, 0],
            [0.000001, 0],
            [0.000001, 0.000001],
            [0, 0],
          ],
        ],
      ],
    };
    expect(toDisplayGeometry(speck)).toEqual(speck);
  });

  it("drops a degenerate part (a ring of three points) and keeps the rest", () => {
    const multi: GeoJSON.MultiPolygon = {
      type: "MultiPolygon",
      coordinates: [
        [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
        [
          [
            [2, 2],
            [3, 2],
            [3, 3],
            [2, 3],
            [2, 2],
          ],
        ],
      ],
    };
    expect(toDisplayGeometry(multi)).toEqual({ type: "MultiPolygon", coordinates: [multi.coordinates[1]] });
  });

  it("does not mutate its input (frozen fixture)", () => {
    expect(() => toDisplayGeometry(noisySquare)).not.toThrow();
  });
});
