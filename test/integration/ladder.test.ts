import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../shared/model/campaign";
import type { Bill } from "../../shared/model/ladder";
import { createCaller } from "../../server/api/router";
import type { Db } from "../../server/db/connect";
import type { Actor } from "../../server/domain/actor";
import { listBills } from "../../server/domain/bills";
import { getDistrict } from "../../server/domain/districts";
import { createHub } from "../../server/domain/hubs";
import { importBodies } from "../../server/domain/imports";
import { changeStage } from "../../server/domain/resolutions";
import { parseCsv, runCliInProcess } from "../helpers/cli";
import { buildWorld, type World } from "../helpers/district-world";
import { makeCampaign, squarePolygon } from "../helpers/factories";
import { forEachEngine } from "../helpers/test-db";

/**
 * Bills and the ladder (legislator.setStep / undoStep / list / stepHistory, bill.add / list, the
 * campaign's ladder), the cosponsor list import per bill,
 * district coverage by area and population (nested bodies counted once), best next targets and
 * the legislators export, on both engines, in the small Vermont of test/helpers/district-world.ts.
 */

const organizer: Actor = { name: "Ladder organizer", role: "organizer" };
const admin: Actor = { name: "Ladder admin", role: "admin" };
const viewer: Actor = { name: "Ladder viewer", role: "viewer" };
const anonymous: Actor = { name: "anon", role: "public" };

const countRows = async (db: Db, table: "legislatorStep" | "legislatorStepEvent") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

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
    let bills: Bill[];
    let scratch: string;
    const caller = (actor: Actor) => createCaller({ db: getDatabase().db, actor });

    beforeAll(async () => {
      world = await buildWorld(getDatabase().db);
      campaign = await makeCampaign(getDatabase().db, { name: "Vermont drive", bill: "H.101" });
      bills = await listBills(getDatabase().db, campaign.id);
      scratch = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-ladder-"));
    });
    afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

    describe("the ladder", () => {
      it("moves a legislator on the default bill with source, link and private note, keeps the history, and lists it publicly without them", async () => {
        await caller(organizer).legislator.setStep({
          campaignId: campaign.id,
          legislatorId: world.legislators.robert,
          step: "undecided",
          source: "meeting",
          note: "Said maybe at the diner",
        });
        await caller(organizer).legislator.setStep({
          campaignId: campaign.id,
          legislatorId: world.legislators.robert,
          step: "supportive",
          source: "public_statement",
          link: "https://news.example.org/robert-supports",
          expectedStep: "undecided",
        });
        const history = await caller(viewer).legislator.stepHistory({ campaignId: campaign.id, legislatorId: world.legislators.robert });
        expect(history.map((event) => [event.billId, event.fromStep, event.toStep, event.source, event.link, event.note, event.actor])).toEqual([
          [bills[0]!.id, null, "undecided", "meeting", null, "Said maybe at the diner", "Ladder organizer"],
          [bills[0]!.id, "undecided", "supportive", "public_statement", "https://news.example.org/robert-supports", null, "Ladder organizer"],
        ]);
        const list = await caller(anonymous).legislator.list({ campaignId: campaign.id });
        expect(list.find((row) => row.legislatorId === world.legislators.robert)).toMatchObject({ name: "Robert Brown", districtName: "2" });
        expect(list.find((row) => row.legislatorId === world.legislators.robert)!.steps.map((entry) => [entry.billId, entry.step])).toEqual([[bills[0]!.id, "supportive"]]);
        expect(list.find((row) => row.legislatorId === world.legislators.alice)!.steps).toEqual([{ billId: bills[0]!.id, step: "unknown", updatedAt: null }]);
        expect(JSON.stringify(list)).not.toContain("diner");
        expect(JSON.stringify(list)).not.toContain("robert-supports");
      });

      it("keeps one step per bill: a second bill starts at unknown and moves on its own", async () => {
        const senate = await caller(admin).bill.add({ campaignId: campaign.id, name: "S.55", jurisdiction: "state", chamber: "state_upper" });
        bills = await caller(anonymous).bill.list({ campaignId: campaign.id });
        expect(bills.map((bill) => [bill.name, bill.jurisdiction, bill.chamber])).toEqual([
          ["H.101", "state", null],
          ["S.55", "state", "state_upper"],
        ]);
        await caller(organizer).legislator.setStep({ campaignId: campaign.id, billId: senate.id, legislatorId: world.legislators.robert, step: "opposed", source: "news" });
        const robert = (await caller(anonymous).legislator.list({ campaignId: campaign.id })).find((row) => row.legislatorId === world.legislators.robert)!;
        expect(robert.steps.map((entry) => [entry.billId, entry.step])).toEqual([
          [bills[0]!.id, "supportive"],
          [senate.id, "opposed"],
        ]);
        await expect(caller(admin).bill.add({ campaignId: campaign.id, name: "s.55" })).rejects.toMatchObject({
          code: "BAD_REQUEST",
          message: 'The campaign already has a bill named "s.55"',
        });
      });

      it("reorders the bills, and removes only a bill with nothing recorded on it", async () => {
        const typo = await caller(admin).bill.add({ campaignId: campaign.id, name: "S.5S" });
        const names = async () => (await caller(anonymous).bill.list({ campaignId: campaign.id })).map((bill) => bill.name);
        await caller(admin).bill.move({ billId: typo.id, by: -1 });
        expect((await caller(admin).bill.move({ billId: typo.id, by: -1 })).map((bill) => bill.name)).toEqual(["S.5S", "H.101", "S.55"]);
        await expect(caller(admin).bill.move({ billId: typo.id, by: -1 })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "S.5S is already first" });
        await expect(caller(organizer).bill.move({ billId: typo.id, by: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
        await expect(caller(admin).bill.remove({ billId: bills[1]!.id })).rejects.toMatchObject({
          code: "BAD_REQUEST",
          message: "S.55 has 1 ladder change recorded on it, so it stays; rename it instead",
        });
        expect(await caller(admin).bill.remove({ billId: typo.id })).toMatchObject({ name: "S.5S" });
        expect(await names()).toEqual(["H.101", "S.55"]);
        const audit = await getDatabase().db.selectFrom("auditEvent").select("summary").where("action", "in", ["bill.move", "bill.remove"]).orderBy("id").execute();
        expect(audit.map((entry) => entry.summary)).toEqual(["Bills reordered: H.101, S.5S, S.55", "Bills reordered: S.5S, H.101, S.55", "Bill S.5S removed"]);
      });

      it("undoes the last change of a bill by appending an event back, and refuses a stale undo", async () => {
        const senate = bills[1]!;
        const history = await caller(viewer).legislator.stepHistory({ campaignId: campaign.id, legislatorId: world.legislators.robert });
        const last = history.filter((event) => event.billId === senate.id).at(-1)!;
        await caller(organizer).legislator.undoStep({ campaignId: campaign.id, billId: senate.id, legislatorId: world.legislators.robert, expectedEventId: last.id });
        const after = await caller(viewer).legislator.stepHistory({ campaignId: campaign.id, legislatorId: world.legislators.robert });
        expect(after.at(-1)).toMatchObject({ billId: senate.id, fromStep: "opposed", toStep: "unknown", source: "undo" });
        const stale = caller(organizer).legislator.undoStep({ campaignId: campaign.id, billId: senate.id, legislatorId: world.legislators.robert, expectedEventId: last.id });
        await expect(stale).rejects.toMatchObject({ code: "CONFLICT" });
        const robert = (await caller(anonymous).legislator.list({ campaignId: campaign.id })).find((row) => row.legislatorId === world.legislators.robert)!;
        expect(robert.steps.map((entry) => entry.step)).toEqual(["supportive", "unknown"]);
      });

      it("refuses a stale step, a step not on the ladder, a bad link, the public and viewers, and changes nothing", async () => {
        const before = await countRows(getDatabase().db, "legislatorStepEvent");
        const stale = caller(organizer).legislator.setStep({ campaignId: campaign.id, legislatorId: world.legislators.robert, step: "opposed", expectedStep: "undecided" });
        await expect(stale).rejects.toMatchObject({
          code: "CONFLICT",
          message: `Robert Brown's step on H.101 was changed by someone else; it is now "supportive". Review and try again.`,
        });
        await expect(caller(organizer).legislator.setStep({ campaignId: campaign.id, legislatorId: world.legislators.robert, step: "kingmaker" })).rejects.toMatchObject({
          code: "BAD_REQUEST",
          message: expect.stringContaining('"kingmaker" is not a step of the ladder'),
        });
        await expect(
          caller(organizer).legislator.setStep({ campaignId: campaign.id, legislatorId: world.legislators.robert, step: "opposed", link: "javascript:alert(1)" }),
        ).rejects.toMatchObject({ code: "BAD_REQUEST" });
        await expect(caller(viewer).legislator.setStep({ campaignId: campaign.id, legislatorId: world.legislators.robert, step: "opposed" })).rejects.toBeInstanceOf(TRPCError);
        await expect(caller(anonymous).legislator.stepHistory({ campaignId: campaign.id, legislatorId: world.legislators.robert })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
        await expect(caller(organizer).legislator.setStep({ campaignId: campaign.id, legislatorId: 999_999, step: "opposed" })).rejects.toMatchObject({ code: "NOT_FOUND" });
        await expect(
          caller(organizer).legislator.setStep({ campaignId: campaign.id, billId: 999_999, legislatorId: world.legislators.robert, step: "opposed" }),
        ).rejects.toMatchObject({ code: "NOT_FOUND" });
        expect(await countRows(getDatabase().db, "legislatorStepEvent")).toBe(before);
      });

      it("edits the ladder like the stage scheme: renames and adds freely, keeps steps legislators stand at", async () => {
        const steps = campaign.ladder.steps.map((step) => (step.id === "champion" ? { ...step, label: "Leader" } : step));
        await caller(admin).campaign.update({ campaignId: campaign.id, ladder: { steps: [...steps, { id: "sponsor", label: "Lead sponsor", description: "" }] } });
        const edited = (await caller(anonymous).campaign.list()).find((row) => row.id === campaign.id)!;
        expect(edited.ladder.steps.map((step) => step.label).slice(-2)).toEqual(["Leader", "Lead sponsor"]);
        const withoutSupportive = edited.ladder.steps.filter((step) => step.id !== "supportive");
        await expect(caller(admin).campaign.update({ campaignId: campaign.id, ladder: { steps: withoutSupportive } })).rejects.toMatchObject({
          code: "BAD_REQUEST",
          message: 'Cannot remove ladder steps that legislators stand at: "Supportive" (1); move them first',
        });
        await caller(admin).campaign.update({ campaignId: campaign.id, ladder: campaign.ladder });
      });
    });

    describe("hub members move their own legislators", () => {
      it("lets a hub member move the legislator of a district their hub covers by geography, and refuses the others in one line", async () => {
        const { db } = getDatabase();
        // The hub names only the town of Ashby, which is 2/3 of House 1 (Alice's district).
        const hub = await createHub(db, { name: "Ashby Ladder Hub", bodyIds: [world.bodies.ashby] }, organizer);
        const member: Actor = { name: "Hub member", role: "hub", hubId: hub.id, userId: 999 };
        expect(await caller(member).hub.area()).toEqual([{ districtId: world.districts.house1, share: expect.closeTo(2 / 3, 3) }]);
        await caller(member).legislator.setStep({ campaignId: campaign.id, billId: bills[1]!.id, legislatorId: world.legislators.alice, step: "supportive", source: "meeting" });
        const before = await countRows(db, "legislatorStepEvent");
        await expect(caller(member).legislator.setStep({ campaignId: campaign.id, legislatorId: world.legislators.robert, step: "opposed" })).rejects.toMatchObject({
          code: "FORBIDDEN",
          message: "This legislator's district is outside your hub's area: ask an organizer",
        });
        await expect(
          caller({ name: "No hub", role: "hub", hubId: null }).legislator.setStep({ campaignId: campaign.id, legislatorId: world.legislators.alice, step: "opposed" }),
        ).rejects.toMatchObject({
          code: "FORBIDDEN",
        });
        await expect(caller(viewer).legislator.setStep({ campaignId: campaign.id, legislatorId: world.legislators.alice, step: "opposed" })).rejects.toMatchObject({
          code: "FORBIDDEN",
          message: "Viewers cannot make changes: ask an admin for an organizer or hub role",
        });
        expect(await countRows(db, "legislatorStepEvent")).toBe(before);
        expect(await caller(viewer).hub.area()).toEqual([]);
        const history = await caller(viewer).legislator.stepHistory({ campaignId: campaign.id, legislatorId: world.legislators.alice });
        const last = history.at(-1)!;
        expect(last).toMatchObject({ actor: "Hub member", toStep: "supportive" });
        await caller(member).legislator.undoStep({ campaignId: campaign.id, billId: bills[1]!.id, legislatorId: world.legislators.alice, expectedEventId: last.id });
      });
    });

    describe("groundswell import --as cosponsors", () => {
      it("refuses a list matching nobody, an unknown bill or state, in one line, and changes nothing", async () => {
        const { db, env } = getDatabase();
        const file = path.join(scratch, "bad.txt");
        fs.writeFileSync(file, "Brown\nZed Nobody\n");
        const before = await countRows(db, "legislatorStepEvent");
        const result = await runCliInProcess(["import", file, "--as", "cosponsors", "--campaign", "Vermont drive", "--state", "VT"], env);
        expect(result.status).toBe(2);
        expect(result.stderr).toBe(
          'groundswell: None of the 2 names in bad.txt is a sitting VT legislator, nothing imported: "Brown" could be Alice Ann Brown or Robert Brown; "Zed Nobody" matches no sitting VT legislator\n',
        );
        const unknownBill = await runCliInProcess(["import", file, "--as", "cosponsors", "--campaign", "Vermont drive", "--bill", "H.9999"], env);
        expect(unknownBill.stderr).toBe('groundswell: --bill "H.9999" is not a bill of this campaign ("H.101", "S.55"): add it in the campaign settings\n');
        const badState = await runCliInProcess(["import", file, "--as", "cosponsors", "--campaign", "Vermont drive", "--state", "ZZ"], env);
        expect(badState.status).toBe(2);
        expect(badState.stderr).toMatch(/^groundswell: --state .*ZZ/);
        expect(await countRows(db, "legislatorStepEvent")).toBe(before);
      });

      it("moves the listed legislators up to cosponsor on the default bill, never down, reporting names left unmatched", async () => {
        const { db, env } = getDatabase();
        await createCaller({ db, actor: organizer }).legislator.setStep({ campaignId: campaign.id, legislatorId: world.legislators.alice, step: "champion" });
        const file = path.join(scratch, "cosponsors.csv");
        fs.writeFileSync(file, 'district,Name\n1,"Brown, Alice"\n2,Robert Brown\n3,Zed Nobody\n');
        const dryRun = await runCliInProcess(["import", file, "--as", "cosponsors", "--campaign", "Vermont drive", "--dry-run"], env);
        expect(dryRun.stderr).toBe("");
        expect(dryRun.stdout).toContain("Dry run, nothing written: Matched 2 of 3 names on cosponsors.csv to sitting legislators for H.101");
        expect(dryRun.stdout).toContain("1 would move up to cosponsor, 0 already cosponsor, 1 kept higher on the ladder.");
        const afterDryRun = await caller(anonymous).legislator.list({ campaignId: campaign.id });
        expect(afterDryRun.find((row) => row.name === "Robert Brown")!.steps[0]!.step).toBe("supportive");

        const result = await runCliInProcess(["import", file, "--as", "cosponsors", "--campaign", "Vermont drive"], env);
        expect(result.stderr).toBe("");
        expect(result.stdout).toContain("1 moved up to cosponsor, 0 already cosponsor, 1 kept higher on the ladder.");
        expect(result.stdout).toContain('Not matched (1): "Zed Nobody" matches no sitting legislator');
        const list = await caller(anonymous).legislator.list({ campaignId: campaign.id });
        expect(Object.fromEntries(list.map((row) => [row.name, row.steps.map((entry) => entry.step)]))).toEqual({
          "Alice Ann Brown": ["champion", "unknown"],
          "Robert Brown": ["cosponsor", "unknown"],
        });
        const history = await caller(viewer).legislator.stepHistory({ campaignId: campaign.id, legislatorId: world.legislators.robert });
        expect(history.at(-1)).toMatchObject({ source: "cosponsor_list", toStep: "cosponsor", note: "On the cosponsor list cosponsors.csv" });
        const again = await runCliInProcess(["import", file, "--as", "cosponsors", "--campaign", "Vermont drive", "--state", "VT"], env);
        expect(again.stdout).toContain("0 moved up to cosponsor, 1 already cosponsor, 1 kept higher on the ladder.");
      });

      it("imports a second bill's list with --bill, leaving the first bill alone", async () => {
        const { env } = getDatabase();
        const file = path.join(scratch, "senate.txt");
        fs.writeFileSync(file, "Alice Brown\n");
        const result = await runCliInProcess(["import", file, "--as", "cosponsors", "--campaign", "Vermont drive", "--bill", "s.55"], env);
        expect(result.stderr).toBe("");
        expect(result.stdout).toContain("1 moved up to cosponsor");
        const list = await caller(anonymous).legislator.list({ campaignId: campaign.id });
        expect(Object.fromEntries(list.map((row) => [row.name, row.steps.map((entry) => entry.step)]))).toEqual({
          "Alice Ann Brown": ["champion", "cosponsor"],
          "Robert Brown": ["cosponsor", "unknown"],
        });
      });

      it("matches a federal bill's list only against members of Congress", async () => {
        const { env } = getDatabase();
        await caller(admin).bill.add({ campaignId: campaign.id, name: "HR 4321", jurisdiction: "federal", chamber: "congressional" });
        const file = path.join(scratch, "federal.txt");
        fs.writeFileSync(file, "Robert Brown\n");
        const result = await runCliInProcess(["import", file, "--as", "cosponsors", "--campaign", "Vermont drive", "--bill", "HR 4321"], env);
        expect(result.status).toBe(3);
        expect(result.stderr).toBe("groundswell: No sitting members of Congress for HR 4321: import them first with --as legislators\n");
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
        expect(after.legislators.map((legislator) => [legislator.name, legislator.steps[0]!.step])).toEqual([["Robert Brown", "cosponsor"]]);
      });

      it("exports the step on each bill, bodies passed and both shares per legislator", async () => {
        const { env } = getDatabase();
        const result = await runCliInProcess(["export", "legislators", "--format", "csv", "--campaign", "Vermont drive"], env);
        expect(result.stderr).toBe("");
        const [header, ...rows] = parseCsv(result.stdout);
        expect(header).toEqual([
          "legislator",
          "party",
          "chamber",
          "district",
          "stance",
          "bodies_passed",
          "share_area_passed",
          "share_population_passed",
          "jurisdiction",
          "committees",
          "step_H.101",
          "step_S.55",
          "step_HR_4321",
        ]);
        const robert = rows.find((row) => row[0] === "Robert Brown")!;
        expect(robert.slice(0, 6)).toEqual(["Robert Brown", "Republican", "state_lower", "2", "cosponsor", "1"]);
        expect(Number(robert[6])).toBeCloseTo(2 / 9, 3);
        expect(Number(robert[7])).toBeCloseTo(6000 / 9500, 3);
        expect(robert.slice(8)).toEqual(["state", "", "cosponsor", "unknown", "unknown"]);
        expect(rows.find((row) => row[0] === "Alice Ann Brown")!.slice(4)).toEqual(["champion", "0", "0", "0", "state", "", "champion", "cosponsor", "unknown"]);
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
          db
            .transaction()
            .execute((trx) => importBodies(trx, { features: [ashby], fields: ["NAME", "GEOID", "HOUSEHOLDS"] }, { kind: "town_meeting", state: "VT", populationField: "POP" })),
        ).rejects.toThrow('no population field "POP" in this file; its fields are: NAME, GEOID, HOUSEHOLDS');
      });
    });
  },
  { sqliteOnDisk: true },
);
