import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../shared/model/campaign";
import { createCaller } from "../../server/api/router";
import type { Actor } from "../../server/domain/actor";
import { otherPlanCoverageReader } from "../../server/domain/plan-comparison";
import { changeStage } from "../../server/domain/resolutions";
import { testOrganizerActor } from "../helpers/actors";
import { runCliInProcess } from "../helpers/cli";
import { makeCampaign } from "../helpers/factories";
import { forEachEngine } from "../helpers/test-db";

/**
 * Issue 14, redistricting diff: district.planComparison on two House plans imported through the
 * CLI, on both engines. Four towns side by side, 0.1° of longitude each at the same latitudes (so
 * areas go exactly by width): Avon, Bristol, Clare, Dover from west to east, of 1000, 2000, 3000
 * and 4000 people. The 2022 plan: "1" = Avon + Bristol, "2" = Clare + Dover. The 2032 plan: "9"
 * = Avon, "1" = Bristol + the west half of Clare, "2" = the east half of Clare + Dover. Avon and
 * Clare have passed.
 */

const publicActor: Actor = { name: "anon", role: "public" };
const SOUTH = 41.5;
const NORTH = 41.6;
const column = (west: number, east: number): GeoJSON.Polygon => ({
  type: "Polygon",
  coordinates: [
    [
      [west, SOUTH],
      [east, SOUTH],
      [east, NORTH],
      [west, NORTH],
      [west, SOUTH],
    ],
  ],
});
const layer = (features: Array<[Record<string, unknown>, GeoJSON.Polygon]>) =>
  JSON.stringify({ type: "FeatureCollection", features: features.map(([properties, geometry]) => ({ type: "Feature", properties, geometry })) });

forEachEngine(
  (getDatabase) => {
    const caller = () => createCaller({ db: getDatabase().db, actor: publicActor });
    let campaign: Campaign;
    let folder: string;
    const town: Record<string, number> = {};
    const district = async (vintage: string, name: string) =>
      (await getDatabase().db.selectFrom("district").select("id").where("vintage", "=", vintage).where("name", "=", name).executeTakeFirstOrThrow()).id;
    const cli = async (...args: string[]) => {
      const result = await runCliInProcess(args, getDatabase().env);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
    };

    beforeAll(async () => {
      const { db } = getDatabase();
      folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-plans-"));
      const write = (name: string, text: string) => {
        fs.writeFileSync(path.join(folder, name), text);
        return path.join(folder, name);
      };
      const towns = write(
        "towns.geojson",
        layer([
          [{ NAME: "Avon", POP: 1000 }, column(-71.6, -71.5)],
          [{ NAME: "Bristol", POP: 2000 }, column(-71.5, -71.4)],
          [{ NAME: "Clare", POP: 3000 }, column(-71.4, -71.3)],
          [{ NAME: "Dover", POP: 4000 }, column(-71.3, -71.2)],
        ]),
      );
      await cli("import", towns, "--as", "bodies", "--kind", "town", "--state", "RI", "--population-field", "POP");
      write(
        "plan-2022.geojson",
        layer([
          [{ DISTRICT: "1" }, column(-71.6, -71.4)],
          [{ DISTRICT: "2" }, column(-71.4, -71.2)],
        ]),
      );
      write(
        "plan-2032.geojson",
        layer([
          [{ DISTRICT: "9" }, column(-71.6, -71.5)],
          [{ DISTRICT: "1" }, column(-71.5, -71.35)],
          [{ DISTRICT: "2" }, column(-71.35, -71.2)],
        ]),
      );
      await cli("import", path.join(folder, "plan-2022.geojson"), "--as", "districts", "--chamber", "state_lower", "--state", "RI", "--vintage", "2022");
      for (const row of await db.selectFrom("body").select(["id", "name"]).execute()) town[row.name] = row.id;
      campaign = await makeCampaign(db, { name: "Two plans" });
      for (const name of ["Avon", "Clare"]) {
        let version = 0;
        for (const toStage of ["introduced", "passed"]) {
          version = (
            await db.transaction().execute((trx) => changeStage(trx, { campaignId: campaign.id, bodyId: town[name]!, toStage, expectedVersion: version }, testOrganizerActor))
          ).version;
        }
      }
    });

    afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

    it("is null while the chamber has one plan", async () => {
      expect(await caller().district.planComparison({ campaignId: campaign.id, districtId: await district("2022", "1") })).toBeNull();
    });

    describe("with the 2032 plan imported (the current plan)", () => {
      beforeAll(async () => {
        await cli("import", path.join(folder, "plan-2032.geojson"), "--as", "districts", "--chamber", "state_lower", "--state", "RI", "--vintage", "2032");
      });

      it("compares the current district 1 with the 2022 plan's district 1: coverage under each, Clare moving in and Avon out", async () => {
        const comparison = (await caller().district.planComparison({ campaignId: campaign.id, districtId: await district("2032", "1") }))!;
        expect(comparison.older).toMatchObject({ districtId: await district("2022", "1"), name: "1", vintage: "2022", isCurrent: false, label: "2022 plan" });
        expect(comparison.newer).toMatchObject({ districtId: await district("2032", "1"), name: "1", vintage: "2032", isCurrent: true, label: "2032 plan (current)" });
        // 2022 "1": Avon (passed) and Bristol, half each; 1000 of 3000 people.
        expect(comparison.older.coverage.areaShare).toBeCloseTo(0.5, 9);
        expect(comparison.older.coverage.population).toBeCloseTo(3000, 6);
        expect(comparison.older.coverage.populationPassed).toBeCloseTo(1000, 6);
        expect(comparison.older.coverage.bodiesPassed).toBe(1);
        // 2032 "1": Bristol (2/3 of it) and half of Clare (1/3 of it, passed): 1500 of 3500 people.
        expect(comparison.newer.coverage.areaShare).toBeCloseTo(1 / 3, 9);
        expect(comparison.newer.coverage.population).toBeCloseTo(3500, 6);
        expect(comparison.newer.coverage.populationPassed).toBeCloseTo(1500, 6);
        expect(comparison.newer.coverage.populationShare).toBeCloseTo(3 / 7, 9);
        expect(comparison.movingIn.map((body) => [body.bodyId, body.name])).toEqual([[town.Clare, "Clare"]]);
        expect(comparison.movingIn[0]!.shareOfDistrict).toBeCloseTo(1 / 3, 9);
        expect(comparison.movingOut.map((body) => [body.bodyId, body.name])).toEqual([[town.Avon, "Avon"]]);
        expect(comparison.movingOut[0]!.shareOfDistrict).toBeCloseTo(0.5, 9);
      });

      it("finds the counterpart of a new district by shared area, and compares an old district with the current plan", async () => {
        const fresh = (await caller().district.planComparison({ campaignId: campaign.id, districtId: await district("2032", "9") }))!;
        expect([fresh.older.districtId, fresh.newer.districtId]).toEqual([await district("2022", "1"), await district("2032", "9")]);
        expect(fresh.newer.coverage.areaShare).toBeCloseTo(1, 9);
        expect(fresh).toMatchObject({ movingIn: [], movingOut: [] });

        const old = (await caller().district.planComparison({ campaignId: campaign.id, districtId: await district("2022", "2") }))!;
        expect([old.older.label, old.newer.label]).toEqual(["2022 plan", "2032 plan (current)"]);
        expect(old.newer.districtId).toBe(await district("2032", "2"));
        expect(old.older.coverage.areaShare).toBeCloseTo(0.5, 9);
        expect(old.newer.coverage.areaShare).toBeCloseTo(1 / 3, 9);
        expect(old).toMatchObject({ movingIn: [], movingOut: [] });
      });

      it("gives the targets view each current district's covered share under the other plan, all districts of the chamber at once", async () => {
        const otherPlanOf = otherPlanCoverageReader(getDatabase().db, campaign);
        const of = async (name: string) => (await otherPlanOf({ districtId: await district("2032", name), chamber: "state_lower", state: "RI" }))!;
        expect(await of("1")).toMatchObject({ label: "2022 plan", districtId: await district("2022", "1"), districtName: "1" });
        expect((await of("1")).areaShare).toBeCloseTo(0.5, 9);
        // "2" is the 2022 plan's "2" (Clare, passed, and Dover); "9" has no namesake, so it is the 2022 district it shares the most area with.
        expect([(await of("2")).districtName, (await of("9")).districtName]).toEqual(["2", "1"]);
        expect((await of("2")).areaShare).toBeCloseTo(0.5, 9);
        expect(await otherPlanOf({ districtId: null, chamber: "us_senate", state: "RI" })).toBeNull();
        expect(await otherPlanOf({ districtId: await district("2032", "1"), chamber: "state_upper", state: "RI" })).toBeNull();
      });

      it("does not store overlaps for the other plan", async () => {
        const stored = await getDatabase()
          .db.selectFrom("bodyDistrictOverlap")
          .innerJoin("district", "district.id", "bodyDistrictOverlap.districtId")
          .select("district.vintage")
          .distinct()
          .execute();
        expect(stored.map((row) => row.vintage)).toEqual(["2032"]);
      });

      it("counts people under both plans once a population layer is imported: Clare's people all live in its east half", async () => {
        const at = (lon: number, people: number): [Record<string, unknown>, GeoJSON.Point] => [{ POP20: people }, { type: "Point", coordinates: [lon, 41.55] }];
        const blocks = path.join(folder, "blocks.geojson");
        fs.writeFileSync(
          blocks,
          JSON.stringify({
            type: "FeatureCollection",
            features: [at(-71.55, 1000), at(-71.45, 2000), at(-71.32, 3000), at(-71.25, 4000)].map(([properties, geometry]) => ({ type: "Feature", properties, geometry })),
          }),
        );
        await cli("import", blocks, "--as", "population", "--count-field", "POP20", "--state", "RI");
        const comparison = (await caller().district.planComparison({ campaignId: campaign.id, districtId: await district("2032", "1") }))!;
        // 2022 "1": Avon (passed, 1000) and Bristol (2000). 2032 "1": Bristol and Clare's empty west half.
        expect(comparison.older.coverage).toMatchObject({ populationMethod: "counts", population: 3000, populationPassed: 1000 });
        expect(comparison.newer.coverage).toMatchObject({ populationMethod: "counts", population: 2000, populationPassed: 0, populationShare: 0 });
        expect(comparison.newer.coverage.areaShare).toBeCloseTo(1 / 3, 9);
      });
    });
  },
  { sqliteOnDisk: true },
);
