import { describe, expect, it } from "vitest";
import { readUsAtlasReference } from "./us-atlas";

describe("readUsAtlasReference", () => {
  const features = readUsAtlasReference();
  const ofLayer = (layer: string) => features.filter((feature) => feature.properties?.layer === layer);

  it("holds the land, the state borders, the county borders within states and one label per state", () => {
    expect(ofLayer("land")).toHaveLength(1);
    expect(ofLayer("state_border")).toHaveLength(1);
    expect(ofLayer("county_border")).toHaveLength(1);
    const labels = ofLayer("state_label");
    expect(labels.length).toBeGreaterThanOrEqual(50);
    const rhodeIsland = labels.find((label) => label.properties?.name === "Rhode Island");
    const [lon, lat] = (rhodeIsland?.geometry as GeoJSON.Point).coordinates as [number, number];
    // Inside Rhode Island's box, not in the sea.
    expect(lon).toBeGreaterThan(-71.9);
    expect(lon).toBeLessThan(-71.1);
    expect(lat).toBeGreaterThan(41.3);
    expect(lat).toBeLessThan(42.1);
  });

  it("keeps county lines off the state lines (interior county borders only) and rounds coordinates", () => {
    const counties = (ofLayer("county_border")[0]!.geometry as GeoJSON.MultiLineString).coordinates.length;
    const states = (ofLayer("state_border")[0]!.geometry as GeoJSON.MultiLineString).coordinates.length;
    expect(counties).toBeGreaterThan(states);
    const sample = (ofLayer("state_border")[0]!.geometry as GeoJSON.MultiLineString).coordinates[0]![0]!;
    for (const value of sample) expect(Math.round(value * 1000) / 1000).toBe(value);
    // The whole layer stays small enough to ship to a phone.
    expect(JSON.stringify(features).length).toBeLessThan(1_000_000);
  });
});
