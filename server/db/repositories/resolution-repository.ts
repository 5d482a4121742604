import type { Db } from "../connect";

export function findResolution(db: Db, campaignId: number, bodyId: number) {
  return db
    .selectFrom("resolution")
    .select(["id", "campaignId", "bodyId", "stage", "version", "introducedOn", "voteDate", "updatedAt"])
    .where("campaignId", "=", campaignId)
    .where("bodyId", "=", bodyId)
    .executeTakeFirst();
}

/** Insert the first resolution row; `undefined` when another writer created it first. */
export async function insertResolution(
  db: Db,
  values: { campaignId: number; bodyId: number; stage: string; updatedAt: string },
): Promise<number | undefined> {
  const row = await db
    .insertInto("resolution")
    .values({ ...values, version: 1 })
    .onConflict((conflict) => conflict.columns(["campaignId", "bodyId"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id;
}

/** Compare-and-set on `version`; returns false when someone else wrote first. */
export async function updateResolutionStage(
  db: Db,
  { id, stage, expectedVersion, updatedAt }: { id: number; stage: string; expectedVersion: number; updatedAt: string },
): Promise<boolean> {
  const result = await db
    .updateTable("resolution")
    .set((eb) => ({ stage, updatedAt, version: eb("version", "+", 1) }))
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertStageEvent(
  db: Db,
  event: { resolutionId: number; fromStage: string | null; toStage: string; actor: string; note: string | null; occurredAt: string },
): Promise<number> {
  const row = await db.insertInto("stageEvent").values(event).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export function findStageEvents(db: Db, resolutionId: number) {
  return db
    .selectFrom("stageEvent")
    .select(["id", "fromStage", "toStage", "actor", "note", "occurredAt"])
    .where("resolutionId", "=", resolutionId)
    .orderBy("occurredAt", "desc")
    .orderBy("id", "desc")
    .execute();
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
export async function insertResolutions(
  db: Db,
  rows: Array<{ campaignId: number; bodyId: number; stage: string; version: number; updatedAt: string }>,
): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < rows.length; start += 1000) {
    const inserted = await db.insertInto("resolution").values(rows.slice(start, start + 1000)).returning("id").execute();
    ids.push(...inserted.map((row) => row.id));
  }
  return ids;
}

export async function insertStageEvents(
  db: Db,
  rows: Array<{ resolutionId: number; fromStage: string | null; toStage: string; actor: string; note: string | null; occurredAt: string }>,
): Promise<void> {
  for (let start = 0; start < rows.length; start += 1000) {
    await db.insertInto("stageEvent").values(rows.slice(start, start + 1000)).execute();
  }
}

export function findResolutionStages(db: Db, campaignId: number) {
  return db.selectFrom("resolution").select(["bodyId", "stage", "version"]).where("campaignId", "=", campaignId).orderBy("bodyId").execute();
}
