import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresChangeBus, createSqliteChangeBus, type ChangeBus } from "../../server/db/change-bus";
import { buildServer } from "../../server/http/server";
import { runCliInProcess } from "../helpers/cli";
import { makeCampaign, squarePolygon } from "../helpers/factories";
import { onChangeUrl, openSse, type SseStream } from "../helpers/sse";
import { forEachEngine } from "../helpers/test-db";

/**
 * A CLI write reaches a running server's open maps: the command publishes through the one write
 * wrapper, and the server hears it from another process (PostgreSQL: LISTEN/NOTIFY; SQLite: the
 * change outbox it polls). The CLI runs in this process here, but through its own connection and
 * publisher, exactly as the bin does; the browser test (cli-live.spec.ts) runs the real bin.
 */
const changesOf = (messages: Array<{ data: any }>) => messages.filter((message) => message.data.type === "change").map((message) => message.data.change);
const isReady = (messages: Array<{ data: any }>) => messages.some((message) => message.data.type === "ready");

let folder: string;
beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-cli-live-"));
});
afterAll(() => {
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

forEachEngine(
  (getDatabase, engine) => {
    let app: FastifyInstance;
    let bus: ChangeBus;
    let baseUrl: string;
    let campaignId: number;
    const streams: SseStream[] = [];

    beforeAll(async () => {
      const { db } = getDatabase();
      campaignId = (await makeCampaign(db, { name: "Heard from the command line" })).id;
      bus = engine === "postgres" ? createPostgresChangeBus({ db, connectionString: process.env.TEST_DATABASE_URL! }) : createSqliteChangeBus(db, { pollMs: 20 });
      app = await buildServer({ db, engine, basemapStyleUrl: null, serveClient: false, changes: bus });
      await app.listen({ port: 0, host: "127.0.0.1" });
      baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      for (const stream of streams) stream.close();
      await app?.close();
      await bus?.close();
    });

    describe(`${engine}: CLI writes are announced to open maps`, () => {
      it("an import from the command line reaches a subscriber of the running server", async () => {
        const stream = await openSse(onChangeUrl(baseUrl, { campaignId }));
        streams.push(stream);
        await stream.waitFor(isReady);
        const file = path.join(folder, "towns.geojson");
        fs.writeFileSync(
          file,
          JSON.stringify({ type: "FeatureCollection", features: [{ type: "Feature", properties: { NAME: "Heardtown" }, geometry: squarePolygon([-71.5, 41.6], 0.05) }] }),
        );
        const result = await runCliInProcess(["import", file, "--as", "bodies", "--state", "RI"], getDatabase().env);
        expect(result.status, result.stderr).toBe(0);
        await stream.waitFor((messages) => changesOf(messages).length >= 1);
        expect(changesOf(stream.messages())).toEqual([{ campaignId: null, kind: "import", ids: [] }]);
      });

      it("a refused import announces nothing", async () => {
        const stream = await openSse(onChangeUrl(baseUrl, { campaignId }));
        streams.push(stream);
        await stream.waitFor(isReady);
        const refused = await runCliInProcess(["import", path.join(folder, "towns.geojson"), "--as", "bodies", "--kind", "parliament"], getDatabase().env);
        expect(refused.status).toBe(2);
        // Then a write that does announce: the only change heard is that one.
        const added = await runCliInProcess(["campaign", "add", "Second from the command line"], getDatabase().env);
        expect(added.status, added.stderr).toBe(0);
        await stream.waitFor((messages) => changesOf(messages).length >= 1);
        expect(changesOf(stream.messages())).toEqual([{ campaignId: null, kind: "campaign", ids: [expect.any(Number)] }]);
      });
    });
  },
  { sqliteOnDisk: true },
);
