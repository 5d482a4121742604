import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen in time: this file uses Kysely<any> and must never change once shipped.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = postgres ? sql`serial primary key` : sql`integer primary key autoincrement`;
  const real = sql.raw(postgres ? "double precision" : "real");

  // Population of a body, when its boundary layer carries one (Census P0010001, POP20…).
  await sql`alter table body add column population ${real}`.execute(db);

  // Where a legislator stands on a campaign's bill now; the history is legislator_stance_event.
  await sql`create table legislator_stance (
    campaign_id integer not null references campaign(id) on delete cascade,
    legislator_id integer not null references legislator(id) on delete cascade,
    stance text not null,
    updated_at text not null,
    primary key (campaign_id, legislator_id)
  )`.execute(db);

  // Append-only: who moved the legislator, when, from and to; the note is private.
  await sql`create table legislator_stance_event (
    id ${id},
    campaign_id integer not null references campaign(id) on delete cascade,
    legislator_id integer not null references legislator(id) on delete cascade,
    from_stance text,
    to_stance text not null,
    actor text not null,
    note text,
    occurred_at text not null
  )`.execute(db);
  await db.schema.createIndex("legislator_stance_event_index").on("legislator_stance_event").columns(["campaign_id", "legislator_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("legislator_stance_event").ifExists().execute();
  await db.schema.dropTable("legislator_stance").ifExists().execute();
  await sql`alter table body drop column population`.execute(db);
}
