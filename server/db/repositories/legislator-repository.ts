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

/** Open roles (no end date) in a state, with the legislator's person id. */
export function findOpenRolesInState(db: Db, state: string) {
  return db
    .selectFrom("legislatorRole")
    .innerJoin("legislator", "legislator.id", "legislatorRole.legislatorId")
    .select(["legislatorRole.id", "legislatorRole.legislatorId", "legislator.ocdPersonId", "legislatorRole.chamber", "legislatorRole.districtId"])
    .where("legislatorRole.state", "=", state)
    .where("legislatorRole.validTo", "is", null)
    .execute();
}

/** Roles of one chamber in a state that have not ended by `today`, with the legislator's name. */
export function findCurrentRolesOfChamber(db: Db, { state, chamber, today }: { state: string; chamber: string; today: string }) {
  return db
    .selectFrom("legislatorRole")
    .innerJoin("legislator", "legislator.id", "legislatorRole.legislatorId")
    .select(["legislatorRole.id", "legislator.name", "legislatorRole.districtName", "legislatorRole.districtId"])
    .where("legislatorRole.state", "=", state)
    .where("legislatorRole.chamber", "=", chamber)
    .where((eb) => eb.or([eb("legislatorRole.validTo", "is", null), eb("legislatorRole.validTo", ">=", today)]))
    .orderBy("legislator.name")
    .orderBy("legislatorRole.id")
    .execute();
}

/** Sitting legislators: roles without an end date, with the legislator and the matched district. */
export function findSittingRoles(db: Db) {
  return db
    .selectFrom("legislatorRole")
    .innerJoin("legislator", "legislator.id", "legislatorRole.legislatorId")
    .leftJoin("district", "district.id", "legislatorRole.districtId")
    .select([
      "legislator.id as legislatorId",
      "legislator.name",
      "legislator.party",
      "legislatorRole.chamber",
      "legislatorRole.state",
      "legislatorRole.districtName",
      "legislatorRole.districtId",
      "district.name as matchedDistrictName",
    ])
    .where("legislatorRole.validTo", "is", null)
    .orderBy("legislatorRole.state")
    .orderBy("legislatorRole.chamber")
    .orderBy("legislator.name")
    .orderBy("legislator.id")
    .execute();
}
