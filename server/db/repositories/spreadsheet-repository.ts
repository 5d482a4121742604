import type { Insertable, Updateable } from "kysely";
import type { Db } from "../connect";
import type { MemberPositionTable, MemberTable, ResolutionTable } from "../schema";
import { memberColumns, qualify, resolutionDetailColumns } from "./columns";

/**
 * Whole-campaign reads and row writes for spreadsheet imports and exports: one query per table
 * instead of one per row, so a file of thousands of rows plans in a few queries.
 */

/** The columns a spreadsheet row can name a body by. */
export function findBodyReferences(db: Db) {
  return db.selectFrom("body").select(["id", "name", "kind", "state", "geoid", "seats", "vacancies"]).orderBy("id").execute();
}

/** Every resolution of the campaign with every field the spreadsheet carries (all but ids and bookkeeping are columns). */
export function findCampaignResolutions(db: Db, campaignId: number) {
  return db
    .selectFrom("resolution")
    .select(["id", "bodyId", "version", "updatedAt", "stage", ...resolutionDetailColumns])
    .where("campaignId", "=", campaignId)
    .orderBy("bodyId")
    .execute();
}
export type CampaignResolutionRow = Awaited<ReturnType<typeof findCampaignResolutions>>[number];

export function findHubReferences(db: Db) {
  return db.selectFrom("hub").select(["id", "name", "slug"]).orderBy("id").execute();
}

/** Every member of every body, with their position in the campaign when they have one. */
export function findMembersWithPositions(db: Db, campaignId: number) {
  return db
    .selectFrom("member")
    .leftJoin("memberPosition", (join) => join.onRef("memberPosition.memberId", "=", "member.id").on("memberPosition.campaignId", "=", campaignId))
    .select([
      ...qualify("member", memberColumns),
      "memberPosition.id as positionId",
      "memberPosition.position",
      "memberPosition.isInternal",
      "memberPosition.sponsorRole",
      "memberPosition.version as positionVersion",
    ])
    .orderBy("member.id")
    .execute();
}
export type MemberWithPositionRow = Awaited<ReturnType<typeof findMembersWithPositions>>[number];

export async function insertResolutionRow(db: Db, values: Insertable<ResolutionTable>): Promise<number> {
  const row = await db.insertInto("resolution").values(values).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function insertMemberRow(db: Db, values: Insertable<MemberTable>): Promise<number> {
  const row = await db.insertInto("member").values(values).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function updateMemberRow(db: Db, id: number, values: Updateable<MemberTable>): Promise<void> {
  await db.updateTable("member").set(values).where("id", "=", id).execute();
}

export async function insertPositionRow(db: Db, values: Insertable<MemberPositionTable>): Promise<void> {
  await db.insertInto("memberPosition").values(values).execute();
}

export async function updatePositionRow(db: Db, id: number, values: Updateable<MemberPositionTable>): Promise<void> {
  await db
    .updateTable("memberPosition")
    .set((eb) => ({ ...values, version: eb("version", "+", 1) }))
    .where("id", "=", id)
    .execute();
}
