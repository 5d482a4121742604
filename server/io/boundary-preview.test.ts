import { describe, expect, it } from "vitest";
import type { BoundaryFeature, BoundaryFile } from "./boundary-types";
import { previewBoundaryFile } from "./boundary-preview";

/** A circle of `vertices` points: simplification has something to remove. */
function circle(centerLon: number, centerLat: number, radius: number, vertices: number): GeoJSON.Polygon {
  const ring = Array.from({ length: vertices }, (_, index) => {
    const angle = (2 * Math.PI * index) / vertices;
    return [centerLon + radius * Math.cos(angle), centerLat + radius * Math.sin(angle)];
  });
  return { type: "Polygon", coordinates: [[...ring, ring[0]!]] };
}

function layer(features: Array<{ properties: Record<string, unknown>; geometry: GeoJSON.Polygon }>): BoundaryFile {
  const file: BoundaryFile = {
    format: "geojson",
    sourceCrs: "EPSG:4326",
    reprojected: false,
    fields: [...new Set(features.flatMap((feature) => Object.keys(feature.properties)))],
    features: features.map((feature, index): BoundaryFeature => ({ ...feature, bbox: [0, 0, 0, 0], sourceIndexes: [index] })),
    bbox: [-72, 41, -71, 42],
    repairs: [{ index: 1, what: "closed an open ring" }],
    skipped: [],
  };
  return Object.freeze(file);
}

describe("previewBoundaryFile", () => {
  const towns = layer([
    { properties: { TOWN: "Foster", COUNTY: "Providence", NOTE: "x".repeat(80) }, geometry: circle(-71.7, 41.8, 0.05, 400) },
    { properties: { TOWN: "Scituate", COUNTY: "Providence", NOTE: null }, geometry: circle(-71.6, 41.8, 0.05, 400) },
    { properties: { TOWN: "Coventry", COUNTY: "Kent", NOTE: "" }, geometry: circle(-71.6, 41.7, 0.05, 400) },
  ]);

  it("describes each field with a few distinct values, how many are filled and whether they are unique", () => {
    const preview = previewBoundaryFile(towns, { samplesPerField: 2 });
    expect(preview.fields).toEqual([
      { name: "TOWN", samples: ["Foster", "Scituate"], filled: 3, unique: true },
      { name: "COUNTY", samples: ["Providence", "Kent"], filled: 3, unique: false },
      { name: "NOTE", samples: [`${"x".repeat(39)}…`], filled: 1, unique: true },
    ]);
    expect(preview.guesses).toEqual({ bodyName: "TOWN", districtName: null, id: null, population: null });
    expect(preview.repairs).toEqual({ count: 1, first: ["#2 closed an open ring"] });
    expect(preview.reprojected).toBe(false);
  });

  it("sends coarse outlines: far fewer vertices than the file, every feature kept", () => {
    const preview = previewBoundaryFile(towns);
    expect(preview.outlinesComplete).toBe(true);
    expect(preview.outlines.features).toHaveLength(3);
    const vertices = preview.outlines.features.reduce((sum, feature) => sum + (feature.geometry as GeoJSON.Polygon).coordinates[0]!.length, 0);
    expect(vertices).toBeLessThan(3 * 401 * 0.5);
    expect(vertices).toBeGreaterThan(3 * 8);
  });

  it("stops at the vertex cap and says the outlines are incomplete", () => {
    const preview = previewBoundaryFile(towns, { maxOutlineVertices: 5 });
    expect(preview.outlinesComplete).toBe(false);
    expect(preview.outlines.features.length).toBeLessThan(3);
  });
});
