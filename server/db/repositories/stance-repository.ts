import type { Insertable } from "kysely";
import type { Db } from "../connect";
import type { LegislatorStanceEventTable } from "../schema";

/** Current stances in a campaign: legislator id → stance. */
export function findStances(db: Db, campaignId: number) {
  return db.selectFrom("legislatorStance").select(["legislatorId", "stance", "updatedAt"]).where("campaignId", "=", campaignId).execute();
}

export function findStance(db: Db, campaignId: number, legislatorId: number) {
  return db
    .selectFrom("legislatorStance")
    .select(["stance", "updatedAt"])
    .where("campaignId", "=", campaignId)
    .where("legislatorId", "=", legislatorId)
    .executeTakeFirst();
}

/** Set the current stance (insert or replace) and append the event, in the caller's transaction. */
export async function writeStance(db: Db, event: Insertable<LegislatorStanceEventTable>, exists: boolean): Promise<void> {
  if (exists) {
    await db
      .updateTable("legislatorStance")
      .set({ stance: event.toStance, updatedAt: event.occurredAt })
      .where("campaignId", "=", event.campaignId)
      .where("legislatorId", "=", event.legislatorId)
      .execute();
  } else {
    await db
      .insertInto("legislatorStance")
      .values({ campaignId: event.campaignId, legislatorId: event.legislatorId, stance: event.toStance, updatedAt: event.occurredAt })
      .execute();
  }
  await db.insertInto("legislatorStanceEvent").values(event).execute();
}

/** The stance history of one legislator in a campaign, oldest first (notes included: member-only). */
export function findStanceEvents(db: Db, campaignId: number, legislatorId: number) {
  return db
    .selectFrom("legislatorStanceEvent")
    .select(["id", "fromStance", "toStance", "actor", "note", "occurredAt"])
    .where("campaignId", "=", campaignId)
    .where("legislatorId", "=", legislatorId)
    .orderBy("occurredAt")
    .orderBy("id")
    .execute();
}

export function findLegislatorById(db: Db, id: number) {
  return db.selectFrom("legislator").select(["id", "name", "party", "email", "ocdPersonId"]).where("id", "=", id).executeTakeFirst();
}
