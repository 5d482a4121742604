import { createHash } from "node:crypto";
import { sql } from "kysely";
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

/** Names of every table of the database (the current schema on PostgreSQL), sorted. */
export async function listTables(db: Db, engine: "sqlite" | "postgres"): Promise<string[]> {
  const rows =
    engine === "sqlite"
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  return rows.rows.map((row) => row.name).sort();
}

/**
 * A digest of every row of every table (migrations included), independent of row order: equal
 * digests before and after an operation prove it changed nothing, whatever tables exist by then
 * (tables other issues add later are covered without touching this helper).
 */
export async function digestAllTables(db: Db, tables: string[]): Promise<string> {
  const hash = createHash("sha256");
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    const lines = rows.map((row) => JSON.stringify(row)).sort();
    hash.update(`${table}\n${lines.join("\n")}\n`);
  }
  return hash.digest("hex");
}
