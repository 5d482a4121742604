import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen in time: this file uses Kysely<any> and must never change once shipped.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = postgres ? sql`serial primary key` : sql`integer primary key autoincrement`;
  const addColumns = async (table: string, columns: string[]) => {
    for (const column of columns) await sql`alter table ${sql.table(table)} add column ${sql.raw(column)}`.execute(db);
  };

  // The campaign's model resolution text (Markdown).
  await addColumns("campaign", ["model_text text"]);

  // How a body votes: the whip count needs seats, vacancies, quorum, the rule and any veto.
  await addColumns("body", ["seats integer", "vacancies integer", "quorum integer", "vote_rule text", "has_veto integer not null default 0", "override_rule text"]);

  // Dates, place, outcome and tally of a resolution. `note` is private to signed-in members.
  await addColumns("resolution", [
    "vote_time text",
    "vote_location text",
    "vote_cancelled integer not null default 0",
    "hearing_date text",
    "hearing_time text",
    "hearing_location text",
    "tally_yes integer",
    "tally_no integer",
    "tally_abstain integer",
    "tally_absent integer",
    "agenda_url text",
    "minutes_url text",
    "adopted_text_url text",
    "hub_id integer references hub(id) on delete set null",
    "note text",
  ]);

  // The people on a body. public_contact may be published; private_contact never.
  await sql`create table member (
    id ${id},
    body_id integer not null references body(id) on delete cascade,
    name text not null,
    role text,
    term_start text,
    term_end text,
    public_contact text,
    private_contact text,
    created_at text not null,
    updated_at text not null
  )`.execute(db);
  await db.schema.createIndex("member_body_index").on("member").column("body_id").execute();

  // Where a member stands on a campaign's resolution; `is_internal` positions and notes stay private.
  await sql`create table member_position (
    id ${id},
    campaign_id integer not null references campaign(id) on delete cascade,
    member_id integer not null references member(id) on delete cascade,
    position text not null default 'unknown',
    sponsor_role text,
    is_internal integer not null default 0,
    last_contacted_on text,
    contacted_by text,
    note text,
    version integer not null default 1,
    updated_at text not null,
    unique (campaign_id, member_id)
  )`.execute(db);

  // Next actions on a resolution (private): owner, due date, done.
  await sql`create table task (
    id ${id},
    resolution_id integer not null references resolution(id) on delete cascade,
    title text not null,
    owner text,
    due_on text,
    done_at text,
    created_by text not null,
    created_at text not null
  )`.execute(db);
  await db.schema.createIndex("task_resolution_index").on("task").column("resolution_id").execute();
  await db.schema.createIndex("task_due_index").on("task").columns(["done_at", "due_on"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["task", "member_position", "member"]) await db.schema.dropTable(table).ifExists().execute();
}
