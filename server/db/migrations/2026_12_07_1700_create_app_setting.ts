import { type Kysely, sql } from "kysely";

// Frozen in time: this file uses Kysely<any> and must never change once shipped.

/**
 * Small facts the app keeps about itself, one row per key: `server_url`, where the last server
 * that started on this database listens, so links the command line prints (a password link from
 * `user add`) point at the running app rather than a guessed port.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table app_setting (
    key text primary key,
    value text not null,
    updated_at text not null
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("app_setting").execute();
}
