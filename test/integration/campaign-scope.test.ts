import { describe, expect, it } from "vitest";
import * as addCampaignScope from "../../server/db/migrations/2026_12_07_1110_add_campaign_scope";
import type { Db } from "../../server/db/connect";
import { listBodies } from "../../server/domain/bodies";
import { getCampaign, listCampaigns, updateCampaign } from "../../server/domain/campaigns";
import { exportBodies } from "../../server/domain/exports";
import { listPipeline } from "../../server/domain/pipeline";
import { getPublicMap, readPressSnapshot } from "../../server/domain/public-view";
import { changeStage } from "../../server/domain/resolutions";
import { buildGeometryPayload } from "../../server/domain/map-payload";
import { campaignScopeSchema, countedBodies, type CampaignScope } from "../../shared/model/campaign-scope";
import { scopeGeometry } from "../../client/lib/body-index";
import { methodologyMarkdown } from "../../server/io/press-files";
import { runCliInProcess } from "../helpers/cli";
import { makeBody, makeCampaign, type MadeBody } from "../helpers/factories";
import { forEachEngine } from "../helpers/test-db";

/**
 * Issue 14, campaign scope and nested bodies: a campaign shows and counts only the bodies of its
 * states, each place once at the level it counts (the city, or its wards when it counts wards).
 */

const organizer = { name: "Rosa Organizer", role: "organizer" as const };

async function totalOnMap(db: Db, campaignId: number): Promise<number> {
  return (await getPublicMap(db, { campaign: campaignId })).counts.reduce((sum, count) => sum + count.count, 0);
}

/** Everything a campaign shows, by door: the public map's total, the app's body list, the pipeline, the bodies export, the press snapshot, the map geometry. */
async function shownEverywhere(db: Db, campaignId: number) {
  const campaign = await getCampaign(db, campaignId);
  const geometry = JSON.parse((await buildGeometryPayload(db)).json) as GeoJSON.FeatureCollection;
  return {
    map: await totalOnMap(db, campaignId),
    list: (await listBodies(db, campaignId)).map((body) => body.id),
    pipeline: (await listPipeline(db, { campaignId, sort: "body", direction: "asc", page: 1, pageSize: 500 })).total,
    exported: (await exportBodies(db, campaign, { withGeometry: false })).length,
    press: (await readPressSnapshot(db, { campaign: campaignId })).total,
    drawn: scopeGeometry(geometry, campaign.scope).features.length,
  };
}

forEachEngine(
  (getDatabase) => {
    const cli = (...args: string[]) => runCliInProcess(args, getDatabase().env);

    describe("campaign add --state", () => {
      it("scopes a new campaign to its states; the old spelling still works; an unknown state is one line and writes nothing", async () => {
        const { db } = getDatabase();
        const added = await cli("campaign", "add", "Two states", "--state", "ma,NH");
        expect(added.status, added.stderr).toBe(0);
        expect(added.stdout).toMatch(/^Created campaign "Two states" in MA, NH \(id \d+, slug two-states\)\.\n$/);
        const plain = await cli("campaign", "add", "Everywhere", "--bill", "H.1");
        expect(plain.status, plain.stderr).toBe(0);
        const before = (await listCampaigns(db)).length;
        const refused = await cli("campaign", "add", "Nowhere", "--state", "MA,ZZ");
        expect(refused.status).not.toBe(0);
        expect(refused.stderr.trim()).toBe('groundswell: "ZZ" is not a USPS state code (e.g. MA, RI); the campaign was not created');
        expect((await listCampaigns(db)).length).toBe(before);
        const campaigns = new Map((await listCampaigns(db)).map((campaign) => [campaign.name, campaign.scope]));
        expect(campaigns.get("Two states")).toEqual({ states: ["MA", "NH"], counties: [], bodyIds: [], countedChildKinds: [] });
        expect(campaigns.get("Everywhere")).toEqual({ states: [], counties: [], bodyIds: [], countedChildKinds: [] });
      });
    });

    it("a second state's bodies leave the first campaign's counts unchanged, on every door", async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db, { name: "Rhode Island drive" });
      await updateCampaign(db, { campaignId: campaign.id, scope: campaignScopeSchema.parse({ states: ["RI"] }) });
      const towns = [await makeBody(db, { state: "RI", kind: "town_meeting" }), await makeBody(db, { state: "RI", kind: "town_meeting" })];
      await db.transaction().execute((trx) => changeStage(trx, { campaignId: campaign.id, bodyId: towns[0]!.id, toStage: "organizing", expectedVersion: 0 }, organizer));
      const before = await shownEverywhere(db, campaign.id);
      for (let index = 0; index < 3; index += 1) await makeBody(db, { state: "CT", kind: "town_meeting" });
      const after = await shownEverywhere(db, campaign.id);
      expect(after).toEqual(before);
      expect(after.list).toEqual(expect.arrayContaining(towns.map((town) => town.id)));
      // Every RI body of the shared test database, and no CT one.
      const inRi = (await db.selectFrom("body").select("id").where("state", "=", "RI").where("parentId", "is", null).execute()).length;
      expect(after).toMatchObject({ map: inRi, pipeline: inRi, exported: inRi, press: inRi, drawn: inRi });
    });

    it("counts a city or its wards, never both; the SQL rule and the map's rule agree", async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db, { name: "Wards" });
      const city = await makeBody(db, { name: "Boston", state: "NH", kind: "city_council" });
      const wards = [];
      for (let ward = 1; ward <= 3; ward += 1) wards.push(await makeBody(db, { name: `Ward ${ward}`, state: "NH", kind: "ward_committee", parentId: city.id }));
      const town = await makeBody(db, { name: "Concord", state: "NH", kind: "town_meeting" });
      const scopes: Array<[CampaignScope, number[]]> = [
        [campaignScopeSchema.parse({ states: ["NH"] }), [city.id, town.id]],
        [campaignScopeSchema.parse({ states: ["NH"], countedChildKinds: ["ward_committee"] }), [...wards.map((ward) => ward.id), town.id]],
      ];
      const all = await db.selectFrom("body").select(["id", "kind", "state", "geoid", "parentId"]).orderBy("id").execute();
      for (const [scope, expected] of scopes) {
        await updateCampaign(db, { campaignId: campaign.id, scope });
        const shown = await shownEverywhere(db, campaign.id);
        expect(shown.list).toEqual(expected);
        expect(countedBodies(scope, all).map((body) => body.id)).toEqual(expected);
        expect(shown).toMatchObject({ map: expected.length, pipeline: expected.length, exported: expected.length, press: expected.length, drawn: expected.length });
      }
    });

    it("the headline counts passed (sent and overridden too) and the people in scope; a narrower press view says what it shows", async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db, { name: "People" });
      await updateCampaign(db, { campaignId: campaign.id, scope: campaignScopeSchema.parse({ states: ["ME"] }) });
      const towns: MadeBody[] = [];
      for (const population of [1000, 3000, 500]) {
        const town = await makeBody(db, { state: "ME", kind: "town_meeting" });
        await db.updateTable("body").set({ population }).where("id", "=", town.id).execute();
        towns.push(town);
      }
      let version = 0;
      for (const toStage of ["organizing", "sponsor_found", "introduced", "vote_scheduled", "passed", "sent_to_legislators"]) {
        version = (await db.transaction().execute((trx) => changeStage(trx, { campaignId: campaign.id, bodyId: towns[1]!.id, toStage, expectedVersion: version }, organizer)))
          .version;
      }
      expect((await getPublicMap(db, { campaign: campaign.id })).people).toEqual({ passed: 3000, total: 4500 });
      const whole = await readPressSnapshot(db, { campaign: campaign.id });
      expect(whole.headline).toBe("1 of 3 passed (66.7 % of the people in scope)");
      const narrow = await readPressSnapshot(db, { campaign: campaign.id, stages: ["sent_to_legislators"] });
      expect(narrow).toMatchObject({ total: 1, inScope: 3, headline: "1 of 3 passed (66.7 % of the people in scope)" });
      expect(methodologyMarkdown(narrow, [])).toContain("| **Total** | **1** (shown: 1 of 3 bodies) |");
    });

    it("the migration scopes a campaign with resolutions to their states and leaves one without any unscoped", async () => {
      const { db } = getDatabase();
      const withResolutions = await makeCampaign(db, { name: "Old campaign" });
      const without = await makeCampaign(db, { name: "Old empty campaign" });
      const body = await makeBody(db, { state: "VT" });
      await db.transaction().execute((trx) => changeStage(trx, { campaignId: withResolutions.id, bodyId: body.id, toStage: "organizing", expectedVersion: 0 }, organizer));
      await addCampaignScope.down(db);
      await addCampaignScope.up(db);
      expect((await getCampaign(db, withResolutions.id)).scope.states).toEqual(["VT"]);
      expect((await getCampaign(db, without.id)).scope.states).toEqual([]);
    });
  },
  { sqliteOnDisk: true },
);
