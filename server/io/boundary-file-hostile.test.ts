import { describe, expect, it } from "vitest";
import { expectedRefusals as expected, hostileCorpus, hostileInputPath as inputPath } from "../../test/fixtures/bad/expected-refusals";
import { shapefileEntries, writeDbf, writeShp, writeZip } from "../../test/helpers/shapefile-writer";
import { InputError } from "../errors";
import { readBoundaryBytes, readBoundaryFile } from "./boundary-file";

/**
 * The hostile corpus (test/fixtures/bad, written by make-bad-files.ts): every file must be
 * refused with an InputError whose one-line message says specifically what is wrong. The
 * expected messages live in test/fixtures/bad/expected-refusals.ts, shared with the CLI tests.
 */

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
    const corpus = hostileCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    expect(corpus).toEqual(Object.keys(expected).sort());
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
    expect(error.message).toBe(
      "the file has more than 12 vertices (the cap per file); simplify or split it, or raise the cap: groundswell import --max-vertices N, or GROUNDSWELL_MAX_VERTICES",
    );
  });
});
