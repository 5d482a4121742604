import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../shared/model/campaign";
import { createCaller } from "../../server/api/router";
import type { Db } from "../../server/db/connect";
import type { Actor } from "../../server/domain/actor";
import { getDistrict } from "../../server/domain/districts";
import { importBodies } from "../../server/domain/imports";
import { changeStage } from "../../server/domain/resolutions";
import { parseCsv, runCliInProcess } from "../helpers/cli";
import { buildWorld, type World } from "../helpers/district-world";
import { makeCampaign, squarePolygon } from "../helpers/factories";
import { forEachEngine } from "../helpers/test-db";

/**
 * The stance ladder (legislator.setStance / list / stanceHistory), the cosponsor list import,
 * district coverage by area and population (nested bodies counted once), best next targets and
 * the legislators export, on both engines, in the small Vermont of test/helpers/district-world.ts.
 */

const organizer: Actor = { name: "Stance organizer", role: "organizer" };
const viewer: Actor = { name: "Stance viewer", role: "viewer" };
const anonymous: Actor = { name: "anon", role: "public" };

const countRows = async (db: Db, table: "legislatorStance" | "legislatorStanceEvent") =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

async function pass(db: Db, campaignId: number, bodyId: number) {
  await db.transaction().execute(async (trx) => {
    await changeStage(trx, { campaignId, bodyId, toStage: "introduced", expectedVersion: 0 }, organizer);
    await changeStage(trx, { campaignId, bodyId, toStage: "passed", expectedVersion: 1 }, organizer);
  });
}

forEachEngine(
  (getDatabase) => {
    let world: World;
    let campaign: Campaign;
    let scratch: string;
    const caller = (actor: Actor) => createCaller({ db: getDatabase().db, actor });

    beforeAll(async () => {
      world = await buildWorld(getDatabase().db);
      campaign = await makeCampaign(getDatabase().db, { name: "Vermont drive", bill: "H.101" });
      scratch = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-stances-"));
    });
    afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

    describe("stance ladder", () => {
      it("sets a stance with a private note, keeps the history, and lists it publicly without the note", async () => {
        await caller(organizer).legislator.setStance({ campaignId: campaign.id, legislatorId: world.legislators.robert, stance: "undecided", note: "Said maybe at the diner" });
        await caller(organizer).legislator.setStance({
          campaignId: campaign.id,
          legislatorId: world.legislators.robert,
          stance: "supporter",
          expectedStance: "undecided",
          note: "Private: his aide's cell is 802-555-0199",
        });
        const history = await caller(viewer).legislator.stanceHistory({ campaignId: campaign.id, legislatorId: world.legislators.robert });
        expect(history.map((event) => [event.fromStance, event.toStance, event.actor])).toEqual([
          [null, "undecided", "Stance organizer"],
          ["undecided", "supporter", "Stance organizer"],
        ]);
        expect(history[1]!.note).toContain("802-555-0199");

        const list = await caller(anonymous).legislator.list({ campaignId: campaign.id });
        expect(list.find((row) => row.legislatorId === world.legislators.robert)).toMatchObject({ name: "Robert Brown", stance: "supporter", districtName: "2" });
        expect(list.find((row) => row.legislatorId === world.legislators.alice)).toMatchObject({ stance: "unknown", stanceUpdatedAt: null });
        const district = await caller(anonymous).district.get({ campaignId: campaign.id, districtId: world.districts.house2 });
        for (const text of [JSON.stringify(list), JSON.stringify(district)]) {
          expect(text).not.toContain("802-555-0199");
          expect(text).not.toContain("diner");
        }
      });

      it("refuses a stale stance, the public and viewers, and changes nothing", async () => {
        const before = await countRows(getDatabase().db, "legislatorStanceEvent");
        const stale = caller(organizer).legislator.setStance({ campaignId: campaign.id, legislatorId: world.legislators.robert, stance: "opposed", expectedStance: "undecided" });
        await expect(stale).rejects.toMatchObject({ code: "CONFLICT", message: `Robert Brown's stance was changed by someone else; it is now "supporter". Review and try again.` });
        await expect(caller(viewer).legislator.setStance({ campaignId: campaign.id, legislatorId: world.legislators.robert, stance: "opposed" })).rejects.toBeInstanceOf(TRPCError);
        await expect(caller(anonymous).legislator.stanceHistory({ campaignId: campaign.id, legislatorId: world.legislators.robert })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
        await expect(caller(organizer).legislator.setStance({ campaignId: campaign.id, legislatorId: 999_999, stance: "opposed" })).rejects.toMatchObject({ code: "NOT_FOUND" });
        expect(await countRows(getDatabase().db, "legislatorStanceEvent")).toBe(before);
      });
    });

    describe("groundswell import --as cosponsors", () => {
      it("refuses a list with an unknown or ambiguous name, naming them, and changes nothing", async () => {
        const { db, env } = getDatabase();
        const file = path.join(scratch, "bad.txt");
        fs.writeFileSync(file, "Rep. Alice Brown\nBrown\nZed Nobody\n");
        const before = await countRows(db, "legislatorStanceEvent");
        const result = await runCliInProcess(["import", file, "--as", "cosponsors", "--campaign", "Vermont drive", "--state", "VT"], env);
        expect(result.status).toBe(2);
        expect(result.stderr).toBe(
          'groundswell: 2 of 3 names not matched, nothing imported: "Brown" could be Alice Ann Brown or Robert Brown; "Zed Nobody" matches no sitting VT legislator\n',
        );
        expect(await countRows(db, "legislatorStanceEvent")).toBe(before);
        const noState = await runCliInProcess(["import", file, "--as", "cosponsors", "--campaign", "Vermont drive"], env);
        expect(noState.stderr).toBe("groundswell: --state is required for cosponsors, e.g. RI\n");
      });

      it("marks the listed legislators cosponsor from a CSV, never downgrading a champion", async () => {
        const { db, env } = getDatabase();
        await createCaller({ db, actor: organizer }).legislator.setStance({ campaignId: campaign.id, legislatorId: world.legislators.alice, stance: "champion" });
        const file = path.join(scratch, "cosponsors.csv");
        fs.writeFileSync(file, 'district,Name\n1,"Brown, Alice"\n2,Robert Brown\n');
        const result = await runCliInProcess(["import", file, "--as", "cosponsors", "--campaign", "Vermont drive", "--state", "vt"], env);
        expect(result.stderr).toBe("");
        expect(result.stdout).toContain("1 now cosponsor, 0 already cosponsor, 1 kept as champion.");
        const list = await caller(anonymous).legislator.list({ campaignId: campaign.id });
        expect(Object.fromEntries(list.map((row) => [row.name, row.stance]))).toEqual({ "Alice Ann Brown": "champion", "Robert Brown": "cosponsor" });
        const again = await runCliInProcess(["import", file, "--as", "cosponsors", "--campaign", "Vermont drive", "--state", "VT"], env);
        expect(again.stdout).toContain("0 now cosponsor, 1 already cosponsor, 1 kept as champion.");
      });
    });

    describe("coverage and best next targets", () => {
      it("counts a ward inside a passed city once, by area and by population, and agrees with the overlap shares", async () => {
        const { db } = getDatabase();
        const before = await getDistrict(db, { campaignId: campaign.id, districtId: world.districts.house2 });
        expect(before.coverage).toMatchObject({ areaShare: 0, populationShare: 0, bodiesPassed: 0 });
        expect(before.coverage.population).toBeCloseTo(1500 + 6000 + 2000, 0);

        await pass(db, campaign.id, world.bodies.ward);
        const wardOnly = await getDistrict(db, { campaignId: campaign.id, districtId: world.districts.house2 });
        expect(wardOnly.coverage.areaShare).toBeCloseTo(1 / 9, 3);
        // The ward has no population: it takes Carlton's density (half of 6,000).
        expect(wardOnly.coverage.populationShare).toBeCloseTo(3000 / 9500, 3);
        // Winning Carlton would add the other half of it; it leads the targets by people.
        expect(wardOnly.nextTargets[0]).toMatchObject({ bodyId: world.bodies.carlton, basis: "population" });
        expect(wardOnly.nextTargets[0]!.gain).toBeCloseTo(3000 / 9500, 3);

        await pass(db, campaign.id, world.bodies.carlton);
        const after = await getDistrict(db, { campaignId: campaign.id, districtId: world.districts.house2 });
        const carlton = after.bodies.find((body) => body.bodyId === world.bodies.carlton)!;
        expect(carlton).toMatchObject({ passed: true, stage: "passed" });
        expect(carlton.stageDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        // Coverage = the sum of the passed overlaps' shares, the ward being inside Carlton.
        expect(after.coverage.areaShare).toBeCloseTo(carlton.shareOfDistrict, 9);
        expect(after.sharePassed).toBe(after.coverage.areaShare);
        expect(after.coverage.populationShare).toBeCloseTo(6000 / 9500, 3);
        expect(after.coverage.bodiesPassed).toBe(1);
        expect(after.nextTargets.map((target) => target.bodyId)).toEqual([world.bodies.dover, world.bodies.brookfield]);
        expect(after.legislators.map((legislator) => [legislator.name, legislator.stance])).toEqual([["Robert Brown", "cosponsor"]]);
      });

      it("exports stance, bodies passed and both shares per legislator", async () => {
        const { env } = getDatabase();
        const result = await runCliInProcess(["export", "legislators", "--format", "csv", "--campaign", "Vermont drive"], env);
        expect(result.stderr).toBe("");
        const [header, ...rows] = parseCsv(result.stdout);
        expect(header).toEqual(["legislator", "party", "chamber", "district", "stance", "bodies_passed", "share_area_passed", "share_population_passed", "jurisdiction", "committees"]);
        const robert = rows.find((row) => row[0] === "Robert Brown")!;
        expect(robert.slice(0, 6)).toEqual(["Robert Brown", "Republican", "state_lower", "2", "cosponsor", "1"]);
        expect(Number(robert[6])).toBeCloseTo(2 / 9, 3);
        expect(Number(robert[7])).toBeCloseTo(6000 / 9500, 3);
        expect(rows.find((row) => row[0] === "Alice Ann Brown")!.slice(4)).toEqual(["champion", "0", "0", "0", "state", ""]);
      });
    });

    describe("population on import", () => {
      it("reads the guessed population field and keeps it when a layer without one is re-imported", async () => {
        const { db } = getDatabase();
        const rows = await db.selectFrom("body").select(["name", "population"]).where("state", "=", "VT").orderBy("name").execute();
        expect(rows).toEqual([
          { name: "Ashby", population: 1000 },
          { name: "Brookfield", population: 3000 },
          { name: "Carlton", population: 6000 },
          { name: "Carlton Ward 1", population: null },
          { name: "Dover", population: 2000 },
        ]);
        const ashby = { properties: { NAME: "Ashby", GEOID: "5000100001", HOUSEHOLDS: 400 }, geometry: squarePolygon([-72.9, 44.0], 0.02) };
        await db.transaction().execute((trx) => importBodies(trx, { features: [ashby], fields: ["NAME", "GEOID", "HOUSEHOLDS"] }, { kind: "town_meeting", state: "VT" }));
        const kept = await db.selectFrom("body").select("population").where("id", "=", world.bodies.ashby).executeTakeFirstOrThrow();
        expect(kept.population).toBe(1000);
        await expect(
          db.transaction().execute((trx) => importBodies(trx, { features: [ashby], fields: ["NAME", "GEOID", "HOUSEHOLDS"] }, { kind: "town_meeting", state: "VT", populationField: "POP" })),
        ).rejects.toThrow('no population field "POP" in this file; its fields are: NAME, GEOID, HOUSEHOLDS');
      });
    });
  },
  { sqliteOnDisk: true },
);
