import type { Selectable } from "kysely";
import type { Db } from "../connect";
import type { StageEventTable } from "../schema";
import { resolutionDetailColumns } from "./columns";

/** A stage event as the history panel shows it, actor and note included. */
const stageEventColumns = ["id", "fromStage", "toStage", "actor", "note", "occurredAt", "happenedOn"] as const;

export function findResolution(db: Db, campaignId: number, bodyId: number) {
  return db
    .selectFrom("resolution")
    .select(["id", "campaignId", "bodyId", "stage", "version", "introducedOn", "voteDate", "updatedAt"])
    .where("campaignId", "=", campaignId)
    .where("bodyId", "=", bodyId)
    .executeTakeFirst();
}

/** Insert the first resolution row, with any details; `undefined` when another writer created it first. */
export async function insertResolution(
  db: Db,
  values: { campaignId: number; bodyId: number; stage: string; updatedAt: string } & ResolutionDetailsUpdate,
): Promise<number | undefined> {
  const row = await db
    .insertInto("resolution")
    .values({ ...values, version: 1 })
    .onConflict((conflict) => conflict.columns(["campaignId", "bodyId"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id;
}

/** A stage event to append: recorded `occurredAt`, happened on `happenedOn`. */
export type NewStageEvent = Omit<Selectable<StageEventTable>, "id">;

export async function insertStageEvent(db: Db, event: NewStageEvent): Promise<number> {
  const row = await db.insertInto("stageEvent").values(event).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export function findStageEvents(db: Db, resolutionId: number) {
  return db.selectFrom("stageEvent").select(stageEventColumns).where("resolutionId", "=", resolutionId).orderBy("happenedOn", "desc").orderBy("id", "desc").execute();
}

export function countStageEvents(db: Db, campaignId: number): Promise<number> {
  return db
    .selectFrom("stageEvent")
    .innerJoin("resolution", "resolution.id", "stageEvent.resolutionId")
    .where("resolution.campaignId", "=", campaignId)
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow()
    .then((row) => Number(row.count));
}

/** Bulk insert used by seeding and imports; batched for PostgreSQL's parameter limit. */
export async function insertResolutions(db: Db, rows: Array<{ campaignId: number; bodyId: number; stage: string; version: number; updatedAt: string }>): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < rows.length; start += 1000) {
    const inserted = await db
      .insertInto("resolution")
      .values(rows.slice(start, start + 1000))
      .returning("id")
      .execute();
    ids.push(...inserted.map((row) => row.id));
  }
  return ids;
}

export async function insertStageEvents(db: Db, rows: NewStageEvent[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 1000) {
    await db
      .insertInto("stageEvent")
      .values(rows.slice(start, start + 1000))
      .execute();
  }
}

export function findResolutionStages(db: Db, campaignId: number) {
  return db.selectFrom("resolution").select(["bodyId", "stage", "version"]).where("campaignId", "=", campaignId).orderBy("bodyId").execute();
}

/** Every column of one resolution, including the private note. */
export function findResolutionDetails(db: Db, campaignId: number, bodyId: number) {
  return db
    .selectFrom("resolution")
    .select(["id", "campaignId", "bodyId", "stage", "version", ...resolutionDetailColumns, "updatedAt"])
    .where("campaignId", "=", campaignId)
    .where("bodyId", "=", bodyId)
    .executeTakeFirst();
}

export type ResolutionDetailsRow = NonNullable<Awaited<ReturnType<typeof findResolutionDetails>>>;
export type ResolutionDetailsUpdate = Partial<Omit<ResolutionDetailsRow, "id" | "campaignId" | "bodyId" | "version" | "updatedAt">>;

/** Compare-and-set of the stage and any detail columns on `version`, bumping it; false when someone else wrote first. */
export async function updateResolutionDetails(
  db: Db,
  { id, expectedVersion, updatedAt, changes }: { id: number; expectedVersion: number; updatedAt: string; changes: ResolutionDetailsUpdate },
): Promise<boolean> {
  const result = await db
    .updateTable("resolution")
    .set((eb) => ({ ...changes, updatedAt, version: eb("version", "+", 1) }))
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The day the last change of one resolution happened, or null when it has none. */
export async function findLastHappenedOn(db: Db, resolutionId: number): Promise<string | null> {
  const row = await db
    .selectFrom("stageEvent")
    .select((eb) => eb.fn.max("happenedOn").as("last"))
    .where("resolutionId", "=", resolutionId)
    .executeTakeFirst();
  return row?.last ? String(row.last) : null;
}

/** The day the last change of each resolution of a campaign happened (to keep history in order). */
export async function findLastHappenedDays(db: Db, campaignId: number): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom("stageEvent")
    .innerJoin("resolution", "resolution.id", "stageEvent.resolutionId")
    .select(["resolution.bodyId", (eb) => eb.fn.max("stageEvent.happenedOn").as("last")])
    .where("resolution.campaignId", "=", campaignId)
    .groupBy("resolution.bodyId")
    .execute();
  return new Map(rows.filter((row) => row.last).map((row) => [row.bodyId, String(row.last)]));
}

/** The stage event recorded last (by id: an imported event may carry an earlier date). */
export function findLatestStageEvent(db: Db, resolutionId: number) {
  return db.selectFrom("stageEvent").select(stageEventColumns).where("resolutionId", "=", resolutionId).orderBy("id", "desc").executeTakeFirst();
}

/** Stages in use in a campaign, with how many resolutions sit at each. */
export function countResolutionsByStage(db: Db, campaignId: number) {
  return db
    .selectFrom("resolution")
    .select((eb) => ["stage", eb.fn.countAll<number>().as("count")])
    .where("campaignId", "=", campaignId)
    .groupBy("stage")
    .execute();
}

/** Stages named by any stage event of a campaign (history must stay readable). */
export async function findStagesInHistory(db: Db, campaignId: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom("stageEvent")
    .innerJoin("resolution", "resolution.id", "stageEvent.resolutionId")
    .select(["stageEvent.fromStage", "stageEvent.toStage"])
    .where("resolution.campaignId", "=", campaignId)
    .distinct()
    .execute();
  return new Set(rows.flatMap((row) => [row.toStage, ...(row.fromStage ? [row.fromStage] : [])]));
}

/** Scheduled votes and hearings of a campaign between two dates (inclusive), soonest first. */
export function findUpcomingResolutionDates(db: Db, { campaignId, from, to }: { campaignId: number; from: string; to: string }) {
  return db
    .selectFrom("resolution")
    .innerJoin("body", "body.id", "resolution.bodyId")
    .select([
      "resolution.bodyId",
      "body.name as bodyName",
      "body.state",
      "resolution.stage",
      "resolution.voteDate",
      "resolution.voteTime",
      "resolution.voteLocation",
      "resolution.voteCancelled",
      "resolution.hearingDate",
      "resolution.hearingTime",
      "resolution.hearingLocation",
    ])
    .where("resolution.campaignId", "=", campaignId)
    .where((eb) =>
      eb.or([
        eb.and([eb("resolution.voteDate", ">=", from), eb("resolution.voteDate", "<=", to)]),
        eb.and([eb("resolution.hearingDate", ">=", from), eb("resolution.hearingDate", "<=", to)]),
      ]),
    )
    .execute();
}

export async function hubExists(db: Db, hubId: number): Promise<boolean> {
  return (await db.selectFrom("hub").select("id").where("id", "=", hubId).executeTakeFirst()) !== undefined;
}

/** When each body's resolution reached its current stage (the last event into it), with its vote date. */
export function findCurrentStageDates(db: Db, campaignId: number) {
  return db
    .selectFrom("resolution")
    .innerJoin("stageEvent", (join) => join.onRef("stageEvent.resolutionId", "=", "resolution.id").onRef("stageEvent.toStage", "=", "resolution.stage"))
    .select(["resolution.bodyId", "resolution.voteDate", (eb) => eb.fn.max("stageEvent.happenedOn").as("reachedAt")])
    .where("resolution.campaignId", "=", campaignId)
    .groupBy(["resolution.bodyId", "resolution.voteDate"])
    .execute();
}

/** Public vote tallies of some bodies' resolutions in a campaign. */
export function findTallies(db: Db, campaignId: number, bodyIds: readonly number[]) {
  return db
    .selectFrom("resolution")
    .select(["bodyId", "tallyYes", "tallyNo", "tallyAbstain", "tallyAbsent"])
    .where("campaignId", "=", campaignId)
    .where("bodyId", "in", bodyIds.length ? [...bodyIds] : [-1])
    .execute();
}
