import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen in time: this file uses Kysely<any> and must never change once shipped.

/**
 * The meeting log: a campaign's meetings with a legislator (when, where, how many constituents,
 * the hubs that met them, the ask, the answer, the outcome step on a bill, private notes), and
 * next actions attached to a legislator (a meeting's follow-ups among them). All of it is for
 * signed-in members; `private_notes` never reaches a public surface.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = postgres ? sql`serial primary key` : sql`integer primary key autoincrement`;
  await sql`create table meeting (
    id ${id},
    campaign_id integer not null references campaign(id) on delete cascade,
    legislator_id integer not null references legislator(id) on delete cascade,
    met_on text not null,
    place text,
    constituents integer,
    ask text,
    answer text,
    bill_id integer references bill(id) on delete set null,
    outcome_step text,
    private_notes text,
    created_by text not null,
    created_at text not null
  )`.execute(db);
  await db.schema.createIndex("meeting_legislator_index").on("meeting").columns(["campaign_id", "legislator_id"]).execute();
  await sql`create table meeting_hub (
    meeting_id integer not null references meeting(id) on delete cascade,
    hub_id integer not null references hub(id) on delete cascade,
    primary key (meeting_id, hub_id)
  )`.execute(db);
  await sql`create table legislator_task (
    id ${id},
    campaign_id integer not null references campaign(id) on delete cascade,
    legislator_id integer not null references legislator(id) on delete cascade,
    meeting_id integer references meeting(id) on delete set null,
    title text not null,
    owner text,
    due_on text,
    done_at text,
    created_by text not null,
    created_at text not null
  )`.execute(db);
  await db.schema.createIndex("legislator_task_index").on("legislator_task").columns(["campaign_id", "legislator_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("legislator_task").execute();
  await db.schema.dropTable("meeting_hub").execute();
  await db.schema.dropTable("meeting").execute();
}
