import type { Kysely } from "kysely";

// Frozen in time: this file uses Kysely<any> and must never change once shipped.

/**
 * Indexes for bulk work and the pipeline: bodies by GEOID (spreadsheet rows and the county of a
 * town are looked up by it), a campaign's resolutions by vote date (upcoming votes, the calendar).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("body_geoid_index").on("body").column("geoid").execute();
  await db.schema.createIndex("resolution_vote_date_index").on("resolution").columns(["campaign_id", "vote_date"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("resolution_vote_date_index").ifExists().execute();
  await db.schema.dropIndex("body_geoid_index").ifExists().execute();
}
