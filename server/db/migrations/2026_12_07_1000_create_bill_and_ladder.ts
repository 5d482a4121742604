import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen in time: this file uses Kysely<any> and must never change once shipped.

/**
 * Bills and the ladder. A campaign has several bills (the state bill in each chamber, the federal
 * bill…); a legislator stands at one step of the campaign's ladder per bill (`legislator_step`),
 * with an append-only history (`legislator_step_event`: who, when, from, to, source, link, private
 * note). `campaign.ladder` holds the campaign's edited ladder as JSON (null: the default ladder).
 *
 * Nothing a user entered is lost: every campaign gets a first bill (named after `campaign.bill`),
 * and each stance with its whole history moves to that bill ("supporter" became "supportive").
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = postgres ? sql`serial primary key` : sql`integer primary key autoincrement`;

  await sql`alter table campaign add column ladder text`.execute(db);

  await sql`create table bill (
    id ${id},
    campaign_id integer not null references campaign(id) on delete cascade,
    name text not null,
    jurisdiction text not null,
    chamber text,
    position integer not null,
    created_at text not null,
    unique (campaign_id, name)
  )`.execute(db);

  await sql`create table legislator_step (
    bill_id integer not null references bill(id) on delete cascade,
    legislator_id integer not null references legislator(id) on delete cascade,
    step text not null,
    updated_at text not null,
    primary key (bill_id, legislator_id)
  )`.execute(db);

  await sql`create table legislator_step_event (
    id ${id},
    bill_id integer not null references bill(id) on delete cascade,
    legislator_id integer not null references legislator(id) on delete cascade,
    from_step text,
    to_step text not null,
    source text not null,
    link text,
    actor text not null,
    note text,
    occurred_at text not null
  )`.execute(db);
  await db.schema.createIndex("legislator_step_event_index").on("legislator_step_event").columns(["bill_id", "legislator_id"]).execute();

  const now = new Date().toISOString();
  const step = (column: string) => sql.raw(`case ${column} when 'supporter' then 'supportive' else ${column} end`);
  await sql`insert into bill (campaign_id, name, jurisdiction, chamber, position, created_at)
    select id, coalesce(nullif(trim(bill), ''), 'The bill'), 'state', null, 0, ${now} from campaign`.execute(db);
  await sql`insert into legislator_step (bill_id, legislator_id, step, updated_at)
    select bill.id, s.legislator_id, ${step("s.stance")}, s.updated_at
    from legislator_stance s join bill on bill.campaign_id = s.campaign_id`.execute(db);
  await sql`insert into legislator_step_event (bill_id, legislator_id, from_step, to_step, source, link, actor, note, occurred_at)
    select bill.id, e.legislator_id, ${step("e.from_stance")}, ${step("e.to_stance")},
      case when e.note like 'On the cosponsor list%' then 'cosponsor_list' else 'other' end, null, e.actor, e.note, e.occurred_at
    from legislator_stance_event e join bill on bill.campaign_id = e.campaign_id
    order by e.id`.execute(db);

  await db.schema.dropTable("legislator_stance_event").execute();
  await db.schema.dropTable("legislator_stance").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = postgres ? sql`serial primary key` : sql`integer primary key autoincrement`;
  await sql`create table legislator_stance (
    campaign_id integer not null references campaign(id) on delete cascade,
    legislator_id integer not null references legislator(id) on delete cascade,
    stance text not null,
    updated_at text not null,
    primary key (campaign_id, legislator_id)
  )`.execute(db);
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
  // The first bill of each campaign goes back to being the campaign's stance.
  const first = sql`(select min(b2.position * 1000000 + b2.id) from bill b2 where b2.campaign_id = bill.campaign_id) = bill.position * 1000000 + bill.id`;
  const stance = (column: string) => sql.raw(`case ${column} when 'supportive' then 'supporter' else ${column} end`);
  await sql`insert into legislator_stance (campaign_id, legislator_id, stance, updated_at)
    select bill.campaign_id, s.legislator_id, ${stance("s.step")}, s.updated_at from legislator_step s join bill on bill.id = s.bill_id where ${first}`.execute(db);
  await sql`insert into legislator_stance_event (campaign_id, legislator_id, from_stance, to_stance, actor, note, occurred_at)
    select bill.campaign_id, e.legislator_id, ${stance("e.from_step")}, ${stance("e.to_step")}, e.actor, e.note, e.occurred_at
    from legislator_step_event e join bill on bill.id = e.bill_id where ${first} order by e.id`.execute(db);
  await db.schema.dropTable("legislator_step_event").execute();
  await db.schema.dropTable("legislator_step").execute();
  await db.schema.dropTable("bill").execute();
  await sql`alter table campaign drop column ladder`.execute(db);
}
