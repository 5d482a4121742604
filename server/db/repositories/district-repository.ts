import type { Db } from "../connect";
import type { NewDistrictRow } from "../schema";

export function findDistrictKeys(db: Db, { chamber, state, vintage }: { chamber: string; state: string | null; vintage: string }) {
  let query = db.selectFrom("district").select(["id", "sourceKey"]).where("chamber", "=", chamber).where("vintage", "=", vintage);
  query = state === null ? query.where("state", "is", null) : query.where("state", "=", state);
  return query.execute();
}

export async function insertDistricts(db: Db, rows: NewDistrictRow[]): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < rows.length; start += 500) {
    const inserted = await db
      .insertInto("district")
      .values(rows.slice(start, start + 500))
      .returning("id")
      .execute();
    ids.push(...inserted.map((row) => row.id));
  }
  return ids;
}

export async function updateDistrict(db: Db, id: number, values: Omit<NewDistrictRow, "createdAt" | "chamber" | "state" | "vintage" | "sourceKey">) {
  await db.updateTable("district").set(values).where("id", "=", id).execute();
}

/** Vintages present for one chamber and state. */
export async function findVintages(db: Db, { chamber, state }: { chamber: string; state: string | null }): Promise<string[]> {
  let query = db.selectFrom("district").select("vintage").distinct().where("chamber", "=", chamber);
  query = state === null ? query.where("state", "is", null) : query.where("state", "=", state);
  return (await query.execute()).map((row) => row.vintage);
}

export async function markCurrentVintage(db: Db, { chamber, state, vintage }: { chamber: string; state: string | null; vintage: string }) {
  let query = db
    .updateTable("district")
    .set((eb) => ({ isCurrent: eb.case().when("vintage", "=", vintage).then(1).else(0).end() }))
    .where("chamber", "=", chamber);
  query = state === null ? query.where("state", "is", null) : query.where("state", "=", state);
  await query.execute();
}

export function findCurrentDistrictGeometries(db: Db) {
  return db.selectFrom("district").select(["id", "geometry"]).where("isCurrent", "=", 1).orderBy("id").execute();
}

export function findCurrentDistricts(db: Db) {
  return db
    .selectFrom("district")
    .select(["id", "chamber", "state", "name", "geoid", "vintage", "areaM2", "minLon", "minLat", "maxLon", "maxLat"])
    .where("isCurrent", "=", 1)
    .orderBy("chamber")
    .orderBy("state")
    .orderBy("id")
    .execute();
}

export function findDistrictById(db: Db, id: number) {
  return db
    .selectFrom("district")
    .select(["id", "chamber", "state", "name", "geoid", "vintage", "isCurrent", "areaM2", "minLon", "minLat", "maxLon", "maxLat"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Every district of one chamber and state, of every plan (vintage), with its outline. */
export function findDistrictsOfAllPlans(db: Db, { chamber, state }: { chamber: string; state: string | null }) {
  let query = db.selectFrom("district").select(["id", "name", "vintage", "isCurrent", "geometry", "minLon", "minLat", "maxLon", "maxLat"]).where("chamber", "=", chamber);
  query = state === null ? query.where("state", "is", null) : query.where("state", "=", state);
  return query.orderBy("id").execute();
}

/** The boxes of these districts (the outline is read only where a point may fall inside). */
export function findDistrictBoxes(db: Db, ids: readonly number[]) {
  return db
    .selectFrom("district")
    .select(["id", "minLon", "minLat", "maxLon", "maxLat"])
    .where("id", "in", ids.length ? [...ids] : [-1])
    .orderBy("id")
    .execute();
}

export function findDistrictGeometries(db: Db, ids: readonly number[]) {
  return db
    .selectFrom("district")
    .select(["id", "geometry"])
    .where("id", "in", ids.length ? [...ids] : [-1])
    .orderBy("id")
    .execute();
}

/** Every district of every plan (current or not), for placing a population layer in each. */
export function findDistrictShapesOfAllPlans(db: Db) {
  return db.selectFrom("district").select(["id", "chamber", "state", "vintage", "isCurrent", "geometry"]).orderBy("id").execute();
}

export function findCurrentDistrictShapes(db: Db) {
  return db.selectFrom("district").select(["id", "chamber", "state", "name", "geometry"]).where("isCurrent", "=", 1).orderBy("id").execute();
}

/** Changes whenever a district is added or edited, or the current vintage moves. */
export async function findDistrictSetVersion(db: Db): Promise<string> {
  const row = await db
    .selectFrom("district")
    .select((eb) => [eb.fn.countAll<number>().as("count"), eb.fn.sum<number>("isCurrent").as("current"), eb.fn.max("updatedAt").as("lastUpdate"), eb.fn.max("id").as("maxId")])
    .executeTakeFirstOrThrow();
  return `${Number(row.count)}:${Number(row.current ?? 0)}:${row.maxId ?? 0}:${row.lastUpdate ?? ""}`;
}
