import ICAL from "ical.js";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { importSpreadsheet } from "../../server/domain/spreadsheet-import";
import { buildServer } from "../../server/http/server";
import { readCsvTable } from "../../server/io/csv";
import { RESOLUTION_COLUMNS } from "../../shared/model/spreadsheet-import";
import { makeBody, makeCampaign, type MadeBody } from "../helpers/factories";
import { forEachEngine } from "../helpers/test-db";

/** `/calendar.ics`: validated with an independent parser (ical.js), on both engines. */

interface ParsedEvent {
  uid: string;
  summary: string;
  location: string | null;
  start: string;
  isDate: boolean;
  floating: boolean;
  sequence: number;
  status: string;
  description: string | null;
  url: string;
}

function parseFeed(text: string): { calendar: ICAL.Component; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  const events = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      location: event.location ?? null,
      start: event.startDate.toString(),
      isDate: event.startDate.isDate,
      floating: event.startDate.zone === ICAL.Timezone.localTimezone,
      sequence: event.sequence,
      status: String(component.getFirstPropertyValue("status")),
      description: (component.getFirstPropertyValue("description") as string | null) ?? null,
      url: String(component.getFirstPropertyValue("url")),
    };
  });
  return { calendar, events };
}

forEachEngine((getDatabase) => {
  let app: FastifyInstance;
  let providence: MadeBody;
  let newport: MadeBody;
  let campaignId: number;
  const actor = { name: "Test organizer", role: "organizer" as const };

  const importRows = async (rows: string[]) => {
    const { db } = getDatabase();
    const table = readCsvTable([RESOLUTION_COLUMNS.join(","), ...rows].join("\n"), RESOLUTION_COLUMNS);
    const plan = await db.transaction().execute((trx) => importSpreadsheet(trx, { as: "resolutions", campaign: "Calendar drive", table }, actor, { dryRun: false }));
    expect(plan.errors).toEqual([]);
  };
  const getFeed = (query = `?campaign=${campaignId}`, headers: Record<string, string> = {}) =>
    app.inject({ method: "GET", url: `/calendar.ics${query}`, headers: { host: "groundswell.example", ...headers } });

  beforeAll(async () => {
    const { db, engine } = getDatabase();
    campaignId = (await makeCampaign(db, { name: "Calendar drive" })).id;
    providence = await makeBody(db, { name: "Providence", state: "RI" });
    newport = await makeBody(db, { name: "Newport", state: "RI", kind: "town_meeting" });
    await makeBody(db, { name: "Unscheduled", state: "RI" });
    await importRows([
      // body_id,body_geoid,body_name,state,stage,stage_date,introduced_on,hearing_date,hearing_time,hearing_location,vote_date,vote_time,vote_location,vote_cancelled,tally_yes,tally_no,tally_abstain,tally_absent,agenda_url,minutes_url,adopted_text_url,hub,sponsors,note
      `${providence.id},,,,vote_scheduled,,,2026-03-02,18:30,"Room 2, City Hall; 2nd floor",2026-03-10,19:00,"Council Chambers, 25 Dorrance St\\Annex",,,,,,https://providence.example/agenda,,,,,"SECRET-NOTE, never public"`,
      `${newport.id},,,,vote_scheduled,,,,,,2026-04-01,,,yes,,,,,,,,,,`,
    ]);
    app = await buildServer({ db, engine, basemapStyleUrl: null, serveClient: false });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("is a valid RFC 5545 calendar: CRLF lines of at most 75 octets, VERSION, PRODID, CALSCALE, one event per vote and hearing", async () => {
    const response = await getFeed();
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    const text = response.body;
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const { calendar, events } = parseFeed(text);
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("prodid")).toBe("-//Groundswell//Campaign calendar//EN");
    expect(calendar.getFirstPropertyValue("calscale")).toBe("GREGORIAN");
    expect(events.map((event) => [event.uid, event.start, event.isDate, event.status])).toEqual([
      [`hearing-${events[0]!.uid.split("-")[1]!.split("@")[0]}@groundswell`, "2026-03-02T18:30:00", false, "CONFIRMED"],
      [expect.stringMatching(/^vote-\d+@groundswell$/), "2026-03-10T19:00:00", false, "CONFIRMED"],
      [expect.stringMatching(/^vote-\d+@groundswell$/), "2026-04-01", true, "CANCELLED"],
    ]);
    const vote = events[1]!;
    expect(vote.summary).toBe("Vote: Calendar drive at Providence City Council");
    expect(vote.location).toBe("Council Chambers, 25 Dorrance St\\Annex");
    expect(vote.floating).toBe(true);
    expect(vote.url).toBe(`http://groundswell.example/?campaign=${campaignId}&body=${providence.id}`);
    expect(vote.description).toBe("Stage: Vote scheduled.\nAgenda: https://providence.example/agenda");
    expect(events[0]!.location).toBe("Room 2, City Hall; 2nd floor");
    expect(events[2]!.summary).toBe("Cancelled: Vote: Calendar drive at Newport Town Meeting");
    // Escaped on the wire, not just parsed back.
    expect(text).toContain("LOCATION:Council Chambers\\, 25 Dorrance St\\\\Annex");
    expect(text).toContain("LOCATION:Room 2\\, City Hall\\; 2nd floor");
  });

  it("never carries private data: the note is not in the feed", async () => {
    const response = await getFeed();
    expect(response.body).not.toContain("SECRET-NOTE");
  });

  it("a moved vote keeps its UID with a higher SEQUENCE; the ETag changes and revalidates", async () => {
    const before = await getFeed();
    const etag = String(before.headers.etag);
    expect((await getFeed(undefined, { "if-none-match": etag })).statusCode).toBe(304);
    const old = parseFeed(before.body).events.find((event) => event.start.startsWith("2026-03-10"))!;
    await importRows([`${providence.id},,,,,,,,,,2026-03-17,20:00,,,,,,,,,,,,`]);
    const after = await getFeed(undefined, { "if-none-match": etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    const moved = parseFeed(after.body).events.find((event) => event.uid === old.uid)!;
    expect(moved.start).toBe("2026-03-17T20:00:00");
    expect(moved.sequence).toBeGreaterThan(old.sequence);
  });

  it("answers 404 with one line for an unknown campaign or hub, and an empty calendar for a hub with no bodies", async () => {
    const unknown = await getFeed("?campaign=no-such-campaign");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toBe('No campaign named "no-such-campaign"\n');
    expect((await getFeed(`?campaign=${campaignId}&hub=nowhere`)).statusCode).toBe(404);
    const { db } = getDatabase();
    const now = new Date().toISOString();
    const hub = await db
      .insertInto("hub")
      .values({ name: "East Bay", slug: "east-bay", publicContact: null, onboarding: null, privateContacts: null, createdAt: now, updatedAt: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(parseFeed((await getFeed(`?campaign=calendar-drive&hub=east-bay`)).body).events).toEqual([]);
    await db.insertInto("hubBody").values({ hubId: hub.id, bodyId: newport.id }).execute();
    const events = parseFeed((await getFeed(`?campaign=calendar-drive&hub=${hub.id}`)).body).events;
    expect(events.map((event) => event.summary)).toEqual(["Cancelled: Vote: Calendar drive at Newport Town Meeting"]);
  });
});
