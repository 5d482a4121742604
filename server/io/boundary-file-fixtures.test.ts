import fs from "node:fs";
import { area, centroid, distance } from "@turf/turf";
import { describe, expect, it } from "vitest";
import { needsSharedFixtures, sharedFixture } from "../../test/helpers/shared-fixtures";
import { type BoundaryFeature, type BoundaryFile, readBoundaryFile } from "./boundary-file";

/**
 * The reader against real public boundary files in ../shared/fixtures (see its README for the
 * numbers quoted here). Without the folder these tests are skipped, loudly.
 */

const TESTS = 8;
const present = needsSharedFixtures(TESTS);

function positions(feature: BoundaryFeature): GeoJSON.Position[] {
  const polygons = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  return polygons.flat(2);
}

function named(file: BoundaryFile, field: string, value: unknown): BoundaryFeature {
  const found = file.features.find((feature) => feature.properties[field] === value);
  if (!found) throw new Error(`no feature with ${field} = ${String(value)}`);
  return found;
}

function repairsOf(file: BoundaryFile, feature: BoundaryFeature): string[] {
  return file.repairs.filter((repair) => feature.sourceIndexes.includes(repair.index)).map((repair) => repair.what);
}

function expectBBox(actual: number[], expected: number[], digits = 5): void {
  expect(actual.map((value) => +value.toFixed(digits))).toEqual(expected);
}

// Whole state files: on two cores shared with the other test files, one can take longer than 5 s.
describe.runIf(present)("real boundary files (../shared/fixtures)", { timeout: 60_000 }, () => {
  it("reprojects the San José State Plane shapefile to within a metre of the city's WGS84 twin", async () => {
    const projected = await readBoundaryFile(sharedFixture("shapefiles/sanjose_city_council_districts_ca_stateplane3_ftus.zip"));
    const twin = await readBoundaryFile(sharedFixture("shapefiles/sanjose_city_council_districts_wgs84.geojson"));
    expect(projected.sourceCrs).toBe("NAD_1983_StatePlane_California_III_FIPS_0403_Feet");
    expect(projected.features).toHaveLength(10);
    for (const district of projected.features) {
      const reference = named(twin, "DISTRICTS", district.properties.DISTRICTS);
      expect(Math.abs(area(district.geometry) - area(reference.geometry)) / 1e6).toBeLessThan(0.001);
      expect(distance(centroid(district.geometry), centroid(reference.geometry), { units: "meters" })).toBeLessThan(1);
      const ours = positions(district);
      const theirs = positions(reference);
      expect(ours).toHaveLength(theirs.length);
      const worst = Math.max(...ours.map((position, i) => distance(position, theirs[i]!, { units: "meters" })));
      expect(worst).toBeLessThan(1);
    }
  });

  it("reads the RI plan shapefiles with their real extent, not the whole-US header bbox", async () => {
    const house = await readBoundaryFile(sharedFixture("ri/shapefiles/RI_House_D_SubA.zip"));
    const senate = await readBoundaryFile(sharedFixture("ri/shapefiles/RI_Senate_D_SubA.zip"));
    const congress = await readBoundaryFile(sharedFixture("ri/shapefiles/Congress_B.zip"));
    expect([house.features.length, senate.features.length, congress.features.length]).toEqual([75, 38, 2]);
    expectBBox(house.bbox, [-71.90726, 41.09583, -71.08857, 42.0188]);
    expectBBox(senate.bbox, [-71.90726, 41.09583, -71.1164, 42.0188]);
    expectBBox(congress.bbox, [-71.90726, 41.09583, -71.08857, 42.0188]);
    expect(house.fields).toEqual(["ID", "DISTRICT", "DISTRICTN"]);
    expect(house.sourceCrs).toBe("GCS_North_American_1983");
  });

  it("groups the 396 RI municipal polygons by NAME into 39 towns", async () => {
    const file = await readBoundaryFile(sharedFixture("ri/ri_municipalities_rigis.geojson"), { groupBy: "NAME" });
    expect(file.features).toHaveLength(39);
    expect(file.features.reduce((sum, town) => sum + town.sourceIndexes.length, 0)).toBe(396);
    const littleCompton = named(file, "NAME", "LITTLE COMPTON");
    expect(littleCompton.geometry.type).toBe("MultiPolygon");
    expect(littleCompton.sourceIndexes).toHaveLength(75);
    expectBBox(file.bbox, [-71.89239, 41.14656, -71.12052, 42.01888]);
    expect(file.skipped).toEqual([]);
  });

  it("reads the Maine TIGER county subdivisions zip: 532 features with a GEOID", async () => {
    const file = await readBoundaryFile(sharedFixture("shapefiles/tl_2019_23_cousub.zip"));
    expect(file.features).toHaveLength(532);
    expect(file.features.every((feature) => /^23\d{8}$/.test(String(feature.properties.GEOID)))).toBe(true);
    expect(new Set(file.features.map((feature) => feature.properties.GEOID)).size).toBe(532);
    expect(file.fields).toContain("NAMELSAD");
    expectBBox(file.bbox, [-71.08393, 42.91713, -66.88544, 47.45983]);
  });

  it("keeps Harbor Gateway South as drawn: its holes touch its shell at two points but cross nothing, which the engine and the map take as they are", async () => {
    const file = await readBoundaryFile(sharedFixture("la/la_neighborhood_councils.geojson"));
    const harbor = named(file, "Name", "Harbor Gateway South");
    expect(repairsOf(file, harbor)).toEqual([]);
    const raw = JSON.parse(fs.readFileSync(sharedFixture("la/la_neighborhood_councils.geojson"), "utf8")) as GeoJSON.FeatureCollection;
    const drawn = raw.features.find((feature) => feature.properties?.Name === "Harbor Gateway South")!;
    expect(area(harbor.geometry) / 1e6).toBeCloseTo(area(drawn.geometry as GeoJSON.Polygon) / 1e6, 6);
  });

  it("drops Sunland-Tujunga's eight far-away degenerate parts, so its bbox and the file's are the real ones", async () => {
    const file = await readBoundaryFile(sharedFixture("la/la_neighborhood_councils.geojson"));
    const sunland = named(file, "Name", "Sunland-Tujunga");
    expect(repairsOf(file, sunland)).toEqual([expect.stringMatching(/^dropped 8 degenerate polygon parts smaller than 0\.25 m² near -117\.657\d, 34\.914\d$/)]);
    expect(sunland.geometry.type).toBe("Polygon");
    expect(area(sunland.geometry) / 1e6).toBeCloseTo(31, 0);
    expect(sunland.bbox[2]).toBeLessThan(-118.2);
    expect(file.bbox[2]).toBeLessThan(-118.15);
    expect(file.bbox[3]).toBeLessThan(34.34);
    expect(file.features).toHaveLength(99);
  });

  it("reads the LA council districts' legacy CRS84 member as lon/lat", async () => {
    const file = await readBoundaryFile(sharedFixture("la/la_city_council_districts.geojson"));
    expect(file.sourceCrs).toBe("OGC:CRS84");
    expect(file.features).toHaveLength(15);
    expectBBox(file.bbox, [-118.66819, 33.7046, -118.15537, 34.33731]);
  });

  it("reads the RI House GeoJSON and its shapefile twin to the same districts", async () => {
    const geojson = await readBoundaryFile(sharedFixture("ri/ri_house_districts_2022.geojson"));
    const shapefile = await readBoundaryFile(sharedFixture("ri/shapefiles/RI_House_D_SubA.zip"));
    for (const district of geojson.features) {
      const twin = named(shapefile, "DISTRICT", district.properties.DISTRICT);
      expect(Math.abs(area(district.geometry) - area(twin.geometry))).toBeLessThan(1);
    }
  });
});
