import type { Db } from "../connect";
import type { LegislatorTable, LegislatorRoleTable } from "../schema";
import type { Insertable, Updateable } from "kysely";

export function findLegislatorByPersonId(db: Db, ocdPersonId: string) {
  return db.selectFrom("legislator").select(["id", "name"]).where("ocdPersonId", "=", ocdPersonId).executeTakeFirst();
}

export async function insertLegislator(db: Db, row: Insertable<LegislatorTable>): Promise<number> {
  const inserted = await db.insertInto("legislator").values(row).returning("id").executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateLegislator(db: Db, id: number, values: Updateable<LegislatorTable>) {
  await db.updateTable("legislator").set(values).where("id", "=", id).execute();
}

export function findRolesOfLegislator(db: Db, legislatorId: number) {
  return db
    .selectFrom("legislatorRole")
    .select(["id", "chamber", "state", "districtName", "districtId", "validFrom", "validTo"])
    .where("legislatorId", "=", legislatorId)
    .orderBy("id")
    .execute();
}

export async function insertRole(db: Db, row: Insertable<LegislatorRoleTable>) {
  await db.insertInto("legislatorRole").values(row).execute();
}

export async function updateRole(db: Db, id: number, values: Updateable<LegislatorRoleTable>) {
  await db.updateTable("legislatorRole").set(values).where("id", "=", id).execute();
}

/**
 * Today as roles' dates are written (YYYY-MM-DD, UTC). A role sits while it has no end date or
 * ends after today: one closed today (turnover) has ended, one ending next January has not.
 */
const todayOf = (now: Date) => now.toISOString().slice(0, 10);

/** Open roles (no end date, or one still ahead) in a state, with the legislator's person id. */
export function findOpenRolesInState(db: Db, state: string, now = new Date()) {
  return db
    .selectFrom("legislatorRole")
    .innerJoin("legislator", "legislator.id", "legislatorRole.legislatorId")
    .select([
      "legislatorRole.id",
      "legislatorRole.legislatorId",
      "legislator.ocdPersonId",
      "legislator.name",
      "legislatorRole.chamber",
      "legislatorRole.districtName",
      "legislatorRole.districtId",
    ])
    .where("legislatorRole.state", "=", state)
    .where((eb) => eb.or([eb("legislatorRole.validTo", "is", null), eb("legislatorRole.validTo", ">", todayOf(now))]))
    .execute();
}

/** Roles of one chamber in a state still sitting (ending after `today`), with the legislator's name. */
export function findCurrentRolesOfChamber(db: Db, { state, chamber, today }: { state: string; chamber: string; today: string }) {
  return db
    .selectFrom("legislatorRole")
    .innerJoin("legislator", "legislator.id", "legislatorRole.legislatorId")
    .select(["legislatorRole.id", "legislator.name", "legislatorRole.districtName", "legislatorRole.districtId"])
    .where("legislatorRole.state", "=", state)
    .where("legislatorRole.chamber", "=", chamber)
    .where((eb) => eb.or([eb("legislatorRole.validTo", "is", null), eb("legislatorRole.validTo", ">", today)]))
    .orderBy("legislator.name")
    .orderBy("legislatorRole.id")
    .execute();
}

/** Sitting legislators: roles without an end date or ending later, with the legislator and the matched district. */
export function findSittingRoles(db: Db, now = new Date()) {
  return db
    .selectFrom("legislatorRole")
    .innerJoin("legislator", "legislator.id", "legislatorRole.legislatorId")
    .leftJoin("district", "district.id", "legislatorRole.districtId")
    .select([
      "legislator.id as legislatorId",
      "legislator.name",
      "legislator.otherNames",
      "legislator.party",
      "legislatorRole.chamber",
      "legislatorRole.state",
      "legislatorRole.districtName",
      "legislatorRole.districtId",
      "district.name as matchedDistrictName",
    ])
    .where((eb) => eb.or([eb("legislatorRole.validTo", "is", null), eb("legislatorRole.validTo", ">", todayOf(now))]))
    .orderBy("legislatorRole.state")
    .orderBy("legislatorRole.chamber")
    .orderBy("legislator.name")
    .orderBy("legislator.id")
    .execute();
}

/** One legislator's public Open States detail (contacts as JSON text), or undefined. */
export function findLegislatorDetail(db: Db, id: number) {
  return db.selectFrom("legislator").select(["id", "name", "party", "email", "links", "offices", "otherNames"]).where("id", "=", id).executeTakeFirst();
}

/** Every committee (for the targets view's filter), by state and name. */
export function findCommittees(db: Db) {
  return db.selectFrom("committee").select(["id", "state", "chamber", "name"]).orderBy("state").orderBy("name").execute();
}
