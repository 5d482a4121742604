import { beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../shared/model/campaign";
import { createCaller } from "../../server/api/router";
import type { Db } from "../../server/db/connect";
import type { Actor } from "../../server/domain/actor";
import { createHub } from "../../server/domain/hubs";
import { buildWorld, type World } from "../helpers/district-world";
import { makeCampaign } from "../helpers/factories";
import { forEachEngine } from "../helpers/test-db";

/**
 * The meeting log (legislator.logMeeting / meetings / nextActions / addNextAction /
 * completeNextAction): a hub member logs a meeting with their own legislator, its outcome moves
 * the ladder (source: meeting), its follow-ups become next actions attached to the legislator; the
 * same member is refused for another hub's legislator, and nothing is written on a refusal.
 */
const organizer: Actor = { name: "Meeting organizer", role: "organizer" };
const viewer: Actor = { name: "Meeting viewer", role: "viewer" };
const anonymous: Actor = { name: "anon", role: "public" };

const count = async (db: Db, table: "meeting" | "legislatorTask" | "legislatorStepEvent") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

forEachEngine((getDatabase) => {
  let world: World;
  let campaign: Campaign;
  let member: Actor;
  let hubId: number;
  const caller = (actor: Actor) => createCaller({ db: getDatabase().db, actor });

  beforeAll(async () => {
    const { db } = getDatabase();
    world = await buildWorld(db);
    campaign = await makeCampaign(db, { name: "Meeting drive", bill: "H.1239" });
    hubId = (await createHub(db, { name: "House 1 Hub", districtIds: [world.districts.house1] }, organizer)).id;
    member = { name: "Hub member", role: "hub", hubId, userId: 4242 };
  });

  describe("the meeting log", () => {
    it("logs a hub member's meeting with their rep: the outcome moves the ladder, the follow-ups become next actions", async () => {
      const meeting = await caller(member).legislator.logMeeting({
        campaignId: campaign.id,
        legislatorId: world.legislators.alice,
        metOn: "2026-11-20",
        hubIds: [hubId],
        constituents: 6,
        place: "District office",
        ask: "Cosponsor H.1239",
        answer: "Yes, she will sign on",
        outcomeStep: "cosponsor",
        followUps: ["Send the thank-you letter", "Invite her to the town hall"],
        privateNotes: "Her aide is skeptical",
      });
      expect(meeting).toMatchObject({
        metOn: "2026-11-20",
        constituents: 6,
        place: "District office",
        outcomeStep: "cosponsor",
        createdBy: "Hub member",
        hubs: [{ id: hubId, name: "House 1 Hub" }],
      });
      expect(meeting.followUps.map((task) => task.title)).toEqual(["Send the thank-you letter", "Invite her to the town hall"]);

      const alice = (await caller(anonymous).legislator.list({ campaignId: campaign.id })).find((row) => row.legislatorId === world.legislators.alice)!;
      expect(alice.steps.map((entry) => entry.step)).toEqual(["cosponsor"]);
      const history = await caller(viewer).legislator.stepHistory({ campaignId: campaign.id, legislatorId: world.legislators.alice });
      expect(history.at(-1)).toMatchObject({ toStep: "cosponsor", source: "meeting", actor: "Hub member", note: "Meeting of 2026-11-20" });

      const listed = await caller(viewer).legislator.meetings({ campaignId: campaign.id, legislatorId: world.legislators.alice });
      expect(listed.map((entry) => [entry.metOn, entry.privateNotes])).toEqual([["2026-11-20", "Her aide is skeptical"]]);
      await expect(caller(anonymous).legislator.meetings({ campaignId: campaign.id, legislatorId: world.legislators.alice })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    });

    it("adds and completes next actions attached to the legislator", async () => {
      const added = await caller(member).legislator.addNextAction({
        campaignId: campaign.id,
        legislatorId: world.legislators.alice,
        title: "Ask about the caucus",
        dueOn: "2026-12-15",
      });
      expect(added).toMatchObject({ title: "Ask about the caucus", dueOn: "2026-12-15", meetingId: null, doneAt: null });
      const done = await caller(member).legislator.completeNextAction({ campaignId: campaign.id, nextActionId: added.id });
      expect(done.doneAt).not.toBeNull();
      const list = await caller(viewer).legislator.nextActions({ campaignId: campaign.id, legislatorId: world.legislators.alice });
      expect(list.map((task) => [task.title, task.doneAt === null])).toEqual([
        ["Send the thank-you letter", true],
        ["Invite her to the town hall", true],
        ["Ask about the caucus", false],
      ]);
    });

    it("refuses another hub's legislator, a future date and an unknown hub, writing nothing", async () => {
      const { db } = getDatabase();
      const before = [await count(db, "meeting"), await count(db, "legislatorTask"), await count(db, "legislatorStepEvent")];
      await expect(
        caller(member).legislator.logMeeting({ campaignId: campaign.id, legislatorId: world.legislators.robert, metOn: "2026-11-20", outcomeStep: "opposed", followUps: ["x"] }),
      ).rejects.toMatchObject({ code: "FORBIDDEN", message: "This legislator's district is outside your hub's area: ask an organizer" });
      await expect(caller(member).legislator.addNextAction({ campaignId: campaign.id, legislatorId: world.legislators.robert, title: "x" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(
        caller(organizer).legislator.logMeeting({ campaignId: campaign.id, legislatorId: world.legislators.robert, metOn: "2999-01-01", outcomeStep: "opposed" }),
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: "A meeting on 2999-01-01 has not happened yet: log it afterwards",
      });
      await expect(
        caller(organizer).legislator.logMeeting({ campaignId: campaign.id, legislatorId: world.legislators.robert, metOn: "2026-11-01", hubIds: [999_999], followUps: ["x"] }),
      ).rejects.toMatchObject({
        code: "NOT_FOUND",
        message: "No hub with id 999999",
      });
      await expect(caller(viewer).legislator.logMeeting({ campaignId: campaign.id, legislatorId: world.legislators.alice, metOn: "2026-11-01" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      expect([await count(db, "meeting"), await count(db, "legislatorTask"), await count(db, "legislatorStepEvent")]).toEqual(before);
    });
  });
});
