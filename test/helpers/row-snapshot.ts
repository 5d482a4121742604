import type { Db } from "../../server/db/connect";

/**
 * Every resolution and stage event, in id order: compare a snapshot taken before and after an
 * operation to prove it changed nothing (not just that the row counts match).
 */
export async function snapshotResolutionTables(db: Db) {
  const resolutions = await db.selectFrom("resolution").selectAll().orderBy("id").execute();
  const stageEvents = await db.selectFrom("stageEvent").selectAll().orderBy("id").execute();
  return { resolutions, stageEvents };
}

/**
 * Every body, district and overlap row, in key order: equal snapshots before and after a refused
 * import prove it left the database exactly as it was.
 */
export async function snapshotBoundaryTables(db: Db) {
  const bodies = await db.selectFrom("body").selectAll().orderBy("id").execute();
  const districts = await db.selectFrom("district").selectAll().orderBy("id").execute();
  const overlaps = await db.selectFrom("bodyDistrictOverlap").selectAll().orderBy("bodyId").orderBy("districtId").execute();
  return { bodies, districts, overlaps };
}
