import { beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../shared/model/campaign";
import { ENDORSER_COLUMNS } from "../../shared/model/endorser";
import { targetCsvRows } from "../../shared/rules/targets";
import { createCaller } from "../../server/api/router";
import type { Actor } from "../../server/domain/actor";
import { createCampaign } from "../../server/domain/campaigns";
import { importEndorserRows } from "../../server/domain/import-service";
import { parseColumnCsv } from "../../server/io/column-csv";
import { buildWorld, type World } from "../helpers/district-world";
import { forEachEngine } from "../helpers/test-db";

/**
 * Endorsers as leverage (issue 17): the district page, the legislator page and the targets view
 * count the endorsers in a district who agreed to be listed and stand at a public step, placed by
 * their point in the outline or their town's overlap, on both engines. In the small Vermont of
 * test/helpers/district-world.ts: House 1 is Ashby and the west third of Brookfield; House 2 the
 * rest of Brookfield, Carlton, a gap and Dover.
 */

const admin: Actor = { name: "Leverage admin", role: "admin" };
const organizer: Actor = { name: "Leverage organizer", role: "organizer" };
const anonymous: Actor = { name: "anon", role: "public" };

const PRIVATE = ["Hidden Lane 12", "cell-555-0199", "treasurer wavers"];
const FILE = [
  "name,category,town,state,address,lat,lon,step,public,private_contact,note",
  // House 1 only: Ashby lies wholly in it; the point is in Brookfield's west third.
  `Ashby Clinic,medical_practice,Ashby,VT,${PRIVATE[0]},,,endorsed,yes,${PRIVATE[1]},${PRIVATE[2]}`,
  "West Brookfield Bakery,business,Brookfield,VT,,44.01,-72.875,active_partner,yes,,",
  // Both: placed at the centre of Brookfield, which both districts overlap.
  "Brookfield Pharmacy,medical_practice,Brookfield,VT,,,,endorsed,yes,,",
  // House 2 only: points east of -72.87, and Dover.
  "East Brookfield Union,union_local,Brookfield,VT,,44.01,-72.865,endorsed,yes,,",
  "Gap Diner,business,Dover,VT,,44.01,-72.83,endorsed,yes,,",
  "Mayor Dana Dover,mayor,Dover,VT,,,,endorsed,yes,,",
  // Never counted: a private step, or not listed, or declined.
  "Ashby Hardware,business,Ashby,VT,,,,asked,yes,,",
  "Quiet Clinic,medical_practice,Ashby,VT,,,,endorsed,no,,",
  "Dover Lodge,organisation,Dover,VT,,,,declined,yes,,",
].join("\n");

forEachEngine((getDatabase) => {
  let world: World;
  let campaign: Campaign;
  const caller = (actor: Actor) => createCaller({ db: getDatabase().db, actor });
  const district = (districtId: number) => caller(anonymous).district.get({ campaignId: campaign.id, districtId });

  beforeAll(async () => {
    world = await buildWorld(getDatabase().db);
    campaign = await createCampaign(getDatabase().db, { name: "Vermont leverage", states: ["VT"] });
    await importEndorserRows({ db: getDatabase().db, actor: admin }, { as: "endorsers", campaign: campaign.name, dryRun: false }, parseColumnCsv(FILE, ENDORSER_COLUMNS), {
      fileName: "endorsers.csv",
    });
  });

  describe("district leverage", () => {
    it("counts listed endorsers at a public step by their point or their town's overlap, on the district page", async () => {
      const house1 = (await district(world.districts.house1)).endorsers;
      expect(house1.count).toBe(3);
      expect(house1.summary).toBe("3 local organisations endorsed, including 2 medical practices");
      expect(house1.endorsers.map((entry) => [entry.name, entry.step])).toEqual([
        ["West Brookfield Bakery", "active_partner"],
        ["Ashby Clinic", "endorsed"],
        ["Brookfield Pharmacy", "endorsed"],
      ]);
      expect(house1.basis).toMatch(/^Counts endorsers at Endorsed or Active partner who agreed to be listed/);

      const house2 = (await district(world.districts.house2)).endorsers;
      expect(house2.endorsers.map((entry) => entry.name)).toEqual(["Brookfield Pharmacy", "East Brookfield Union", "Gap Diner", "Mayor Dana Dover"]);
      expect(house2.summary).toBe("3 local organisations endorsed, including 1 business; 1 mayor endorsed");
    });

    it("shows no private field of an endorser to an anonymous reader", async () => {
      const text = JSON.stringify([
        await district(world.districts.house1),
        await caller(anonymous).legislator.page({ campaignId: campaign.id, legislatorId: world.legislators.alice }),
      ]);
      for (const secret of [...PRIVATE, "Quiet Clinic", "Ashby Hardware", "Dover Lodge"]) expect(text).not.toContain(secret);
    });

    it("carries the same count to the legislator page, the targets view and its CSV", async () => {
      const page = await caller(anonymous).legislator.page({ campaignId: campaign.id, legislatorId: world.legislators.alice });
      expect(page.seats.map((seat) => [seat.districtName, seat.endorsers?.count])).toEqual([["1", 3]]);
      const targets = await caller(anonymous).legislator.targets({ campaignId: campaign.id });
      expect(targets.rows.map((row) => [row.name, row.endorsers?.count])).toEqual(
        expect.arrayContaining([
          ["Alice Ann Brown", 3],
          ["Robert Brown", 4],
        ]),
      );
      const { records } = targetCsvRows(targets.rows, { bills: [], ladder: campaign.ladder, committeeId: null });
      expect(records.map((record) => [record.legislator, record.endorsers])).toEqual(
        expect.arrayContaining([
          ["Alice Ann Brown", 3],
          ["Robert Brown", 4],
        ]),
      );
    });

    it("counts an endorser once it moves to a public step, and no longer when it moves back", async () => {
      const hardware = (await caller(organizer).endorser.list({ campaignId: campaign.id })).find((entry) => entry.name === "Ashby Hardware")!;
      const moved = await caller(organizer).endorser.setStep({ endorserId: hardware.id, step: "endorsed" });
      let house1 = (await district(world.districts.house1)).endorsers;
      expect(house1.count).toBe(4);
      expect(house1.summary).toBe("4 local organisations endorsed, including 2 businesses");
      expect((await district(world.districts.house2)).endorsers.count).toBe(4);
      await caller(organizer).endorser.undoStep({ endorserId: hardware.id, expectedEventId: moved.eventId! });
      house1 = (await district(world.districts.house1)).endorsers;
      expect(house1.count).toBe(3);
    });
  });
});
