import { beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../shared/model/campaign";
import { createCaller } from "../../server/api/router";
import type { Actor } from "../../server/domain/actor";
import { seedDemo } from "../../server/domain/demo";
import { seedDemoWorkflow, type DemoWorkflowSummary } from "../../server/domain/demo-workflow";
import { readUsAtlasCounties } from "../../server/io/us-atlas";
import { forEachEngine } from "../helpers/test-db";

/**
 * The demo shows the whole workflow, not only a coloured map: made-up districts over Rhode
 * Island's counties with legislators on the ladder, hubs and a district without one, a meeting, a
 * lobby day with sign-ups, endorsers, a ballot question, vote dates in the coming weeks, tallies
 * and a whip count, all labelled as invented. Seeded on New England's counties as `serve` does.
 */
const TODAY = "2026-12-07";
const newEngland = readUsAtlasCounties().filter((county) => ["RI", "CT", "MA"].includes(county.state ?? ""));
const admin: Actor = { name: "Demo admin", role: "admin" };
const anonymous: Actor = { name: "anon", role: "public" };

forEachEngine((getDatabase) => {
  let campaign: Campaign;
  let summary: DemoWorkflowSummary | null;
  const caller = (actor: Actor) => createCaller({ db: getDatabase().db, actor });

  beforeAll(async () => {
    const { db } = getDatabase();
    await db.transaction().execute(async (trx) => {
      campaign = (await seedDemo(trx, newEngland)).campaign;
      summary = await seedDemoWorkflow(trx, campaign, { today: TODAY });
    });
  });

  describe("seedDemoWorkflow", () => {
    it("seats made-up legislators in made-up districts over Rhode Island, each on the ladder", async () => {
      expect(summary).toMatchObject({ districts: 9, legislators: 9, hubs: 2, endorsers: 5 });
      const legislators = await caller(anonymous).legislator.list({ campaignId: campaign.id });
      expect(legislators).toHaveLength(9);
      expect(legislators.every((legislator) => legislator.name.endsWith("(demo)") && legislator.districtId !== null)).toBe(true);
      const steps = Object.fromEntries(legislators.map((legislator) => [legislator.name, legislator.steps[0]!.step]));
      expect(steps).toMatchObject({ "Ana Souza (demo)": "cosponsor", "Dev Patel (demo)": "champion", "Erin Walsh (demo)": "unknown" });
    });

    it("gives House district 1 a hub, a meeting, lobby-day sign-ups, its ballot question and its coverage", async () => {
      const { db } = getDatabase();
      const district = await db
        .selectFrom("district")
        .select("id")
        .where("chamber", "=", "state_lower")
        .where("name", "=", "1")
        .where("state", "=", "RI")
        .executeTakeFirstOrThrow();
      const brief = await caller(anonymous).district.get({ campaignId: campaign.id, districtId: district.id });
      expect(brief.hubs.map((hub) => hub.name)).toEqual(["Providence County hub (demo)"]);
      expect(brief.bodies.map((body) => [body.name, body.stage])).toEqual([["Providence County", "passed"]]);
      expect(brief.coverage.bodiesPassed).toBe(1);
      expect(brief.coverage.areaShare).toBeCloseTo(1, 9);
      expect(brief.legislators.map((legislator) => legislator.name)).toEqual(["Ana Souza (demo)"]);
      const ana = brief.legislators[0]!.legislatorId;
      const meetings = await caller(admin).legislator.meetings({ campaignId: campaign.id, legislatorId: ana });
      expect(meetings.map((meeting) => [meeting.metOn, meeting.constituents])).toEqual([["2026-11-25", 6]]);
      const [lobbyDay] = await caller(admin).lobbyDay.list({ campaignId: campaign.id });
      expect(lobbyDay).toMatchObject({ name: "State House lobby day (demo)", heldOn: "2026-12-28" });
      const ballot = await caller(anonymous).public.ballotQuestions({ campaign: campaign.id });
      expect(ballot.map((question) => [question.name, question.districts.map((entry) => entry.pctYes)])).toEqual([["2024 Q1 (demo)", [70.6]]]);
    });

    it("leaves three House districts without a hub for the recruiting list", async () => {
      const gaps = await caller(anonymous).hub.gaps({ campaignId: campaign.id, chamber: "state_lower" });
      expect(gaps.map((gap) => gap.label).sort()).toEqual(["RI State House 3", "RI State House 4", "RI State House 5"]);
    });

    it("dates votes in the coming weeks, records tallies of passed votes, and counts one body's whip", async () => {
      const { db } = getDatabase();
      const rows = await db.selectFrom("resolution").select(["bodyId", "stage", "voteDate", "tallyYes"]).where("campaignId", "=", campaign.id).execute();
      const dates = rows.filter((row) => row.voteDate !== null).map((row) => row.voteDate!);
      expect(dates.length).toBeGreaterThan(0);
      expect(dates.every((date) => date > TODAY && date <= "2027-01-31")).toBe(true);
      expect(rows.filter((row) => row.stage === "passed" && row.tallyYes !== null).length).toBeGreaterThan(0);
      const whip = rows.find((row) => row.voteDate === "2026-12-10")!;
      const board = await caller(admin).member.board({ campaignId: campaign.id, bodyId: whip.bodyId });
      expect(board.members).toHaveLength(7);
    });

    it("compares one passed vote's roll call and tally with its whip count, so the dashboard shows whose word held", async () => {
      const projection = await caller(admin).member.projection({ campaignId: campaign.id });
      // Misses first: the leaning no who voted yes; the undecided is listed, not judged.
      expect(projection.rows.map((row) => [row.name, row.projected, row.vote, row.held])).toEqual([
        ["Councillor R. (demo)", "no", "yes", false],
        ["Councillor P. (demo)", "yes", "yes", true],
        ["Councillor Q. (demo)", "yes", "yes", true],
        ["Councillor S. (demo)", null, "yes", null],
      ]);
      expect([projection.compared, projection.held]).toEqual([3, 2]);
      expect(projection.tallies).toHaveLength(1);
      expect(projection.tallies[0]).toMatchObject({ projectedYes: 2, projectedNo: 1, unprojected: 1, yes: 4, no: 0 });
    });

    it("lists only the endorsers who agreed, at public steps, to anonymous readers", async () => {
      const listed = await caller(anonymous).public.endorsers({ campaign: campaign.id });
      expect(listed.map((endorser) => endorser.name).sort()).toEqual([
        "Bristol Main Street Bakery (demo)",
        "Kent Nurses Union Local 1 (demo)",
        "Providence Family Practice (demo)",
      ]);
    });

    it("does nothing where Rhode Island's counties are missing", async () => {
      const { db } = getDatabase();
      const rollback = new Error("roll back");
      await expect(
        db.transaction().execute(async (trx) => {
          await trx.deleteFrom("body").where("geoid", "=", "44005").execute();
          expect(await seedDemoWorkflow(trx, campaign, { today: TODAY })).toBeNull();
          throw rollback;
        }),
      ).rejects.toBe(rollback);
    });
  });
});
