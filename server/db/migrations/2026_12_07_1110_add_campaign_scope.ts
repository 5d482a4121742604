import { sql, type Kysely } from "kysely";

// Frozen in time: this file uses Kysely<any> and must never change once shipped.

/**
 * A campaign's scope (JSON: states, counties, bodyIds, countedChildKinds). A campaign that already
 * has resolutions is scoped to the states of the bodies they are on, so bodies of a state imported
 * later for another campaign stay out of its counts; a campaign without resolutions keeps every body.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table campaign add column scope text`.execute(db);
  // One-word aliases: the result reads the same with or without a camel-case plugin.
  const { rows } = await sql<{ campaign: number; state: string }>`
    select distinct resolution.campaign_id as campaign, body.state as state
    from resolution join body on body.id = resolution.body_id
    where body.state is not null`.execute(db);
  const states = new Map<number, string[]>();
  for (const row of rows) states.set(Number(row.campaign), [...(states.get(Number(row.campaign)) ?? []), row.state]);
  for (const [campaignId, list] of states) {
    const scope = JSON.stringify({ states: [...list].sort(), counties: [], bodyIds: [], countedChildKinds: [] });
    await db.updateTable("campaign").set({ scope }).where("id", "=", campaignId).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table campaign drop column scope`.execute(db);
}
