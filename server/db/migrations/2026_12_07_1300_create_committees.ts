import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen in time: this file uses Kysely<any> and must never change once shipped.

/**
 * Open States detail the legislator page and the lobby brief need: a legislator's other spellings
 * (for matching hand-typed lists) and public offices, as JSON text; and the legislature's
 * committees with their members and roles (chair, vice chair, ranking member, member).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = postgres ? sql`serial primary key` : sql`integer primary key autoincrement`;
  await sql`alter table legislator add column other_names text`.execute(db);
  await sql`alter table legislator add column offices text`.execute(db);

  // One row per Open States committee (ocd-organization id); `chamber` is state_lower,
  // state_upper or joint; `other_names` a JSON array.
  await sql`create table committee (
    id ${id},
    ocd_org_id text not null unique,
    state text not null,
    chamber text not null,
    name text not null,
    other_names text,
    created_at text not null,
    updated_at text not null
  )`.execute(db);
  await db.schema.createIndex("committee_state_index").on("committee").column("state").execute();

  // A committee's members as its file lists them; an import replaces a committee's list whole.
  await sql`create table committee_member (
    id ${id},
    committee_id integer not null references committee(id) on delete cascade,
    legislator_id integer not null references legislator(id) on delete cascade,
    role text not null
  )`.execute(db);
  await db.schema.createIndex("committee_member_committee_index").on("committee_member").column("committee_id").execute();
  await db.schema.createIndex("committee_member_legislator_index").on("committee_member").column("legislator_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("committee_member").ifExists().execute();
  await db.schema.dropTable("committee").ifExists().execute();
  await sql`alter table legislator drop column offices`.execute(db);
  await sql`alter table legislator drop column other_names`.execute(db);
}
