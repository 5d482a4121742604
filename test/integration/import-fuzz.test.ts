import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { columnsOf, describeRowErrors } from "../../shared/model/spreadsheet-import";
import { commandLineActor } from "../../server/domain/actor";
import { importBoundaryLayer, planBoundaryImport } from "../../server/domain/boundary-import";
import { importSpreadsheet } from "../../server/domain/spreadsheet-import";
import { GroundswellError, InputError } from "../../server/errors";
import { readBoundaryBytes } from "../../server/io/boundary-file";
import { parseCsv, readCsvTable } from "../../server/io/csv";
import { parseOpenStatesCsv, parsePersonFile } from "../../server/io/open-states";
import { makeBody, makeCampaign, squarePolygon } from "../helpers/factories";
import { HOSTILE_CONSTANTS, hostileValue } from "../helpers/hostile-values";
import { digestAllTables, listTables } from "../helpers/row-snapshot";
import { shapefileEntries, square, WGS84_PRJ, writeDbf, writeShp, writeZip } from "../helpers/shapefile-writer";
import { fuzzScale, seedFuzzing } from "../helpers/fuzz-seed";
import { forEachEngine, type Engine } from "../helpers/test-db";

seedFuzzing("import-fuzz.test.ts");

/**
 * The importers against random bytes, truncated valid files and mutated GeoJSON and CSV: every
 * refusal is a domain error with one clear line (never a TypeError, a RangeError or a 500), and
 * a refused import leaves every table as it was.
 */

const RUNS: Record<Engine, { reader: number; import: number }> = {
  sqlite: { reader: Math.round(600 * fuzzScale()), import: Math.round(400 * fuzzScale()) },
  postgres: { reader: 0, import: Math.round(120 * fuzzScale()) },
};

/** Why `error` is not an acceptable refusal, or null when it is one. */
function badRefusal(error: unknown): string | null {
  if (!(error instanceof GroundswellError)) return `not a domain error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  if (error.code === "INTERNAL") return `internal error: ${error.message}`;
  if (error.message.trim() === "") return "an empty message";
  if (error.message.includes("\n")) return `a message of several lines: ${JSON.stringify(error.message.slice(0, 300))}`;
  return null;
}

async function refusalOf(work: () => unknown): Promise<{ refused: boolean }> {
  try {
    await work();
    return { refused: false };
  } catch (error) {
    const problem = badRefusal(error);
    if (problem) throw new Error(problem, { cause: error });
    return { refused: true };
  }
}

const TOWNS = {
  type: "FeatureCollection",
  features: ["Ashford", "Birchwood", "Cedar Hollow"].map((name, index) => ({
    type: "Feature",
    properties: { NAME: name, GEOID: String(4499300001 + index), POP: 1000 * (index + 1) },
    geometry: squarePolygon([-71.8 + index * 0.1, 41.5], 0.08),
  })),
};

const TOPO = {
  type: "Topology",
  objects: { towns: { type: "GeometryCollection", geometries: [{ type: "Polygon", arcs: [[0]], properties: { NAME: "Topo town" } }] } },
  arcs: [
    [
      [-71.5, 41.5],
      [-71.4, 41.5],
      [-71.4, 41.6],
      [-71.5, 41.6],
      [-71.5, 41.5],
    ],
  ],
};

function townsZip(): Uint8Array {
  const { shp, shx } = writeShp([
    { type: "polygon", rings: [square(-71.5, 41.5, 0.05)] },
    { type: "polygon", rings: [square(-71.4, 41.5, 0.05)] },
  ]);
  const dbf = writeDbf([{ name: "NAME", type: "C", length: 20 }], [{ NAME: "Alpha" }, { NAME: "Bravo" }]);
  return writeZip(shapefileEntries("towns", { shp, shx, dbf, prj: WGS84_PRJ }));
}

const VALID_FILES: Array<[string, Uint8Array]> = [
  ["towns.geojson", new TextEncoder().encode(JSON.stringify(TOWNS))],
  ["towns.topojson", new TextEncoder().encode(JSON.stringify(TOPO))],
  ["towns.zip", townsZip()],
];

const fileName = fc.constantFrom("towns.geojson", "towns.json", "towns.topojson", "towns.zip", "towns.shp", "towns.bin", "towns");

/**
 * Replace one node of `document` (chosen by `pick`) with `value`, in place. The walk is iterative
 * and nothing is cloned after a hostile value is in, so a deeply nested value cannot overflow the stack.
 */
function mutateInPlace(document: unknown, pick: number, value: unknown): unknown {
  const nodes: Array<[Record<string, unknown> | unknown[], string | number]> = [];
  const stack: unknown[] = [document];
  // The value may end up inside itself (a cycle, which toJsonText handles): visit each node once.
  const seen = new Set<object>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object" || seen.has(node) || !(Array.isArray(node) || Object.getPrototypeOf(node) === Object.prototype)) continue;
    seen.add(node);
    for (const [key, child] of Object.entries(node)) {
      nodes.push([node as Record<string, unknown>, Array.isArray(node) ? Number(key) : key]);
      stack.push(child);
    }
  }
  if (nodes.length === 0) return value;
  const [parent, key] = nodes[pick % nodes.length]!;
  (parent as Record<string | number, unknown>)[key] = value;
  return document;
}

/** JSON text of a value that may not survive JSON (BigInt, cycles): such values are sent as a string instead. */
function toJsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "null";
  } catch {
    return JSON.stringify(String(value));
  }
}

const mutatedGeoJson = fc
  .tuple(fc.nat(), fc.oneof(hostileValue, fc.constantFrom<unknown>("Polygon", "MultiPolygon", "Point", "FeatureCollection", [], [[]], [[[0, 0]]], 181, -91, 1e12)), fc.nat(3))
  .map(([pick, value, times]) => {
    let document: unknown = structuredClone(TOWNS);
    for (let round = 0; round <= times; round++) document = mutateInPlace(document, pick * (round + 7), value);
    return new TextEncoder().encode(toJsonText(document));
  });

const csvCell = fc.oneof(
  fc.constantFrom("Fuzzville", "Fuzz campaign", "organizing", "passed", "2026-03-14", "19:30", "yes", "12", "RI", "https://example.org/a", ""),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.constantFrom(...HOSTILE_CONSTANTS.filter((value): value is string => typeof value === "string" && value.length < 20_000)),
);
const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;

forEachEngine((getDatabase, engine) => {
  let tables: string[];

  beforeAll(async () => {
    const { db } = getDatabase();
    await makeCampaign(db, { name: "Fuzz campaign" });
    await makeBody(db, { name: "Fuzzville", state: "RI" });
    await makeBody(db, { name: "Ashford", state: "RI", geoid: "4499300001" });
    tables = await listTables(db, engine);
  });

  if (RUNS[engine].reader > 0) {
    describe("readers (no database)", () => {
      it("refuse random bytes under any file name with one line", async () => {
        await fc.assert(
          fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fileName, async (bytes, name) => {
            await refusalOf(() => readBoundaryBytes(bytes, name));
          }),
          { numRuns: RUNS[engine].reader },
        );
      });

      it("refuse valid files cut short anywhere, or read what is left", async () => {
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...VALID_FILES), fc.double({ min: 0, max: 1, noNaN: true }), async ([name, bytes], fraction) => {
            await refusalOf(() => readBoundaryBytes(bytes.subarray(0, Math.floor(bytes.length * fraction)), name));
          }),
          { numRuns: RUNS[engine].reader },
        );
      });

      it("refuse valid files with random bytes flipped, or read them", async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...VALID_FILES),
            fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
            async ([name, bytes], flips) => {
              const copy = Uint8Array.from(bytes);
              for (const [at, value] of flips) copy[at % copy.length] = value;
              await refusalOf(() => readBoundaryBytes(copy, name));
            },
          ),
          { numRuns: RUNS[engine].reader },
        );
      });

      it("refuse hostile CSV and Open States files with one line", async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(
              fc.string({ maxLength: 400 }),
              fc.string({ unit: "binary", maxLength: 400 }),
              fc
                .array(fc.array(csvCell, { maxLength: 6 }), { maxLength: 6 })
                .map((rows) => ["id,name,current_district,current_chamber", ...rows.map((row) => row.map(quote).join(","))].join("\n")),
            ),
            async (text) => {
              await refusalOf(() => parseCsv(text));
              await refusalOf(() => parseOpenStatesCsv(text, { fileName: "people.csv", state: "RI" }));
              await refusalOf(() => parsePersonFile(text, { fileName: "Someone.yml", fallbackState: "RI" }));
            },
          ),
          { numRuns: RUNS[engine].reader },
        );
      });
    });
  }

  describe("imports into the database", () => {
    it("a mutated GeoJSON file is imported or refused with one line, and a refusal changes nothing", async () => {
      const { db } = getDatabase();
      let baseline = await digestAllTables(db, tables);
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(mutatedGeoJson, fc.constantFrom("bodies", "districts"), async (bytes, as) => {
          const outcome = await refusalOf(async () => {
            const layer = await readBoundaryBytes(bytes, "towns.geojson");
            const plan = planBoundaryImport(as === "bodies" ? { as, kind: "town_meeting", state: "RI" } : { as, chamber: "state_upper", state: "RI", vintage: "2022" });
            await db.transaction().execute((trx) => importBoundaryLayer(trx, layer, plan, commandLineActor));
          });
          const after = await digestAllTables(db, tables);
          if (outcome.refused) {
            refused++;
            if (after !== baseline) throw new Error("a refused import changed the database");
          }
          baseline = after;
        }),
        { numRuns: RUNS[engine].import },
      );
      expect(refused).toBeGreaterThan(0);
    });

    it("a hostile resolutions spreadsheet is imported or refused with one line, and a refusal changes nothing", async () => {
      const { db } = getDatabase();
      const header = ["body_name", "state", "stage", "vote_date", "vote_time", "tally_yes", "sponsors", "agenda_url", "note"];
      let baseline = await digestAllTables(db, tables);
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(fc.array(csvCell, { minLength: header.length, maxLength: header.length }), { minLength: 1, maxLength: 5 }), async (rows) => {
          const text = [header.join(","), ...rows.map((row) => row.map(quote).join(","))].join("\r\n");
          const outcome = await refusalOf(async () => {
            const table = readCsvTable(text, columnsOf("resolutions"));
            await db.transaction().execute(async (trx) => {
              const plan = await importSpreadsheet(trx, { as: "resolutions", campaign: "Fuzz campaign", table }, commandLineActor, { dryRun: false });
              if (plan.errors.length) throw new InputError(describeRowErrors(plan.errors));
            });
          });
          const after = await digestAllTables(db, tables);
          if (outcome.refused) {
            refused++;
            if (after !== baseline) throw new Error("a refused spreadsheet changed the database");
          }
          baseline = after;
        }),
        { numRuns: RUNS[engine].import },
      );
      expect(refused).toBeGreaterThan(0);
    });
  });
});
