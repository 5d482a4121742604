import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen in time: this file uses Kysely<any> and must never change once shipped.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = postgres ? sql`serial primary key` : sql`integer primary key autoincrement`;

  // A hub is a local organizing group. Its public fields may be published; private_contacts never.
  await sql`create table hub (
    id ${id},
    name text not null unique,
    slug text not null unique,
    public_contact text,
    onboarding text,
    private_contacts text,
    created_at text not null,
    updated_at text not null
  )`.execute(db);

  // The area a hub covers: whole districts and single bodies. A hub member may edit bodies in it.
  await sql`create table hub_district (
    hub_id integer not null references hub(id) on delete cascade,
    district_id integer not null references district(id) on delete cascade,
    primary key (hub_id, district_id)
  )`.execute(db);
  await sql`create table hub_body (
    hub_id integer not null references hub(id) on delete cascade,
    body_id integer not null references body(id) on delete cascade,
    primary key (hub_id, body_id)
  )`.execute(db);
  await db.schema.createIndex("hub_district_district_index").on("hub_district").column("district_id").execute();
  await db.schema.createIndex("hub_body_body_index").on("hub_body").column("body_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["hub_body", "hub_district", "hub"]) await db.schema.dropTable(table).ifExists().execute();
}
