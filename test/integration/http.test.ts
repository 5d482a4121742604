import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../shared/model/campaign";
import { CSRF_HEADERS } from "../../shared/csrf";
import { buildServer } from "../../server/http/server";
import { makeBody, makeCampaign, type MadeBody } from "../helpers/factories";
import { snapshotResolutionTables } from "../helpers/row-snapshot";
import { signedInHeaders } from "../helpers/sign-in";
import { forEachEngine } from "../helpers/test-db";

const roundPosition = (position: GeoJSON.Position) => position.map((value) => Math.round(value * 1e5) / 1e5);

forEachEngine((getDatabase, engine) => {
  let app: FastifyInstance;
  let campaign: Campaign;
  let bodies: MadeBody[];
  let organizer: { cookie: string };

  beforeAll(async () => {
    const { db } = getDatabase();
    campaign = await makeCampaign(db, { name: "HTTP campaign" });
    bodies = [await makeBody(db, { name: "Barrington" }), await makeBody(db, { name: "Jamestown" }), await makeBody(db, { name: "Lincoln" })];
    // Tests here write bodies straight to the database, unannounced: trust no cached answer.
    app = await buildServer({ db, engine, basemapStyleUrl: null, serveClient: false, publicCacheTtlMs: 0 });
    organizer = await signedInHeaders(app, db, "organizer");
  });

  afterAll(async () => {
    await app?.close();
  });

  const getGeometry = (headers: Record<string, string> = {}) => app.inject({ method: "GET", url: "/geo/bodies.geojson", headers });

  const postChangeStage = (input: unknown) =>
    app.inject({
      method: "POST",
      url: "/trpc/resolution.changeStage",
      headers: { "content-type": "application/json", ...CSRF_HEADERS, ...organizer },
      payload: JSON.stringify(input),
    });

  it("answers /health with ok and the engine", async () => {
    const response = await app.inject({ method: "GET", url: "/health" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true, database: engine });
  });

  describe("/geo/bodies.geojson", () => {
    it("is a FeatureCollection whose feature ids are the body ids, with names and no stages", async () => {
      const response = await getGeometry();
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^application\/geo\+json/);
      expect(response.headers["cache-control"]).toBe("no-cache");
      const collection = response.json() as GeoJSON.FeatureCollection<GeoJSON.Polygon>;
      expect(collection.type).toBe("FeatureCollection");
      expect(collection.features.map((feature) => feature.id)).toEqual(bodies.map((body) => body.id));
      for (const [index, feature] of collection.features.entries()) {
        const body = bodies[index]!;
        expect(feature.type).toBe("Feature");
        expect(feature.properties).toMatchObject({ name: body.name });
        // Stages travel through body.list; the geometry payload must not go stale when one changes.
        expect(feature.properties).not.toHaveProperty("stage");
        expect(feature.properties).not.toHaveProperty("version");
        expect(feature.geometry).toEqual({ type: "Polygon", coordinates: [body.geometry.coordinates[0]!.map(roundPosition)] });
        // Where the name goes, placed once on the server: inside the shape's box.
        const [x, y] = (feature as { label?: [number, number] }).label!;
        const [west, south, east, north] = feature.bbox!;
        expect(x > west! && x < east! && y > south! && y < north!).toBe(true);
      }
    });

    it("sends a quoted ETag and answers 304 with no body when it still matches", async () => {
      const first = await getGeometry();
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{10,}"$/);
      const second = await getGeometry({ "if-none-match": etag });
      expect(second.statusCode).toBe(304);
      expect(second.body).toBe("");
      expect(second.headers.etag).toBe(etag);
      const stale = await getGeometry({ "if-none-match": '"something-else"' });
      expect(stale.statusCode).toBe(200);
      expect(stale.json().features).toHaveLength(bodies.length);
    });

    it("gzips when the client accepts it, with the same content", async () => {
      const plain = await getGeometry();
      const compressed = await getGeometry({ "accept-encoding": "gzip, deflate, br" });
      expect(compressed.statusCode).toBe(200);
      expect(compressed.headers["content-encoding"]).toBe("gzip");
      expect(compressed.headers.vary).toMatch(/Accept-Encoding/i);
      // Each encoding is its own representation with its own validator (RFC 9110 §8.8.3).
      expect(compressed.headers.etag).not.toBe(plain.headers.etag);
      expect(compressed.headers.etag).toBe((plain.headers.etag as string).replace(/"$/, '-gzip"'));
      const revalidated = await getGeometry({ "accept-encoding": "gzip", "if-none-match": `W/"nope", ${compressed.headers.etag}` });
      expect(revalidated.statusCode).toBe(304);
      expect(compressed.rawPayload.length).toBeLessThan(plain.rawPayload.length);
      expect(gunzipSync(compressed.rawPayload).toString("utf8")).toBe(plain.body);
      expect(plain.headers["content-encoding"]).toBeUndefined();
    });

    it("keeps its ETag across a stage change, and changes it when a body is added", async () => {
      const { db } = getDatabase();
      const before = (await getGeometry()).headers.etag as string;

      const changed = await postChangeStage({ campaignId: campaign.id, bodyId: bodies[0]!.id, toStage: "organizing", expectedVersion: 0 });
      expect(changed.statusCode).toBe(200);
      const afterStageChange = await getGeometry({ "if-none-match": before });
      expect(afterStageChange.statusCode).toBe(304);
      expect(afterStageChange.headers.etag).toBe(before);

      const added = await makeBody(db, { name: "Exeter" });
      const afterInsert = await getGeometry({ "if-none-match": before });
      expect(afterInsert.statusCode).toBe(200);
      expect(afterInsert.headers.etag).not.toBe(before);
      expect(afterInsert.json().features.map((feature: GeoJSON.Feature) => feature.id)).toEqual([...bodies, added].map((body) => body.id));
      bodies.push(added);
      // And the fresh gzip copy matches the fresh payload, not the cached old one.
      const compressed = await getGeometry({ "accept-encoding": "gzip" });
      expect(gunzipSync(compressed.rawPayload).toString("utf8")).toBe(afterInsert.body);
    });
  });

  describe("/trpc", () => {
    it("changes a stage through a non-batched POST and shows it in body.list over GET", async () => {
      const body = bodies[1]!;
      const response = await postChangeStage({
        campaignId: campaign.id,
        bodyId: body.id,
        toStage: "sponsor_found",
        expectedVersion: 0,
        note: "Over the wire.",
      });
      expect(response.statusCode).toBe(200);
      const { result } = response.json();
      expect(result.data).toMatchObject({ campaignId: campaign.id, bodyId: body.id, stage: "sponsor_found", version: 1 });
      expect(result.data.event).toMatchObject({ fromStage: "not_started", toStage: "sponsor_found", actor: "Test organizer", note: "Over the wire." });

      const listed = await app.inject({
        method: "GET",
        url: `/trpc/body.list?input=${encodeURIComponent(JSON.stringify({ campaignId: campaign.id }))}`,
      });
      expect(listed.statusCode).toBe(200);
      const stages = Object.fromEntries((listed.json().result.data as Array<{ id: number; stage: string; version: number }>).map((row) => [row.id, [row.stage, row.version]]));
      expect(stages[body.id]).toEqual(["sponsor_found", 1]);
      expect(stages[bodies[2]!.id]).toEqual(["not_started", 0]);
    });

    it("answers a stale version with 409 and the current state in error.data.conflict", async () => {
      const { db } = getDatabase();
      const body = bodies[2]!;
      await postChangeStage({ campaignId: campaign.id, bodyId: body.id, toStage: "organizing", expectedVersion: 0 });
      const before = await snapshotResolutionTables(db);

      const response = await postChangeStage({ campaignId: campaign.id, bodyId: body.id, toStage: "introduced", expectedVersion: 0 });

      expect(response.statusCode).toBe(409);
      const { error } = response.json();
      expect(error.message).toBe('Lincoln was changed by someone else since you loaded it; it is now "Organizing". Review and try again.');
      expect(error.data).toMatchObject({ code: "CONFLICT", httpStatus: 409, path: "resolution.changeStage", conflict: { stage: "organizing", version: 1 } });
      expect(error.data.stack).toBeUndefined();
      expect(await snapshotResolutionTables(db)).toEqual(before);
    });

    it("answers an illegal move with 400 and the domain message", async () => {
      const response = await postChangeStage({ campaignId: campaign.id, bodyId: bodies[0]!.id, toStage: "passed", expectedVersion: 1 });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toBe(
        'Barrington cannot move from "Organizing" to "Passed"; allowed: Not started, Sponsor found, Introduced, In committee, Vote scheduled, Stalled',
      );
      expect(response.json().error.data.conflict).toBeUndefined();
    });
  });

  describe("/geo/reference.geojson and /geo/address", () => {
    it("serves the shipped reference layer (land, borders, state names) with a validator", async () => {
      const response = await app.inject({ method: "GET", url: "/geo/reference.geojson" });
      expect(response.statusCode).toBe(200);
      const layers = new Set((response.json() as GeoJSON.FeatureCollection).features.map((feature) => feature.properties?.layer));
      expect([...layers].sort()).toEqual(["county_border", "land", "state_border", "state_label"]);
      const again = await app.inject({ method: "GET", url: "/geo/reference.geojson", headers: { "if-none-match": String(response.headers.etag) } });
      expect(again.statusCode).toBe(304);
    });

    it("says address search is off until the admin sets a geocoder, then answers through it", async () => {
      expect((await app.inject({ method: "GET", url: "/config.json" })).json()).toMatchObject({ addressSearch: false });
      const off = await app.inject({ method: "GET", url: "/geo/address?q=12%20Main%20St" });
      expect(off.statusCode).toBe(404);
      expect(off.body).toMatch(/GROUNDSWELL_GEOCODER_URL/);

      const asked: string[] = [];
      const geocoder = http.createServer((request, response) => {
        asked.push(decodeURIComponent(String(request.url)));
        response.setHeader("content-type", "application/json");
        response.end(JSON.stringify([{ lat: "41.7001", lon: "-71.4162" }]));
      });
      await new Promise<void>((resolve) => geocoder.listen(0, "127.0.0.1", resolve));
      const { port } = geocoder.address() as AddressInfo;
      const withGeocoder = await buildServer({
        db: getDatabase().db,
        engine,
        basemapStyleUrl: null,
        serveClient: false,
        geocoderUrl: `http://127.0.0.1:${port}/search?format=json&q={query}`,
      });
      try {
        expect((await withGeocoder.inject({ method: "GET", url: "/config.json" })).json()).toMatchObject({ addressSearch: true });
        const found = await withGeocoder.inject({ method: "GET", url: "/geo/address?q=12%20Main%20St%2C%20Warwick%20RI" });
        expect(found.statusCode).toBe(200);
        expect(found.json()).toEqual({ point: [-71.4162, 41.7001] });
        expect(asked).toEqual(["/search?format=json&q=12 Main St, Warwick RI"]);
        // The geocoder's URL (and any key in it) never reaches the browser.
        expect((await withGeocoder.inject({ method: "GET", url: "/config.json" })).body).not.toContain(String(port));
      } finally {
        await withGeocoder.close();
        geocoder.close();
      }
    });
  });
});
