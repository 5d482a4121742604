import type { Db } from "../connect";
import type { MemberTable } from "../schema";
import { memberColumns, qualify } from "./columns";

/** Members of bodies, their positions per campaign, and the body's voting setup: the whip aggregate. */

/** A member's position in a campaign as the whip panel shows it, internal flag and note included. */
const positionColumns = ["position", "sponsorRole", "isInternal", "lastContactedOn", "contactedBy", "note"] as const;

export function findMemberById(db: Db, id: number) {
  return db.selectFrom("member").select(memberColumns).where("id", "=", id).executeTakeFirst();
}

/** Members of a body with their position in the campaign (left join: no position yet is null), by name. */
export function findMembersWithPositions(db: Db, { campaignId, bodyId }: { campaignId: number; bodyId: number }) {
  return db
    .selectFrom("member")
    .leftJoin("memberPosition", (join) => join.onRef("memberPosition.memberId", "=", "member.id").on("memberPosition.campaignId", "=", campaignId))
    .select([...qualify("member", memberColumns), ...qualify("memberPosition", positionColumns)])
    .where("member.bodyId", "=", bodyId)
    .orderBy("member.name")
    .orderBy("member.id")
    .execute();
}

export async function insertMember(db: Db, member: Omit<MemberTable, "id">): Promise<number> {
  const row = await db.insertInto("member").values(member).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function updateMember(
  db: Db,
  id: number,
  changes: Partial<Pick<MemberTable, "name" | "role" | "termStart" | "termEnd" | "publicContact" | "privateContact">> & { updatedAt: string },
): Promise<void> {
  await db.updateTable("member").set(changes).where("id", "=", id).execute();
}

export async function deleteMember(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom("member").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export function findPosition(db: Db, { campaignId, memberId }: { campaignId: number; memberId: number }) {
  return db
    .selectFrom("memberPosition")
    .select(["id", ...positionColumns, "version"])
    .where("campaignId", "=", campaignId)
    .where("memberId", "=", memberId)
    .executeTakeFirst();
}

export interface PositionValues {
  position: string;
  sponsorRole: string | null;
  isInternal: number;
  lastContactedOn: string | null;
  contactedBy: string | null;
  note: string | null;
  updatedAt: string;
}

/** Insert or replace a member's position in a campaign (one row per campaign × member). */
export async function upsertPosition(db: Db, key: { campaignId: number; memberId: number }, values: PositionValues): Promise<void> {
  await db
    .insertInto("memberPosition")
    .values({ ...key, ...values, version: 1 })
    .onConflict((conflict) => conflict.columns(["campaignId", "memberId"]).doUpdateSet((eb) => ({ ...values, version: eb("memberPosition.version", "+", 1) })))
    .execute();
}

/**
 * Hold the body's row until the transaction ends (a no-op update takes a row lock on PostgreSQL;
 * SQLite runs one writer at a time anyway), so two writers checking "one lead sponsor" queue up.
 */
export async function lockBody(db: Db, bodyId: number): Promise<void> {
  await db
    .updateTable("body")
    .set((eb) => ({ name: eb.ref("name") }))
    .where("id", "=", bodyId)
    .execute();
}

/** Other members of the body who are lead sponsor in the campaign. */
export function findLeadSponsors(db: Db, { campaignId, bodyId }: { campaignId: number; bodyId: number }) {
  return db
    .selectFrom("memberPosition")
    .innerJoin("member", "member.id", "memberPosition.memberId")
    .select(["member.id", "member.name"])
    .where("memberPosition.campaignId", "=", campaignId)
    .where("member.bodyId", "=", bodyId)
    .where("memberPosition.sponsorRole", "=", "lead")
    .execute();
}

export function findVotingSetup(db: Db, bodyId: number) {
  return db.selectFrom("body").select(["id", "name", "seats", "vacancies", "quorum", "voteRule", "hasVeto", "overrideRule"]).where("id", "=", bodyId).executeTakeFirst();
}

export async function updateVotingSetup(
  db: Db,
  bodyId: number,
  setup: { seats: number | null; vacancies: number | null; quorum: number | null; voteRule: string | null; hasVeto: number; overrideRule: string | null },
): Promise<void> {
  await db.updateTable("body").set(setup).where("id", "=", bodyId).execute();
}
