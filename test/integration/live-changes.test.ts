import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSRF_HEADERS } from "../../shared/csrf";
import type { Campaign } from "../../shared/model/campaign";
import { readConfig } from "../../server/config";
import { toChange } from "../../shared/model/change";
import { createMemoryChangeBus, createPostgresChangeBus, type ChangeBus } from "../../server/db/change-bus";
import { connect, type Connection } from "../../server/db/connect";
import { buildServer } from "../../server/http/server";
import { makeBody, makeCampaign, type MadeBody } from "../helpers/factories";
import { onChangeUrl, openSse, type SseStream } from "../helpers/sse";
import { signedInHeaders } from "../helpers/sign-in";
import { forEachEngine } from "../helpers/test-db";

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: "127.0.0.1" });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

async function changeStage(baseUrl: string, input: { campaignId: number; bodyId: number; toStage: string; expectedVersion: number }) {
  const response = await fetch(`${baseUrl}/trpc/resolution.changeStage`, {
    method: "POST",
    headers: { "content-type": "application/json", ...CSRF_HEADERS, ...session },
    body: JSON.stringify(input),
  });
  return { status: response.status, json: (await response.json()) as any };
}

const changesOf = (messages: Array<{ data: any }>) => messages.filter((message) => message.data.type === "change").map((message) => message.data.change);
const isReady = (messages: Array<{ data: any }>) => messages.some((message) => message.data.type === "ready");

/** The session cookie of a signed-in organizer: writes need an account now. */
let session: Record<string, string> = {};

forEachEngine((getDatabase, engine) => {
  let app: FastifyInstance;
  let baseUrl: string;
  let campaign: Campaign;
  let other: Campaign;
  let bodies: MadeBody[];
  let bus: ChangeBus | undefined;
  const streams: SseStream[] = [];
  const watch = async (campaignId: number, lastEventId?: string) => {
    const stream = await openSse(onChangeUrl(baseUrl, { campaignId }), { lastEventId });
    streams.push(stream);
    return stream;
  };

  beforeAll(async () => {
    const { db } = getDatabase();
    campaign = await makeCampaign(db, { name: "Live campaign" });
    other = await makeCampaign(db, { name: "Other live campaign" });
    bodies = await Promise.all(["Bristol", "Warren", "Tiverton", "Newport"].map((name) => makeBody(db, { name })));
    bus = engine === "postgres" ? createPostgresChangeBus({ db, connectionString: process.env.TEST_DATABASE_URL! }) : undefined;
    app = await buildServer({ db, engine, basemapStyleUrl: null, serveClient: false, ...(bus ? { changes: bus } : {}) });
    baseUrl = await listen(app);
    session = await signedInHeaders(app, getDatabase().db, "organizer");
  });

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await app?.close();
    await bus?.close();
  });

  it("a subscriber hears a stage change made by another client: ids, version and the new (public) stage only", async () => {
    const stream = await watch(campaign.id);
    await stream.waitFor(isReady);
    const saved = await changeStage(baseUrl, { campaignId: campaign.id, bodyId: bodies[0]!.id, toStage: "organizing", expectedVersion: 0 });
    expect(saved.status).toBe(200);
    await stream.waitFor((messages) => changesOf(messages).length === 1);
    expect(changesOf(stream.messages())).toEqual([{ campaignId: campaign.id, kind: "resolution", ids: [bodies[0]!.id], version: 1, stage: "organizing" }]);
    // Every data event carries an id to resume from.
    expect(stream.messages().every((message) => typeof message.id === "string" && message.id.length > 0)).toBe(true);
    stream.close();
  });

  it("announces nothing for a refused write, and nothing of another campaign", async () => {
    const stream = await watch(campaign.id);
    await stream.waitFor(isReady);
    const stale = await changeStage(baseUrl, { campaignId: campaign.id, bodyId: bodies[0]!.id, toStage: "sponsor_found", expectedVersion: 0 });
    expect(stale.status).toBe(409);
    await changeStage(baseUrl, { campaignId: other.id, bodyId: bodies[1]!.id, toStage: "organizing", expectedVersion: 0 });
    await changeStage(baseUrl, { campaignId: campaign.id, bodyId: bodies[1]!.id, toStage: "organizing", expectedVersion: 0 });
    await stream.waitFor((messages) => changesOf(messages).length >= 1);
    expect(changesOf(stream.messages())).toEqual([{ campaignId: campaign.id, kind: "resolution", ids: [bodies[1]!.id], version: 1, stage: "organizing" }]);
    stream.close();
  });

  it("resumes after a dropped connection: Last-Event-ID brings the missed changes, an unknown one says resync", async () => {
    const first = await watch(campaign.id);
    await first.waitFor(isReady);
    const lastSeen = first.messages().at(-1)!.id!;
    first.close();

    await changeStage(baseUrl, { campaignId: campaign.id, bodyId: bodies[2]!.id, toStage: "organizing", expectedVersion: 0 });
    await changeStage(baseUrl, { campaignId: campaign.id, bodyId: bodies[2]!.id, toStage: "sponsor_found", expectedVersion: 1 });

    const resumed = await watch(campaign.id, lastSeen);
    await resumed.waitFor(isReady);
    expect(resumed.messages().map((message) => message.data)).toEqual([
      { type: "change", change: { campaignId: campaign.id, kind: "resolution", ids: [bodies[2]!.id], version: 1, stage: "organizing" } },
      { type: "change", change: { campaignId: campaign.id, kind: "resolution", ids: [bodies[2]!.id], version: 2, stage: "sponsor_found" } },
      { type: "ready", resync: false },
    ]);
    resumed.close();

    const stranger = await watch(campaign.id, "0123abcd:5");
    await stranger.waitFor(isReady);
    expect(stranger.messages().map((message) => message.data)).toEqual([{ type: "ready", resync: true }]);
    stranger.close();
  });

  it("refuses a campaign that does not exist with a one-line error", async () => {
    const response = await fetch(onChangeUrl(baseUrl, { campaignId: 999_999 }), { headers: { accept: "text/event-stream" } });
    const text = await response.text();
    expect(text).toContain("No campaign");
  });

  it("streams as tRPC's client reads them, with the security headers; private kinds reach members only", async () => {
    const memoryBus = createMemoryChangeBus();
    const spare = await buildServer({ db: getDatabase().db, engine, basemapStyleUrl: null, serveClient: false, changes: memoryBus });
    try {
      const spareUrl = await listen(spare);
      const member = await signedInHeaders(spare, getDatabase().db, "organizer");
      const anonymous = await openSse(onChangeUrl(spareUrl, { campaignId: campaign.id }));
      const signedIn = await openSse(onChangeUrl(spareUrl, { campaignId: campaign.id }), { headers: member });
      streams.push(anonymous, signedIn);
      await Promise.all([anonymous.waitFor(isReady), signedIn.waitFor(isReady)]);
      expect(anonymous.headers.get("content-type")).toBe("text/event-stream");
      expect(anonymous.headers.get("cache-control")).toBe("no-cache, no-transform");
      expect(anonymous.headers.get("x-content-type-options")).toBe("nosniff");
      expect(anonymous.headers.get("content-security-policy")).toContain("default-src");

      await memoryBus.publish(toChange({ campaignId: campaign.id, kind: "task", ids: [7] }));
      await memoryBus.publish(toChange({ campaignId: campaign.id, kind: "resolution", ids: [bodies[3]!.id], version: 4, stage: "organizing" }));
      await signedIn.waitFor((messages) => changesOf(messages).length === 2);
      await anonymous.waitFor((messages) => changesOf(messages).length === 1);
      expect(changesOf(signedIn.messages()).map((change) => change.kind)).toEqual(["task", "resolution"]);
      expect(changesOf(anonymous.messages()).map((change) => change.kind)).toEqual(["resolution"]);
      // The layout of tRPC's sseStreamProducer: `connected` with the client's settings, then data lines with their ids.
      const ready = anonymous.messages()[0]!;
      const change = anonymous.messages()[1]!;
      expect(anonymous.raw()).toBe(
        `event: connected\ndata: {"reconnectAfterInactivityMs":40000}\n\n\n` +
          `data: {"type":"ready","resync":false}\nid: ${ready.id}\n\n\n` +
          `data: ${JSON.stringify(change.data)}\nid: ${change.id}\n\n\n`,
      );
    } finally {
      await spare.close();
      await memoryBus.close();
    }
  });

  it("closes promptly with subscribers still connected (their browsers reconnect elsewhere)", async () => {
    const spare = await buildServer({ db: getDatabase().db, engine, basemapStyleUrl: null, serveClient: false });
    const spareUrl = await listen(spare);
    const stream = await openSse(onChangeUrl(spareUrl, { campaignId: campaign.id }));
    streams.push(stream);
    await stream.waitFor(isReady);
    await spare.close();
    expect(spare.server.listening).toBe(false);
  });

  if (engine === "postgres") {
    describe("several servers sharing one PostgreSQL database", () => {
      let second: Connection;
      let secondBus: ChangeBus;
      let secondApp: FastifyInstance;
      let secondUrl: string;

      beforeAll(async () => {
        const env = getDatabase().env;
        const config = readConfig({ DATABASE_URL: env.DATABASE_URL });
        if (config.database.engine !== "postgres") throw new Error("expected PostgreSQL");
        second = await connect(config.database, { migrate: false });
        secondBus = createPostgresChangeBus({ db: second.db, connectionString: config.database.url, reconnectDelayMs: 100 });
        secondApp = await buildServer({ db: second.db, engine, basemapStyleUrl: null, serveClient: false, changes: secondBus });
        secondUrl = await listen(secondApp);
      });

      afterAll(async () => {
        await secondApp?.close();
        await secondBus?.close();
        await second?.close();
      });

      it("a change made through instance A reaches an SSE client of instance B", async () => {
        const onB = await openSse(onChangeUrl(secondUrl, { campaignId: campaign.id }));
        streams.push(onB);
        await onB.waitFor(isReady);
        const saved = await changeStage(baseUrl, { campaignId: campaign.id, bodyId: bodies[3]!.id, toStage: "organizing", expectedVersion: 0 });
        expect(saved.status).toBe(200);
        await onB.waitFor((messages) => changesOf(messages).length === 1);
        expect(changesOf(onB.messages())).toEqual([{ campaignId: campaign.id, kind: "resolution", ids: [bodies[3]!.id], version: 1, stage: "organizing" }]);
        onB.close();
      });

      it("when B's listener connection is killed, B's clients are told to resync and later changes still arrive", async () => {
        const onB = await openSse(onChangeUrl(secondUrl, { campaignId: campaign.id }));
        streams.push(onB);
        await onB.waitFor(isReady);
        const channel = `groundswell_changes_${(await sql<{ schema: string }>`select current_schema() as schema`.execute(second.db)).rows[0]!.schema}`;
        // Both instances listen on the channel; kill them all (A reconnects too).
        const killed = await sql<{ killed: boolean }>`
          select pg_terminate_backend(pid) as killed from pg_stat_activity
          where query ilike ${`listen "${channel}"`} and pid <> pg_backend_pid()`.execute(second.db);
        expect(killed.rows.length).toBeGreaterThanOrEqual(1);
        await onB.waitFor((messages) => messages.some((message) => message.data.type === "resync"));

        // Once B listens again, A's next change reaches it.
        await secondBus.ready();
        await bus!.ready();
        const saved = await changeStage(baseUrl, { campaignId: campaign.id, bodyId: bodies[3]!.id, toStage: "sponsor_found", expectedVersion: 1 });
        expect(saved.status).toBe(200);
        await onB.waitFor((messages) => changesOf(messages).some((change) => change.version === 2));
        onB.close();
      });
    });
  }
});
