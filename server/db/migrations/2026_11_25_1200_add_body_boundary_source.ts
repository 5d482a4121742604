import { sql, type Kysely } from "kysely";

// Frozen in time: this file uses Kysely<any> and must never change once shipped.

/**
 * Where a body's boundary came from ("US Census Bureau TIGER/Line 2024", "RIGIS municipalities",
 * a file name), so the press map's source line credits the real publisher. Null for bodies
 * imported before it was recorded.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table body add column boundary_source text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table body drop column boundary_source`.execute(db);
}
