import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Connection } from "../../server/db/connect";
import { isDatabaseUnavailable } from "../../server/errors";
import { buildServer } from "../../server/http/server";
import { startFaultProxy, type FaultMode, type FaultProxy } from "../helpers/fault-proxy";
import { makeBody, makeCampaign } from "../helpers/factories";
import { createTestDatabase, enginesUnderTest, type TestDatabase } from "../helpers/test-db";

/**
 * Issue 19: a PostgreSQL restart crashed the server (an unhandled 'error' event on the pg pool),
 * and a database that accepted connections but never answered hung every request for good. Here
 * the server talks to PostgreSQL through a TCP proxy that refuses, cuts and black-holes: the
 * process must stay up (an uncaught error fails this file), answer 503 with one readable line and
 * a Retry-After, never driver text, and come back by itself when the database does.
 * PostgreSQL only: SQLite is a file, it has no connection to lose.
 */
const runs = enginesUnderTest().includes("postgres");
if (!runs)
  console.warn(
    `database-faults.test.ts runs on PostgreSQL only: not run here (${process.env.GROUNDSWELL_TEST_ENGINE === "sqlite" ? "the SQLite process of npm test; the PostgreSQL one runs it" : "TEST_DATABASE_URL is not set"})`,
  );

describe.runIf(runs)("postgres: the database goes away and comes back", () => {
  let database: TestDatabase;
  let proxy: FaultProxy;
  let connection: Connection;
  let app: FastifyInstance;
  let campaignId: number;

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    campaignId = (await makeCampaign(database.db, { name: "Fault campaign" })).id;
    await makeBody(database.db, { name: "Westerly" });
    const url = new URL(database.env.DATABASE_URL!);
    proxy = await startFaultProxy({ host: url.hostname, port: Number(url.port || 5432) });
    const schema = /search_path=(\w+)/.exec(url.searchParams.get("options") ?? "")![1]!;
    url.search = "";
    connection = await connect({ engine: "postgres", url: proxy.via(url.toString()), schema }, { migrate: false });
    app = await buildServer({ db: connection.db, engine: "postgres", basemapStyleUrl: null, serveClient: false, health: connection.health });
  });

  afterAll(async () => {
    await app?.close();
    await connection?.close();
    await proxy?.close();
    await database?.close();
  });

  const get = (url: string) => app.inject({ method: "GET", url });
  // Public answers are cached until the next change; a distinct query string makes a fresh read.
  let reads = 0;
  const stages = () => get(`/trpc/resolution.stages?input=${encodeURIComponent(JSON.stringify({ campaignId }))}&read=${++reads}`);
  const health = () => get("/health");

  /** While the database is away: 503s that say so in words, with a Retry-After, and no driver text. */
  async function expectUnavailable() {
    await expect.poll(async () => (await health()).statusCode, { timeout: 10_000 }).toBe(503);
    const checked = await health();
    expect(checked.headers["retry-after"]).toBe("5");
    expect(checked.body.split("\n").filter(Boolean)).toHaveLength(1);
    for (const response of [await stages(), await get(`/trpc/public.campaigns?read=${++reads}`), await get(`/calendar.ics?campaign=${campaignId}`)]) {
      expect(response.statusCode, response.body).toBe(503);
      expect(response.headers["retry-after"]).toBe("5");
      expect(response.body).toContain("The database is not reachable right now; try again in a few seconds.");
      expect(response.body).not.toMatch(/ECONN|terminated|timeout|pg|postgres/i);
    }
  }

  async function expectRecovered() {
    await expect.poll(async () => (await health()).statusCode, { timeout: 15_000, interval: 200 }).toBe(200);
    const response = await stages();
    expect(response.statusCode).toBe(200);
    expect((await get(`/trpc/public.campaigns?read=${++reads}`)).statusCode).toBe(200);
  }

  it("answers while the database is there", async () => {
    expect((await health()).json()).toEqual({ ok: true, database: "postgres" });
    expect((await stages()).statusCode).toBe(200);
  });

  it.each<[string, FaultMode]>([
    ["restarted (connections cut, new ones refused)", "refuse"],
    ["stopped answering (connections held, nothing comes back)", "blackhole"],
  ])("survives a database %s and recovers on its own", async (_what, mode) => {
    proxy.setMode(mode);
    if (mode === "refuse") proxy.cutAll();
    await expectUnavailable();
    proxy.setMode("pass");
    await expectRecovered();
  });

  it("survives a cut in the middle of a transaction (an 'error' on a checked-out connection)", async () => {
    const outcome = await connection.db
      .transaction()
      .execute(async (trx) => {
        await sql`select 1`.execute(trx);
        proxy.cutAll();
        await new Promise((resolve) => setTimeout(resolve, 200)); // the cut arrives between two statements
        await sql`select 1`.execute(trx);
      })
      .then(
        () => "committed",
        (error: unknown) => (isDatabaseUnavailable(error) ? "unavailable" : String(error)),
      );
    expect(outcome).toBe("unavailable");
    await expectRecovered();
  });

  it("survives idle connections cut while nobody asks (the pool's 'error' event)", async () => {
    await stages(); // leaves idle connections in the pool
    proxy.cutAll();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expectRecovered();
  });
});
