import type { Insertable, Updateable } from "kysely";
import type { Db } from "../connect";
import type { CommitteeTable } from "../schema";

export function findCommitteeByOrgId(db: Db, ocdOrgId: string) {
  return db.selectFrom("committee").select(["id", "name"]).where("ocdOrgId", "=", ocdOrgId).executeTakeFirst();
}

export async function insertCommittee(db: Db, row: Insertable<CommitteeTable>): Promise<number> {
  return (await db.insertInto("committee").values(row).returning("id").executeTakeFirstOrThrow()).id;
}

export async function updateCommittee(db: Db, id: number, values: Updateable<CommitteeTable>) {
  await db.updateTable("committee").set(values).where("id", "=", id).execute();
}

export function findCommitteeMembers(db: Db, committeeId: number) {
  return db.selectFrom("committeeMember").select(["legislatorId", "role"]).where("committeeId", "=", committeeId).execute();
}

/** A committee's members, replaced whole by the list its file gives. */
export async function replaceCommitteeMembers(db: Db, committeeId: number, members: ReadonlyArray<{ legislatorId: number; role: string }>) {
  await db.deleteFrom("committeeMember").where("committeeId", "=", committeeId).execute();
  if (members.length)
    await db
      .insertInto("committeeMember")
      .values(members.map((member) => ({ committeeId, ...member })))
      .execute();
}

/** Legislators (all, or those with a role in `state`) with their person ids, names and other names, for matching members. */
export function findLegislatorsInState(db: Db, state: string) {
  return db
    .selectFrom("legislator")
    .select(["legislator.id", "legislator.ocdPersonId", "legislator.name", "legislator.otherNames"])
    .where((eb) =>
      eb.exists(
        eb.selectFrom("legislatorRole").select("legislatorRole.id").whereRef("legislatorRole.legislatorId", "=", "legislator.id").where("legislatorRole.state", "=", state),
      ),
    )
    .execute();
}

/** Every committee seat of every legislator: legislator id → seats, committees by name. */
export function findCommitteeSeats(db: Db) {
  return db
    .selectFrom("committeeMember")
    .innerJoin("committee", "committee.id", "committeeMember.committeeId")
    .select(["committeeMember.legislatorId", "committee.id as committeeId", "committee.name", "committee.chamber", "committeeMember.role"])
    .orderBy("committee.name")
    .orderBy("committee.id")
    .execute();
}
