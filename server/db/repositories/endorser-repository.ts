import type { Insertable, Updateable } from "kysely";
import type { Db } from "../connect";
import type { EndorserStepEventTable, EndorserTable } from "../schema";

/** A campaign's endorsers, by state, town and name (every column: members only). */
export function findEndorsers(db: Db, campaignId: number) {
  return db.selectFrom("endorser").selectAll().where("campaignId", "=", campaignId).orderBy("state").orderBy("town").orderBy("name").orderBy("id").execute();
}

export function findEndorserById(db: Db, id: number) {
  return db.selectFrom("endorser").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertEndorser(db: Db, row: Insertable<EndorserTable>): Promise<number> {
  return (await db.insertInto("endorser").values(row).returning("id").executeTakeFirstOrThrow()).id;
}

export async function updateEndorserRow(db: Db, id: number, changes: Updateable<EndorserTable>): Promise<void> {
  await db.updateTable("endorser").set(changes).where("id", "=", id).execute();
}

/** How many of a campaign's endorsers stand at each step (a used step cannot be removed from the ladder). */
export function countEndorserStepsInUse(db: Db, campaignId: number) {
  return db
    .selectFrom("endorser")
    .select((eb) => ["step", eb.fn.countAll<number>().as("count")])
    .where("campaignId", "=", campaignId)
    .groupBy("step")
    .execute();
}

/** Set the endorser's step and append the event, in the caller's transaction. Returns the event id. */
export async function writeEndorserStep(db: Db, event: Insertable<EndorserStepEventTable>): Promise<number> {
  await db.updateTable("endorser").set({ step: event.toStep, stepUpdatedAt: event.occurredAt, updatedAt: event.occurredAt }).where("id", "=", event.endorserId).execute();
  return (await db.insertInto("endorserStepEvent").values(event).returning("id").executeTakeFirstOrThrow()).id;
}

/** An endorser's ladder history, oldest first (actor and notes: members only). */
export function findEndorserStepEvents(db: Db, endorserId: number) {
  return db
    .selectFrom("endorserStepEvent")
    .select(["id", "fromStep", "toStep", "source", "link", "actor", "note", "occurredAt"])
    .where("endorserId", "=", endorserId)
    .orderBy("id")
    .execute();
}

export function findLastEndorserStepEvent(db: Db, endorserId: number) {
  return db.selectFrom("endorserStepEvent").select(["id", "fromStep", "toStep"]).where("endorserId", "=", endorserId).orderBy("id", "desc").limit(1).executeTakeFirst();
}

/** Bodies a town name may name, with their boxes: the candidates of a state (or every state). */
export function findTownCandidates(db: Db, states: readonly string[]) {
  let query = db.selectFrom("body").select(["id", "name", "kind", "state", "minLon", "minLat", "maxLon", "maxLat"]);
  if (states.length) query = query.where("state", "in", [...states]);
  return query.execute();
}

export async function findBodyGeometry(db: Db, id: number): Promise<string | undefined> {
  return (await db.selectFrom("body").select("geometry").where("id", "=", id).executeTakeFirst())?.geometry;
}
