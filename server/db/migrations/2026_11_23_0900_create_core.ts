import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen in time: this file uses Kysely<any> and must never change once shipped.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = postgres ? sql`serial primary key` : sql`integer primary key autoincrement`;
  const real = postgres ? "double precision" : "real";

  await sql`create table campaign (
    id ${id},
    name text not null unique,
    slug text not null unique,
    bill text,
    is_demo integer not null default 0,
    stage_scheme text not null,
    created_at text not null
  )`.execute(db);

  await sql`create table body (
    id ${id},
    name text not null,
    kind text not null,
    state text,
    geoid text,
    ocd_division_id text unique,
    parent_id integer references body(id),
    geometry text not null,
    min_lon ${sql.raw(real)} not null,
    min_lat ${sql.raw(real)} not null,
    max_lon ${sql.raw(real)} not null,
    max_lat ${sql.raw(real)} not null,
    created_at text not null,
    updated_at text not null,
    unique (kind, geoid)
  )`.execute(db);
  await db.schema.createIndex("body_name_index").on("body").column("name").execute();
  await db.schema.createIndex("body_state_index").on("body").column("state").execute();

  await sql`create table resolution (
    id ${id},
    campaign_id integer not null references campaign(id) on delete cascade,
    body_id integer not null references body(id) on delete cascade,
    stage text not null,
    version integer not null default 1,
    introduced_on text,
    vote_date text,
    updated_at text not null,
    unique (campaign_id, body_id)
  )`.execute(db);

  await sql`create table stage_event (
    id ${id},
    resolution_id integer not null references resolution(id) on delete cascade,
    from_stage text,
    to_stage text not null,
    actor text not null,
    note text,
    occurred_at text not null
  )`.execute(db);
  await db.schema.createIndex("stage_event_resolution_index").on("stage_event").columns(["resolution_id", "occurred_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["stage_event", "resolution", "body", "campaign"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
