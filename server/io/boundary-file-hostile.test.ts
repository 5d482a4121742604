import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { shapefileEntries, writeDbf, writeShp, writeZip } from "../../test/helpers/shapefile-writer";
import { InputError } from "../errors";
import { readBoundaryBytes, readBoundaryFile } from "./boundary-file";

/**
 * The hostile corpus (test/fixtures/bad, written by make-bad-files.ts): every file must be
 * refused with an InputError whose one-line message says specifically what is wrong.
 */

const badDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../test/fixtures/bad");

const expected: Record<string, RegExp> = {
  // JSON
  "empty.geojson": /^the file is empty$/,
  "whitespace-only.geojson": /^the file is empty$/,
  "truncated.geojson": /JSON ends early: the file is truncated/,
  "not-json.geojson": /^not valid JSON: Unexpected token/,
  "nan-coordinates.geojson": /coordinates contain NaN or Infinity/,
  "infinity-coordinates.geojson": /feature #1: coordinate \[Infinity, 41\.82\] is not a finite number/,
  "out-of-range-longitude.geojson": /coordinate \[200\.5, 41\.8\] is out of range \(longitude -180\.\.180/,
  "lat-lon-swapped.geojson": /has latitude -118\.3: looks like lat\/lon swapped/,
  "lat-lon-swapped-antarctica.geojson": /south of latitude -60 \(Antarctica.*looks like lat\/lon swapped/,
  "projected-without-crs.geojson": /is not lon\/lat: the data looks projected but name its CRS/,
  "points-only.geojson": /^no polygon features: 2 features skipped \(2 × Point feature in a polygon layer\)$/,
  "lines-only.geojson": /^no polygon features: .*LineString feature in a polygon layer/,
  "empty-feature-collection.geojson": /^the file holds no features$/,
  "null-geometries.geojson": /^no polygon features: .*2 × no geometry/,
  "only-degenerate-rings.geojson": /^no polygon features: .*no polygon area left after repairs/,
  "huge-attribute.geojson": /property "description" is 70,000 characters, over the 65,536-character cap/,
  "invalid-utf8.geojson": /^the file is not valid UTF-8 \(at byte 84\)/,
  "unknown-epsg.geojson": /^unknown EPSG code 99999/,
  "unsupported-crs-name.geojson": /^unsupported CRS name "urn:x-esri:bogus:1"/,
  "unsupported-crs-link.geojson": /^unsupported "crs" member .*"link"/,
  "vertical-crs.geojson": /^EPSG:5703 \(NAVD88 height\) is not a horizontal CRS/,
  "string-coordinates.geojson": /coordinate is not a number \(found "-71\.4"\)/,
  "deeply-nested.geojson": /malformed coordinates/,
  "not-geojson.json": /^not GeoJSON: expected a FeatureCollection/,
  "json-array.json": /holds a JSON array, not an object/,
  "topojson-bad-arc.topojson": /TopoJSON object "towns" refers to arc 99, but the file has 1 arc \(corrupt file\)/,
  "topojson-without-arcs.topojson": /TopoJSON Topology needs "objects" and "arcs"/,
  "unrecognised.bin": /^unrecognised file format/,
  // zips and shapefiles
  "not-a-zip.zip": /^not a zip archive/,
  "truncated.zip": /truncated one \(no central directory/,
  "empty.zip": /^the zip holds no \.shp \(entries: none\)$/,
  "zip-without-shp.zip": /^the zip holds no \.shp \(entries: readme\.txt, towns\.dbf\)$/,
  "shp-without-dbf.zip": /^towns\.shp has no \.dbf beside it/,
  "record-count-mismatch.zip": /^record-count mismatch: towns\.shp has 3 shapes, the \.dbf has 2 rows$/,
  "unknown-prj.zip": /^unknown \.prj: proj4 cannot read the projection "PROJCS\["Imaginary_Grid"/,
  "garbage-prj.zip": /^unknown \.prj: .*"this is not well-known text"/,
  "zip-slip.zip": /^zip entry "\.\.\/\.\.\/evil\.shp" points outside the archive/,
  "zip-absolute-path.zip": /^zip entry "\/tmp\/evil\.shp" points outside the archive/,
  "decompression-bomb.zip": /^decompression bomb: the zip \(64\.\d KB\) would expand to 640\.0 MB, over the 512\.0 MB cap$/,
  "decompression-bomb-lying-size.zip": /^decompression bomb: zip entry "bomb\.shp" inflates past its declared size$/,
  "too-many-entries.zip": /^the zip holds 1,001 entries, over the cap of 1,000$/,
  "truncated-shp.zip": /^the \.shp is truncated: its header says 508 bytes, the file has 468$/,
  "truncated-dbf.zip": /^the \.dbf is truncated: its header promises 3 rows, the file holds 1$/,
  "corrupt-shp-header.zip": /does not start with file code 9994/,
  "corrupt-shp-record.zip": /^the \.shp is corrupt at record 2 \(bad content length\)$/,
  "invalid-utf8-dbf.zip": /^the \.dbf is not valid UTF-8 although its \.cpg says UTF-8 \(row #2, field NAME\)$/,
  "unknown-cpg.zip": /^unknown code page in the \.cpg: "KLINGON-1"$/,
  "polyline-layer.zip": /^no polygon features: .*LineString feature in a polygon layer/,
  "multipatch.zip": /^shape type 31 is not supported/,
  "two-shapefiles.zip": /^the zip holds 2 shapefiles \(houses, senate\); choose one with the layer option$/,
  "crc-mismatch.zip": /^zip entry "towns\.dbf" is corrupt \(CRC mismatch\)$/,
  "encrypted-entry.zip": /^zip entry "towns\.shp" is encrypted$/,
  "nan-coordinates-shp.zip": /coordinate \[NaN, 41\.9\] is not a finite number/,
  "projected-without-prj.zip": /the data looks projected but the shapefile has no \.prj; add it$/,
  // loose shapefiles: the folder's .shp is read by path
  "loose-without-dbf": /^alone\.shp has no \.dbf beside it/,
  "loose-truncated-shp": /^the \.shp is truncated \(60 bytes, shorter than its 100-byte header\)$/,
};

function inputPath(name: string): string {
  const full = path.join(badDir, name);
  if (!fs.statSync(full).isDirectory()) return full;
  const shp = fs.readdirSync(full).find((file) => file.endsWith(".shp"));
  if (!shp) throw new Error(`${name} holds no .shp`);
  return path.join(full, shp);
}

async function refusal(read: () => Promise<unknown>): Promise<InputError> {
  try {
    await read();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("accepted a file it should refuse");
}

describe("hostile corpus", () => {
  it("has at least 30 files and an expected message for each, and nothing more", () => {
    const corpus = fs.readdirSync(badDir).filter((name) => !name.endsWith(".ts") && !name.endsWith(".md"));
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    expect(corpus.sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))("refuses %s", async (name, message) => {
    const error = await refusal(() => readBoundaryFile(inputPath(name)));
    expect(error.code).toBe("INPUT");
    expect(error.message).not.toContain("\n");
    expect(error.message).toMatch(message);
  });
});

describe("vertex caps", () => {
  const circle = (vertices: number): Array<[number, number]> => {
    const ring = Array.from({ length: vertices - 1 }, (_, i): [number, number] => {
      const angle = (-2 * Math.PI * i) / (vertices - 1);
      return [-71.4 + 0.05 * Math.cos(angle), 41.8 + 0.05 * Math.sin(angle)];
    });
    return [...ring, ring[0]!];
  };

  it("refuses a million-vertex polygon in GeoJSON, naming the cap", { timeout: 60_000 }, async () => {
    const ring = circle(1_000_001);
    const text = `{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[${ring.map(([x, y]) => `[${x},${y}]`).join(",")}]]}}`;
    const error = await refusal(() => readBoundaryBytes(new TextEncoder().encode(text), "million.geojson"));
    expect(error.message).toBe("feature #1 has more than 500,000 vertices (the cap per feature); simplify it first");
  });

  it("refuses a million-vertex polygon in a zipped shapefile before parsing it", { timeout: 60_000 }, async () => {
    const { shp } = writeShp([{ type: "polygon", rings: [circle(1_000_001).reverse()] }]);
    const dbf = writeDbf([{ name: "NAME", type: "C", length: 10 }], [{ NAME: "Big" }]);
    const zip = writeZip(shapefileEntries("big", { shp, dbf }).map((entry) => ({ ...entry, method: 0 as const })));
    const error = await refusal(() => readBoundaryBytes(zip, "big.zip"));
    expect(error.message).toBe("feature #1 has more than 500,000 vertices (the cap per feature); simplify it first");
  });

  it("refuses a file whose features together pass the per-file cap", async () => {
    const features = Array.from({ length: 3 }, () => ({ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [circle(5)] } }));
    const bytes = new TextEncoder().encode(JSON.stringify({ type: "FeatureCollection", features }));
    const error = await refusal(() => readBoundaryBytes(bytes, "many.geojson", { limits: { maxVerticesPerFile: 12 } }));
    expect(error.message).toBe("the file has more than 12 vertices (the cap per file); split or simplify it");
  });
});
