import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../server/db/connect";
import type { Actor } from "../../server/domain/actor";
import { commandLineActor } from "../../server/domain/actor";
import { importBoundaryLayer, planBoundaryImport, type BoundaryImportRequest } from "../../server/domain/boundary-import";
import { importLegislators } from "../../server/domain/legislators";
import { exportLegislators } from "../../server/domain/exports";
import { recomputeOverlaps } from "../../server/domain/overlaps";
import { changeStage } from "../../server/domain/resolutions";
import { readBoundaryFile } from "../../server/io/boundary-file";
import { readOpenStates } from "../../server/io/open-states";
import { parseCsv, runCliInProcess } from "../helpers/cli";
import { makeCampaign } from "../helpers/factories";
import { needsSharedFixtures, sharedFixture } from "../helpers/shared-fixtures";
import { enginesUnderTest, forEachEngine } from "../helpers/test-db";

/**
 * Open States people → legislators matched to districts, on both engines: the 113 RI person
 * files against the 2022 House and Senate plans (read in place from ../shared/fixtures), through
 * `groundswell import --as legislators` and `export legislators|overlaps`; a CSV export variant
 * with turnover; and refused inputs that leave the database as it was.
 */

const TESTS = 6;
const present = needsSharedFixtures(TESTS * enginesUnderTest().length);

const organizer: Actor = { name: "Legislator test organizer", role: "organizer" };
const LEGISLATOR_COLUMNS = ["legislator", "party", "chamber", "district", "stance", "bodies_passed", "share_area_passed", "share_population_passed", "jurisdiction", "committees"];

const runInProcess = runCliInProcess;

async function importFixture(db: Db, file: string, request: BoundaryImportRequest) {
  const layer = await readBoundaryFile(sharedFixture(file));
  await db.transaction().execute((trx) => importBoundaryLayer(trx, layer, planBoundaryImport(request), commandLineActor, { overlaps: false }));
}

const count = async (db: Db, table: "legislator" | "legislatorRole") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Open roles per current district of a chamber: district name → legislator names. */
async function sittingByDistrict(db: Db, chamber: string) {
  const rows = await db
    .selectFrom("district")
    .leftJoin("legislatorRole", (join) => join.onRef("legislatorRole.districtId", "=", "district.id").on("legislatorRole.validTo", "is", null))
    .leftJoin("legislator", "legislator.id", "legislatorRole.legislatorId")
    .select(["district.name as district", "legislator.name as legislator"])
    .where("district.chamber", "=", chamber)
    .where("district.isCurrent", "=", 1)
    .execute();
  const byDistrict = new Map<string, string[]>();
  for (const row of rows) byDistrict.set(row.district, [...(byDistrict.get(row.district) ?? []), ...(row.legislator ? [row.legislator] : [])]);
  return byDistrict;
}

forEachEngine(
  (getDatabase) => {
    describe.skipIf(!present)("Open States legislators × the 2022 Rhode Island plans", () => {
      const folder = sharedFixture("ri/legislators");
      let scratch: string;

      beforeAll(async () => {
        const { db } = getDatabase();
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-legislators-"));
        await importFixture(db, "ri/ri_municipalities_rigis.geojson", { as: "bodies", kind: "town_meeting", state: "RI" });
        await importFixture(db, "ri/ri_house_districts_2022.geojson", { as: "districts", chamber: "state_lower", state: "RI", vintage: "2022" });
        await importFixture(db, "ri/ri_senate_districts_2022.geojson", { as: "districts", chamber: "state_upper", state: "RI", vintage: "2022" });
        await importFixture(db, "ri/ri_congressional_districts_2022.geojson", { as: "districts", chamber: "congressional", state: "RI", vintage: "2022" });
        await db.transaction().execute((trx) => recomputeOverlaps(trx));
      });
      afterAll(() => {
        if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
      });

      it("refuses a bad person file with one line naming it, and a roster listing a person twice, changing nothing", async () => {
        const { db, env } = getDatabase();
        const broken = path.join(scratch, "broken");
        fs.mkdirSync(broken);
        for (const name of fs.readdirSync(folder).slice(0, 5)) fs.copyFileSync(path.join(folder, name), path.join(broken, name));
        fs.writeFileSync(path.join(broken, "Bad-Person-00000000-0000-0000-0000-000000000000.yml"), "id: ocd-person/00000000-0000-0000-0000-000000000000\nname: [Bad\n");
        const bad = await runInProcess(["import", broken, "--as", "legislators", "--state", "RI"], env);
        expect(bad.status).toBe(2);
        expect(bad.stdout).toBe("");
        expect(bad.stderr).toMatch(/^groundswell: Bad-Person-00000000-0000-0000-0000-000000000000\.yml: line \d+: [^\n]*not valid YAML\)\n$/);

        // A roster that fails inside the transaction (the same person twice) rolls back every row.
        const twice = path.join(scratch, "twice");
        fs.mkdirSync(twice);
        const [first] = fs.readdirSync(folder).filter((name) => !name.startsWith("_"));
        fs.copyFileSync(path.join(folder, first!), path.join(twice, first!));
        fs.copyFileSync(path.join(folder, first!), path.join(twice, `Copy-${first!}`));
        const duplicate = await runInProcess(["import", twice, "--as", "legislators", "--state", "RI"], env);
        expect(duplicate.status).toBe(2);
        expect(duplicate.stderr).toMatch(/^groundswell: ocd-person\/[0-9a-f-]+ \([^)]+\) appears twice in the roster\n$/);

        // Person files name their state; the CSV export does not, so it needs --state (or a name like ri.csv).
        const csv = path.join(scratch, "people.csv");
        fs.writeFileSync(csv, "id,name,current_party,current_district,current_chamber\nocd-person/00000000-0000-0000-0000-000000000001,Pat Doe,Democratic,7,lower\n");
        const missingState = await runInProcess(["import", csv, "--as", "legislators"], env);
        expect(missingState.stderr).toBe("groundswell: --state is needed for people.csv: the Open States CSV export does not say which state its people sit in\n");
        expect(await count(db, "legislator")).toBe(0);
        expect(await count(db, "legislatorRole")).toBe(0);
      });

      it("imports all 113 person files and seats exactly one legislator in every House and Senate district", async () => {
        const { db, env } = getDatabase();
        const result = await runInProcess(["import", folder, "--as", "legislators", "--state", "RI"], env);
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        expect(result.stdout).toContain("Imported 113 RI legislators from 113 person files in legislators: 113 new, 0 updated;");
        expect(result.stdout).toContain("Matched 113 of 113 to a current district.");
        expect(result.stdout).not.toContain("Unmatched");
        expect(result.stdout).not.toContain("without a legislator");

        expect(await count(db, "legislator")).toBe(113);
        const house = await sittingByDistrict(db, "state_lower");
        const senate = await sittingByDistrict(db, "state_upper");
        expect(house.size).toBe(75);
        expect(senate.size).toBe(38);
        for (const [, names] of [...house, ...senate]) expect(names).toHaveLength(1);
        // Spot checks against the person files: the district each names is the district matched.
        expect(senate.get("36")).toEqual(["Alana DiMario"]);
        expect(house.get("55")).toEqual(["Doc Corvese"]);
        // Roles that ended (Corvese's 1999–2003 term) are kept as history, matched to no current district.
        const history = await db
          .selectFrom("legislatorRole")
          .innerJoin("legislator", "legislator.id", "legislatorRole.legislatorId")
          .select(["legislatorRole.validFrom", "legislatorRole.validTo", "legislatorRole.districtId"])
          .where("legislator.name", "=", "Doc Corvese")
          .orderBy("legislatorRole.validFrom")
          .execute();
        expect(history).toEqual([
          { validFrom: "1999-01-05", validTo: "2003-01-06", districtId: null },
          { validFrom: "2003-01-07", validTo: null, districtId: expect.any(Number) },
        ]);

        // Importing the same roster again changes nothing.
        const roster = await readOpenStates(folder, { state: "RI" });
        const again = await db.transaction().execute((trx) => importLegislators(trx, roster.records, { state: "RI", isFullRoster: true }));
        expect(again).toMatchObject({
          legislators: 113,
          created: 0,
          updated: 113,
          rolesAdded: 0,
          rolesClosed: 0,
          matched: 113,
          unmatched: [],
          vacantDistricts: [],
          sharedDistricts: [],
        });
      });

      it("exports legislators with stance unknown and the bodies passed in their district", async () => {
        const { db, env } = getDatabase();
        const before = await runInProcess(["export", "legislators", "--format", "csv"], env);
        expect(before.stderr).toBe("");
        const [header, ...rows] = parseCsv(before.stdout);
        expect(header).toEqual(LEGISLATOR_COLUMNS);
        expect(rows).toHaveLength(113);
        expect(rows.every((row) => row[4] === "unknown" && row[5] === "0" && row[6] === "0")).toBe(true);
        expect(rows.find((row) => row[0] === "Alana DiMario")).toEqual(["Alana DiMario", "Democratic", "state_upper", "36", "unknown", "0", "0", "", "state", ""]);

        const campaign = await makeCampaign(db, { name: "Legislator export drive" });
        const eastGreenwich = await db.selectFrom("body").select("id").where("name", "=", "East Greenwich").executeTakeFirstOrThrow();
        for (const [toStage, expectedVersion] of [
          ["introduced", 0],
          ["passed", 1],
        ] as const) {
          await db.transaction().execute((trx) => changeStage(trx, { campaignId: campaign.id, bodyId: eastGreenwich.id, toStage, expectedVersion }, organizer));
        }
        const after = parseCsv((await runInProcess(["export", "legislators", "--format", "csv"], env)).stdout).slice(1);
        const districtsOfTown = await db
          .selectFrom("bodyDistrictOverlap")
          .innerJoin("district", "district.id", "bodyDistrictOverlap.districtId")
          .select(["district.chamber", "district.name", "bodyDistrictOverlap.shareOfDistrict"])
          .where("bodyDistrictOverlap.bodyId", "=", eastGreenwich.id)
          .where("district.chamber", "in", ["state_lower", "state_upper"])
          .execute();
        expect(districtsOfTown.length).toBeGreaterThan(0);
        for (const district of districtsOfTown) {
          const row = after.find((candidate) => candidate[2] === district.chamber && candidate[3] === district.name)!;
          expect(row[5]).toBe("1");
          expect(Number(row[6])).toBeCloseTo(Math.min(1, district.shareOfDistrict), 5);
        }
        const touched = new Set(districtsOfTown.map((district) => `${district.chamber} ${district.name}`));
        expect(after.filter((row) => !touched.has(`${row[2]} ${row[3]}`)).every((row) => row[5] === "0")).toBe(true);

        const refused = await runInProcess(["export", "legislators", "--format", "geojson"], env);
        expect(refused.stderr).toBe("groundswell: legislators export as csv only; use --format csv\n");
      });

      it("fills the legislator column of the overlap export with the sitting legislator", async () => {
        const { env } = getDatabase();
        const result = await runInProcess(["export", "overlaps", "--format", "csv"], env);
        const [header, ...rows] = parseCsv(result.stdout);
        const chamber = header!.indexOf("district_chamber");
        const name = header!.indexOf("district_name");
        const legislator = header!.indexOf("legislator");
        const stateRows = rows.filter((row) => row[chamber] !== "congressional");
        expect(stateRows.length).toBeGreaterThan(100);
        expect(stateRows.every((row) => row[legislator] !== "")).toBe(true);
        expect(rows.filter((row) => row[chamber] === "congressional").every((row) => row[legislator] === "")).toBe(true);
        expect(rows.find((row) => row[chamber] === "state_upper" && row[name] === "36")![legislator]).toBe("Alana DiMario");
      });

      it('imports the CSV export: names like "District 07" match, turnover closes roles instead of overwriting them', async () => {
        const { db, env } = getDatabase();
        const roster = await readOpenStates(folder, { state: "RI" });
        const dimario = roster.records.find((record) => record.name === "Alana DiMario")!;
        const corvese = roster.records.find((record) => record.name === "Doc Corvese")!;
        const csv = [
          "id,name,current_party,current_district,current_chamber,email",
          `${dimario.ocdPersonId},Alana DiMario,Democratic,District 36,upper,${dimario.email}`,
          `${corvese.ocdPersonId},"Corvese, Doc",Democratic,055,lower,`,
          "ocd-person/11111111-2222-4333-8444-555555555555,Newcomer Rep,Independent,District 07,lower,new@example.org",
          "ocd-person/11111111-2222-4333-8444-666666666666,Nowhere Rep,Independent,District 99,lower,",
        ].join("\r\n");
        const file = path.join(scratch, "ri.csv");
        fs.writeFileSync(file, csv);
        const result = await runInProcess(["import", file, "--as", "legislators", "--state", "RI"], env);
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout).toContain("Imported 4 RI legislators from ri.csv: 2 new, 2 updated;");
        expect(result.stdout).toContain("Matched 3 of 4 to a current district.");
        expect(result.stdout).toContain('Nowhere Rep (ocd-person/11111111-2222-4333-8444-666666666666): no current state_lower district in RI named "District 99"');
        expect(result.stdout).toContain("Current districts without a legislator (110):");

        const house = await sittingByDistrict(db, "state_lower");
        expect(house.get("7")).toEqual(["Newcomer Rep"]);
        expect(house.get("55")).toEqual(["Corvese, Doc"]);
        expect((await sittingByDistrict(db, "state_upper")).get("36")).toEqual(["Alana DiMario"]);
        // The people missing from the roster keep their roles, now ended: 113 open roles became 3 + 1 unmatched.
        const open = await db.selectFrom("legislatorRole").select("id").where("validTo", "is", null).execute();
        expect(open).toHaveLength(4);
        expect(await count(db, "legislator")).toBe(115);
        expect(await count(db, "legislatorRole")).toBe(113 + 7 + 2);
      });

      it("refuses a CSV that is not an Open States export", async () => {
        const { db, env } = getDatabase();
        const file = path.join(scratch, "other.csv");
        fs.writeFileSync(file, "name,town\nA,B\n");
        const before = await count(db, "legislatorRole");
        const result = await runInProcess(["import", file, "--as", "legislators", "--state", "RI"], env);
        expect(result.stderr).toBe("groundswell: other.csv: not an Open States CSV export (missing column id, current_district, current_chamber)\n");
        expect(await count(db, "legislatorRole")).toBe(before);
      });
    });
  },
  { sqliteOnDisk: true },
);

/**
 * The order a new user imports in should not matter: legislators first, then the districts they
 * sit for (or a new plan replacing the old one). The district import seats the sitting
 * legislators in the current districts, so exports and district pages find them.
 */
forEachEngine(
  (getDatabase) => {
    describe("legislators imported before their districts", () => {
      const square = (west: number, south: number): GeoJSON.Polygon => ({
        type: "Polygon",
        coordinates: [
          [
            [west, south],
            [west + 0.1, south],
            [west + 0.1, south + 0.1],
            [west, south + 0.1],
            [west, south],
          ],
        ],
      });
      const plan = (names: string[]) =>
        JSON.stringify({
          type: "FeatureCollection",
          features: names.map((name, index) => ({ type: "Feature", properties: { DISTRICT: name }, geometry: square(-71.8 + index * 0.1, 41.6) })),
        });
      let scratch: string;
      beforeAll(() => {
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-legislators-first-"));
      });
      afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

      const seats = async (db: Db) =>
        (
          await db
            .selectFrom("legislatorRole")
            .innerJoin("legislator", "legislator.id", "legislatorRole.legislatorId")
            .leftJoin("district", "district.id", "legislatorRole.districtId")
            .select(["legislator.name", "district.name as district", "district.vintage", "district.isCurrent"])
            .where("legislatorRole.validTo", "is", null)
            .orderBy("legislator.name")
            .execute()
        ).map((row) => `${row.name}: ${row.district === null ? "-" : `${row.district} (${row.vintage}${row.isCurrent ? ", current" : ""})`}`);

      it("seats them when the districts arrive, and moves them to a new plan's districts", async () => {
        const { db, env } = getDatabase();
        const people = path.join(scratch, "ri.csv");
        fs.writeFileSync(
          people,
          "id,name,current_party,current_district,current_chamber\n" +
            "ocd-person/11111111-2222-4333-8444-555555555555,Teresa Kowalczyk,Democratic,District 2,lower\n" +
            "ocd-person/11111111-2222-4333-8444-666666666666,Marcus Oyelaran,Republican,1,lower\n" +
            "ocd-person/11111111-2222-4333-8444-777777777777,Senator Elsewhere,Democratic,1,upper\n",
        );
        const imported = await runCliInProcess(["import", people, "--as", "legislators", "--state", "RI"], env);
        expect(imported.status, imported.stderr).toBe(0);
        expect(imported.stdout).toContain("Matched 0 of 3 to a current district.");
        expect(await seats(db)).toEqual(["Marcus Oyelaran: -", "Senator Elsewhere: -", "Teresa Kowalczyk: -"]);

        const plan2022 = path.join(scratch, "house-2022.geojson");
        fs.writeFileSync(plan2022, plan(["1", "2"]));
        const districts = await runCliInProcess(["import", plan2022, "--as", "districts", "--chamber", "state_lower", "--state", "RI", "--vintage", "2022"], env);
        expect(districts.status, districts.stderr).toBe(0);
        expect(districts.stdout).toContain("Legislators: 2 of 2 sitting RI state_lower legislators matched to a current district");
        expect(await seats(db)).toEqual(["Marcus Oyelaran: 1 (2022, current)", "Senator Elsewhere: -", "Teresa Kowalczyk: 2 (2022, current)"]);

        // A new plan without a district 2: Marcus moves to the new district 1, Teresa is unmatched (not left on the old plan).
        const plan2032 = path.join(scratch, "house-2032.geojson");
        fs.writeFileSync(plan2032, plan(["1", "3"]));
        const redrawn = await runCliInProcess(["import", plan2032, "--as", "districts", "--chamber", "state_lower", "--state", "RI", "--vintage", "2032"], env);
        expect(redrawn.status, redrawn.stderr).toBe(0);
        expect(redrawn.stdout).toContain('Legislators: 1 of 2 sitting RI state_lower legislators matched to a current district; unmatched: Teresa Kowalczyk ("District 2")');
        expect(await seats(db)).toEqual(["Marcus Oyelaran: 1 (2032, current)", "Senator Elsewhere: -", "Teresa Kowalczyk: -"]);
      });

      it("keeps a legislator whose term ends on a future date sitting until then (Open States end_date ahead)", async () => {
        const { db } = getDatabase();
        const retiring = {
          ocdPersonId: "ocd-person/11111111-2222-4333-8444-999999999999",
          name: "Retiring Rep",
          party: "Democratic",
          email: null,
          links: [],
          extras: {},
          roles: [{ chamber: "state_lower" as const, state: "RI", districtName: "3", validFrom: "2023-01-03", validTo: "2099-01-05" }],
        };
        const summary = await db.transaction().execute((trx) => importLegislators(trx, [retiring], { state: "RI" }));
        expect(summary.matched).toBe(1);
        expect(summary.vacantDistricts.map((district) => district.name)).toEqual([]);
        const rows = await exportLegislators(db, null);
        expect(rows.filter((row) => row.chamber === "state_lower").map((row) => `${row.legislator} ${row.district}`)).toEqual([
          "Marcus Oyelaran 1",
          "Retiring Rep 3",
          "Teresa Kowalczyk District 2",
        ]);
      });
    });
  },
  { sqliteOnDisk: true },
);
