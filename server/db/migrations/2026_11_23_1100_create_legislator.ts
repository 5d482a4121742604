import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen in time: this file uses Kysely<any> and must never change once shipped.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = postgres ? sql`serial primary key` : sql`integer primary key autoincrement`;

  // Legislators: one row per Open States person; links and extras as JSON text.
  await sql`create table legislator (
    id ${id},
    ocd_person_id text not null unique,
    name text not null,
    party text,
    email text,
    links text,
    extras text,
    created_at text not null,
    updated_at text not null
  )`.execute(db);

  // Roles are time-scoped (Open States' start/end dates): turnover closes a role, never overwrites it.
  await sql`create table legislator_role (
    id ${id},
    legislator_id integer not null references legislator(id) on delete cascade,
    chamber text not null,
    state text not null,
    district_name text not null,
    district_id integer references district(id) on delete set null,
    valid_from text,
    valid_to text,
    created_at text not null
  )`.execute(db);
  await db.schema.createIndex("legislator_role_legislator_index").on("legislator_role").column("legislator_id").execute();
  await db.schema.createIndex("legislator_role_district_index").on("legislator_role").column("district_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("legislator_role").ifExists().execute();
  await db.schema.dropTable("legislator").ifExists().execute();
}
