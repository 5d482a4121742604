import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { ChangeStageInput } from "../../shared/model/resolution";
import type { Db } from "../../server/db/connect";
import type { Actor } from "../../server/domain/actor";
import { changeStage } from "../../server/domain/resolutions";
import { ConflictError, InputError, NotFoundError } from "../../server/errors";
import { makeBody, makeCampaign } from "../helpers/factories";
import { snapshotResolutionTables } from "../helpers/row-snapshot";
import { forEachEngine } from "../helpers/test-db";
import { rejectionOf } from "../helpers/rejection";

const organizer: Actor = { name: "Rosa Organizer", role: "organizer" };

forEachEngine((getDatabase, engine) => {
  /** The way every door calls the use case: inside a transaction it opens. */
  const changeInTransaction = (input: ChangeStageInput, actor: Actor = organizer, now?: Date) =>
    getDatabase()
      .db.transaction()
      .execute((trx) => changeStage(trx, input, actor, now));

  /** Resolves to the error the promise rejected with; fails the test when it resolved. */

  async function stageEventsOf(db: Db, campaignId: number, bodyId: number) {
    return db
      .selectFrom("stageEvent")
      .innerJoin("resolution", "resolution.id", "stageEvent.resolutionId")
      .select(["stageEvent.fromStage", "stageEvent.toStage", "stageEvent.actor", "stageEvent.note", "stageEvent.occurredAt"])
      .where("resolution.campaignId", "=", campaignId)
      .where("resolution.bodyId", "=", bodyId)
      .orderBy("stageEvent.id")
      .execute();
  }

  async function resolutionOf(db: Db, campaignId: number, bodyId: number) {
    return db.selectFrom("resolution").select(["id", "stage", "version", "updatedAt"]).where("campaignId", "=", campaignId).where("bodyId", "=", bodyId).executeTakeFirst();
  }

  describe("changeStage", () => {
    it("creates the resolution on a body's first change (expectedVersion 0) with one event", async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db);
      const body = await makeBody(db);
      expect(await resolutionOf(db, campaign.id, body.id)).toBeUndefined();
      const now = new Date("2026-03-04T05:06:07.000Z");

      const result = await changeInTransaction(
        { campaignId: campaign.id, bodyId: body.id, toStage: "organizing", expectedVersion: 0, note: "  First house meeting.  " },
        organizer,
        now,
      );

      expect(result).toMatchObject({ campaignId: campaign.id, bodyId: body.id, stage: "organizing", version: 1 });
      expect(result.event).toMatchObject({
        fromStage: "not_started",
        toStage: "organizing",
        actor: "Rosa Organizer",
        note: "First house meeting.",
        occurredAt: "2026-03-04T05:06:07.000Z",
      });
      expect(await resolutionOf(db, campaign.id, body.id)).toMatchObject({
        stage: "organizing",
        version: 1,
        updatedAt: "2026-03-04T05:06:07.000Z",
      });
      expect(await stageEventsOf(db, campaign.id, body.id)).toEqual([
        { fromStage: "not_started", toStage: "organizing", actor: "Rosa Organizer", note: "First house meeting.", occurredAt: "2026-03-04T05:06:07.000Z" },
      ]);
    });

    it("writes exactly one stage event per change and bumps the version by one", async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db);
      const body = await makeBody(db);
      await changeInTransaction({ campaignId: campaign.id, bodyId: body.id, toStage: "organizing", expectedVersion: 0 });
      const before = await snapshotResolutionTables(db);

      const result = await changeInTransaction(
        { campaignId: campaign.id, bodyId: body.id, toStage: "introduced", expectedVersion: 1, note: "Filed for Tuesday." },
        { name: "Sam Admin", role: "admin" },
      );

      const after = await snapshotResolutionTables(db);
      expect(after.resolutions).toHaveLength(before.resolutions.length);
      expect(after.stageEvents).toHaveLength(before.stageEvents.length + 1);
      expect(after.stageEvents.at(-1)).toMatchObject({
        resolutionId: before.resolutions.find((row) => row.bodyId === body.id)!.id,
        fromStage: "organizing",
        toStage: "introduced",
        actor: "Sam Admin",
        note: "Filed for Tuesday.",
      });
      expect(result.version).toBe(2);
      expect(await resolutionOf(db, campaign.id, body.id)).toMatchObject({ stage: "introduced", version: 2 });
      // An empty note is stored as no note.
      await changeInTransaction({ campaignId: campaign.id, bodyId: body.id, toStage: "in_committee", expectedVersion: 2, note: "   " });
      expect((await stageEventsOf(db, campaign.id, body.id)).map((event) => [event.toStage, event.note])).toEqual([
        ["organizing", null],
        ["introduced", "Filed for Tuesday."],
        ["in_committee", null],
      ]);
    });

    it("rejects an illegal move with an InputError naming the allowed moves, and changes nothing", async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db);
      const body = await makeBody(db, { name: "Warwick" });
      const before = await snapshotResolutionTables(db);

      const error = await rejectionOf(changeInTransaction({ campaignId: campaign.id, bodyId: body.id, toStage: "passed", expectedVersion: 0 }));

      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toBe(
        'Warwick cannot move from "Not started" to "Passed"; allowed: Organizing, Sponsor found, Introduced, In committee, Vote scheduled',
      );
      expect(await snapshotResolutionTables(db)).toEqual(before);
    });

    it("names the moves a passed resolution still allows, and changes nothing", async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db);
      const body = await makeBody(db, { name: "Cranston" });
      await changeInTransaction({ campaignId: campaign.id, bodyId: body.id, toStage: "vote_scheduled", expectedVersion: 0 });
      await changeInTransaction({ campaignId: campaign.id, bodyId: body.id, toStage: "passed", expectedVersion: 1 });
      const before = await snapshotResolutionTables(db);

      const error = await rejectionOf(changeInTransaction({ campaignId: campaign.id, bodyId: body.id, toStage: "organizing", expectedVersion: 2 }));

      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toBe('Cranston cannot move from "Passed" to "Organizing"; allowed: Sent to legislators, Vetoed, Rescinded');
      expect(await snapshotResolutionTables(db)).toEqual(before);
    });

    it("rejects an unknown body with a NotFoundError and changes nothing", async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db);
      const before = await snapshotResolutionTables(db);

      const error = await rejectionOf(changeInTransaction({ campaignId: campaign.id, bodyId: 987_654, toStage: "organizing", expectedVersion: 0 }));

      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as Error).message).toBe("No body with id 987654");
      expect(await snapshotResolutionTables(db)).toEqual(before);
    });

    it("rejects an unknown campaign with a NotFoundError", async () => {
      const { db } = getDatabase();
      const body = await makeBody(db);
      const before = await snapshotResolutionTables(db);
      const error = await rejectionOf(changeInTransaction({ campaignId: 987_654, bodyId: body.id, toStage: "organizing", expectedVersion: 0 }));
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as Error).message).toBe("No campaign with id 987654");
      expect(await snapshotResolutionTables(db)).toEqual(before);
    });

    it("rejects a stage id the campaign does not have with an InputError", async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db, { name: "Unknown stage campaign" });
      const body = await makeBody(db);
      const before = await snapshotResolutionTables(db);

      const error = await rejectionOf(changeInTransaction({ campaignId: campaign.id, bodyId: body.id, toStage: "adopted_twice", expectedVersion: 0 }));

      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toBe('"adopted_twice" is not a stage of campaign "Unknown stage campaign"');
      expect(await snapshotResolutionTables(db)).toEqual(before);
    });

    it("rejects a stale expectedVersion with a ConflictError carrying the current state, and changes nothing", async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db);
      const body = await makeBody(db, { name: "Newport" });
      await changeInTransaction({ campaignId: campaign.id, bodyId: body.id, toStage: "organizing", expectedVersion: 0 });
      await changeInTransaction({ campaignId: campaign.id, bodyId: body.id, toStage: "sponsor_found", expectedVersion: 1 });
      const before = await snapshotResolutionTables(db);

      const error = await rejectionOf(changeInTransaction({ campaignId: campaign.id, bodyId: body.id, toStage: "introduced", expectedVersion: 1 }));

      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).current).toEqual({ stage: "sponsor_found", version: 2 });
      expect((error as Error).message).toContain('Newport was changed by someone else since you loaded it; it is now "Sponsor found"');
      expect(await snapshotResolutionTables(db)).toEqual(before);
    });

    it("treats a version for a body that has no resolution yet as stale", async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db);
      const body = await makeBody(db);
      const before = await snapshotResolutionTables(db);
      const error = await rejectionOf(changeInTransaction({ campaignId: campaign.id, bodyId: body.id, toStage: "organizing", expectedVersion: 3 }));
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).current).toEqual({ stage: "not_started", version: 0 });
      expect(await snapshotResolutionTables(db)).toEqual(before);
    });

    it("keeps resolutions of different campaigns on the same body apart", async () => {
      const { db } = getDatabase();
      const first = await makeCampaign(db);
      const second = await makeCampaign(db);
      const body = await makeBody(db);
      await changeInTransaction({ campaignId: first.id, bodyId: body.id, toStage: "organizing", expectedVersion: 0 });
      await changeInTransaction({ campaignId: second.id, bodyId: body.id, toStage: "introduced", expectedVersion: 0 });
      expect(await resolutionOf(db, first.id, body.id)).toMatchObject({ stage: "organizing", version: 1 });
      expect(await resolutionOf(db, second.id, body.id)).toMatchObject({ stage: "introduced", version: 1 });
    });
  });

  describe("two writers with the same expectedVersion", () => {
    /** Runs both writers at once; returns the settled results and the events the pair added. */
    async function race(campaignId: number, bodyId: number, expectedVersion: number, stages: [string, string]) {
      const { db } = getDatabase();
      const before = await snapshotResolutionTables(db);
      const results = await Promise.allSettled(
        stages.map((toStage, index) => changeInTransaction({ campaignId, bodyId, toStage, expectedVersion }, { name: `Writer ${index + 1}`, role: "organizer" })),
      );
      const after = await snapshotResolutionTables(db);
      return { results, newEvents: after.stageEvents.slice(before.stageEvents.length), before, after };
    }

    it("lets exactly one create the resolution; the other gets a ConflictError", async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db);
      const body = await makeBody(db);

      const { results, newEvents, before, after } = await race(campaign.id, body.id, 0, ["organizing", "sponsor_found"]);

      const fulfilled = results.filter((result) => result.status === "fulfilled");
      const rejected = results.filter((result) => result.status === "rejected");
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0]!.reason).toBeInstanceOf(ConflictError);
      const winner = fulfilled[0]!.value;
      expect((rejected[0]!.reason as ConflictError).current).toEqual({ stage: winner.stage, version: 1 });
      expect(after.resolutions).toHaveLength(before.resolutions.length + 1);
      expect(newEvents).toHaveLength(1);
      expect(newEvents[0]).toMatchObject({ fromStage: "not_started", toStage: winner.stage, actor: winner.event.actor });
      expect(await resolutionOf(db, campaign.id, body.id)).toMatchObject({ stage: winner.stage, version: 1 });
    });

    it("lets exactly one update an existing resolution; the other gets a ConflictError with the winner's state", async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db);
      const body = await makeBody(db);
      await changeInTransaction({ campaignId: campaign.id, bodyId: body.id, toStage: "organizing", expectedVersion: 0 });

      const { results, newEvents, before, after } = await race(campaign.id, body.id, 1, ["sponsor_found", "introduced"]);

      const fulfilled = results.filter((result) => result.status === "fulfilled");
      const rejected = results.filter((result) => result.status === "rejected");
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      const winner = fulfilled[0]!.value;
      const conflict = rejected[0]!.reason as ConflictError;
      expect(conflict).toBeInstanceOf(ConflictError);
      expect(conflict.current).toEqual({ stage: winner.stage, version: 2 });
      expect(after.resolutions).toHaveLength(before.resolutions.length);
      expect(newEvents).toHaveLength(1);
      expect(newEvents[0]).toMatchObject({ fromStage: "organizing", toStage: winner.stage });
      expect(await resolutionOf(db, campaign.id, body.id)).toMatchObject({ stage: winner.stage, version: 2 });
    });

    // On PostgreSQL the race above may or may not interleave. Here a third transaction holds the
    // row lock until both writers have read the resolution and are waiting to update it, so the
    // loser's compare-and-set is the check that fails. (SQLite serialises writers, so the case
    // cannot arise there and the test is only defined for PostgreSQL.)
    if (engine === "postgres")
      it("still lets only one win when both read before either writes", async () => {
        const { db } = getDatabase();
        const campaign = await makeCampaign(db);
        const body = await makeBody(db);
        await changeInTransaction({ campaignId: campaign.id, bodyId: body.id, toStage: "organizing", expectedVersion: 0 });
        const resolution = (await resolutionOf(db, campaign.id, body.id))!;
        const before = await snapshotResolutionTables(db);

        let writers: Promise<PromiseSettledResult<Awaited<ReturnType<typeof changeInTransaction>>>[]> | undefined;
        await db.transaction().execute(async (lock) => {
          await sql`select id from resolution where id = ${resolution.id} for update`.execute(lock);
          // Only writers blocked by this lock count: other test files run beside this one.
          const { rows: holder } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(lock);
          writers = Promise.allSettled([
            changeInTransaction({ campaignId: campaign.id, bodyId: body.id, toStage: "sponsor_found", expectedVersion: 1 }),
            changeInTransaction({ campaignId: campaign.id, bodyId: body.id, toStage: "introduced", expectedVersion: 1 }),
          ]);
          const deadline = Date.now() + 10_000;
          for (;;) {
            const { rows } = await sql<{ waiting: number }>`
            with recursive behind_lock(pid) as (
              select pid from pg_stat_activity where ${holder[0]!.pid}::int = any(pg_blocking_pids(pid))
              union
              select activity.pid from pg_stat_activity activity join behind_lock on behind_lock.pid = any(pg_blocking_pids(activity.pid))
            )
            select count(*)::int as waiting from pg_stat_activity
            where pid in (select pid from behind_lock) and query like 'update "resolution"%'`.execute(db);
            if (rows[0]!.waiting >= 2) break;
            if (Date.now() > deadline) throw new Error("the two writers never both waited on the row lock");
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        });
        const results = await writers!;

        const fulfilled = results.filter((result) => result.status === "fulfilled");
        const rejected = results.filter((result) => result.status === "rejected");
        expect(fulfilled).toHaveLength(1);
        expect(rejected).toHaveLength(1);
        const winner = fulfilled[0]!.value;
        const conflict = rejected[0]!.reason as ConflictError;
        expect(conflict).toBeInstanceOf(ConflictError);
        // The loser read version 1 before the winner committed; the error must still say how it is now.
        expect(conflict.current).toEqual({ stage: winner.stage, version: 2 });
        const after = await snapshotResolutionTables(db);
        expect(after.stageEvents).toHaveLength(before.stageEvents.length + 1);
        expect(await resolutionOf(db, campaign.id, body.id)).toMatchObject({ stage: winner.stage, version: 2 });
      });
  });
});
