import { defaultLadder } from "../../shared/model/ladder";
import { defaultEndorserLadder } from "../../shared/model/endorser";
import { EVERY_BODY } from "../../shared/model/campaign-scope";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultStageScheme } from "../../shared/model/stage";
import type { Campaign } from "../../shared/model/campaign";
import { createCaller } from "../../server/api/router";
import { type Actor } from "../../server/domain/actor";
import { testOrganizerActor } from "../helpers/actors";
import { changeStage } from "../../server/domain/resolutions";
import { ConflictError, InputError, NotFoundError } from "../../server/errors";
import { makeBody, makeCampaign, type MadeBody } from "../helpers/factories";
import { snapshotResolutionTables } from "../helpers/row-snapshot";
import { forEachEngine } from "../helpers/test-db";

const publicActor: Actor = { name: "anon", role: "public" };

/** Resolves to the TRPCError the call rejected with; fails the test when it resolved. */
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

/** The body's true [west, south, east, north]; the API may round it outwards a little, never inwards. */
const trueBBoxOf = (body: MadeBody) => {
  const ring = body.geometry.coordinates[0]!;
  const longitudes = ring.map((position) => position[0]!);
  const latitudes = ring.map((position) => position[1]!);
  return [Math.min(...longitudes), Math.min(...latitudes), Math.max(...longitudes), Math.max(...latitudes)] as const;
};

/** Matches a bbox that covers the body and is within about 10 m of its true extent. */
const bboxOf = (body: MadeBody) => {
  const [west, south, east, north] = trueBBoxOf(body);
  const slack = 2e-4;
  const between = (low: number, high: number) => expect.toSatisfy((value: number) => value >= low - 1e-9 && value <= high + 1e-9, `between ${low} and ${high}`);
  return [between(west - slack, west), between(south - slack, south), between(east, east + slack), between(north, north + slack)];
};

forEachEngine((getDatabase) => {
  const organizerCaller = () => createCaller({ db: getDatabase().db, actor: testOrganizerActor });
  const publicCaller = () => createCaller({ db: getDatabase().db, actor: publicActor });

  // One small world, built once per engine. Tests that change stages use bodies of their own,
  // and the read-only tests come first, so the lists below are exact.
  let campaign: Campaign;
  let otherCampaign: Campaign;
  let warwick: MadeBody;
  let cranston: MadeBody;
  let newport: MadeBody;

  beforeAll(async () => {
    const { db } = getDatabase();
    campaign = await makeCampaign(db, { name: "Statewide resolution drive", bill: "H.1234" });
    otherCampaign = await makeCampaign(db, { name: "School committee drive" });
    warwick = await makeBody(db, { name: "Warwick", kind: "city_council" });
    cranston = await makeBody(db, { name: "Cranston", kind: "city_council" });
    newport = await makeBody(db, { name: "Newport", kind: "school_committee", state: "RI", geoid: "4400049960" });
    const seedChange = (campaignId: number, bodyId: number, toStage: string, expectedVersion: number, note: string | undefined, at: string) =>
      db.transaction().execute((trx) => changeStage(trx, { campaignId, bodyId, toStage, expectedVersion, note }, { name: "Ana Organizer", role: "organizer" }, new Date(at)));
    await seedChange(campaign.id, warwick.id, "organizing", 0, "Petition launched.", "2026-01-10T12:00:00.000Z");
    await seedChange(campaign.id, warwick.id, "sponsor_found", 1, "Councillor Diaz will sponsor.", "2026-02-20T12:00:00.000Z");
    await seedChange(otherCampaign.id, newport.id, "introduced", 0, undefined, "2026-03-01T12:00:00.000Z");
  });

  describe("campaign.list", () => {
    it("lists every campaign with its stage scheme, for organizers and the public alike", async () => {
      const expected = [
        {
          id: campaign.id,
          name: "Statewide resolution drive",
          slug: "statewide-resolution-drive",
          bill: "H.1234",
          isDemo: false,
          stageScheme: defaultStageScheme,
          modelText: null,
          scope: EVERY_BODY,
          ladder: defaultLadder,
          endorserLadder: defaultEndorserLadder,
          countVerifiedOnly: false,
        },
        {
          id: otherCampaign.id,
          name: "School committee drive",
          slug: "school-committee-drive",
          bill: null,
          isDemo: false,
          stageScheme: defaultStageScheme,
          modelText: null,
          scope: EVERY_BODY,
          ladder: defaultLadder,
          endorserLadder: defaultEndorserLadder,
          countVerifiedOnly: false,
        },
      ];
      expect(await organizerCaller().campaign.list()).toEqual(expected);
      expect(await publicCaller().campaign.list()).toEqual(expected);
    });
  });

  describe("body.list", () => {
    it("returns every body with its stage in the campaign (first stage and version 0 when untouched)", async () => {
      const bodies = await organizerCaller().body.list({ campaignId: campaign.id });
      expect(bodies).toEqual([
        { id: warwick.id, name: "Warwick", kind: "city_council", state: "RI", geoid: warwick.geoid, bbox: bboxOf(warwick), stage: "sponsor_found", version: 2 },
        { id: cranston.id, name: "Cranston", kind: "city_council", state: "RI", geoid: cranston.geoid, bbox: bboxOf(cranston), stage: "not_started", version: 0 },
        { id: newport.id, name: "Newport", kind: "school_committee", state: "RI", geoid: "4400049960", bbox: bboxOf(newport), stage: "not_started", version: 0 },
      ]);
    });

    it("keeps each campaign's stages to itself", async () => {
      const bodies = await publicCaller().body.list({ campaignId: otherCampaign.id });
      expect(bodies.map((body) => [body.name, body.stage, body.version])).toEqual([
        ["Warwick", "not_started", 0],
        ["Cranston", "not_started", 0],
        ["Newport", "introduced", 1],
      ]);
    });

    it("answers NOT_FOUND for an unknown campaign", async () => {
      const error = await trpcErrorOf(publicCaller().body.list({ campaignId: 424_242 }));
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).toBe("No campaign with id 424242");
    });
  });

  describe("body.get", () => {
    it("returns the body with its history, newest first", async () => {
      const body = await organizerCaller().body.get({ campaignId: campaign.id, bodyId: warwick.id });
      expect(body).toMatchObject({
        id: warwick.id,
        name: "Warwick",
        kind: "city_council",
        state: "RI",
        geoid: warwick.geoid,
        ocdDivisionId: null,
        parentId: null,
        bbox: bboxOf(warwick),
        stage: "sponsor_found",
        version: 2,
      });
      expect(body.history.map(({ id: _id, ...event }) => event)).toEqual([
        {
          fromStage: "organizing",
          toStage: "sponsor_found",
          actor: "Ana Organizer",
          note: "Councillor Diaz will sponsor.",
          occurredAt: "2026-02-20T12:00:00.000Z",
          happenedOn: "2026-02-20",
        },
        { fromStage: "not_started", toStage: "organizing", actor: "Ana Organizer", note: "Petition launched.", occurredAt: "2026-01-10T12:00:00.000Z", happenedOn: "2026-01-10" },
      ]);
    });

    it("returns an untouched body at the first stage with an empty history", async () => {
      const body = await organizerCaller().body.get({ campaignId: campaign.id, bodyId: cranston.id });
      expect(body).toMatchObject({ id: cranston.id, stage: "not_started", version: 0, history: [] });
    });

    it("answers NOT_FOUND with the domain message for an unknown body", async () => {
      const error = await trpcErrorOf(organizerCaller().body.get({ campaignId: campaign.id, bodyId: 999_999 }));
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).toBe("No body with id 999999");
      expect(error.cause).toBeInstanceOf(NotFoundError);
    });

    it("is refused to the public (UNAUTHORIZED)", async () => {
      const error = await trpcErrorOf(publicCaller().body.get({ campaignId: campaign.id, bodyId: warwick.id }));
      expect(error.code).toBe("UNAUTHORIZED");
    });

    it("rejects a negative body id as BAD_REQUEST before reaching the database", async () => {
      const error = await trpcErrorOf(organizerCaller().body.get({ campaignId: campaign.id, bodyId: -1 }));
      expect(error.code).toBe("BAD_REQUEST");
    });
  });

  describe("resolution.changeStage", () => {
    it("moves a body and records the acting user, visible in body.get", async () => {
      const { db } = getDatabase();
      const body = await makeBody(db, { name: "Bristol" });
      const result = await organizerCaller().resolution.changeStage({
        campaignId: campaign.id,
        bodyId: body.id,
        toStage: "introduced",
        expectedVersion: 0,
        note: "On the agenda.",
      });
      expect(result).toMatchObject({ campaignId: campaign.id, bodyId: body.id, stage: "introduced", version: 1 });
      expect(result.event).toMatchObject({ fromStage: "not_started", toStage: "introduced", actor: "Test organizer", note: "On the agenda." });
      const detail = await organizerCaller().body.get({ campaignId: campaign.id, bodyId: body.id });
      expect(detail).toMatchObject({ stage: "introduced", version: 1 });
      expect(detail.history).toEqual([result.event]);
    });

    it("maps an illegal move to BAD_REQUEST with the domain message, and changes nothing", async () => {
      const { db } = getDatabase();
      const body = await makeBody(db, { name: "Tiverton" });
      const before = await snapshotResolutionTables(db);
      const error = await trpcErrorOf(organizerCaller().resolution.changeStage({ campaignId: campaign.id, bodyId: body.id, toStage: "passed", expectedVersion: 0 }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.cause).toBeInstanceOf(InputError);
      expect(error.message).toBe('Tiverton cannot move from "Not started" to "Passed"; allowed: Organizing, Sponsor found, Introduced, In committee, Vote scheduled');
      expect(await snapshotResolutionTables(db)).toEqual(before);
    });

    it("maps an unknown stage to BAD_REQUEST", async () => {
      const { db } = getDatabase();
      const body = await makeBody(db);
      const error = await trpcErrorOf(organizerCaller().resolution.changeStage({ campaignId: campaign.id, bodyId: body.id, toStage: "adopted", expectedVersion: 0 }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toBe('"adopted" is not a stage of campaign "Statewide resolution drive"');
    });

    it("maps an unknown body to NOT_FOUND", async () => {
      const { db } = getDatabase();
      const before = await snapshotResolutionTables(db);
      const error = await trpcErrorOf(organizerCaller().resolution.changeStage({ campaignId: campaign.id, bodyId: 999_999, toStage: "organizing", expectedVersion: 0 }));
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).toBe("No body with id 999999");
      expect(await snapshotResolutionTables(db)).toEqual(before);
    });

    it("maps a stale version to CONFLICT carrying the current state, and changes nothing", async () => {
      const { db } = getDatabase();
      const body = await makeBody(db, { name: "Westerly" });
      await organizerCaller().resolution.changeStage({ campaignId: campaign.id, bodyId: body.id, toStage: "organizing", expectedVersion: 0 });
      const before = await snapshotResolutionTables(db);
      const error = await trpcErrorOf(organizerCaller().resolution.changeStage({ campaignId: campaign.id, bodyId: body.id, toStage: "sponsor_found", expectedVersion: 0 }));
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toBe('Westerly was changed by someone else since you loaded it; it is now "Organizing". Review and try again.');
      // createCaller throws the TRPCError itself (the error formatter only shapes wire responses,
      // see http.test.ts); the domain error and its current state ride along as the cause.
      expect(error.cause).toBeInstanceOf(ConflictError);
      expect((error.cause as ConflictError).current).toEqual({ stage: "organizing", version: 1 });
      expect(await snapshotResolutionTables(db)).toEqual(before);
    });

    it("is refused to the public (UNAUTHORIZED: sign in), and changes nothing", async () => {
      const { db } = getDatabase();
      const before = await snapshotResolutionTables(db);
      const error = await trpcErrorOf(publicCaller().resolution.changeStage({ campaignId: campaign.id, bodyId: cranston.id, toStage: "organizing", expectedVersion: 0 }));
      expect(error.code).toBe("UNAUTHORIZED");
      expect(error.message).toBe("Sign in to make changes");
      expect(await snapshotResolutionTables(db)).toEqual(before);
    });

    it("rejects invalid input with BAD_REQUEST", async () => {
      const { db } = getDatabase();
      const before = await snapshotResolutionTables(db);
      const valid = { campaignId: campaign.id, bodyId: cranston.id, toStage: "organizing", expectedVersion: 0 };
      for (const input of [
        { ...valid, bodyId: -4 },
        { ...valid, campaignId: 0 },
        { ...valid, expectedVersion: -1 },
        { ...valid, expectedVersion: 0.5 },
        { ...valid, toStage: "Passed!" },
        { ...valid, note: "x".repeat(2001) },
      ]) {
        const error = await trpcErrorOf(organizerCaller().resolution.changeStage(input));
        expect(error.code, JSON.stringify(input).slice(0, 120)).toBe("BAD_REQUEST");
      }
      expect(await snapshotResolutionTables(db)).toEqual(before);
    });
  });
});
