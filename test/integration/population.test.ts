import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../server/db/connect";
import type { Actor } from "../../server/domain/actor";
import { getDistrict } from "../../server/domain/districts";
import { changeStage } from "../../server/domain/resolutions";
import { parseCsv, runCliInProcess, type CliResult } from "../helpers/cli";
import { rectanglePolygon, squarePolygon } from "../helpers/factories";
import { forEachEngine } from "../helpers/test-db";

/**
 * `import --as population`: a layer of counts (Census blocks, precincts) placed into the bodies,
 * the districts and their overlaps, through the command a user runs. A split city whose land lies
 * in the district but whose people mostly do not: by area it holds half the district's people,
 * counted it holds a sixth. Dry run, bad counts and a missing field write nothing.
 *
 *   Splitville [-71.8, -71.7] × [41.5, 41.6], 40,000 people by its own attribute
 *   Densetown  [-71.7, -71.65] × [41.5, 41.55], 10,000
 *   District 1 [-71.75, -71.65] × [41.5, 41.55]: a quarter of Splitville's land, all of Densetown's
 */
const organizer: Actor = { name: "Population organizer", role: "organizer" };

const rectangle = rectanglePolygon;
const point = (lon: number, lat: number): GeoJSON.Point => ({ type: "Point", coordinates: [lon, lat] });
const collection = (features: Array<{ properties: Record<string, unknown>; geometry: GeoJSON.Geometry }>) =>
  JSON.stringify({ type: "FeatureCollection", features: features.map((feature) => ({ type: "Feature", ...feature })) });

/** Blocks: 2,000 people in Splitville inside the district, 30,000 outside it, 10,000 in Densetown (one a polygon, one a count written "8,000"), 5 outside everything. */
const blocks = (count: (value: number | string) => unknown = (value) => value) =>
  collection([
    { properties: { GEOID20: "b1", POP20: count(1_200) }, geometry: point(-71.72, 41.52) },
    { properties: { GEOID20: "b2", POP20: count(800) }, geometry: point(-71.73, 41.53) },
    { properties: { GEOID20: "b3", POP20: count(30_000) }, geometry: point(-71.78, 41.58) },
    { properties: { GEOID20: "b4", POP20: count("8,000") }, geometry: point(-71.68, 41.52) },
    { properties: { GEOID20: "b5", POP20: count(2_000) }, geometry: squarePolygon([-71.69, 41.53], 0.01) },
    { properties: { GEOID20: "b6", POP20: count(5) }, geometry: point(-71.0, 41.0) },
    { properties: { GEOID20: "b7", POP20: count(0) }, geometry: point(-71.66, 41.54) },
  ]);

function expectSuccess(result: CliResult) {
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
}

let folder: string;
beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-population-"));
});
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const file = path.join(folder, name);
  fs.writeFileSync(file, text);
  return file;
};

forEachEngine(
  (getDatabase) => {
    const cli = (...argv: string[]) => runCliInProcess(argv, getDatabase().env);
    const counts = async (db: Db) => ({
      overlaps: await db.selectFrom("overlapPeople").selectAll().orderBy("bodyId").execute(),
      districts: await db.selectFrom("districtPeople").selectAll().execute(),
      bodies: await db.selectFrom("bodyPeople").selectAll().orderBy("bodyId").execute(),
      layers: await db.selectFrom("populationLayer").select(["fileName", "countField", "state", "features", "people"]).execute(),
    });
    let campaignId: number;
    let districtId: number;
    let splitville: number;
    let densetown: number;

    beforeAll(async () => {
      const { db } = getDatabase();
      const towns = write(
        "towns.geojson",
        collection([
          { properties: { NAME: "Splitville", GEOID: "4400000001", POP: 40_000 }, geometry: rectangle(-71.8, 41.5, -71.7, 41.6) },
          { properties: { NAME: "Densetown", GEOID: "4400000002", POP: 10_000 }, geometry: rectangle(-71.7, 41.5, -71.65, 41.55) },
        ]),
      );
      expectSuccess(await cli("import", towns, "--as", "bodies", "--kind", "town", "--state", "RI", "--population-field", "POP", "--no-overlaps"));
      const districts = write("house.geojson", collection([{ properties: { NAME: "1", GEOID: "44001" }, geometry: rectangle(-71.75, 41.5, -71.65, 41.55) }]));
      expectSuccess(await cli("import", districts, "--as", "districts", "--chamber", "state_lower", "--state", "RI", "--vintage", "2022"));
      expectSuccess(await cli("campaign", "add", "Population drive", "--state", "RI"));
      campaignId = (await db.selectFrom("campaign").select("id").where("name", "=", "Population drive").executeTakeFirstOrThrow()).id;
      districtId = (await db.selectFrom("district").select("id").executeTakeFirstOrThrow()).id;
      splitville = (await db.selectFrom("body").select("id").where("name", "=", "Splitville").executeTakeFirstOrThrow()).id;
      densetown = (await db.selectFrom("body").select("id").where("name", "=", "Densetown").executeTakeFirstOrThrow()).id;
      await db.transaction().execute(async (trx) => {
        await changeStage(trx, { campaignId, bodyId: splitville, toStage: "introduced", expectedVersion: 0 }, organizer);
        await changeStage(trx, { campaignId, bodyId: splitville, toStage: "passed", expectedVersion: 1 }, organizer);
      });
    });

    describe("import --as population", () => {
      it("estimates by area before any layer, and says so", async () => {
        const district = await getDistrict(getDatabase().db, { campaignId, districtId });
        expect(district.coverage).toMatchObject({ populationMethod: "area", areaShare: 0.5, bodiesPassed: 1 });
        // A quarter of Splitville's 40,000 and all of Densetown's 10,000, spread over their land
        // (a quarter on the ellipsoid: the southern half of a square is a little larger).
        expect(Math.abs(district.coverage.population! - 20_000)).toBeLessThan(20);
        expect(district.coverage.populationShare).toBeCloseTo(0.5, 3);
        const csv = parseCsv((await cli("export", "overlaps", "--format", "csv")).stdout);
        expect(csv[0]).toEqual(expect.arrayContaining(["people", "share_of_body_people", "share_of_district_people"]));
        const people = csv[0]!.indexOf("people");
        expect(csv.slice(1).map((row) => row[people])).toEqual(["", ""]);
      });

      it("a dry run says what it would place and writes nothing", async () => {
        const { db } = getDatabase();
        const before = await counts(db);
        const result = await cli("import", write("blocks.geojson", blocks()), "--as", "population", "--count-field", "POP20", "--state", "RI", "--dry-run");
        expectSuccess(result);
        expect(result.stdout).toBe(
          [
            "Dry run: nothing was written. blocks.geojson: 42,005 people in 7 features (POP20) placed in RI",
            "  12,000 people placed in 1 current districts and 2 bodies; 30,005 lie outside every district imported",
            "  Polygons cut by a town or district line were shared out by area (--place point puts each whole at its internal point).",
            "  Run again without --dry-run to keep it.",
            "",
          ].join("\n"),
        );
        expect(await counts(db)).toEqual(before);
      });

      it("refuses a count that is not a number, or a field the file lacks, in one line, and writes nothing", async () => {
        const { db } = getDatabase();
        const before = await counts(db);
        const bad = await cli(
          "import",
          write(
            "bad-blocks.geojson",
            blocks((value) => (value === 800 ? "eight hundred" : value)),
          ),
          "--as",
          "population",
          "--count-field",
          "POP20",
        );
        expect(bad.status).not.toBe(0);
        expect(bad.stderr).toBe('groundswell: Feature 2 of bad-blocks.geojson has POP20 = "eight hundred": counts must be numbers of 0 or more; nothing was imported\n');
        const negative = await cli(
          "import",
          write(
            "negative-blocks.geojson",
            blocks((value) => (value === 800 ? -800 : value)),
          ),
          "--as",
          "population",
          "--count-field",
          "POP20",
        );
        expect(negative.stderr).toMatch(/^groundswell: Feature 2 of negative-blocks\.geojson has POP20 = -800: counts must be numbers of 0 or more; nothing was imported\n$/);
        const field = await cli("import", write("blocks.geojson", blocks()), "--as", "population", "--count-field", "P0010001");
        expect(field.stderr).toMatch(/^groundswell: blocks\.geojson has no field "P0010001"; its fields are GEOID20, POP20\n$/);
        const none = await cli("import", write("blocks.geojson", blocks()), "--as", "population");
        expect(none.status).toBe(2);
        expect(none.stderr).toMatch(/--count-field is required for population/);
        expect(await counts(db)).toEqual(before);
      });

      it("places each count once: the district's people and each body's people in it replace the estimate", async () => {
        const { db } = getDatabase();
        expectSuccess(await cli("import", write("blocks.geojson", blocks()), "--as", "population", "--count-field", "POP20", "--state", "RI"));
        expect(await counts(db)).toEqual({
          overlaps: [
            { bodyId: splitville, districtId, people: 2_000 },
            { bodyId: densetown, districtId, people: 10_000 },
          ],
          districts: [{ districtId, people: 12_000 }],
          bodies: [
            { bodyId: splitville, people: 32_000 },
            { bodyId: densetown, people: 10_000 },
          ],
          layers: [{ fileName: "blocks.geojson", countField: "POP20", state: "RI", features: 7, people: 42_005 }],
        });
        const district = await getDistrict(db, { campaignId, districtId });
        expect(district.coverage).toMatchObject({ populationMethod: "counts", population: 12_000, populationPassed: 2_000, areaShare: 0.5, bodiesPassed: 1 });
        expect(district.coverage.populationShare).toBeCloseTo(2_000 / 12_000, 9);
        expect(district.nextTargets[0]).toMatchObject({ bodyId: densetown, basis: "population" });
        expect(district.nextTargets[0]!.gain).toBeCloseTo(10_000 / 12_000, 9);
      });

      it("export overlaps carries the people and their shares of the body and the district", async () => {
        const csv = parseCsv((await cli("export", "overlaps", "--format", "csv")).stdout);
        const column = (name: string) => csv[0]!.indexOf(name);
        const rows = Object.fromEntries(
          csv.slice(1).map((row) => [row[column("body_name")], [row[column("people")], row[column("share_of_body_people")], row[column("share_of_district_people")]]]),
        );
        expect(rows).toEqual({
          Splitville: ["2000", "0.0625", "0.166667"],
          Densetown: ["10000", "1", "0.833333"],
        });
      });

      it("a second layer replaces the counts of the districts it reaches, and is audited", async () => {
        const { db } = getDatabase();
        const precincts = collection([{ properties: { PCT: "1", BALLOTS: 900 }, geometry: point(-71.72, 41.52) }]);
        expectSuccess(await cli("import", write("precincts.geojson", precincts), "--as", "population", "--count-field", "BALLOTS"));
        expect((await counts(db)).districts).toEqual([{ districtId, people: 900 }]);
        expect((await getDistrict(db, { campaignId, districtId })).coverage).toMatchObject({ populationMethod: "counts", population: 900, populationShare: 1 });
        // A precinct astride the Splitville–Densetown line (-71.7), inside the district: shared by
        // area (a band of latitude's area is proportional to its width), or whole at one point.
        const astride = collection([{ properties: { PCT: "2", BALLOTS: 1_000 }, geometry: rectangle(-71.71, 41.51, -71.69, 41.53) }]);
        const file = write("astride.geojson", astride);
        expectSuccess(await cli("import", file, "--as", "population", "--count-field", "BALLOTS"));
        const shared = (await counts(db)).overlaps.map(({ bodyId, people }) => [bodyId, Math.round(people * 1000) / 1000]);
        expect(shared).toEqual([
          [splitville, 500],
          [densetown, 500],
        ]);
        const whole = await cli("import", file, "--as", "population", "--count-field", "BALLOTS", "--place", "point");
        expectSuccess(whole);
        expect(whole.stdout).toContain("Each polygon's count was placed whole at its internal point");
        expect((await counts(db)).overlaps.map(({ people }) => people)).toEqual([1_000]);
        const wrong = await cli("import", file, "--as", "population", "--count-field", "BALLOTS", "--place", "centroid");
        expect(wrong.stderr).toMatch(/^groundswell: --place is "area" \(share each polygon's count by area, the default\) or "point"/);
        const audit = await db.selectFrom("auditEvent").select(["action", "summary"]).where("action", "=", "import population").orderBy("id").execute();
        expect(audit.map((entry) => entry.summary)).toEqual([
          "Population layer blocks.geojson (POP20): 42005 people in 1 districts",
          "Population layer precincts.geojson (BALLOTS): 900 people in 1 districts",
          "Population layer astride.geojson (BALLOTS): 1000 people in 1 districts",
          "Population layer astride.geojson (BALLOTS): 1000 people in 1 districts",
        ]);
      });
    });
  },
  { sqliteOnDisk: true },
);
