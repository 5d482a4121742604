import { TRPCError } from "@trpc/server";
import { distance } from "@turf/turf";
import { beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../shared/model/campaign";
import type { ImportFeature } from "../../shared/model/boundary";
import { createCaller } from "../../server/api/router";
import { type Actor } from "../../server/domain/actor";
import { testOrganizerActor } from "../helpers/actors";
import { importBodies, importDistricts } from "../../server/domain/imports";
import { recomputeOverlaps } from "../../server/domain/overlaps";
import { changeStage } from "../../server/domain/resolutions";
import { makeCampaign, squarePolygon } from "../helpers/factories";
import { forEachEngine } from "../helpers/test-db";

/**
 * district.list, district.get, body.get's districts and body.neighbors through createCaller, on
 * both engines. The world is a few squares in Maine: three towns in a row (two touching, one
 * about 2.9 km further east), a House plan cutting the middle town 3 : 7, an older House plan,
 * and a congressional district around everything.
 */

const publicActor: Actor = { name: "anon", role: "public" };

async function trpcErrorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected a TRPCError, got ${JSON.stringify(value)}`);
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

const box = (west: number, south: number, east: number, north: number): GeoJSON.Polygon => ({
  type: "Polygon",
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});
const feature = (properties: Record<string, unknown>, geometry: GeoJSON.Polygon): ImportFeature => ({ properties, geometry });
const layerOf = (features: ImportFeature[]) => ({ features, fields: [...new Set(features.flatMap((item) => Object.keys(item.properties)))] });

const SIZE = 0.02;
const GAP = 0.0368;
const WEST: [number, number] = [-69.0, 45.0];
const MIDDLE: [number, number] = [-68.98, 45.0];
const EAST: [number, number] = [-68.96 + GAP, 45.0];
/** The House line at -68.974 leaves 0.006° of Middleton's 0.02° in House 1. */
const LINE = -68.974;

forEachEngine((getDatabase) => {
  const caller = (actor: Actor = testOrganizerActor) => createCaller({ db: getDatabase().db, actor });
  let campaign: Campaign;
  const ids = { west: 0, middle: 0, east: 0 };
  const districtIds: Record<string, number> = {};

  beforeAll(async () => {
    const { db } = getDatabase();
    campaign = await makeCampaign(db, { name: "Maine drive" });
    await db.transaction().execute(async (trx) => {
      await importBodies(
        trx,
        layerOf([
          feature({ NAME: "Westbrook Falls", GEOID: "2300100001" }, squarePolygon(WEST, SIZE)),
          feature({ NAME: "Middleton", GEOID: "2300100002" }, squarePolygon(MIDDLE, SIZE)),
          feature({ NAME: "Eastport Landing", GEOID: "2300100003" }, squarePolygon(EAST, SIZE)),
        ]),
        { kind: "select_board" },
      );
      await importDistricts(trx, layerOf([feature({ DISTRICT: "1" }, box(-69.05, 44.95, -68.85, 45.05))]), { chamber: "state_lower", state: "ME", vintage: "2014" });
      await importDistricts(trx, layerOf([feature({ DISTRICT: "1" }, box(-69.05, 44.95, LINE, 45.05)), feature({ DISTRICT: "2" }, box(LINE, 44.95, -68.85, 45.05))]), {
        chamber: "state_lower",
        state: "ME",
        vintage: "2024",
      });
      await importDistricts(trx, layerOf([feature({ DISTRICT: "2" }, box(-69.1, 44.9, -68.8, 45.1))]), { chamber: "congressional", state: "ME", vintage: "2022" });
      await recomputeOverlaps(trx);
    });
    const bodies = await db.selectFrom("body").select(["id", "geoid"]).execute();
    const bodyId = (geoid: string) => bodies.find((row) => row.geoid === geoid)!.id;
    Object.assign(ids, { west: bodyId("2300100001"), middle: bodyId("2300100002"), east: bodyId("2300100003") });
    for (const row of await db.selectFrom("district").select(["id", "chamber", "name", "vintage"]).execute()) {
      districtIds[`${row.chamber}:${row.name}:${row.vintage}`] = row.id;
    }
  });

  describe("district.list", () => {
    it("lists the current districts of every chamber, by chamber, with public fields only", async () => {
      const list = await caller(publicActor).district.list();
      expect(list).toEqual([
        { id: districtIds["congressional:2:2022"], chamber: "congressional", state: "ME", name: "2", geoid: "2302", vintage: "2022" },
        { id: districtIds["state_lower:1:2024"], chamber: "state_lower", state: "ME", name: "1", geoid: "23001", vintage: "2024" },
        { id: districtIds["state_lower:2:2024"], chamber: "state_lower", state: "ME", name: "2", geoid: "23002", vintage: "2024" },
      ]);
    });
  });

  describe("district.get", () => {
    it("returns a district with its bodies, largest share of the district first, their stages and the share passed", async () => {
      const house2 = districtIds["state_lower:2:2024"]!;
      const district = await caller(publicActor).district.get({ campaignId: campaign.id, districtId: house2 });
      expect(district).toMatchObject({ id: house2, chamber: "state_lower", state: "ME", name: "2", geoid: "23002", vintage: "2024", isCurrent: true, sharePassed: 0 });
      expect(district.bodies.map((body) => [body.name, body.stage])).toEqual([
        ["Eastport Landing", "not_started"],
        ["Middleton", "not_started"],
      ]);
      expect(district.bodies[0]!.shareOfBody).toBeCloseTo(1, 9);
      expect(district.bodies[1]!.shareOfBody).toBeCloseTo(0.7, 6);
      expect(district.bodies[0]!.shareOfDistrict).toBeGreaterThan(district.bodies[1]!.shareOfDistrict);
      // 0.124° × 0.1° of district, area ∝ Δλ on a band of latitude: Eastport is 0.02/0.124 of it.
      expect(district.bodies[0]!.shareOfDistrict).toBeCloseTo((SIZE / (-68.85 - LINE)) * (SIZE / 0.1), 2);
      expect(district.areaKm2).toBeGreaterThan(100);

      const move = (toStage: string, expectedVersion: number) =>
        getDatabase()
          .db.transaction()
          .execute((trx) => changeStage(trx, { campaignId: campaign.id, bodyId: ids.east, toStage, expectedVersion }, testOrganizerActor));
      await move("introduced", 0);
      await move("passed", 1);
      const after = await caller(publicActor).district.get({ campaignId: campaign.id, districtId: house2 });
      expect(after.bodies.find((body) => body.bodyId === ids.east)!.stage).toBe("passed");
      expect(after.sharePassed).toBeCloseTo(after.bodies.find((body) => body.bodyId === ids.east)!.shareOfDistrict, 12);
    });

    it("still answers for a district of an older plan, marked not current, with no overlaps", async () => {
      const old = await caller().district.get({ campaignId: campaign.id, districtId: districtIds["state_lower:1:2014"]! });
      expect(old).toMatchObject({ vintage: "2014", isCurrent: false, bodies: [], sharePassed: 0 });
    });

    it("answers NOT_FOUND for an unknown district or campaign, BAD_REQUEST for a malformed id", async () => {
      const missing = await trpcErrorOf(caller(publicActor).district.get({ campaignId: campaign.id, districtId: 999_999 }));
      expect(missing.code).toBe("NOT_FOUND");
      expect(missing.message).toBe("No district with id 999999");
      const noCampaign = await trpcErrorOf(caller(publicActor).district.get({ campaignId: 999_999, districtId: districtIds["state_lower:1:2024"]! }));
      expect(noCampaign.code).toBe("NOT_FOUND");
      const malformed = await trpcErrorOf(caller(publicActor).district.get({ campaignId: campaign.id, districtId: -3 }));
      expect(malformed.code).toBe("BAD_REQUEST");
    });
  });

  describe("body.get", () => {
    it("lists the body's current districts by chamber, largest share of the body first", async () => {
      const body = await caller().body.get({ campaignId: campaign.id, bodyId: ids.middle });
      expect(body.districts.map(({ districtId, chamber, state, name, geoid }) => ({ districtId, chamber, state, name, geoid }))).toEqual([
        { districtId: districtIds["congressional:2:2022"], chamber: "congressional", state: "ME", name: "2", geoid: "2302" },
        { districtId: districtIds["state_lower:2:2024"], chamber: "state_lower", state: "ME", name: "2", geoid: "23002" },
        { districtId: districtIds["state_lower:1:2024"], chamber: "state_lower", state: "ME", name: "1", geoid: "23001" },
      ]);
      expect(body.districts.map((district) => Number(district.shareOfBody.toFixed(6)))).toEqual([1, 0.7, 0.3]);
      // The 2014 plan covered Middleton too, but it is not current.
      expect(body.districts.some((district) => district.districtId === districtIds["state_lower:1:2014"])).toBe(false);
    });

    it("is for members only", async () => {
      const error = await trpcErrorOf(caller(publicActor).body.get({ campaignId: campaign.id, bodyId: ids.middle }));
      expect(error.code).toBe("UNAUTHORIZED");
    });
  });

  describe("body.neighbors", () => {
    /** Between the facing edges of Middleton and Eastport Landing, along their north edge. */
    const gapKm = distance([MIDDLE[0] + SIZE, 45.0 + SIZE], [EAST[0], 45.0 + SIZE], { units: "kilometers" });

    it("finds the touching square at distance 0, and only it", async () => {
      expect(gapKm).toBeGreaterThan(2.8);
      expect(gapKm).toBeLessThan(3);
      const neighbors = await caller(publicActor).body.neighbors({ bodyId: ids.west });
      expect(neighbors).toEqual([{ bodyId: ids.middle, name: "Middleton", kind: "select_board", state: "ME", distanceKm: 0 }]);
      const fromMiddle = await caller(publicActor).body.neighbors({ bodyId: ids.middle });
      expect(fromMiddle.map((neighbor) => [neighbor.name, neighbor.distanceKm])).toEqual([["Westbrook Falls", 0]]);
    });

    it("finds the square about 2.9 km away only with withinKm of 3 or more, nearest first", async () => {
      const near = await caller(publicActor).body.neighbors({ bodyId: ids.middle, withinKm: 2.5 });
      expect(near.map((neighbor) => neighbor.name)).toEqual(["Westbrook Falls"]);
      const within = await caller(publicActor).body.neighbors({ bodyId: ids.middle, withinKm: 3 });
      expect(within.map((neighbor) => neighbor.name)).toEqual(["Westbrook Falls", "Eastport Landing"]);
      expect(within[1]!.distanceKm).toBeCloseTo(gapKm, 1);
      // From the west square Eastport is a square further: not within 3 km, within 5.
      expect((await caller(publicActor).body.neighbors({ bodyId: ids.west, withinKm: 3 })).map((neighbor) => neighbor.name)).toEqual(["Middleton"]);
      const far = await caller(publicActor).body.neighbors({ bodyId: ids.west, withinKm: 5, limit: 1 });
      expect(far.map((neighbor) => neighbor.name)).toEqual(["Middleton"]);
    });

    it("answers NOT_FOUND for an unknown body and BAD_REQUEST for a distance over 200 km", async () => {
      const missing = await trpcErrorOf(caller(publicActor).body.neighbors({ bodyId: 999_999 }));
      expect(missing.code).toBe("NOT_FOUND");
      expect(missing.message).toBe("No body with id 999999");
      const tooFar = await trpcErrorOf(caller(publicActor).body.neighbors({ bodyId: ids.west, withinKm: 500 }));
      expect(tooFar.code).toBe("BAD_REQUEST");
    });
  });
});
