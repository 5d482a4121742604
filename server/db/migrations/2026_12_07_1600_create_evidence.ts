import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen in time: this file uses Kysely<any> and must never change once shipped.

/**
 * Verified passes. A resolution carries its verification state (`reported` → `evidence_attached`
 * → `verified` → `transmitted`) with who verified it and when, and an append-only history
 * (`verification_event`). Its evidence (`evidence`) is a link or an uploaded file; a file's bytes
 * live in their own table (`evidence_file`, bytea/blob), so listing evidence never reads them and
 * every server instance sharing the database serves the same files. A campaign may count verified
 * passes only (`campaign.count_verified_only`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = postgres ? sql`serial primary key` : sql`integer primary key autoincrement`;
  const bytes = postgres ? sql`bytea` : sql`blob`;

  await sql`alter table campaign add column count_verified_only integer not null default 0`.execute(db);
  await sql`alter table resolution add column verification text not null default 'reported'`.execute(db);
  await sql`alter table resolution add column verified_by text`.execute(db);
  await sql`alter table resolution add column verified_at text`.execute(db);

  await sql`create table evidence (
    id ${id},
    resolution_id integer not null references resolution(id) on delete cascade,
    kind text not null,
    category text not null,
    title text,
    url text,
    file_name text,
    content_type text,
    byte_size integer,
    sha256 text,
    is_public integer not null default 0,
    added_by text not null,
    created_at text not null
  )`.execute(db);
  await db.schema.createIndex("evidence_resolution_index").on("evidence").column("resolution_id").execute();

  await sql`create table evidence_file (
    evidence_id integer primary key references evidence(id) on delete cascade,
    content ${bytes} not null
  )`.execute(db);

  await sql`create table verification_event (
    id ${id},
    resolution_id integer not null references resolution(id) on delete cascade,
    from_state text not null,
    to_state text not null,
    actor text not null,
    note text,
    occurred_at text not null
  )`.execute(db);
  await db.schema.createIndex("verification_event_index").on("verification_event").column("resolution_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("verification_event").execute();
  await db.schema.dropTable("evidence_file").execute();
  await db.schema.dropTable("evidence").execute();
  await sql`alter table resolution drop column verified_at`.execute(db);
  await sql`alter table resolution drop column verified_by`.execute(db);
  await sql`alter table resolution drop column verification`.execute(db);
  await sql`alter table campaign drop column count_verified_only`.execute(db);
}
