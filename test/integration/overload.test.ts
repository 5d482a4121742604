import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CSRF_HEADERS } from "../../shared/csrf";
import { BUSY_MESSAGE } from "../../server/http/load-shedding";
import { buildServer } from "../../server/http/server";
import { makeCampaign } from "../helpers/factories";
import { forEachEngine } from "../helpers/test-db";

/**
 * Issue 19: offered more than it could serve, the server queued everything (7–13 s) and shed
 * nothing. Past its cap it must answer 503 at once, keep the health check reachable, and serve
 * again as soon as the requests it took on are done; writes and exports are rate-limited per address.
 */
forEachEngine((getDatabase, engine) => {
  let app: FastifyInstance;
  let base: string;
  let campaignId: number;
  const slow = { started: 0, release: () => {}, gate: Promise.resolve() };

  beforeAll(async () => {
    const { db } = getDatabase();
    campaignId = (await makeCampaign(db, { name: "Busy campaign" })).id;
    app = await buildServer({
      db,
      engine,
      basemapStyleUrl: null,
      serveClient: false,
      limits: { maxInFlight: 2, maxEventLoopDelayMs: 60_000, writesPerMinute: 3, exportsPerMinute: 2 },
    });
    app.get("/test/slow", async () => {
      slow.started++;
      await slow.gate;
      return "done";
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    slow.release();
    await app?.close();
  });

  it("past its cap answers 503 at once with Retry-After, keeps /health up, and recovers", async () => {
    slow.gate = new Promise((resolve) => (slow.release = resolve));
    const held = [fetch(`${base}/test/slow`), fetch(`${base}/test/slow`)];
    await expect.poll(() => slow.started).toBe(2);

    const shed = await fetch(`${base}/trpc/public.campaigns`);
    expect(shed.status).toBe(503);
    expect(shed.headers.get("retry-after")).toBe("1");
    expect(await shed.text()).toBe(`${BUSY_MESSAGE}\n`);
    expect((await fetch(`${base}/health`)).status).toBe(200);

    slow.release();
    for (const response of await Promise.all(held)) expect(response.status).toBe(200);
    await expect.poll(async () => (await fetch(`${base}/trpc/public.campaigns`)).status).toBe(200);
  });

  it("limits writes and exports per address (429 with Retry-After), not reads", async () => {
    const write = () =>
      fetch(`${base}/trpc/campaign.update`, { method: "POST", headers: { "content-type": "application/json", ...CSRF_HEADERS }, body: JSON.stringify({ campaignId }) });
    for (let index = 0; index < 3; index++) expect((await write()).status).not.toBe(429);
    const limited = await write();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.text()).toMatch(/^Too many changes from your address; try again in \d+ s\.\n$/);

    const exported = () => fetch(`${base}/export/counts.csv?campaign=${campaignId}`);
    for (let index = 0; index < 2; index++) expect((await exported()).status).toBe(200);
    expect((await exported()).status).toBe(429);
    // Reads and sign-in (which has its own limit, in the database) are not counted here.
    for (let index = 0; index < 5; index++) expect((await fetch(`${base}/trpc/public.campaigns`)).status).toBe(200);
  });
});
