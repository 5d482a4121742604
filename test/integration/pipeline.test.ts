import { beforeAll, expect, it } from "vitest";
import { createCaller } from "../../server/api/router";
import type { Actor } from "../../server/domain/actor";
import { importSpreadsheet } from "../../server/domain/spreadsheet-import";
import { readCsvTable } from "../../server/io/csv";
import { RESOLUTION_COLUMNS } from "../../shared/model/spreadsheet-import";
import { makeBody, makeCampaign, type MadeBody } from "../helpers/factories";
import { forEachEngine } from "../helpers/test-db";

/** `pipeline.*`: the pipeline page's procedures, filtered in SQL, checked against the rows on both engines. */

const publicActor: Actor = { name: "anon", role: "public" };

forEachEngine((getDatabase) => {
  const caller = () => createCaller({ db: getDatabase().db, actor: publicActor });
  let campaignId: number;
  let kent: MadeBody;
  let warwick: MadeBody;
  let coventry: MadeBody;
  let providence: MadeBody;
  let hubId: number;

  beforeAll(async () => {
    const { db } = getDatabase();
    campaignId = (await makeCampaign(db, { name: "Pipeline drive" })).id;
    kent = await makeBody(db, { name: "Kent", kind: "county_board", state: "RI", geoid: "44003" });
    warwick = await makeBody(db, { name: "Warwick", kind: "town_meeting", state: "RI", geoid: "4400374300" });
    coventry = await makeBody(db, { name: "Coventry", kind: "town_meeting", state: "RI", geoid: "4400318640" });
    providence = await makeBody(db, { name: "Providence", kind: "city_council", state: "RI", geoid: "4459000" });
    await makeBody(db, { name: "Untouched", kind: "city_council", state: "RI", geoid: "4499999" });
    const now = new Date().toISOString();
    hubId = (
      await db
        .insertInto("hub")
        .values({ name: "Kent County Hub", slug: "kent", publicContact: null, onboarding: null, privateContacts: null, createdAt: now, updatedAt: now })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    const table = readCsvTable(
      [
        "body_id,stage,vote_date,vote_time,tally_yes,tally_no,hub,note",
        `${warwick.id},vote_scheduled,2026-03-10,19:00,,,Kent County Hub,private`,
        `${coventry.id},passed,2026-02-01,,7,2,kent,`,
        `${providence.id},vote_scheduled,2026-05-20,,,,,`,
        `${kent.id},organizing,,,,,,`,
      ].join("\n"),
      RESOLUTION_COLUMNS,
    );
    await db.transaction().execute((trx) => importSpreadsheet(trx, { as: "resolutions", campaign: String(campaignId), table }, { name: "Test", role: "admin" }, { dryRun: false }));
  });

  it("lists every body with its stage (first stage when it has none), county from GEOID, and hub; counts match the database", async () => {
    const { db } = getDatabase();
    const list = await caller().pipeline.list({ campaignId, sort: "body" });
    const bodies = Number(
      (
        await db
          .selectFrom("body")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(list.total).toBe(bodies);
    const byName = new Map(list.rows.map((row) => [row.bodyName, row]));
    expect(byName.get("Warwick")).toMatchObject({
      stage: "vote_scheduled",
      countyGeoid: "44003",
      countyName: "Kent",
      hubName: "Kent County Hub",
      voteDate: "2026-03-10",
      voteTime: "19:00",
    });
    expect(byName.get("Coventry")).toMatchObject({ stage: "passed", tally: { yes: 7, no: 2, abstain: null, absent: null } });
    expect(byName.get("Kent")).toMatchObject({ stage: "organizing", countyGeoid: "44003" });
    expect(byName.get("Providence")).toMatchObject({ countyGeoid: null, countyName: null });
    expect(byName.get("Untouched")).toMatchObject({ stage: "not_started", version: 0, updatedAt: null });
    expect(JSON.stringify(list)).not.toContain("private");

    const board = await caller().pipeline.board({ campaignId });
    const stored = await db.selectFrom("resolution").select(["stage"]).where("campaignId", "=", campaignId).execute();
    for (const column of board.columns) {
      const withRow = stored.filter((row) => row.stage === column.stageId).length;
      expect(column.count, column.stageId).toBe(column.stageId === "not_started" ? withRow + bodies - stored.length : withRow);
      expect(column.rows.length).toBe(Math.min(column.count, 30));
    }
    expect(board.total).toBe(bodies);
  });

  it("filters by stage, kind, county, hub and vote date range, in any combination", async () => {
    const names = async (filter: Parameters<ReturnType<typeof caller>["pipeline"]["list"]>[0]) =>
      (await caller().pipeline.list({ sort: "body", ...filter })).rows
        .map((row) => row.bodyName)
        .filter((name) => ["Kent", "Warwick", "Coventry", "Providence", "Untouched"].includes(name));
    expect(await names({ campaignId, stages: ["vote_scheduled"] })).toEqual(["Providence", "Warwick"]);
    expect(await names({ campaignId, kinds: ["town_meeting"] })).toEqual(["Coventry", "Warwick"]);
    expect(await names({ campaignId, county: "44003" })).toEqual(["Coventry", "Kent", "Warwick"]);
    expect(await names({ campaignId, hubId })).toEqual(["Coventry", "Warwick"]);
    expect(await names({ campaignId, voteFrom: "2026-03-01", voteTo: "2026-06-01" })).toEqual(["Providence", "Warwick"]);
    expect(await names({ campaignId, county: "44003", stages: ["vote_scheduled", "passed"], voteFrom: "2026-03-01" })).toEqual(["Warwick"]);
    expect(await names({ campaignId, stages: ["not_started"], kinds: ["city_council"] })).toEqual(["Untouched"]);
    const board = await caller().pipeline.board({ campaignId, county: "44003", stages: ["passed", "organizing"] });
    expect(board.columns.filter((column) => column.count).map((column) => [column.stageId, column.count])).toEqual([
      ["organizing", 1],
      ["passed", 1],
    ]);
  });

  it("sorts by stage most advanced first (passed, vote scheduled, organizing), by vote date with empty dates last, and pages without overlap", async () => {
    const byStage = await caller().pipeline.list({ campaignId, sort: "stage", kinds: ["town_meeting", "county_board"] });
    expect(byStage.rows.map((row) => row.bodyName)).toEqual(["Coventry", "Warwick", "Kent"]);
    const backwards = await caller().pipeline.list({ campaignId, sort: "stage", direction: "desc", kinds: ["town_meeting", "county_board"] });
    expect(backwards.rows.map((row) => row.bodyName)).toEqual(["Kent", "Warwick", "Coventry"]);
    const byDate = await caller().pipeline.list({ campaignId, sort: "voteDate", direction: "desc", county: "44003" });
    expect(byDate.rows.map((row) => row.bodyName)).toEqual(["Warwick", "Coventry", "Kent"]);
    const all = await caller().pipeline.list({ campaignId, sort: "county", pageSize: 500 });
    const paged = [];
    for (let page = 1; page <= Math.ceil(all.total / 2); page += 1) paged.push(...(await caller().pipeline.list({ campaignId, sort: "county", pageSize: 2, page })).rows);
    expect(paged.map((row) => row.bodyId)).toEqual(all.rows.map((row) => row.bodyId));
  });

  it("lists the votes of a date window soonest first (the page's upcoming votes), same-day votes by time", async () => {
    const window = await caller().pipeline.list({ campaignId, voteFrom: "2026-01-15", voteTo: "2026-04-01", sort: "voteDate" });
    expect(window.rows.map((row) => [row.bodyName, row.voteDate])).toEqual([
      ["Coventry", "2026-02-01"],
      ["Warwick", "2026-03-10"],
    ]);
  });

  it("offers counties, hubs and kinds for the filters, and refuses a stage the campaign does not have", async () => {
    const facets = await caller().pipeline.facets();
    expect(facets.counties).toContainEqual({ geoid: "44003", name: "Kent, RI", count: 3 });
    expect(facets.hubs).toContainEqual({ id: hubId, name: "Kent County Hub" });
    await expect(caller().pipeline.list({ campaignId, stages: ["nope"] })).rejects.toThrow('"nope" is not a stage of campaign "Pipeline drive"');
  });
});
