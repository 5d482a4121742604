import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen in time: this file uses Kysely<any> and must never change once shipped.

/**
 * A population layer's counts (Census blocks with POP20, precincts with ballots cast…), placed
 * into the bodies, the districts and each body × district overlap (shared/geo/population-assign.ts),
 * and the layers imported. Shares of a district's people use these counts when they exist.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = postgres ? sql`serial primary key` : sql`integer primary key autoincrement`;
  const real = postgres ? sql`double precision` : sql`real`;
  await sql`create table population_layer (
    id ${id},
    file_name text not null,
    count_field text not null,
    state text,
    features integer not null,
    people ${real} not null,
    imported_by text not null,
    imported_at text not null
  )`.execute(db);
  await sql`create table overlap_people (
    body_id integer not null references body(id) on delete cascade,
    district_id integer not null references district(id) on delete cascade,
    people ${real} not null,
    primary key (body_id, district_id)
  )`.execute(db);
  await sql`create table district_people (
    district_id integer primary key references district(id) on delete cascade,
    people ${real} not null
  )`.execute(db);
  await sql`create table body_people (
    body_id integer primary key references body(id) on delete cascade,
    people ${real} not null
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("body_people").execute();
  await db.schema.dropTable("district_people").execute();
  await db.schema.dropTable("overlap_people").execute();
  await db.schema.dropTable("population_layer").execute();
}
