import { sql, type Kysely } from "kysely";

// Frozen in time: this file uses Kysely<any> and must never change once shipped.

/**
 * The day a stage change happened (`YYYY-MM-DD`, given by the user or the spreadsheet row), beside
 * `occurred_at`, the instant it was recorded. Events recorded before this column existed happened
 * on the day they were recorded. Replay and counts read `happened_on`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table stage_event add column happened_on text`.execute(db);
  await sql`update stage_event set happened_on = substr(occurred_at, 1, 10)`.execute(db);
  await db.schema.createIndex("stage_event_happened_index").on("stage_event").columns(["resolution_id", "happened_on"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("stage_event_happened_index").execute();
  await sql`alter table stage_event drop column happened_on`.execute(db);
}
