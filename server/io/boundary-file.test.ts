import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { type Shape, shapefileEntries, square, WGS84_PRJ, writeDbf, writeShp, writeZip } from "../../test/helpers/shapefile-writer";
import { InputError } from "../errors";
import { type BoundaryFile, readBoundaryBytes, readBoundaryFile } from "./boundary-file";

const geoIn = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../test/fixtures/geo/in");
const temporary = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-boundary-"));
afterAll(() => fs.rmSync(temporary, { recursive: true, force: true }));

function signedArea(ring: GeoJSON.Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return sum / 2;
}

function byName(file: BoundaryFile, name: string) {
  const found = file.features.find((feature) => feature.properties.NAME === name);
  if (!found) throw new Error(`no feature named ${name}`);
  return found;
}

function repairsOf(file: BoundaryFile, index: number): string[] {
  return file.repairs.filter((repair) => repair.index === index).map((repair) => repair.what);
}

function json(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

async function refusal(read: () => Promise<unknown>): Promise<string> {
  try {
    await read();
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error("accepted a file it should refuse");
}

describe("TopoJSON", () => {
  const file = path.join(geoIn, "towns-and-district.topojson");

  it("reads every object, dequantizes arcs, keeps ids as a property and skips the town hall point", async () => {
    const result = await readBoundaryFile(file);
    expect(result.format).toBe("topojson");
    expect(result.features.map((feature) => feature.properties.NAME ?? feature.properties.DISTRICT)).toEqual(["West Town", "East Town", "1"]);
    expect(byName(result, "West Town").properties.id).toBe("4400100001");
    expect(byName(result, "West Town").bbox.map((value) => +value.toFixed(9))).toEqual([-71.5, 41.7, -71.49, 41.71]);
    expect(result.fields).toEqual(["NAME", "id", "DISTRICT"]);
    expect(result.skipped).toEqual([{ index: 2, reason: "Point feature in a polygon layer" }]);
  });

  it("reads one named object, and names the objects when the one asked for is missing", async () => {
    const districts = await readBoundaryFile(file, { layer: "districts" });
    expect(districts.features).toHaveLength(1);
    expect(districts.bbox.map((value) => +value.toFixed(9))).toEqual([-71.5, 41.7, -71.48, 41.71]);
    expect(await refusal(() => readBoundaryFile(file, { layer: "wards" }))).toBe('no TopoJSON object "wards" (objects: towns, districts)');
  });

  it("refuses a polygon whose arcs are missing instead of failing inside topojson-client", async () => {
    const topology = {
      type: "Topology",
      objects: { towns: { type: "GeometryCollection", geometries: [{ type: "Polygon", rcs: [[0]], properties: { NAME: "Broken" } }] } },
      arcs: [
        [
          [-71.5, 41.5],
          [-71.4, 41.5],
          [-71.4, 41.6],
          [-71.5, 41.5],
        ],
      ],
    };
    expect(await refusal(() => readBoundaryBytes(json(topology), "towns.topojson"))).toBe('TopoJSON object "towns" has a Polygon without arcs');
  });
});

describe("legacy GeoJSON with a crs member", () => {
  it("reprojects urn:ogc:def:crs:EPSG::26919 (UTM 19N) to the lon/lat it was made from", async () => {
    const result = await readBoundaryFile(path.join(geoIn, "legacy-crs-urn-epsg-26919.geojson"));
    const { expected_west, expected_south, expected_east, expected_north } = result.features[0]!.properties as Record<string, number>;
    expect(result.sourceCrs).toBe("EPSG:26919");
    result.bbox.forEach((value, i) => expect(value).toBeCloseTo([expected_west, expected_south, expected_east, expected_north][i]!, 7));
  });

  it("reprojects EPSG:3857 to what the spherical Mercator formulas give", async () => {
    const result = await readBoundaryFile(path.join(geoIn, "legacy-crs-epsg-3857.geojson"));
    const source = JSON.parse(fs.readFileSync(path.join(geoIn, "legacy-crs-epsg-3857.geojson"), "utf8")).features[0].geometry.coordinates[0];
    const R = 6378137;
    const inverse = ([x, y]: [number, number]) => [((x / R) * 180) / Math.PI, ((2 * Math.atan(Math.exp(y / R)) - Math.PI / 2) * 180) / Math.PI];
    const ring = (result.features[0]!.geometry as GeoJSON.Polygon).coordinates[0]!;
    const expectedRing = (source as Array<[number, number]>).map(inverse);
    // Compare as sets of corners: the reader may rewind the ring to RFC 7946 order.
    for (const corner of expectedRing) expect(ring.some(([lon, lat]) => Math.abs(lon! - corner[0]!) < 1e-9 && Math.abs(lat! - corner[1]!) < 1e-9)).toBe(true);
    expect(result.sourceCrs).toBe("EPSG:3857");
  });

  it("takes CRS84 as lon/lat and a feature id as property id", async () => {
    const result = await readBoundaryFile(path.join(geoIn, "legacy-crs-crs84.geojson"));
    expect(result.sourceCrs).toBe("OGC:CRS84");
    expect(result.bbox).toEqual([-71.42, 41.82, -71.4, 41.83]);
    expect(result.features[0]!.properties.id).toBe("ri-1");
  });

  it("lets the caller name the CRS of a file that does not", async () => {
    const projected = JSON.parse(fs.readFileSync(path.join(geoIn, "legacy-crs-epsg-3857.geojson"), "utf8"));
    delete projected.crs;
    expect(await refusal(() => readBoundaryBytes(json(projected), "mercator.geojson"))).toMatch(/looks projected/);
    const result = await readBoundaryBytes(json(projected), "mercator.geojson", { crs: "EPSG:3857" });
    expect(result.bbox[0]).toBeCloseTo(-71.42, 7);
  });
});

describe("repairs and skips (messy-rings.geojson)", async () => {
  const result = await readBoundaryFile(path.join(geoIn, "messy-rings.geojson"));

  it("closes unclosed rings and drops repeated points", () => {
    expect(repairsOf(result, 0)).toEqual(["closed 1 unclosed ring", "removed 2 repeated consecutive points"]);
    const ring = (byName(result, "unclosed with repeats").geometry as GeoJSON.Polygon).coordinates[0]!;
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
  });

  it("reports a self-crossing ring and rebuilds it as two triangles", () => {
    expect(repairsOf(result, 1)).toEqual(["self-intersecting: rings cross at 1 point; 1 part rebuilt with a polygon union (non-zero rule)"]);
    const bowTie = byName(result, "bow tie").geometry;
    expect(bowTie.type).toBe("MultiPolygon");
    expect((bowTie as GeoJSON.MultiPolygon).coordinates).toHaveLength(2);
  });

  it("drops rings with fewer than 4 points, and a feature left with nothing", () => {
    expect(repairsOf(result, 2)).toEqual(["dropped 1 hole with fewer than 4 points"]);
    expect((byName(result, "short hole").geometry as GeoJSON.Polygon).coordinates).toHaveLength(1);
    expect(repairsOf(result, 7)).toEqual(["dropped 1 polygon part with fewer than 4 points"]);
  });

  it("keeps the polygons of a GeometryCollection and drops far-away specks, so the bbox is the real one", () => {
    expect(repairsOf(result, 5)).toEqual(["dropped 1 non-polygon member of a GeometryCollection"]);
    expect(repairsOf(result, 6)).toEqual(["dropped 1 degenerate polygon part smaller than 0.25 m² near -70.0000, 43.0000"]);
    const island = byName(result, "island with a far speck");
    expect(island.geometry.type).toBe("Polygon");
    expect(island.bbox).toEqual([-71.42, 41.8, -71.41, 41.81]);
  });

  it("skips points, lines and empty geometries with a reason", () => {
    expect(result.skipped).toEqual([
      { index: 3, reason: "Point feature in a polygon layer" },
      { index: 4, reason: "LineString feature in a polygon layer" },
      { index: 7, reason: "no polygon area left after repairs" },
      { index: 8, reason: "no geometry" },
    ]);
    expect(result.features.map((feature) => feature.sourceIndexes)).toEqual([[0], [1], [2], [5], [6]]);
  });

  it("winds exterior rings counterclockwise and holes clockwise (RFC 7946)", () => {
    for (const feature of result.features) {
      const polygons = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
      for (const [outer, ...holes] of polygons) {
        expect(signedArea(outer!)).toBeGreaterThan(0);
        for (const hole of holes) expect(signedArea(hole)).toBeLessThan(0);
      }
    }
  });
});

describe("grouping by an id field", () => {
  const polygon = (west: number): GeoJSON.Polygon => ({ type: "Polygon", coordinates: [square(west, 41.8).reverse()] });
  const layer = {
    type: "FeatureCollection",
    features: [
      { type: "Feature", properties: { NAME: "Newport", part: 1 }, geometry: polygon(-71.33) },
      { type: "Feature", properties: { NAME: "Jamestown" }, geometry: polygon(-71.38) },
      { type: "Feature", properties: { NAME: "Newport", part: 2 }, geometry: polygon(-71.3) },
      { type: "Feature", properties: { NAME: null }, geometry: polygon(-71.2) },
    ],
  };

  it("merges the parts of each id into one MultiPolygon, in first-seen order", async () => {
    const result = await readBoundaryBytes(json(layer), "towns.geojson", { groupBy: "NAME" });
    expect(result.features.map((feature) => feature.properties.NAME)).toEqual(["Newport", "Jamestown"]);
    expect(result.features[0]!.geometry.type).toBe("MultiPolygon");
    expect(result.features[0]!.sourceIndexes).toEqual([0, 2]);
    expect(result.features[0]!.bbox.map((value) => +value.toFixed(9))).toEqual([-71.33, 41.8, -71.29, 41.81]);
    expect(result.skipped).toEqual([{ index: 3, reason: "no NAME value to group by" }]);
  });

  it("refuses a grouping field the file does not have, listing the fields", async () => {
    expect(await refusal(() => readBoundaryBytes(json(layer), "towns.geojson", { groupBy: "TOWN" }))).toBe('no field "TOWN" to group by (fields: NAME, part)');
  });
});

describe("shapefiles", () => {
  const names = ["Pawtucket Café", "Central Falls", "Lincoln"];
  const shapes: Shape[] = [{ type: "polygon", rings: [square(-71.4, 41.87), square(-71.397, 41.873, 0.004).reverse()] }, { type: "polygon", rings: [square(-71.39, 41.89)] }, null];
  const fields = [
    { name: "NAME", type: "C" as const, length: 24 },
    { name: "GEOID", type: "C" as const, length: 10 },
    { name: "POP", type: "N" as const, length: 9 },
  ];
  const rows = names.map((NAME, i) => ({ NAME, GEOID: `44007${5450 + i}`.padEnd(10, "0"), POP: 1000 * (i + 1) }));
  const windows1252 = (text: string) => Uint8Array.from(text, (character) => (character === "é" ? 0xe9 : character.charCodeAt(0)));
  const US_HEADER_BBOX: [number, number, number, number] = [-178.2176, 18.9248, -66.9693, 71.4062];

  it("reads a zip with the layer in a subfolder, sidecars in any case, a .cpg code page and a lying header bbox", async () => {
    const { shp, shx } = writeShp(shapes, { headerBBox: US_HEADER_BBOX });
    const zip = writeZip([
      { name: "__MACOSX/export/._towns.shp", data: new Uint8Array([0, 5, 22, 7]) },
      { name: "export/towns.shp", data: shp },
      { name: "export/towns.shx", data: shx },
      { name: "export/towns.dbf", data: writeDbf(fields, rows, windows1252) },
      { name: "export/TOWNS.PRJ", data: new TextEncoder().encode(WGS84_PRJ) },
      { name: "export/Towns.cpg", data: new TextEncoder().encode("ANSI 1252") },
    ]);
    const result = await readBoundaryBytes(zip, "towns.zip");
    expect(result.format).toBe("shapefile");
    expect(result.sourceCrs).toBe("GCS_WGS_1984");
    expect(result.fields).toEqual(["NAME", "GEOID", "POP"]);
    expect(result.features.map((feature) => feature.properties.NAME)).toEqual(["Pawtucket Café", "Central Falls"]);
    expect(result.features[0]!.properties.POP).toBe(1000);
    expect(result.bbox.map((value) => +value.toFixed(9))).toEqual([-71.4, 41.87, -71.38, 41.9]);
    expect(result.skipped).toEqual([{ index: 2, reason: "no geometry" }]);
    const withHole = result.features[0]!.geometry as GeoJSON.Polygon;
    expect(withHole.coordinates).toHaveLength(2);
    expect(signedArea(withHole.coordinates[0]!)).toBeGreaterThan(0);
    expect(signedArea(withHole.coordinates[1]!)).toBeLessThan(0);
  });

  it("reads a loose .shp with upper-case sidecars, skipping rows flagged deleted", async () => {
    const folder = fs.mkdtempSync(path.join(temporary, "loose-"));
    const { shp, shx } = writeShp(shapes.slice(0, 2));
    const dbf = writeDbf(fields, rows.slice(0, 2), windows1252);
    dbf[32 + 32 * fields.length + 1] = 0x2a; // first row flagged deleted
    fs.writeFileSync(path.join(folder, "towns.shp"), shp);
    fs.writeFileSync(path.join(folder, "TOWNS.SHX"), shx);
    fs.writeFileSync(path.join(folder, "TOWNS.DBF"), dbf);
    fs.writeFileSync(path.join(folder, "Towns.prj"), WGS84_PRJ);
    const result = await readBoundaryFile(path.join(folder, "towns.shp"));
    expect(result.features.map((feature) => feature.properties.NAME)).toEqual(["Central Falls"]);
    expect(result.skipped).toEqual([{ index: 0, reason: "row marked deleted in the .dbf" }]);
  });

  it("decodes a .dbf without .cpg as UTF-8 when it is valid UTF-8, and assumes lon/lat without a .prj", async () => {
    const { shp } = writeShp(shapes.slice(0, 1));
    const zip = writeZip(shapefileEntries("towns", { shp, dbf: writeDbf(fields, [{ ...rows[0]!, NAME: "São Tomé" }]) }));
    const result = await readBoundaryBytes(zip, "towns.zip");
    expect(result.features[0]!.properties.NAME).toBe("São Tomé");
    expect(result.sourceCrs).toBe("EPSG:4326 (assumed: no .prj)");
  });

  it("takes the named layer from a zip holding several", async () => {
    const { shp } = writeShp(shapes.slice(0, 2));
    const dbf = writeDbf(fields, rows.slice(0, 2));
    const zip = writeZip([
      ...shapefileEntries("house", { shp, dbf, prj: WGS84_PRJ }),
      ...shapefileEntries("senate", { shp: writeShp(shapes.slice(1, 2)).shp, dbf: writeDbf(fields, rows.slice(1, 2)), prj: WGS84_PRJ }),
    ]);
    expect((await readBoundaryBytes(zip, "plans.zip", { layer: "senate" })).features).toHaveLength(1);
    expect(await refusal(() => readBoundaryBytes(zip, "plans.zip", { layer: "congress" }))).toBe('the zip holds no shapefile "congress" (shapefiles: house, senate)');
  });

  it("refuses a bare .shp sent as bytes", async () => {
    const { shp } = writeShp(shapes.slice(0, 1));
    expect(await refusal(() => readBoundaryBytes(shp, "towns.shp"))).toMatch(/^towns\.shp is a bare \.shp; send a \.zip/);
  });
});

describe("progress", () => {
  it("reports rising fractions and ends at 1", async () => {
    const features = Array.from({ length: 300 }, (_, i) => ({
      type: "Feature",
      properties: { NAME: `Town ${i}` },
      geometry: { type: "Polygon", coordinates: [square(-71.5 + 0.001 * i, 41.8).reverse()] },
    }));
    const fractions: number[] = [];
    await readBoundaryBytes(json({ type: "FeatureCollection", features }), "towns.geojson", { onProgress: (fraction) => fractions.push(fraction) });
    expect(fractions.length).toBeGreaterThan(10);
    expect(fractions.at(-1)).toBe(1);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
  });
});

describe("point features, kept when asked (a population layer)", () => {
  it("keeps block centroids from a zipped point shapefile, with their counts, in file order", async () => {
    const shapes: Shape[] = [
      { type: "point", x: -71.41, y: 41.82 },
      { type: "point", x: -71.42, y: 41.83 },
    ];
    const { shp, shx } = writeShp(shapes);
    const dbf = writeDbf([{ name: "POP20", type: "N" as const, length: 9 }], [{ POP20: 12 }, { POP20: 0 }]);
    const zip = writeZip([
      { name: "blocks.shp", data: shp },
      { name: "blocks.shx", data: shx },
      { name: "blocks.dbf", data: dbf },
      { name: "blocks.prj", data: new TextEncoder().encode(WGS84_PRJ) },
    ]);
    expect(await refusal(() => readBoundaryBytes(zip, "blocks.zip"))).toBe("no polygon features: 2 features skipped (2 × Point feature in a polygon layer)");
    const result = await readBoundaryBytes(zip, "blocks.zip", { points: true });
    expect(result.features).toEqual([]);
    expect(result.points).toEqual([
      { index: 0, properties: { POP20: 12 }, coordinates: [-71.41, 41.82] },
      { index: 1, properties: { POP20: 0 }, coordinates: [-71.42, 41.83] },
    ]);
    expect(result.bbox).toEqual([-71.42, 41.82, -71.41, 41.83]);
  });

  it("reads points beside polygons, splits a MultiPoint, drops Z, and refuses a point that is not two numbers", async () => {
    const layer = {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { N: 1 },
          geometry: {
            type: "MultiPoint",
            coordinates: [
              [-71.5, 41.7, 12],
              [-71.6, 41.8],
            ],
          },
        },
        { type: "Feature", properties: { N: 2 }, geometry: { type: "Polygon", coordinates: [square(-71.5, 41.7)] } },
        {
          type: "Feature",
          properties: { N: 3 },
          geometry: {
            type: "LineString",
            coordinates: [
              [-71.5, 41.7],
              [-71.6, 41.8],
            ],
          },
        },
      ],
    };
    const result = await readBoundaryBytes(json(layer), "mixed.geojson", { points: true });
    expect(result.points).toEqual([
      { index: 0, properties: { N: 1 }, coordinates: [-71.5, 41.7] },
      { index: 0, properties: { N: 1 }, coordinates: [-71.6, 41.8] },
    ]);
    expect(result.features.map((feature) => feature.sourceIndexes)).toEqual([[1]]);
    expect(result.skipped).toEqual([{ index: 2, reason: "LineString feature in a polygon layer" }]);
    const bad = { type: "FeatureCollection", features: [{ type: "Feature", properties: {}, geometry: { type: "Point", coordinates: ["x", 41] } }] };
    expect(await refusal(() => readBoundaryBytes(json(bad), "bad.geojson", { points: true }))).toBe("feature #1: a point's coordinates are not two finite numbers");
  });
});
