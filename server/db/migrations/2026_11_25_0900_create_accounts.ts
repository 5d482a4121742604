import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen in time: this file uses Kysely<any> and must never change once shipped.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = postgres ? sql`serial primary key` : sql`integer primary key autoincrement`;

  // "user" is a reserved word in PostgreSQL. A null password_hash is an account whose owner has
  // not yet set a password (made on the command line; they follow a set-password link).
  await sql`create table app_user (
    id ${id},
    email text not null unique,
    name text not null,
    role text not null check (role in ('admin', 'organizer', 'hub', 'viewer')),
    hub_id integer references hub(id) on delete set null,
    password_hash text,
    created_at text not null,
    disabled_at text
  )`.execute(db);

  // Sessions live in the database so every server instance knows them. The cookie holds a random
  // token; only its SHA-256 is stored, so a leaked table signs nobody in.
  await sql`create table user_session (
    token_hash text primary key,
    user_id integer not null references app_user(id) on delete cascade,
    created_at text not null,
    expires_at text not null,
    last_seen_at text not null
  )`.execute(db);
  await db.schema.createIndex("user_session_user_index").on("user_session").column("user_id").execute();

  // Invite and password links an admin hands out (no mail server): single use, expiring.
  await sql`create table user_link (
    token_hash text primary key,
    kind text not null check (kind in ('invite', 'reset')),
    email text not null,
    role text not null,
    hub_id integer references hub(id) on delete set null,
    user_id integer references app_user(id) on delete cascade,
    created_by text not null,
    created_at text not null,
    expires_at text not null,
    used_at text
  )`.execute(db);

  // Failed sign-ins, per account and per address, for throttling across instances.
  await sql`create table login_failure (
    id ${id},
    throttle_key text not null,
    at text not null
  )`.execute(db);
  await db.schema.createIndex("login_failure_key_index").on("login_failure").columns(["throttle_key", "at"]).execute();

  // Every change: who, when, what, and the record before and after (JSON).
  await sql`create table audit_event (
    id ${id},
    at text not null,
    user_id integer,
    actor_name text not null,
    actor_role text not null,
    action text not null,
    subject_kind text not null,
    subject_id text,
    campaign_id integer,
    summary text not null,
    before_json text,
    after_json text
  )`.execute(db);
  await db.schema.createIndex("audit_event_at_index").on("audit_event").column("at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["audit_event", "login_failure", "user_link", "user_session", "app_user"]) await db.schema.dropTable(table).ifExists().execute();
}
