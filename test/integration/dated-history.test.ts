import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import * as addHappenedOn from "../../server/db/migrations/2026_12_07_1100_add_stage_event_happened_on";
import type { Db } from "../../server/db/connect";
import type { Actor } from "../../server/domain/actor";
import { getBody } from "../../server/domain/bodies";
import { getPublicMap } from "../../server/domain/public-view";
import { undoStage, updateResolution } from "../../server/domain/resolution-details";
import { changeStage } from "../../server/domain/resolutions";
import { importSpreadsheet } from "../../server/domain/spreadsheet-import";
import { updateVotingSetup } from "../../server/domain/members";
import { InputError } from "../../server/errors";
import { readCsvTable } from "../../server/io/csv";
import { columnsOf } from "../../shared/model/spreadsheet-import";
import { makeBody, makeCampaign } from "../helpers/factories";
import { snapshotResolutionTables } from "../helpers/row-snapshot";
import { forEachEngine } from "../helpers/test-db";
import { rejectionOf } from "../helpers/rejection";

/**
 * Issue 14, dated history: every stage event has the day it happened (given, may be past) and
 * the instant it was recorded; replay, counts and the as-of map follow the happened day.
 */

const organizer: Actor = { name: "Rosa Organizer", role: "organizer" };
const admin: Actor = { name: "Admin", role: "admin" };
const now = new Date("2026-03-10T12:00:00.000Z");

const passedOn = async (db: Db, campaignId: number, asOf: string) =>
  (await getPublicMap(db, { campaign: campaignId, asOf })).counts.find((count) => count.stageId === "passed")!.count;

forEachEngine((getDatabase) => {
  const inTransaction = <T>(work: (trx: Db) => Promise<T>) => getDatabase().db.transaction().execute(work);
  /** A new body of a new campaign, moved to "organizing" on `day`. */
  async function organizedOn(name: string, day: string) {
    const { db } = getDatabase();
    const campaign = await makeCampaign(db);
    const body = await makeBody(db, { name });
    await inTransaction((trx) => changeStage(trx, { campaignId: campaign.id, bodyId: body.id, toStage: "organizing", expectedVersion: 0, happenedOn: day }, organizer, now));
    return { db, campaign, body };
  }

  describe("a stage change dated in the past", () => {
    it("records the day it happened beside the day it was recorded, and the as-of map follows the happened day", async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db);
      const body = await makeBody(db, { name: "Warwick" });
      const moved = await inTransaction((trx) =>
        changeStage(trx, { campaignId: campaign.id, bodyId: body.id, toStage: "organizing", expectedVersion: 0, happenedOn: "2025-11-02" }, organizer, now),
      );
      expect(moved.event).toMatchObject({ happenedOn: "2025-11-02", occurredAt: now.toISOString() });
      await inTransaction((trx) => changeStage(trx, { campaignId: campaign.id, bodyId: body.id, toStage: "sponsor_found", expectedVersion: 1 }, organizer, now));
      const detail = await getBody(db, { campaignId: campaign.id, bodyId: body.id });
      expect(detail.history.map((event) => [event.toStage, event.happenedOn])).toEqual([
        ["sponsor_found", "2026-03-10"],
        ["organizing", "2025-11-02"],
      ]);
      const map = async (asOf: string) => Object.fromEntries((await getPublicMap(db, { campaign: campaign.id, asOf })).stages);
      expect(await map("2025-11-01")).toEqual({});
      expect(await map("2025-11-02")).toEqual({ [body.id]: "organizing" });
      expect(await map("2026-03-10")).toEqual({ [body.id]: "sponsor_found" });
      expect((await getPublicMap(db, { campaign: campaign.id })).range).toEqual({ first: "2025-11-02", last: "2026-03-10" });
    });

    it("refuses a day in the future or before the previous change in one line, writing nothing", async () => {
      const { db, campaign, body } = await organizedOn("Bristol", "2026-01-15");
      const before = await snapshotResolutionTables(db);
      const future = await rejectionOf(
        inTransaction((trx) =>
          changeStage(trx, { campaignId: campaign.id, bodyId: body.id, toStage: "sponsor_found", expectedVersion: 1, happenedOn: "2026-03-11" }, organizer, now),
        ),
      );
      expect(future).toBeInstanceOf(InputError);
      expect((future as Error).message).toBe("Bristol: the change's date 2026-03-11 is in the future (today is 2026-03-10); record a change once it has happened");
      const earlier = await rejectionOf(
        inTransaction((trx) =>
          changeStage(trx, { campaignId: campaign.id, bodyId: body.id, toStage: "sponsor_found", expectedVersion: 1, happenedOn: "2026-01-14" }, organizer, now),
        ),
      );
      expect((earlier as Error).message).toBe("Bristol: the change's date 2026-01-14 is before the previous change (2026-01-15); history is kept in order");
      expect((earlier as Error).message).not.toContain("\n");
      expect(await snapshotResolutionTables(db)).toEqual(before);
    });

    it("an undo is dated on the day of the change it undoes, so the past map never shows the mistake", async () => {
      const { db, campaign, body } = await organizedOn("Cranston", "2026-02-01");
      await inTransaction((trx) => undoStage(trx, { campaignId: campaign.id, bodyId: body.id, expectedVersion: 1 }, organizer, now));
      expect(Object.fromEntries((await getPublicMap(db, { campaign: campaign.id, asOf: "2026-02-15" })).stages)).toEqual({});
    });
  });

  describe("a tally", () => {
    async function scheduled(name: string, voteDate: string) {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db);
      const body = await makeBody(db, { name });
      await inTransaction((trx) => updateVotingSetup(trx, { bodyId: body.id, seats: 9, vacancies: null, quorum: null, voteRule: null, hasVeto: false, overrideRule: null }));
      let version = 0;
      for (const toStage of ["organizing", "sponsor_found", "introduced", "vote_scheduled"]) {
        version = (
          await inTransaction((trx) => changeStage(trx, { campaignId: campaign.id, bodyId: body.id, toStage, expectedVersion: version, happenedOn: "2026-01-05" }, organizer, now))
        ).version;
      }
      version = (await inTransaction((trx) => updateResolution(trx, { campaignId: campaign.id, bodyId: body.id, expectedVersion: version, changes: { voteDate } }, organizer, now)))
        .version;
      return { db, campaign, body, version };
    }

    it("cannot be recorded for a vote dated in the future", async () => {
      const { db, campaign, body, version } = await scheduled("Newport", "2026-03-12");
      const before = await snapshotResolutionTables(db);
      const error = await rejectionOf(
        inTransaction((trx) =>
          updateResolution(
            trx,
            { campaignId: campaign.id, bodyId: body.id, expectedVersion: version, changes: { tally: { yes: 6, no: 3, abstain: 0, absent: 0 } } },
            organizer,
            now,
          ),
        ),
      );
      expect((error as Error).message).toBe("Tally not saved: the vote is dated 2026-03-12, after today (2026-03-10); record the tally once the vote has happened");
      expect(await snapshotResolutionTables(db)).toEqual(before);
    });

    it("moves the stage on the vote's day", async () => {
      const { db, campaign, body, version } = await scheduled("Tiverton", "2026-02-20");
      const saved = await inTransaction((trx) =>
        updateResolution(trx, { campaignId: campaign.id, bodyId: body.id, expectedVersion: version, changes: { tally: { yes: 6, no: 3, abstain: 0, absent: 0 } } }, organizer, now),
      );
      expect(saved.stageEvent).toMatchObject({ toStage: "passed", happenedOn: "2026-02-20" });
      expect(await passedOn(db, campaign.id, "2026-02-19")).toBe(0);
      expect(await passedOn(db, campaign.id, "2026-02-20")).toBe(1);
    });
  });

  describe("the spreadsheet import", () => {
    const importSheet = (db: Db, campaign: string, csv: string, dryRun = false) =>
      db.transaction().execute((trx) => importSpreadsheet(trx, { as: "resolutions", campaign, table: readCsvTable(csv, columnsOf("resolutions")) }, admin, { dryRun, now }));

    it("takes the row's dates as the days its stage changes happened, and replays to them", async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db, { name: "Dated drive" });
      const [westerly, exeter, foster] = [
        await makeBody(db, { name: "Westerly", state: "RI" }),
        await makeBody(db, { name: "Exeter", state: "RI" }),
        await makeBody(db, { name: "Foster", state: "RI" }),
      ];
      const plan = await importSheet(
        db,
        "Dated drive",
        [
          "body_name,state,stage,introduced_on,vote_date,date",
          "Westerly,RI,passed,2025-03-01,2025-10-20,",
          "Exeter,RI,introduced,2025-06-15,,",
          "Foster,RI,organizing,,,2025-08-01",
        ].join("\n"),
      );
      expect(plan.errors).toEqual([]);
      expect(plan.created.find((record) => record.label.startsWith("Westerly"))!.changes).toContain("stage dated 2025-10-20 (steps from 2025-03-01)");
      const stagesOn = async (asOf: string) => Object.fromEntries((await getPublicMap(db, { campaign: campaign.id, asOf })).stages);
      expect(await stagesOn("2025-02-28")).toEqual({});
      expect(await stagesOn("2025-06-15")).toEqual({ [westerly.id]: "introduced", [exeter.id]: "introduced" });
      expect(await stagesOn("2025-08-01")).toEqual({ [westerly.id]: "introduced", [exeter.id]: "introduced", [foster.id]: "organizing" });
      expect(await stagesOn("2025-10-20")).toEqual({ [westerly.id]: "passed", [exeter.id]: "introduced", [foster.id]: "organizing" });
      const history = await getBody(db, { campaignId: campaign.id, bodyId: westerly.id });
      expect(history.history.every((event) => event.occurredAt === now.toISOString())).toBe(true);
    });

    it("refuses future and out-of-order dates, and a tally for a future vote, naming the row; nothing written", async () => {
      const { db } = getDatabase();
      await makeCampaign(db, { name: "Bad dates" });
      await makeBody(db, { name: "Hopkinton", state: "RI" });
      await makeBody(db, { name: "Lincoln", state: "RI" });
      await makeBody(db, { name: "Portsmouth", state: "RI" });
      const before = await snapshotResolutionTables(db);
      const plan = await importSheet(
        db,
        "Bad dates",
        [
          "body_name,state,stage,introduced_on,vote_date,tally_yes,tally_no,stage_date",
          "Hopkinton,RI,passed,2025-11-01,2025-10-20,,,",
          "Lincoln,RI,vote_scheduled,,2026-04-01,5,2,",
          "Portsmouth,RI,organizing,,,,,2026-03-11",
        ].join("\n"),
      );
      expect(plan.committed).toBe(false);
      expect(plan.errors).toEqual([
        { row: 2, message: "introduced_on 2025-11-01 is after vote_date 2025-10-20; the stages happened in order" },
        { row: 3, message: "tally: the vote is dated 2026-04-01, after today (2026-03-10); record the tally once the vote has happened" },
        { row: 4, message: "stage_date 2026-03-11 is in the future (today is 2026-03-10); a stage change is recorded once it has happened" },
      ]);
      expect(await snapshotResolutionTables(db)).toEqual(before);
    });

    it("refuses a row dated before the body's previous change", async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db, { name: "In order" });
      const body = await makeBody(db, { name: "Scituate", state: "RI" });
      await inTransaction((trx) =>
        changeStage(trx, { campaignId: campaign.id, bodyId: body.id, toStage: "organizing", expectedVersion: 0, happenedOn: "2026-01-15" }, organizer, now),
      );
      const plan = await importSheet(db, "In order", "body_name,state,stage,stage_date\nScituate,RI,sponsor_found,2026-01-01\n");
      expect(plan.errors).toEqual([{ row: 2, message: "stage_date 2026-01-01 is before the body's previous change (2026-01-15); history is kept in order" }]);
    });
  });

  it("the migration dates every existing event on the day it was recorded", async () => {
    const { db } = getDatabase();
    const campaign = await makeCampaign(db);
    const body = await makeBody(db);
    await inTransaction((trx) =>
      changeStage(trx, { campaignId: campaign.id, bodyId: body.id, toStage: "organizing", expectedVersion: 0, happenedOn: "2025-05-05" }, organizer, now),
    );
    await addHappenedOn.down(db);
    await addHappenedOn.up(db);
    const rows = await sql<{
      happenedOn: string;
      occurredAt: string;
    }>`select happened_on, occurred_at from stage_event where resolution_id = (select id from resolution where body_id = ${body.id})`.execute(db);
    expect(rows.rows).toEqual([{ happenedOn: "2026-03-10", occurredAt: now.toISOString() }]);
  });
});
