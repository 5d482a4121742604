import type { FastifyInstance } from "fastify";
import type { KyselyPlugin } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CSRF_HEADERS } from "../../shared/csrf";
import { buildServer } from "../../server/http/server";
import { makeBody, makeCampaign, type MadeBody } from "../helpers/factories";
import { signedInHeaders } from "../helpers/sign-in";
import { forEachEngine } from "../helpers/test-db";

/**
 * Issue 19: a 304 cost as much as a 200, because the ETag was a hash of the answer built anew for
 * every request. Public answers are now kept until the next change: the spy counts every query
 * the server sends to the database, and a revalidation (or a repeat) must send none.
 */
forEachEngine((getDatabase, engine) => {
  let app: FastifyInstance;
  let queries = 0;
  let campaign: { id: number; slug: string };
  let bodies: MadeBody[];

  const countQueries: KyselyPlugin = {
    transformQuery: (args) => {
      queries++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };

  beforeAll(async () => {
    const { db } = getDatabase();
    campaign = await makeCampaign(db, { name: "Cached campaign" });
    bodies = [await makeBody(db, { name: "Cached town" }), await makeBody(db, { name: "Other town" })];
    app = await buildServer({ db: db.withPlugin(countQueries), engine, basemapStyleUrl: null, serveClient: false });
  });
  afterAll(async () => {
    await app?.close();
  });

  const publicMap = (asOf: string | null, headers: Record<string, string> = {}) =>
    app.inject({ method: "GET", url: `/trpc/public.map?input=${encodeURIComponent(JSON.stringify({ campaign: campaign.slug, asOf }))}`, headers });

  it("a revalidation is a 304 that never reaches the database; a repeat is served from memory", async () => {
    const first = await publicMap(null);
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"/);
    expect(queries).toBeGreaterThan(0);

    const before = queries;
    const revalidated = await publicMap(null, { "if-none-match": etag });
    expect([revalidated.statusCode, revalidated.body, revalidated.headers.etag]).toEqual([304, "", etag]);
    const repeated = await publicMap(null);
    expect([repeated.statusCode, repeated.body, repeated.headers.etag]).toEqual([200, first.body, etag]);
    expect(queries).toBe(before);

    // Another as-of day is another answer, built once.
    const past = await publicMap("2020-01-01");
    expect(past.statusCode).toBe(200);
    expect(queries).toBeGreaterThan(before);
  });

  it("a change empties the cache at once: the writer's next read is the new state", async () => {
    const etag = (await publicMap(null)).headers.etag as string;
    const organizer = await signedInHeaders(app, getDatabase().db, "organizer");
    const changed = await app.inject({
      method: "POST",
      url: "/trpc/resolution.changeStage",
      headers: { "content-type": "application/json", ...CSRF_HEADERS, ...organizer },
      payload: JSON.stringify({ campaignId: campaign.id, bodyId: bodies[0]!.id, toStage: "organizing", expectedVersion: 0 }),
    });
    expect(changed.statusCode).toBe(200);
    const after = await publicMap(null, { "if-none-match": etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.body).toContain("organizing");
  });

  it("signed-in reads and errors are not cached", async () => {
    const missing = await app.inject({ method: "GET", url: `/trpc/public.map?input=${encodeURIComponent(JSON.stringify({ campaign: "no-such-campaign" }))}` });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
    const before = queries;
    await app.inject({ method: "GET", url: `/trpc/public.map?input=${encodeURIComponent(JSON.stringify({ campaign: "no-such-campaign" }))}` });
    expect(queries).toBeGreaterThan(before);
  });
});
