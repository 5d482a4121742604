import ICAL from "ical.js";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../shared/model/campaign";
import { officesWithoutConstituent } from "../../shared/rules/lobby-day";
import { createCaller } from "../../server/api/router";
import type { Db } from "../../server/db/connect";
import type { Actor } from "../../server/domain/actor";
import { createHub } from "../../server/domain/hubs";
import { buildServer } from "../../server/http/server";
import { buildWorld, type World } from "../helpers/district-world";
import { makeCampaign } from "../helpers/factories";
import { signedInHeaders } from "../helpers/sign-in";
import { forEachEngine } from "../helpers/test-db";

/**
 * Lobby days (lobbyDay.*): an organizer plans the day, a hub member signs up for their own rep
 * (and is refused for another hub's), the coordinator sees the offices with no constituent going,
 * schedules a visit, and the report-back becomes a logged meeting that moves the ladder. The
 * schedule downloads as a calendar for members only.
 */
const organizer: Actor = { name: "Lobby coordinator", role: "organizer" };
const viewer: Actor = { name: "Lobby viewer", role: "viewer" };
const anonymous: Actor = { name: "anon", role: "public" };

const count = async (db: Db, table: "lobbySignup" | "meeting" | "lobbyDay") =>
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
  let lobbyDayId: number;
  let app: FastifyInstance;
  const caller = (actor: Actor) => createCaller({ db: getDatabase().db, actor });

  beforeAll(async () => {
    const { db, engine } = getDatabase();
    world = await buildWorld(db);
    campaign = await makeCampaign(db, { name: "Lobby drive", bill: "H.1239" });
    hubId = (await createHub(db, { name: "House 1 Hub", districtIds: [world.districts.house1] }, organizer)).id;
    member = { name: "Hub member", role: "hub", hubId, userId: 4343 };
    app = await buildServer({ db, engine, basemapStyleUrl: null, serveClient: false });
  });
  afterAll(async () => {
    await app?.close();
  });

  describe("a lobby day", () => {
    it("is planned by an organizer and lists every office of the state legislature with the hubs covering it", async () => {
      const day = await caller(organizer).lobbyDay.save({
        campaignId: campaign.id,
        name: "Spring lobby day",
        heldOn: "2099-03-10",
        startsAt: "09:30",
        place: "State House, Montpelier",
      });
      lobbyDayId = day.id;
      expect(day).toMatchObject({ name: "Spring lobby day", heldOn: "2099-03-10", startsAt: "09:30", chambers: ["state_lower", "state_upper"], billIds: [] });
      const detail = await caller(viewer).lobbyDay.get({ lobbyDayId });
      expect(detail.visits.map((visit) => [visit.seat.name, visit.seat.label, visit.seat.hubs.map((hub) => hub.name)])).toEqual([
        ["Alice Ann Brown", "VT State House 1", ["House 1 Hub"]],
        ["Robert Brown", "VT State House 2", []],
      ]);
      await expect(caller(member).lobbyDay.save({ campaignId: campaign.id, name: "Mine", heldOn: "2099-01-01" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller(anonymous).lobbyDay.list({ campaignId: campaign.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
      await expect(caller(organizer).lobbyDay.save({ campaignId: campaign.id, name: "Bad", heldOn: "2099-01-01", billIds: [999_999] })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: "Bill 999999 is not one of this campaign's bills",
      });
    });

    it("takes a hub member's sign-up for their own rep, with their hub, and refuses another hub's rep and a second sign-up", async () => {
      const { db } = getDatabase();
      const signUp = await caller(member).lobbyDay.signUp({ lobbyDayId, legislatorId: world.legislators.alice, name: "Dana from Carlton" });
      expect(signUp).toMatchObject({ name: "Dana from Carlton", hubId, hubName: "House 1 Hub", constituent: true, createdBy: "Hub member" });
      const before = await count(db, "lobbySignup");
      await expect(caller(member).lobbyDay.signUp({ lobbyDayId, legislatorId: world.legislators.robert, name: "Dana from Carlton" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller(member).lobbyDay.signUp({ lobbyDayId, legislatorId: world.legislators.alice, name: "dana from carlton" })).rejects.toMatchObject({
        code: "CONFLICT",
        message: "dana from carlton is already signed up to meet Alice Ann Brown",
      });
      await expect(caller(viewer).lobbyDay.signUp({ lobbyDayId, legislatorId: world.legislators.alice, name: "Vic" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await count(db, "lobbySignup")).toBe(before);
    });

    it("shows the coordinator which offices have no constituent going, and withdrawing a sign-up puts an office back on that list", async () => {
      const outsider = await caller(organizer).lobbyDay.signUp({ lobbyDayId, legislatorId: world.legislators.robert, name: "Sam (not from the district)", constituent: false });
      let detail = await caller(organizer).lobbyDay.get({ lobbyDayId });
      expect(officesWithoutConstituent(detail).map((visit) => visit.seat.name)).toEqual(["Robert Brown"]);
      const list = await caller(viewer).lobbyDay.list({ campaignId: campaign.id });
      expect(list.map((day) => [day.name, day.offices, day.officesWithConstituent, day.signUps])).toEqual([["Spring lobby day", 2, 1, 2]]);

      const dana = detail.visits[0]!.signUps[0]!;
      await expect(caller(member).lobbyDay.withdraw({ lobbyDayId, signUpId: outsider.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await caller(member).lobbyDay.withdraw({ lobbyDayId, signUpId: dana.id });
      detail = await caller(organizer).lobbyDay.get({ lobbyDayId });
      expect(officesWithoutConstituent(detail).map((visit) => visit.seat.name)).toEqual(["Alice Ann Brown", "Robert Brown"]);
      await caller(member).lobbyDay.signUp({ lobbyDayId, legislatorId: world.legislators.alice, name: "Dana from Carlton" });
    });

    it("schedules a visit and serves the hub's schedule as a calendar, to members only", async () => {
      const { db } = getDatabase();
      const visit = await caller(organizer).lobbyDay.schedule({ lobbyDayId, legislatorId: world.legislators.alice, time: "10:30", room: "Room 11" });
      expect(visit).toMatchObject({ time: "10:30", room: "Room 11" });
      await expect(caller(member).lobbyDay.schedule({ lobbyDayId, legislatorId: world.legislators.alice, time: "11:00" })).rejects.toMatchObject({ code: "FORBIDDEN" });

      const url = `/lobby-days/${lobbyDayId}/calendar.ics?hub=${hubId}`;
      const headers = await signedInHeaders(app, db, "viewer");
      // Once an account exists, nobody signed out sees the schedule (before, the read-only demo visitor would).
      expect((await app.inject({ method: "GET", url })).statusCode).toBe(401);
      const response = await app.inject({ method: "GET", url, headers: { host: "groundswell.example", ...headers } });
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^text\/calendar/);
      const calendar = new ICAL.Component(ICAL.parse(response.body) as unknown[]);
      const events = calendar.getAllSubcomponents("vevent").map((component) => new ICAL.Event(component));
      expect(events.map((event) => [event.summary, event.startDate.toString(), event.location])).toEqual([
        ["Spring lobby day", "2099-03-10T09:30:00", "State House, Montpelier"],
        ["Meet Alice Ann Brown (VT State House 1)", "2099-03-10T10:30:00", "Room 11, State House, Montpelier"],
      ]);
      expect(events[1]!.description).toBe("Spring lobby day. Going: Dana from Carlton.");
    });

    it("turns a visit's report-back into a logged meeting with the hub and constituents signed up, once, after the day", async () => {
      const { db } = getDatabase();
      await expect(caller(member).lobbyDay.reportBack({ lobbyDayId, legislatorId: world.legislators.alice, outcomeStep: "cosponsor" })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: "Spring lobby day is on 2099-03-10: report back after the visit",
      });
      await caller(organizer).lobbyDay.save({
        campaignId: campaign.id,
        lobbyDayId,
        name: "Spring lobby day",
        heldOn: "2026-11-30",
        startsAt: "09:30",
        place: "State House, Montpelier",
      });
      await expect(caller(member).lobbyDay.signUp({ lobbyDayId, legislatorId: world.legislators.alice, name: "Late comer" })).rejects.toMatchObject({
        message: "Spring lobby day was on 2026-11-30: sign-ups are closed",
      });
      const meeting = await caller(member).lobbyDay.reportBack({
        lobbyDayId,
        legislatorId: world.legislators.alice,
        ask: "Cosponsor H.1239",
        answer: "Signed on in the room",
        outcomeStep: "cosponsor",
        followUps: ["Thank her"],
      });
      expect(meeting).toMatchObject({
        metOn: "2026-11-30",
        place: "Room 11, State House, Montpelier",
        constituents: 1,
        hubs: [{ id: hubId, name: "House 1 Hub" }],
        outcomeStep: "cosponsor",
      });
      expect(meeting.followUps.map((task) => task.title)).toEqual(["Thank her"]);
      const alice = (await caller(anonymous).legislator.list({ campaignId: campaign.id })).find((row) => row.legislatorId === world.legislators.alice)!;
      expect(alice.steps.map((entry) => entry.step)).toEqual(["cosponsor"]);
      const detail = await caller(viewer).lobbyDay.get({ lobbyDayId });
      expect(detail.visits[0]!.meetingId).toBe(meeting.id);

      const meetings = await count(db, "meeting");
      await expect(caller(member).lobbyDay.reportBack({ lobbyDayId, legislatorId: world.legislators.alice, outcomeStep: "caucus" })).rejects.toMatchObject({ code: "CONFLICT" });
      await expect(caller(member).lobbyDay.reportBack({ lobbyDayId, legislatorId: world.legislators.robert, outcomeStep: "opposed" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await count(db, "meeting")).toBe(meetings);
    });
  });
});
