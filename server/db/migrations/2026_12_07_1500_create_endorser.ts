import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen in time: this file uses Kysely<any> and must never change once shipped.

/**
 * Endorsers: organisations and key people a campaign asks to endorse, each placed at a point
 * (its coordinates, its town's centre, or a geocoded address), standing at one step of the
 * campaign's endorser ladder (`campaign.endorser_ladder`, JSON; null: the default) with an
 * append-only history (`endorser_step_event`: who, when, from, to, source, link, private note).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = postgres ? sql`serial primary key` : sql`integer primary key autoincrement`;
  const real = postgres ? sql`double precision` : sql`real`;

  await sql`alter table campaign add column endorser_ladder text`.execute(db);

  await sql`create table endorser (
    id ${id},
    campaign_id integer not null references campaign(id) on delete cascade,
    name text not null,
    category text not null,
    town text not null,
    state text not null,
    town_body_id integer references body(id) on delete set null,
    linked_body_id integer references body(id) on delete set null,
    address text,
    lon ${real} not null,
    lat ${real} not null,
    location_source text not null,
    website text,
    public_contact text,
    private_contact text,
    note text,
    is_public integer not null default 0,
    step text not null,
    step_updated_at text,
    created_at text not null,
    updated_at text not null
  )`.execute(db);
  await db.schema.createIndex("endorser_campaign_index").on("endorser").columns(["campaign_id", "state", "town"]).execute();
  await db.schema.createIndex("endorser_linked_body_index").on("endorser").column("linked_body_id").execute();

  await sql`create table endorser_step_event (
    id ${id},
    endorser_id integer not null references endorser(id) on delete cascade,
    from_step text,
    to_step text not null,
    source text not null,
    link text,
    actor text not null,
    note text,
    occurred_at text not null
  )`.execute(db);
  await db.schema.createIndex("endorser_step_event_index").on("endorser_step_event").column("endorser_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("endorser_step_event").execute();
  await db.schema.dropTable("endorser").execute();
  await sql`alter table campaign drop column endorser_ladder`.execute(db);
}
