import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedRefusals, hostileCorpus, hostileInputPath } from "../fixtures/bad/expected-refusals";
import { parseCsv, runCli, runCliInProcess, type CliResult } from "../helpers/cli";
import { squarePolygon } from "../helpers/factories";
import { snapshotBoundaryTables } from "../helpers/row-snapshot";
import { forEachEngine, type Engine, type TestDatabase } from "../helpers/test-db";

/**
 * `groundswell import`, `overlaps` and `export overlaps` on both engines. A few commands run the
 * real bin in a child process; the hostile corpus (56 files) goes through the same `run(argv, io)`
 * the bin calls, in this process, so the loop takes seconds rather than minutes.
 */

/** Columns PRODUCT.md asks of the overlap export, in this order (others may sit between). */
const REQUIRED_COLUMNS = ["body_id", "body_name", "district_chamber", "district_name", "share_of_body", "share_of_district"];

const EARTH_RADIUS = 6371008.8;
const radians = (degrees: number) => (degrees * Math.PI) / 180;
/** Closed-form spherical area of a lon/lat rectangle (turf's radius). */
type Box = readonly [west: number, south: number, east: number, north: number];
const rectangleArea = ([west, south, east, north]: Box) => EARTH_RADIUS ** 2 * radians(east - west) * (Math.sin(radians(north)) - Math.sin(radians(south)));

/** Three made-up towns in a row west of Narragansett Bay, 0.08° squares with GEOIDs. */
function townsGeoJson(names = ["Ashford Falls", "Birchwood", "Cedar Hollow"]): string {
  return JSON.stringify({
    type: "FeatureCollection",
    features: names.map((name, index) => ({
      type: "Feature",
      properties: { NAME: name, GEOID: String(4499100001 + index) },
      geometry: squarePolygon([-71.8 + index * 0.1, 41.5], 0.08),
    })),
  });
}

/** Two House districts meeting at -71.65°, which cuts Birchwood 5 : 3. */
const DISTRICT_BOXES: Record<"1" | "2", Box> = { "1": [-71.85, 41.4, -71.65, 41.7], "2": [-71.65, 41.4, -71.45, 41.7] };
function districtsGeoJson(): string {
  return JSON.stringify({
    type: "FeatureCollection",
    features: Object.entries(DISTRICT_BOXES).map(([district, [west, south, east, north]]) => ({
      type: "Feature",
      properties: { DISTRICT: district },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [west, south],
            [east, south],
            [east, north],
            [west, north],
            [west, south],
          ],
        ],
      },
    })),
  });
}

const runInProcess = runCliInProcess;

/** A refused command: non-zero, nothing on stdout, one "groundswell: …" line on stderr. Returns the message. */
function expectOneLineFailure(result: CliResult, label = ""): string {
  expect(result.status, `${label} ${result.stderr}`).not.toBe(0);
  expect(result.stdout, label).toBe("");
  expect(result.stderr, label).toMatch(/^groundswell: \S[^\n]*\n$/);
  return result.stderr.slice("groundswell: ".length, -1);
}

/** Make every insert into the overlap table fail, to prove an import is one transaction. */
async function failOverlapInserts(database: TestDatabase, engine: Engine): Promise<() => Promise<void>> {
  const { db } = database;
  if (engine === "sqlite") {
    await sql`create trigger gs_test_fail_overlaps before insert on body_district_overlap
      begin select raise(abort, 'injected failure while storing overlaps'); end`.execute(db);
    return async () => void (await sql`drop trigger gs_test_fail_overlaps`.execute(db));
  }
  await sql`create function gs_test_fail_overlaps() returns trigger language plpgsql
    as $$ begin raise exception 'injected failure while storing overlaps'; end $$`.execute(db);
  await sql`create trigger gs_test_fail_overlaps before insert on body_district_overlap
    for each row execute function gs_test_fail_overlaps()`.execute(db);
  return async () => {
    await sql`drop trigger gs_test_fail_overlaps on body_district_overlap`.execute(db);
    await sql`drop function gs_test_fail_overlaps()`.execute(db);
  };
}

let folder: string;
const files = { towns: "", house: "", more: "" };

beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-import-cli-"));
  files.towns = path.join(folder, "towns.geojson");
  files.house = path.join(folder, "house.geojson");
  files.more = path.join(folder, "more-towns.geojson");
  fs.writeFileSync(files.towns, townsGeoJson());
  fs.writeFileSync(files.house, districtsGeoJson());
  fs.writeFileSync(files.more, townsGeoJson(["Dunmore"]).replace("4499100001", "4499100009"));
});

afterAll(() => {
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

forEachEngine(
  (getDatabase, engine) => {
    const env = () => getDatabase().env;

    describe("import, then export overlaps", () => {
      it("imports towns as bodies from the real bin, with a summary on stdout and nothing on stderr", async () => {
        const result = await runCli(["import", files.towns, "--as", "bodies", "--kind", "town_meeting", "--state", "RI"], env());
        expect(result.status, result.stderr).toBe(0);
        expect(result.stderr).toBe("");
        const lines = result.stdout.split("\n");
        expect(lines.slice(0, 3)).toEqual([
          expect.stringMatching(/^Imported towns\.geojson \(geojson, /),
          "  3 features read → 3 bodies created, 0 updated",
          '  name from "NAME", id from "GEOID"',
        ]);
        expect(lines[3]).toMatch(/^Overlaps: 0 body × district pairs from 3 bodies and 0 current districts in \d+\.\d\d s$/);
        const rows = await getDatabase().db.selectFrom("body").select(["name", "kind", "state", "geoid"]).orderBy("geoid").execute();
        expect(rows).toEqual([
          { name: "Ashford Falls", kind: "town_meeting", state: "RI", geoid: "4499100001" },
          { name: "Birchwood", kind: "town_meeting", state: "RI", geoid: "4499100002" },
          { name: "Cedar Hollow", kind: "town_meeting", state: "RI", geoid: "4499100003" },
        ]);
      });

      it("imports a House plan and computes its overlaps in the same command", async () => {
        const result = await runInProcess(["import", files.house, "--as", "districts", "--chamber", "state_lower", "--state", "RI", "--vintage", "2022"], env());
        expect(result.status, result.stderr).toBe(0);
        expect(result.stderr).toBe("");
        expect(result.stdout).toContain("  2 features read → 2 districts created, 0 updated\n");
        expect(result.stdout).toContain("; vintage 2022 (current)\n");
        expect(result.stdout).toMatch(/\nOverlaps: 4 body × district pairs from 3 bodies and 2 current districts in /);
      });

      it("exports the overlaps as CSV from the real bin: the required columns, one row per pair, shares as stored", async () => {
        const result = await runCli(["export", "overlaps", "--format", "csv"], env());
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout.startsWith("body_id,body_name,")).toBe(true);
        const [header, ...rows] = parseCsv(result.stdout);
        const positions = REQUIRED_COLUMNS.map((column) => header!.indexOf(column));
        expect(
          positions.every((position) => position >= 0),
          header!.join(","),
        ).toBe(true);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        const records = rows.map((row) => Object.fromEntries(header!.map((column, index) => [column, row[index]])));

        const pairs = records.map((record) => `${record.body_name} × ${record.district_chamber} ${record.district_name}`);
        expect(pairs).toEqual(["Ashford Falls × state_lower 1", "Birchwood × state_lower 1", "Birchwood × state_lower 2", "Cedar Hollow × state_lower 2"]);

        // Shares of lon/lat rectangles have a closed form: Birchwood is cut 5 : 3 by longitude.
        const town = (index: number): Box => [-71.8 + index * 0.1, 41.5, -71.72 + index * 0.1, 41.58];
        const districtArea = (name: "1" | "2") => rectangleArea(DISTRICT_BOXES[name]);
        const expected = [
          { shareOfBody: 1, shareOfDistrict: rectangleArea(town(0)) / districtArea("1") },
          { shareOfBody: 0.625, shareOfDistrict: rectangleArea([-71.7, 41.5, -71.65, 41.58]) / districtArea("1") },
          { shareOfBody: 0.375, shareOfDistrict: rectangleArea([-71.65, 41.5, -71.62, 41.58]) / districtArea("2") },
          { shareOfBody: 1, shareOfDistrict: rectangleArea(town(2)) / districtArea("2") },
        ];
        records.forEach((record, index) => {
          expect(Number(record.share_of_body)).toBeCloseTo(expected[index]!.shareOfBody, 5);
          expect(Number(record.share_of_district)).toBeCloseTo(expected[index]!.shareOfDistrict, 5);
        });

        const { db } = getDatabase();
        const stored = await db
          .selectFrom("bodyDistrictOverlap")
          .innerJoin("body", "body.id", "bodyId")
          .select(["body.id", "body.name", "shareOfBody"])
          .orderBy("body.name")
          .orderBy("districtId")
          .execute();
        expect(records.map((record) => [Number(record.body_id), record.body_name, Number(record.share_of_body)])).toEqual(
          stored.map((row) => [row.id, row.name, Number(row.shareOfBody.toFixed(6))]),
        );
      });

      it("exports the same pairs as GeoJSON, each feature carrying its body's shape", async () => {
        const result = await runInProcess(["export", "overlaps", "--format", "geojson"], env());
        expect(result.status, result.stderr).toBe(0);
        const collection = JSON.parse(result.stdout) as GeoJSON.FeatureCollection;
        expect(collection.features.map((item) => `${item.properties!.body_name} × ${item.properties!.district_name}`)).toEqual([
          "Ashford Falls × 1",
          "Birchwood × 1",
          "Birchwood × 2",
          "Cedar Hollow × 2",
        ]);
        expect(collection.features[1]!.geometry).toEqual(squarePolygon([-71.7, 41.5], 0.08));
        expect(collection.features[1]!.properties).toMatchObject({ district_chamber: "state_lower", district_geoid: "44001", share_of_body: 0.625 });
      });

      it("re-imports the same towns in place and leaves the overlaps as they were", async () => {
        const { db } = getDatabase();
        const before = await snapshotBoundaryTables(db);
        const result = await runInProcess(["import", files.towns, "--as", "bodies", "--kind", "town_meeting", "--state", "RI"], env());
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout).toContain("  3 features read → 0 bodies created, 3 updated\n");
        const after = await snapshotBoundaryTables(db);
        const withoutStamps = <T extends { updatedAt?: string; computedAt?: string }>(rows: T[]) => rows.map(({ updatedAt: _updated, computedAt: _computed, ...rest }) => rest);
        expect(withoutStamps(after.bodies)).toEqual(withoutStamps(before.bodies));
        expect(withoutStamps(after.overlaps)).toEqual(withoutStamps(before.overlaps));
        expect(after.districts).toEqual(before.districts);
      });
    });

    describe("refused imports leave the database exactly as it was", () => {
      let before: Awaited<ReturnType<typeof snapshotBoundaryTables>>;

      beforeAll(async () => {
        before = await snapshotBoundaryTables(getDatabase().db);
        // The seed from above: bodies, a district plan and their overlaps.
        expect(before.bodies).toHaveLength(3);
        expect(before.districts).toHaveLength(2);
        expect(before.overlaps).toHaveLength(4);
      });

      it("refuses every file of the hostile corpus with its own one-line message", async () => {
        const corpus = hostileCorpus();
        expect(corpus.length).toBeGreaterThanOrEqual(30);
        for (const [index, name] of corpus.entries()) {
          // Half as bodies and half as districts: the reader refuses them before either import.
          const as = index % 2 === 0 ? ["--as", "bodies", "--kind", "city_council"] : ["--as", "districts", "--chamber", "state_lower", "--state", "RI"];
          const result = await runInProcess(["import", hostileInputPath(name), ...as], env());
          const message = expectOneLineFailure(result, name);
          expect(result.status, name).toBe(2);
          expect(message, name).toMatch(expectedRefusals[name]!);
        }
        expect(await snapshotBoundaryTables(getDatabase().db)).toEqual(before);
      });

      it("refuses a hostile file from the real bin with the same line and exit status", async () => {
        const result = await runCli(["import", hostileInputPath("zip-slip.zip"), "--as", "bodies"], env());
        const message = expectOneLineFailure(result);
        expect(message).toMatch(expectedRefusals["zip-slip.zip"]!);
        expect(result.status).toBe(2);
        expect(await snapshotBoundaryTables(getDatabase().db)).toEqual(before);
      });

      it("refuses bad options and fields found only once the file is read", async () => {
        const cases: Array<[string[], string | RegExp]> = [
          [["import", files.more, "--as", "bodies", "--name-field", "TOWN"], 'no field "TOWN" in this file; its fields are: NAME, GEOID'],
          [["import", files.more, "--as", "bodies", "--id-field", "OCD_ID"], 'no field "OCD_ID" in this file; its fields are: NAME, GEOID'],
          [["import", files.more, "--as", "bodies", "--parent", "99999"], "--parent 99999: no body with that id"],
          [["import", files.more, "--as", "bodies", "--kind", "parliament"], /^--kind "parliament" is not a body kind; use one of city_council, /],
          [["import", files.more, "--as", "bodies", "--state", "XX"], '--state "XX" is not a USPS state code (e.g. MA, RI)'],
          [
            ["import", files.more, "--as", "district"],
            '--as must be one of bodies, districts, legislators, committees, cosponsors, resolutions, members, hubs, ballot-results, endorsers, population (got "district")',
          ],
          [["import", files.more, "--as", "bodies", "--min-share", "1.5"], '--min-share must be a number from 0 to below 1 (got "1.5")'],
          [["import", files.house, "--as", "districts", "--state", "RI"], "--chamber is required for districts: state_lower, state_upper, congressional"],
          [["import", files.house, "--as", "districts", "--chamber", "state_lower", "--vintage", "the new one"], '--vintage "the new one" should be a short label such as 2022'],
          [["import", path.join(folder, "missing.geojson"), "--as", "bodies"], `cannot read ${path.join(folder, "missing.geojson")}: no such file`],
          [["overlaps", "--min-share", "-1"], '--min-share must be a number from 0 to below 1 (got "-1")'],
        ];
        for (const [argv, message] of cases) {
          const result = await runInProcess(argv, env());
          const line = expectOneLineFailure(result, argv.join(" "));
          if (typeof message === "string") expect(line, argv.join(" ")).toBe(message);
          else expect(line, argv.join(" ")).toMatch(message);
        }
        expect(await snapshotBoundaryTables(getDatabase().db)).toEqual(before);
      });

      it("rolls back the bodies it had written when storing the overlaps fails", async () => {
        const restore = await failOverlapInserts(getDatabase(), engine);
        try {
          const result = await runInProcess(["import", files.more, "--as", "bodies", "--kind", "town_meeting", "--state", "RI"], env());
          expect(expectOneLineFailure(result)).toBe("injected failure while storing overlaps");
          expect(result.status).toBe(1);
        } finally {
          await restore();
        }
        expect(await snapshotBoundaryTables(getDatabase().db)).toEqual(before);

        // Without the fault the same command goes through: the refusal came from the injected failure.
        const result = await runInProcess(["import", files.more, "--as", "bodies", "--kind", "town_meeting", "--state", "RI"], env());
        expect(result.status, result.stderr).toBe(0);
        const dunmore = await getDatabase().db.selectFrom("body").select("id").where("name", "=", "Dunmore").execute();
        expect(dunmore).toHaveLength(1);
      });
    });
  },
  { sqliteOnDisk: true },
);
