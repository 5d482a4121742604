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
