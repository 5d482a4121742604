import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter, createCaller } from "../../server/api/router";
import { changeStage } from "../../server/domain/resolutions";
import { ensureClientBuilt } from "../../server/http/client-build";
import { buildServer } from "../../server/http/server";
import type { Actor } from "../../server/domain/actor";
import { importDistricts } from "../../server/domain/imports";
import { recomputeOverlaps } from "../../server/domain/overlaps";
import { makeBody, makeCampaign, squarePolygon } from "../helpers/factories";
import { publicEndorsersOfTown } from "../../shared/rules/endorsers";
import { leakedFields, PRIVATE_MARKERS, seedPrivateMarkers } from "../helpers/private-markers";
import { ensureUser } from "../helpers/sign-in";
import { forEachEngine } from "../helpers/test-db";

/**
 * THE marker test (issue 7): a unique marker goes into every private field there is
 * (test/helpers/private-markers.ts), then every public surface is read and searched for them.
 */

const anonymous: Actor = { name: "Anonymous", role: "public" };

interface Fixture {
  campaignId: number;
  slug: string;
  bodyId: number;
  /** A House district over every test body, where the markers' legislators sit and the marker endorsers lie. */
  districtId: number;
}

/**
 * Sample inputs of every query an anonymous reader may call. A new procedure that anonymous
 * readers can reach must be added here, or the test fails and says so.
 */
const SAMPLE_INPUTS: Record<string, (fixture: Fixture) => unknown[]> = {
  "auth.me": () => [undefined],
  "auth.link": () => [{ token: "x".repeat(43) }],
  "campaign.list": () => [undefined],
  "body.list": (f) => [{ campaignId: f.campaignId }],
  "body.neighbors": (f) => [{ bodyId: f.bodyId, withinKm: 50 }],
  "resolution.stages": (f) => [{ campaignId: f.campaignId }],
  "resolution.upcoming": (f) => [{ campaignId: f.campaignId, today: "2026-01-01", days: 366 }],
  "district.list": () => [undefined],
  "district.get": (f) => [{ campaignId: f.campaignId, districtId: f.districtId }],
  "district.planComparison": (f) => [{ campaignId: f.campaignId, districtId: f.districtId }],
  "legislator.list": (f) => [{ campaignId: f.campaignId }],
  "bill.list": (f) => [{ campaignId: f.campaignId }],
  "legislator.targets": (f) => [{ campaignId: f.campaignId }, { campaignId: f.campaignId, state: "RI" }],
  // The markers hang on a dozen legislators at most: ask for each one's page.
  "legislator.page": (f) => Array.from({ length: 12 }, (_, index) => ({ campaignId: f.campaignId, legislatorId: index + 1 })),
  "district.shapes": (f) => [{ districtId: f.districtId }],
  "hub.coverage": () => [undefined, { chamber: "state_lower" }],
  "hub.find": () => [{ query: "Marker" }, { point: [-71.4, 41.8] }],
  "hub.gaps": (f) => [
    { campaignId: f.campaignId, chamber: "state_lower" },
    { campaignId: f.campaignId, chamber: "state_upper" },
  ],
  "hub.allies": (f) => [{ campaignId: f.campaignId, bodyId: f.bodyId, withinKm: 200 }],
  "public.campaigns": () => [undefined],
  "public.campaign": (f) => [{ campaign: f.slug }, { campaign: f.campaignId }],
  "public.map": (f) => [{ campaign: f.slug }, { campaign: f.campaignId, asOf: "2030-01-01" }, { campaign: f.slug, asOf: "2000-01-01" }],
  "public.body": (f) => [
    { campaign: f.slug, bodyId: f.bodyId },
    { campaign: f.slug, bodyId: f.bodyId, asOf: "2030-01-01" },
  ],
  "public.search": () => [{ query: "Marker" }, { query: "marker ri" }],
  "public.hubs": () => [undefined],
  "public.endorsers": (f) => [{ campaign: f.slug }, { campaign: f.campaignId }],
  "public.ballotQuestions": (f) => [{ campaign: f.slug }],
  "public.ballotMap": (f) => [{ campaign: f.slug, questionId: 1 }],
  "public.ballotDistrict": (f) => [{ campaign: f.slug, districtId: f.districtId }],
  "public.legislatorsHere": (f) => [
    { campaign: f.slug, query: "Markerton" },
    { campaign: f.campaignId, point: [-71.4, 41.8] },
  ],
  "pipeline.list": (f) => [{ campaignId: f.campaignId }, { campaignId: f.campaignId, sort: "hub", voteFrom: "2026-01-01", voteTo: "2026-12-31" }],
  "pipeline.board": (f) => [{ campaignId: f.campaignId }],
  "pipeline.facets": () => [undefined],
};

type Callable = (input: unknown) => Promise<unknown>;

function procedureAt(caller: unknown, path: string): Callable {
  return path.split(".").reduce<any>((node, key) => node[key], caller) as Callable;
}

const errorCode = (error: unknown) => (error as { code?: string }).code;

forEachEngine((getDatabase, engine) => {
  let fixture: Fixture;
  let markers: Map<string, string>;
  let app: FastifyInstance;

  beforeAll(async () => {
    const { db } = getDatabase();
    const campaign = await makeCampaign(db, { name: `Marker campaign ${engine}` });
    const body = await makeBody(db, { name: "Markerton" });
    await makeBody(db, { name: "Quietville" });
    await changeStage(db, { campaignId: campaign.id, bodyId: body.id, toStage: "organizing", expectedVersion: 0 }, { name: "Organizer", role: "organizer" });
    markers = await seedPrivateMarkers(db, { campaignId: campaign.id, bodyId: body.id });
    // A scheduled vote and hearing, so the calendar and "upcoming" have something to show.
    await db.updateTable("resolution").set({ voteDate: "2026-06-01", hearingDate: "2026-05-20", tallyYes: 5, tallyNo: 1 }).where("bodyId", "=", body.id).execute();
    // A district over all of Rhode Island's test squares, so the district page, legislator pages and targets list endorsers.
    await importDistricts(
      db,
      { features: [{ properties: { DISTRICT: "1" }, geometry: squarePolygon([-72, 41], 1.5) }], fields: ["DISTRICT"] },
      { chamber: "state_lower", state: "RI", vintage: "2022" },
    );
    await recomputeOverlaps(db);
    const district = await db.selectFrom("district").select("id").where("state", "=", "RI").where("name", "=", "1").executeTakeFirstOrThrow();
    await db.updateTable("legislatorRole").set({ districtId: district.id }).where("districtName", "=", "1").execute();
    fixture = { campaignId: campaign.id, slug: campaign.slug, bodyId: body.id, districtId: district.id };
    await ensureClientBuilt(() => undefined);
    app = await buildServer({ db, engine, basemapStyleUrl: null });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it("seeds one marker per registered private field, and each is really stored", async () => {
    const { db } = getDatabase();
    expect(markers.size).toBe(PRIVATE_MARKERS.length);
    const dump =
      JSON.stringify(
        await Promise.all(
          [
            "stageEvent",
            "resolution",
            "hub",
            "member",
            "memberPosition",
            "task",
            "legislatorStepEvent",
            "meeting",
            "legislatorTask",
            "endorser",
            "endorserStepEvent",
            "evidence",
            "verificationEvent",
          ].map((table) =>
            db
              .selectFrom(table as "hub")
              .selectAll()
              .execute(),
          ),
        ),
      ) + (await db.selectFrom("evidenceFile").select("content").execute()).map((row) => Buffer.from(row.content).toString("latin1")).join("\n");
    // Proves the search below can fail: every marker is in the database.
    expect(leakedFields(markers, dump).sort()).toEqual([...markers.keys()].sort());
  });

  it("no query an anonymous reader can call returns a marker", async () => {
    const { db } = getDatabase();
    const caller = createCaller({ db, actor: anonymous });
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
    const reachable: string[] = [];
    for (const [path, procedure] of Object.entries(procedures)) {
      if (procedure._def.type !== "query") continue;
      const samples = SAMPLE_INPUTS[path];
      if (!samples) {
        // Not listed: it must refuse anonymous readers outright.
        const outcome = await procedureAt(
          caller,
          path,
        )(undefined).then(
          (result) => ({ ok: true as const, result }),
          (error: unknown) => ({ ok: false as const, code: errorCode(error) }),
        );
        expect(outcome.ok ? `${path} answers anonymous readers: add sample inputs for it` : outcome.code, path).toMatch(/^(UNAUTHORIZED|FORBIDDEN)$/);
        continue;
      }
      reachable.push(path);
      for (const input of samples(fixture)) {
        const result = await procedureAt(
          caller,
          path,
        )(input).catch((error: unknown) => {
          // A refused call shows nothing; a NOT_FOUND message could, so it is searched too.
          if (errorCode(error) === "UNAUTHORIZED" || errorCode(error) === "FORBIDDEN") return null;
          return { error: String((error as Error).message) };
        });
        expect(leakedFields(markers, JSON.stringify(result)), `${path} ${JSON.stringify(input)}`).toEqual([]);
      }
    }
    // The public namespace is reachable in full.
    for (const path of Object.keys(procedures).filter((p) => p.startsWith("public."))) expect(reachable).toContain(path);
  });

  it("Contact your legislator names the legislators there with their public contacts and what to say, never their private notes or extras", async () => {
    const { db } = getDatabase();
    await db
      .updateTable("legislator")
      .set({ email: "rep@public.example", extras: JSON.stringify({ note: "EXTRAS-MARKER-9d1" }), otherNames: JSON.stringify(["OTHERNAME-MARKER-9d1"]) })
      .execute();
    const here = await createCaller({ db, actor: anonymous }).public.legislatorsHere({ campaign: fixture.slug, query: "Markerton" });
    // Proves the search below looks at something: the marker legislators sit in the district over Markerton.
    expect(here.legislators.length).toBeGreaterThan(0);
    expect(here.legislators[0]).toMatchObject({ chamber: "state_lower", email: "rep@public.example" });
    expect(here.legislators[0]!.steps[0]?.whatToSay).toMatch(/^(Ask|Tell|Thank) /);
    const text = JSON.stringify(here);
    expect(text).not.toContain("MARKER-9d1");
    expect(leakedFields(markers, text)).toEqual([]);
  });

  it("the public body shows public fields: the hub's public contact and public sponsors, not internal ones", async () => {
    const { db } = getDatabase();
    const body = await createCaller({ db, actor: anonymous }).public.body({ campaign: fixture.slug, bodyId: fixture.bodyId });
    expect(body.stage).toBe("introduced");
    expect(body.hubs.map((hub) => hub.publicContact)).toContain("hub@public.example");
    expect(body.sponsors).toEqual(
      expect.arrayContaining([
        { name: "Public Sponsor", role: "lead" },
        { name: "Noted Member", role: "cosponsor" },
      ]),
    );
    expect(body.sponsors).toHaveLength(2);
  });

  it("the district page, legislator page, targets and the town's public list show listed endorsers at a public step, and no marker", async () => {
    const { db } = getDatabase();
    const caller = createCaller({ db, actor: anonymous });
    const district = await caller.district.get({ campaignId: fixture.campaignId, districtId: fixture.districtId });
    // Proves these surfaces list the marker endorsers at all: the listed ones are there, by their public names.
    expect(district.endorsers.count).toBeGreaterThanOrEqual(3);
    expect(district.endorsers.summary).toMatch(/local (businesses|organisations) endorsed/);
    const targets = await caller.legislator.targets({ campaignId: fixture.campaignId });
    expect(targets.rows.some((row) => row.districtId === fixture.districtId && row.endorsers?.count === district.endorsers.count)).toBe(true);
    const town = publicEndorsersOfTown(
      (await caller.public.campaign({ campaign: fixture.slug })).endorserLadder,
      await caller.public.endorsers({ campaign: fixture.slug }),
      fixture.bodyId,
    );
    expect(town.length).toBe(district.endorsers.count);
    expect(leakedFields(markers, JSON.stringify([district, targets, town]))).toEqual([]);
  });

  describe("HTTP surfaces", () => {
    const paths = (f: Fixture) => [
      "/geo/bodies.geojson",
      // The slim index a big campaign's map reads instead (its tiles are searched below).
      "/geo/bodies.geojson?tiles=1",
      "/geo/districts.geojson",
      "/public",
      `/public/${f.slug}`,
      `/embed?campaign=${f.slug}`,
      `/print?campaign=${f.slug}`,
      `/trpc/public.map?input=${encodeURIComponent(JSON.stringify({ campaign: f.slug }))}`,
      `/trpc/public.body?input=${encodeURIComponent(JSON.stringify({ campaign: f.slug, bodyId: f.bodyId }))}`,
      `/trpc/public.hubs`,
      `/calendar.ics?campaign=${f.slug}`,
      // Public exports (the PNG/PDF and press kit are searched in test/e2e/press.spec.ts, PDF text included).
      ...["view.json", "bodies.csv", "bodies.geojson", "counts.csv", "methodology.md", "endorsers.csv", "endorsers.geojson"].map((file) => `/export/${file}?campaign=${f.slug}`),
      `/export/bodies.csv?campaign=${f.slug}&asof=2030-01-01`,
    ];
    it("no private evidence file downloads anonymously, and no file served shows a marker", async () => {
      // Once an account exists the app is no longer the read-only demo, where visitors read as viewers.
      await ensureUser(getDatabase().db, "viewer");
      const files = await getDatabase().db.selectFrom("evidence").select(["id", "isPublic"]).where("kind", "=", "file").execute();
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const response = await app.inject({ method: "GET", url: `/api/evidence/${file.id}/file` });
        expect(response.statusCode, `evidence ${file.id}`).toBe(file.isPublic ? 200 : 404);
        expect(leakedFields(markers, response.body), `evidence ${file.id}`).toEqual([]);
      }
    });

    it("no public page, payload or feed contains a marker", async () => {
      for (const url of paths(fixture)) {
        const response = await app.inject({ method: "GET", url });
        expect(response.statusCode, url).toBe(200);
        expect(leakedFields(markers, response.body), url).toEqual([]);
      }
    });

    it("no body tile contains a marker: the world tile and the tile of the fixture's body", async () => {
      const slim = (await app.inject({ method: "GET", url: "/geo/bodies.geojson?tiles=1" })).json() as GeoJSON.FeatureCollection<GeoJSON.Point> & { tiles: string };
      const [lon, lat] = slim.features.find((feature) => feature.id === fixture.bodyId)!.geometry.coordinates as [number, number];
      const n = 2 ** 8;
      const rad = (lat * Math.PI) / 180;
      const zxy = `8/${Math.floor(((lon + 180) / 360) * n)}/${Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)}`;
      for (const tile of ["0/0/0", zxy]) {
        const response = await app.inject({ method: "GET", url: slim.tiles.replace("{z}/{x}/{y}", tile) });
        expect(response.statusCode, tile).toBe(200);
        expect(response.rawPayload.length, tile).toBeGreaterThan(0);
        expect(leakedFields(markers, response.rawPayload.toString("latin1")), tile).toEqual([]);
      }
    });
  });
});
