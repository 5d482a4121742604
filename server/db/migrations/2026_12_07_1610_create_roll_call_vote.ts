import { type Kysely, sql } from "kysely";

// Frozen in time: this file uses Kysely<any> and must never change once shipped.

/**
 * Roll calls: how each member of a body voted on a campaign's resolution (yes, no, abstain,
 * absent), as meeting mode marks them, so the whip count's positions can be compared with the
 * votes. One row per resolution and member; recording a roll call again replaces it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table roll_call_vote (
    resolution_id integer not null references resolution(id) on delete cascade,
    member_id integer not null references member(id) on delete cascade,
    vote text not null,
    recorded_at text not null,
    primary key (resolution_id, member_id)
  )`.execute(db);
  await db.schema.createIndex("roll_call_vote_member_index").on("roll_call_vote").column("member_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("roll_call_vote").execute();
}
