import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen in time: this file uses Kysely<any> and must never change once shipped.

/**
 * Lobby days: a campaign's day at the State House (`bill_ids` and `chambers` are JSON lists),
 * each office's visit (time, room, the meeting its report-back logged), and who signed up to go
 * (name, hub, constituent or not). All of it is for signed-in members.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = postgres ? sql`serial primary key` : sql`integer primary key autoincrement`;
  await sql`create table lobby_day (
    id ${id},
    campaign_id integer not null references campaign(id) on delete cascade,
    name text not null,
    held_on text not null,
    starts_at text,
    place text,
    bill_ids text not null,
    chambers text not null,
    notes text,
    created_by text not null,
    created_at text not null,
    updated_at text not null
  )`.execute(db);
  await db.schema.createIndex("lobby_day_campaign_index").on("lobby_day").columns(["campaign_id", "held_on"]).execute();
  await sql`create table lobby_visit (
    lobby_day_id integer not null references lobby_day(id) on delete cascade,
    legislator_id integer not null references legislator(id) on delete cascade,
    time text,
    room text,
    meeting_id integer references meeting(id) on delete set null,
    primary key (lobby_day_id, legislator_id)
  )`.execute(db);
  await sql`create table lobby_signup (
    id ${id},
    lobby_day_id integer not null references lobby_day(id) on delete cascade,
    legislator_id integer not null references legislator(id) on delete cascade,
    name text not null,
    hub_id integer references hub(id) on delete set null,
    is_constituent integer not null default 1,
    created_by text not null,
    created_at text not null
  )`.execute(db);
  await db.schema.createIndex("lobby_signup_day_index").on("lobby_signup").columns(["lobby_day_id", "legislator_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("lobby_signup").execute();
  await db.schema.dropTable("lobby_visit").execute();
  await db.schema.dropTable("lobby_day").execute();
}
