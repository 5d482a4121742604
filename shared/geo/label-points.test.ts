import { describe, expect, it } from "vitest";
import { boxSizeKm2, labelPoints } from "./label-points";

const square = (x: number, y: number, side: number): GeoJSON.Polygon => ({
  type: "Polygon",
  coordinates: [
    [
      [x, y],
      [x + side, y],
      [x + side, y + side],
      [x, y + side],
      [x, y],
    ],
  ],
});

describe("labelPoints", () => {
  it("puts one point inside each named polygon, sized by its box", () => {
    const points = labelPoints({
      type: "FeatureCollection",
      features: [
        { type: "Feature", id: 7, properties: { name: "Big" }, geometry: square(0, 0, 1) },
        { type: "Feature", id: 8, properties: { name: "Small" }, geometry: square(2, 0, 0.1) },
        { type: "Feature", id: 9, properties: { name: "" }, geometry: square(4, 0, 1) },
        { type: "Feature", id: 10, properties: { name: "A point" }, geometry: { type: "Point", coordinates: [1, 1] } },
      ],
    });
    expect(points.features.map((feature) => [feature.id, feature.properties.name])).toEqual([
      [7, "Big"],
      [8, "Small"],
    ]);
    expect(points.features[0]!.geometry.coordinates).toEqual([0.5, 0.5]);
    expect(points.features[0]!.properties.size).toBeGreaterThan(100 * points.features[1]!.properties.size - 1);
  });

  it("labels the slim index's bodies (tile mode) at their point, sized by their box", () => {
    const indexed = {
      type: "Feature" as const,
      id: 3,
      bbox: [0, 0, 1, 1] as GeoJSON.BBox,
      label: [0.4, 0.6],
      properties: { name: "Tiled" },
      geometry: { type: "Point" as const, coordinates: [0.4, 0.6] },
    };
    const points = labelPoints({ type: "FeatureCollection", features: [indexed] });
    expect(points.features).toEqual([
      { type: "Feature", id: 3, properties: { name: "Tiled", size: boxSizeKm2(square(0, 0, 1)) }, geometry: { type: "Point", coordinates: [0.4, 0.6] } },
    ]);
  });

  it("shrinks boxes away from the equator", () => {
    expect(boxSizeKm2(square(0, 0, 1))).toBeCloseTo(12392, -1);
    expect(boxSizeKm2(square(0, 60, 1))).toBeLessThan(boxSizeKm2(square(0, 0, 1)) * 0.55);
  });
});
