import type { Kysely } from "kysely";
import { expect, it } from "vitest";
import { migrateToLatest } from "../../server/db/migrate";
import * as billAndLadder from "../../server/db/migrations/2026_12_07_1000_create_bill_and_ladder";
import * as createMeeting from "../../server/db/migrations/2026_12_07_1010_create_meeting";
import * as createLobbyDay from "../../server/db/migrations/2026_12_07_1400_create_lobby_day";
import { forEachEngine } from "../helpers/test-db";

/**
 * Bills and the ladder replace the one stance per legislator: the migration gives every campaign
 * a first bill and moves each stance, with its whole history, to it, so nothing a user entered
 * is lost ("supporter" becomes "supportive"); its `down` puts them back.
 */
forEachEngine((getDatabase) => {
  it("moves every stance and its history to the campaign's first bill, and back down", async () => {
    const { db } = getDatabase();
    const any = db as never as Kysely<any>;
    // The meeting log (a later migration) refers to bills, and lobby visits to meetings: set them
    // aside meanwhile.
    await createLobbyDay.down(any);
    await createMeeting.down(any);
    await billAndLadder.down(any);
    const now = "2026-11-30T12:00:00.000Z";
    const scheme = JSON.stringify({ stages: [] });
    const campaign = (await any
      .insertInto("campaign")
      .values({ name: "Old drive", slug: "old-drive", bill: "H.1239", is_demo: 0, stage_scheme: scheme, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow()) as { id: number };
    const other = (await any
      .insertInto("campaign")
      .values({ name: "No bill", slug: "no-bill", bill: null, is_demo: 0, stage_scheme: scheme, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow()) as { id: number };
    const person = (await any
      .insertInto("legislator")
      .values({ ocd_person_id: "ocd-person/00000000-0000-0000-0000-000000000001", name: "Adam Gómez", party: "Democratic", created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow()) as { id: number };
    await any.insertInto("legislator_stance").values({ campaign_id: campaign.id, legislator_id: person.id, stance: "supporter", updated_at: now }).execute();
    await any
      .insertInto("legislator_stance_event")
      .values([
        {
          campaign_id: campaign.id,
          legislator_id: person.id,
          from_stance: null,
          to_stance: "undecided",
          actor: "Ana",
          note: "At the diner",
          occurred_at: "2026-11-01T00:00:00.000Z",
        },
        { campaign_id: campaign.id, legislator_id: person.id, from_stance: "undecided", to_stance: "supporter", actor: "Ben", note: null, occurred_at: now },
      ])
      .execute();

    await billAndLadder.up(any);
    // The app's connection maps camelCase to the snake_case columns, both ways.
    const bills = await any.selectFrom("bill").select(["id", "campaignId", "name", "jurisdiction", "position"]).orderBy("campaignId").execute();
    expect(bills.map((bill) => [bill.campaignId, bill.name, bill.jurisdiction, bill.position])).toEqual([
      [campaign.id, "H.1239", "state", 0],
      [other.id, "The bill", "state", 0],
    ]);
    const steps = await any.selectFrom("legislator_step").selectAll().execute();
    expect(steps).toEqual([{ billId: bills[0]!.id, legislatorId: person.id, step: "supportive", updatedAt: now }]);
    const events = await any.selectFrom("legislator_step_event").select(["billId", "fromStep", "toStep", "source", "actor", "note"]).orderBy("id").execute();
    expect(events).toEqual([
      { billId: bills[0]!.id, fromStep: null, toStep: "undecided", source: "other", actor: "Ana", note: "At the diner" },
      { billId: bills[0]!.id, fromStep: "undecided", toStep: "supportive", source: "other", actor: "Ben", note: null },
    ]);

    await billAndLadder.down(any);
    expect(await any.selectFrom("legislator_stance").select(["campaignId", "stance"]).execute()).toEqual([{ campaignId: campaign.id, stance: "supporter" }]);
    expect((await any.selectFrom("legislator_stance_event").select("toStance").orderBy("id").execute()).map((row) => row.toStance)).toEqual(["undecided", "supporter"]);
    await billAndLadder.up(any);
    await createMeeting.up(any);
    await createLobbyDay.up(any);
  });
});

forEachEngine((getDatabase) => {
  it("runs a migration that lands after a later-named one has already run (branches land out of name order)", async () => {
    const { db } = getDatabase();
    const any = db as never as Kysely<any>;
    await createLobbyDay.down(any);
    await createMeeting.down(any);
    await any.deleteFrom("kysely_migration").where("name", "in", ["2026_12_07_1010_create_meeting", "2026_12_07_1400_create_lobby_day"]).execute();
    await migrateToLatest(any);
    expect(
      (await any.selectFrom("kysely_migration").select("name").where("name", "in", ["2026_12_07_1010_create_meeting", "2026_12_07_1400_create_lobby_day"]).execute()).length,
    ).toBe(2);
    expect(await any.selectFrom("meeting").selectAll().execute()).toEqual([]);
  });
});
