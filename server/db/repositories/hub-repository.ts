import type { Insertable, Updateable } from "kysely";
import type { Db } from "../connect";
import type { HubTable } from "../schema";

export function findHubs(db: Db) {
  return db.selectFrom("hub").select(["id", "name", "slug", "publicContact", "onboarding", "privateContacts"]).orderBy("name").execute();
}

export function findHubById(db: Db, id: number) {
  return db.selectFrom("hub").select(["id", "name", "slug", "publicContact", "onboarding", "privateContacts"]).where("id", "=", id).executeTakeFirst();
}

export function findHubBySlugOrName(db: Db, slug: string, name: string) {
  return db
    .selectFrom("hub")
    .select(["id", "name", "slug"])
    .where((eb) => eb.or([eb("slug", "=", slug), eb("name", "=", name)]))
    .execute();
}

export async function insertHub(db: Db, row: Insertable<HubTable>): Promise<number> {
  return (await db.insertInto("hub").values(row).returning("id").executeTakeFirstOrThrow()).id;
}

export async function updateHub(db: Db, id: number, values: Updateable<HubTable>) {
  await db.updateTable("hub").set(values).where("id", "=", id).execute();
}

export async function replaceHubDistricts(db: Db, hubId: number, districtIds: readonly number[]) {
  await db.deleteFrom("hubDistrict").where("hubId", "=", hubId).execute();
  if (districtIds.length)
    await db
      .insertInto("hubDistrict")
      .values(districtIds.map((districtId) => ({ hubId, districtId })))
      .execute();
}

export async function replaceHubBodies(db: Db, hubId: number, bodyIds: readonly number[]) {
  await db.deleteFrom("hubBody").where("hubId", "=", hubId).execute();
  if (bodyIds.length)
    await db
      .insertInto("hubBody")
      .values(bodyIds.map((bodyId) => ({ hubId, bodyId })))
      .execute();
}

/** hub id → its districts (any vintage) with chamber, state and name. */
export function findHubDistrictLinks(db: Db) {
  return db
    .selectFrom("hubDistrict")
    .innerJoin("district", "district.id", "hubDistrict.districtId")
    .select(["hubDistrict.hubId", "district.id", "district.chamber", "district.state", "district.name", "district.isCurrent"])
    .orderBy("district.chamber")
    .orderBy("district.name")
    .execute();
}

export function findHubBodyLinks(db: Db) {
  return db.selectFrom("hubBody").innerJoin("body", "body.id", "hubBody.bodyId").select(["hubBody.hubId", "body.id", "body.name", "body.state"]).orderBy("body.name").execute();
}

export async function findExistingIds(db: Db, table: "district" | "body" | "hub", ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom(table)
    .select("id")
    .where("id", "in", [...ids])
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** Current districts whose box holds the point (the caller tests the polygon). */
export function findCurrentDistrictsAtPoint(db: Db, [lon, lat]: [number, number]) {
  return db
    .selectFrom("district")
    .select(["id", "chamber", "state", "name", "geometry"])
    .where("isCurrent", "=", 1)
    .where("minLon", "<=", lon)
    .where("maxLon", ">=", lon)
    .where("minLat", "<=", lat)
    .where("maxLat", ">=", lat)
    .execute();
}

/** Current districts overlapping any of the bodies. */
export function findCurrentDistrictsOfBodies(db: Db, bodyIds: readonly number[]) {
  return db
    .selectFrom("bodyDistrictOverlap")
    .innerJoin("district", "district.id", "bodyDistrictOverlap.districtId")
    .select(["district.id", "district.chamber", "district.state", "district.name"])
    .where("bodyDistrictOverlap.bodyId", "in", bodyIds.length ? [...bodyIds] : [-1])
    .where("district.isCurrent", "=", 1)
    .distinct()
    .execute();
}

export function findDistrictGeometry(db: Db, id: number) {
  return db.selectFrom("district").select(["id", "geometry", "minLon", "minLat", "maxLon", "maxLat"]).where("id", "=", id).executeTakeFirst();
}

/** Current districts with the hub ids covering them. */
export function findCurrentDistrictHubLinks(db: Db) {
  return db
    .selectFrom("district")
    .leftJoin("hubDistrict", "hubDistrict.districtId", "district.id")
    .select(["district.id", "district.chamber", "district.state", "district.name", "hubDistrict.hubId"])
    .where("district.isCurrent", "=", 1)
    .orderBy("district.chamber")
    .orderBy("district.state")
    .orderBy("district.id")
    .execute();
}

/** Whether a body lies in a hub's area: linked to the hub itself, or overlapping one of its districts. */
export async function isBodyInHubArea(db: Db, hubId: number, bodyId: number): Promise<boolean> {
  const direct = await db.selectFrom("hubBody").select("bodyId").where("hubId", "=", hubId).where("bodyId", "=", bodyId).executeTakeFirst();
  if (direct) return true;
  const viaDistrict = await db
    .selectFrom("hubDistrict")
    .innerJoin("bodyDistrictOverlap", "bodyDistrictOverlap.districtId", "hubDistrict.districtId")
    .select("bodyDistrictOverlap.bodyId")
    .where("hubDistrict.hubId", "=", hubId)
    .where("bodyDistrictOverlap.bodyId", "=", bodyId)
    .executeTakeFirst();
  return viaDistrict !== undefined;
}

/** Every hub's named districts and bodies (its area as drawn), hub by hub. */
export async function findHubAreaLinks(db: Db, hubId?: number) {
  let districts = db.selectFrom("hubDistrict").select(["hubId", "districtId"]);
  let bodies = db.selectFrom("hubBody").select(["hubId", "bodyId"]);
  if (hubId !== undefined) {
    districts = districts.where("hubId", "=", hubId);
    bodies = bodies.where("hubId", "=", hubId);
  }
  return { districts: await districts.execute(), bodies: await bodies.execute() };
}

/** Overlaps with current districts (and their chamber) of the given bodies, or of the given districts. */
export function findAreaOverlaps(db: Db, { bodyIds, districtIds }: { bodyIds?: readonly number[]; districtIds?: readonly number[] }) {
  return db
    .selectFrom("bodyDistrictOverlap")
    .innerJoin("district", "district.id", "bodyDistrictOverlap.districtId")
    .select(["bodyDistrictOverlap.bodyId", "bodyDistrictOverlap.districtId", "district.chamber", "bodyDistrictOverlap.shareOfBody", "bodyDistrictOverlap.shareOfDistrict"])
    .where("district.isCurrent", "=", 1)
    .where((eb) =>
      eb.or([
        eb("bodyDistrictOverlap.bodyId", "in", bodyIds?.length ? [...bodyIds] : [-1]),
        eb("bodyDistrictOverlap.districtId", "in", districtIds?.length ? [...districtIds] : [-1]),
      ]),
    )
    .execute();
}

/** Bodies nested in another (ward committees in a city): body id → parent id. */
export async function findBodyParents(db: Db): Promise<Map<number, number | null>> {
  const rows = await db.selectFrom("body").select(["id", "parentId"]).where("parentId", "is not", null).execute();
  return new Map(rows.map((row) => [row.id, row.parentId]));
}
