import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen in time: this file uses Kysely<any> and must never change once shipped.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = postgres ? sql`serial primary key` : sql`integer primary key autoincrement`;
  const real = sql.raw(postgres ? "double precision" : "real");

  // Bodies: the key an import matched them by (GEOID, the --id-field value or the name), and their area.
  await sql`alter table body add column source_key text`.execute(db);
  await sql`alter table body add column area_m2 ${real}`.execute(db);
  await sql`create unique index body_kind_source_key_index on body (kind, source_key)`.execute(db);

  await sql`create table district (
    id ${id},
    chamber text not null,
    state text,
    name text not null,
    geoid text,
    ocd_division_id text,
    vintage text not null,
    is_current integer not null default 1,
    source_key text not null,
    geometry text not null,
    area_m2 ${real} not null,
    min_lon ${real} not null,
    min_lat ${real} not null,
    max_lon ${real} not null,
    max_lat ${real} not null,
    created_at text not null,
    updated_at text not null,
    unique (chamber, state, vintage, source_key)
  )`.execute(db);
  await db.schema.createIndex("district_current_index").on("district").columns(["is_current", "chamber"]).execute();

  await sql`create table body_district_overlap (
    body_id integer not null references body(id) on delete cascade,
    district_id integer not null references district(id) on delete cascade,
    intersection_area_m2 ${real} not null,
    share_of_body ${real} not null,
    share_of_district ${real} not null,
    computed_at text not null,
    primary key (body_id, district_id)
  )`.execute(db);
  await db.schema.createIndex("overlap_district_index").on("body_district_overlap").column("district_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("body_district_overlap").ifExists().execute();
  await db.schema.dropTable("district").ifExists().execute();
  await sql`drop index if exists body_kind_source_key_index`.execute(db);
}
