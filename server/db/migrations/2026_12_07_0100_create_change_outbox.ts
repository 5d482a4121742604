import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen in time: this file uses Kysely<any> and must never change once shipped.

/**
 * Committed changes written by another process (a CLI import) for the server to pick up, so an
 * open map hears about them: on SQLite the server polls this table (cheaply: only when
 * `pragma data_version` says another connection committed). PostgreSQL uses LISTEN/NOTIFY and
 * leaves it empty. Rows are pruned by the writers after a few minutes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = postgres ? sql`serial primary key` : sql`integer primary key autoincrement`;
  await sql`create table change_outbox (
    id ${id},
    change text not null,
    created_at text not null
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table change_outbox`.execute(db);
}
