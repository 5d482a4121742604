import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen in time: this file uses Kysely<any> and must never change once shipped.

/**
 * Ballot questions of a campaign (a non-binding question on the ballot in some districts), the
 * district(s) each ran in and its results by town, by town + ward + precinct, or by district.
 * Results are public facts. A re-import of a question replaces its districts and results.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = postgres ? sql`serial primary key` : sql`integer primary key autoincrement`;

  await sql`create table ballot_question (
    id ${id},
    campaign_id integer not null references campaign(id) on delete cascade,
    name text not null,
    year integer,
    election_date text,
    question_text text,
    state text,
    source text,
    totals_yes integer,
    totals_no integer,
    totals_blanks integer,
    totals_total integer,
    created_at text not null,
    updated_at text not null,
    unique (campaign_id, name)
  )`.execute(db);

  // Where it ran: chamber + district name (+ vintage), linked to an imported district when one matches.
  await sql`create table ballot_question_district (
    id ${id},
    question_id integer not null references ballot_question(id) on delete cascade,
    district_id integer references district(id) on delete set null,
    chamber text not null,
    name text not null,
    vintage text
  )`.execute(db);
  await db.schema.createIndex("ballot_question_district_question_index").on("ballot_question_district").column("question_id").execute();

  await sql`create table ballot_result (
    id ${id},
    question_id integer not null references ballot_question(id) on delete cascade,
    body_id integer references body(id) on delete set null,
    question_district_id integer references ballot_question_district(id) on delete cascade,
    town text,
    state text,
    ward text,
    precinct text,
    yes integer not null,
    no integer not null,
    blanks integer not null,
    total integer not null,
    is_partial integer not null default 0,
    source_row integer not null
  )`.execute(db);
  await db.schema.createIndex("ballot_result_question_index").on("ballot_result").column("question_id").execute();
  await db.schema.createIndex("ballot_result_body_index").on("ballot_result").column("body_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["ballot_result", "ballot_question_district", "ballot_question"]) await db.schema.dropTable(table).ifExists().execute();
}
