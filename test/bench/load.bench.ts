/**
 * Issue 19's targets, measured as an operator would: `groundswell serve` in its own process on
 * the demo campaign (3,231 bodies), driven over loopback by autocannon at a fixed rate, beside a
 * bare Fastify server answering the same bytes in the same run. On SQLite, and on PostgreSQL when
 * TEST_DATABASE_URL is set (a fresh schema).
 *
 * - public reads at a fixed 1,000 req/s (BENCH_SECONDS each, default 10; the issue's 30 with
 *   BENCH_SECONDS=30): p50/p99/max latency, errors, and the server's CPU per request;
 * - 200 live viewers of the public map (each patching every change into its cached stage list and
 *   revalidating the counts a few seconds later, as the page does) and 5 writes/s: write p99
 *   and /health p99;
 * - PostgreSQL: the database cut for 10 s through a TCP proxy: process exits, /health 503 after
 *   the cut and 200 after the return, acknowledged writes lost, and the server's log meanwhile.
 * Figures are printed, never asserted.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { sql } from "kysely";
import { CSRF_HEADERS } from "../../shared/csrf";
import { repositoryRoot } from "../../server/config";
import { addUser } from "../../server/domain/accounts";
import { commandLineActor } from "../../server/domain/actor";
import { seedDemo } from "../../server/domain/demo";
import { readUsAtlasCounties } from "../../server/io/us-atlas";
import { startFaultProxy, type FaultProxy } from "../helpers/fault-proxy";
import { createTestDatabase, type Engine, type TestDatabase } from "../helpers/test-db";
import { BENCH_ACCOUNT, formatMs, percentile, signIn } from "./bench-helpers";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** `BENCH_LOAD=live` (or `reads`, `cut`, comma-separated) runs only those parts; all by default. */
const PARTS = new Set((process.env.BENCH_LOAD ?? "reads,live,cut").split(","));
const RATE = 1000;
const workDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-load-"));

interface Server {
  base: string;
  child: ChildProcess;
  logFile: string;
  /** CPU seconds (user + system) the process has used so far. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

function cpuSecondsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 10 ms
}

async function startProcess(label: string, args: string[], env: Record<string, string>): Promise<Server> {
  const logFile = path.join(workDirectory, `${label}.log`);
  const log = fs.openSync(logFile, "w");
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", log, "pipe"] });
  let text = "";
  child.once("exit", (code, signal) => {
    if (code !== 0 && signal !== "SIGTERM") console.log(`${label} exited (${code ?? signal}):\n${text.split("\n").slice(-15).join("\n")}`);
  });
  const base = await new Promise<string>((resolve, reject) => {
    child.stderr!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const match = /running at (http:\/\/localhost:\d+)/.exec(text) ?? /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (match) resolve(match[1]!.replace("localhost", "127.0.0.1"));
    });
    child.once("exit", (code) => reject(new Error(`${label} exited with ${code}: ${text}`)));
  });
  return {
    base,
    child,
    logFile,
    cpuSeconds: () => cpuSecondsOf(child.pid!),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

/** BENCH_SERVER_NODE_FLAGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) go to the server processes only. */
const serverNodeFlags = process.env.BENCH_SERVER_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
const startGroundswell = (label: string, env: Record<string, string>) =>
  startProcess(label, [...serverNodeFlags, path.join(repositoryRoot, "server/groundswell.mjs"), "serve", "--port", "0"], { HOST: "127.0.0.1", GROUNDSWELL_DEMO: "0", ...env });

/** The peer: bare Fastify answering fixed bytes (the same as a public read), no logger, nothing else. */
function startBare(payloadFile: string) {
  const script = `
    import fs from "node:fs";
    import Fastify from ${JSON.stringify(import.meta.resolve("fastify"))};
    const body = fs.readFileSync(${JSON.stringify(payloadFile)});
    const app = Fastify();
    app.get("/*", (request, reply) => reply.type("application/json").header("ETag", '"bare"').send(body));
    await app.listen({ port: 0, host: "127.0.0.1" });
    console.error("listening on http://127.0.0.1:" + app.server.address().port);`;
  const file = path.join(workDirectory, "bare-server.mjs");
  fs.writeFileSync(file, script);
  return startProcess("bare", [file], {});
}

interface Row {
  engine: string;
  what: string;
  p50: number;
  p99: number;
  max: number;
  rate: number;
  errors: number;
  cpuMsPerRequest: number;
}
const rows: Row[] = [];

async function fixedRate(engine: string, what: string, server: Server, urlPath: string, headers: Record<string, string> = {}) {
  const cpuBefore = server.cpuSeconds();
  const result = await autocannon({ url: `${server.base}${urlPath}`, connections: 100, overallRate: RATE, duration: SECONDS, headers });
  const cpu = server.cpuSeconds() - cpuBefore;
  const non2xx = result.non2xx - (result.statusCodeStats?.["304"]?.count ?? 0);
  rows.push({
    engine,
    what,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    rate: result.requests.average,
    errors: result.errors + result.timeouts + non2xx,
    cpuMsPerRequest: (cpu * 1000) / Math.max(1, result.requests.total),
  });
}

function printRows() {
  console.log(`\nFixed ${RATE} req/s for ${SECONDS} s each, 100 connections, loopback (2 shared cores; autocannon runs on them too)`);
  console.log(
    `${"engine".padEnd(10)} ${"what".padEnd(34)} ${"p50".padStart(7)} ${"p99".padStart(7)} ${"max".padStart(7)} ${"req/s".padStart(7)} ${"errors".padStart(7)} ${"CPU/req".padStart(9)}`,
  );
  for (const row of rows) {
    console.log(
      `${row.engine.padEnd(10)} ${row.what.padEnd(34)} ${`${row.p50}ms`.padStart(7)} ${`${row.p99}ms`.padStart(7)} ${`${row.max}ms`.padStart(7)} ${row.rate.toFixed(0).padStart(7)} ${String(row.errors).padStart(7)} ${`${row.cpuMsPerRequest.toFixed(3)}ms`.padStart(9)}`,
    );
  }
  rows.length = 0;
}

async function prepare(engine: Engine): Promise<TestDatabase> {
  const database = await createTestDatabase(engine, engine === "sqlite" ? { sqliteFile: path.join(workDirectory, "bench.db") } : {});
  const started = performance.now();
  await database.db.transaction().execute((trx) => seedDemo(trx, readUsAtlasCounties()));
  await database.db.transaction().execute((trx) => addUser(trx, { ...BENCH_ACCOUNT, role: "organizer", hubId: null, name: "Bench" }, commandLineActor));
  console.log(`${engine}: demo campaign seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return database;
}

/** Bodies of campaign 1 with no resolution yet (version 0): each takes one write. */
async function freshBodies(database: TestDatabase): Promise<number[]> {
  const rows = await sql<{ id: number }>`select id from body where id not in (select body_id from resolution where campaign_id = 1) order by id`.execute(database.db);
  return rows.rows.map((row) => row.id);
}

function writer(base: string, cookie: string, bodies: number[]) {
  const acknowledged: number[] = [];
  const latencies: number[] = [];
  let failures = 0;
  const write = async () => {
    const bodyId = bodies.shift();
    if (bodyId === undefined) return;
    const t0 = performance.now();
    try {
      const response = await fetch(`${base}/trpc/resolution.changeStage`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, ...CSRF_HEADERS },
        body: JSON.stringify({ campaignId: 1, bodyId, toStage: "organizing", expectedVersion: 0 }),
      });
      await response.arrayBuffer();
      if (response.ok) {
        acknowledged.push(bodyId);
        latencies.push(performance.now() - t0);
      } else failures++;
    } catch {
      failures++;
    }
  };
  return { write, acknowledged, latencies, failures: () => failures };
}

/**
 * 200 open public maps, in a process of their own (as they would be other machines: their work
 * must not delay the writes and health checks being timed). Each does what the page does
 * (client/api/live-changes.ts): a change that carries the body's stage and version is patched into
 * the cached list, and the counts are revalidated 2-8 s later, once for every change heard
 * meanwhile. Prints "connected" once every stream is open, and its counts as JSON on SIGTERM.
 * BENCH_VIEWERS=refetch makes them behave as the page did before (refetch 150 ms after every
 * change), for comparison in the same harness.
 */
const REFETCH_EVERY_CHANGE = process.env.BENCH_VIEWERS === "refetch";
function startViewers(base: string, count: number) {
  const script = `
    const mapUrl = ${JSON.stringify(`${base}/trpc/public.map?input=${encodeURIComponent(JSON.stringify({ campaign: 1, asOf: null }))}`)};
    const streamUrl = ${JSON.stringify(`${base}/trpc/changes.onChange?input=${encodeURIComponent(JSON.stringify({ campaignId: 1 }))}`)};
    const { setMaxListeners } = await import("node:events");
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    let patched = 0, revalidations = 0, connected = 0;
    const viewer = async () => {
      const response = await fetch(streamUrl, { signal: controller.signal, headers: { accept: "text/event-stream" } });
      if (++connected === ${count}) console.log("connected");
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let etag = "";
      let timer;
      const revalidate = async () => {
        timer = undefined;
        const answer = await fetch(mapUrl, { headers: { "if-none-match": etag, "accept-encoding": "gzip" }, signal: controller.signal });
        etag = answer.headers.get("etag") ?? etag;
        await answer.arrayBuffer();
        revalidations++;
      };
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const text = decoder.decode(value);
        if (!text.includes('"kind"')) continue;
        patched += (text.match(/"stage":/g) ?? []).length;
        timer ??= setTimeout(() => void revalidate().catch(() => {}), ${REFETCH_EVERY_CHANGE ? "150" : "2000 + Math.random() * 6000"});
      }
    };
    for (let i = 0; i < ${count}; i++) viewer().catch(() => {});
    process.on("SIGTERM", () => {
      controller.abort();
      console.log(JSON.stringify({ patched, revalidations }));
      process.exit(0);
    });`;
  const file = path.join(workDirectory, "viewers.mjs");
  fs.writeFileSync(file, script);
  const child = spawn(process.execPath, [file], { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const connected = new Promise<void>((resolve) => child.stdout!.on("data", () => output.includes("connected") && resolve()));
  return {
    connected,
    async stop(): Promise<{ patched: number; revalidations: number }> {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      return JSON.parse(
        output
          .split("\n")
          .filter((line) => line.startsWith("{"))
          .at(-1) ?? "{}",
      );
    },
  };
}

async function liveViewersAndWrites(engine: string, server: Server, database: TestDatabase) {
  const viewers = startViewers(server.base, 200);
  await viewers.connected;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const cookie = await signIn(server.base);
  const writes = writer(server.base, cookie, await freshBodies(database));
  const health: number[] = [];
  const seconds = SECONDS;
  const cpuBefore = server.cpuSeconds();
  const writeTimer = setInterval(() => void writes.write(), 200);
  let healthFailures = 0;
  const healthTimer = setInterval(async () => {
    const t0 = performance.now();
    try {
      const response = await fetch(`${server.base}/health`);
      await response.arrayBuffer();
      if (response.ok) health.push(performance.now() - t0);
      else healthFailures++;
    } catch {
      healthFailures++;
    }
  }, 100);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  clearInterval(writeTimer);
  clearInterval(healthTimer);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const cpu = server.cpuSeconds() - cpuBefore;
  const { patched, revalidations } = await viewers.stop();
  writes.latencies.sort((a, b) => a - b);
  health.sort((a, b) => a - b);
  console.log(
    `${engine}: 200 live viewers${REFETCH_EVERY_CHANGE ? " (refetching after every change)" : ""}, 5 writes/s for ${seconds} s: ${writes.acknowledged.length} writes, p50 ${formatMs(percentile(writes.latencies, 0.5))} p99 ${formatMs(percentile(writes.latencies, 0.99))}, ${writes.failures()} failed; ` +
      `/health p50 ${formatMs(percentile(health, 0.5))} p99 ${formatMs(percentile(health, 0.99))}${healthFailures ? ` (${healthFailures} failed)` : ""}; server CPU ${((cpu * 1000) / Math.max(1, writes.acknowledged.length)).toFixed(1)} ms a write; ` +
      `${patched} changes patched in by viewers, ${revalidations} public.map revalidations`,
  );
}

async function databaseCut(database: TestDatabase) {
  const url = new URL(database.env.DATABASE_URL!);
  const proxy: FaultProxy = await startFaultProxy({ host: url.hostname, port: Number(url.port || 5432) });
  const server = await startGroundswell("postgres-cut", { DATABASE_URL: proxy.via(url.toString()) });
  const cookie = await signIn(server.base);
  const writes = writer(server.base, cookie, await freshBodies(database));
  const healthLog: Array<{ at: number; status: number }> = [];
  const started = performance.now();
  const writeTimer = setInterval(() => void writes.write(), 200);
  const healthTimer = setInterval(async () => {
    const at = performance.now() - started;
    const status = await fetch(`${server.base}/health`, { signal: AbortSignal.timeout(5000) }).then(
      (response) => response.status,
      () => 0,
    );
    healthLog.push({ at, status });
  }, 100);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const logBefore = fs.readFileSync(server.logFile, "utf8").length;
  const cutAt = performance.now() - started;
  proxy.setMode("refuse");
  proxy.cutAll();
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const backAt = performance.now() - started;
  proxy.setMode("pass");
  await new Promise((resolve) => setTimeout(resolve, 8000));
  clearInterval(writeTimer);
  clearInterval(healthTimer);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const firstDown = healthLog.find((entry) => entry.at >= cutAt && entry.status !== 200);
  const firstUp = healthLog.find((entry) => entry.at >= backAt && entry.status === 200);
  const stored = await sql<{ bodyId: number }>`select body_id from resolution where campaign_id = 1 and stage = 'organizing'`.execute(database.db);
  const storedIds = new Set(stored.rows.map((row) => row.bodyId));
  const lost = writes.acknowledged.filter((id) => !storedIds.has(id));
  console.log(
    `\npostgres: database cut for 10 s (connections cut, new ones refused) under 5 writes/s:\n` +
      `  process exits: ${server.child.exitCode === null ? 0 : 1}; /health first 503 ${firstDown ? formatMs(firstDown.at - cutAt) : "never"} after the cut, ` +
      `first 200 ${firstUp ? formatMs(firstUp.at - backAt) : "never"} after the return; ` +
      `${writes.acknowledged.length} writes acknowledged, ${lost.length} lost, ${writes.failures()} refused (503) during the cut`,
  );
  const outage = fs.readFileSync(server.logFile, "utf8").slice(logBefore).split("\n");
  const interesting = outage.filter((line) => /database|listener|"status":503/.test(line));
  console.log("  server log during the outage (excerpt):");
  for (const line of [...interesting.filter((line) => !line.includes('"status":503')).slice(0, 6), ...interesting.filter((line) => line.includes('"status":503')).slice(0, 2)]) {
    console.log(`    ${line.slice(0, 300)}`);
  }
  await server.stop();
  await proxy.close();
}

const engines: Engine[] = process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];
if (!process.env.TEST_DATABASE_URL) console.log("TEST_DATABASE_URL is not set: SQLite only");

for (const engine of engines) {
  const database = await prepare(engine);
  const server = await startGroundswell(engine, database.env);
  const stagesPath = `/trpc/resolution.stages?input=${encodeURIComponent(JSON.stringify({ campaignId: 1 }))}`;
  const mapPath = (asOf: string | null) => `/trpc/public.map?input=${encodeURIComponent(JSON.stringify({ campaign: 1, asOf }))}`;
  const stagesAnswer = await fetch(`${server.base}${stagesPath}`);
  const payloadFile = path.join(workDirectory, "stages.json");
  fs.writeFileSync(payloadFile, Buffer.from(await stagesAnswer.arrayBuffer()));
  const mapEtag = (await fetch(`${server.base}${mapPath(null)}`)).headers.get("etag")!;
  const geometryEtag = (await fetch(`${server.base}/geo/bodies.geojson`, { headers: { "accept-encoding": "gzip" } })).headers.get("etag")!;

  if (engine === "sqlite" && PARTS.has("reads")) {
    const bare = await startBare(payloadFile);
    await fixedRate("bare", `same bytes (${(fs.statSync(payloadFile).size / 1024).toFixed(0)} KiB), bare Fastify`, bare, "/stages");
    await bare.stop();
  }
  if (PARTS.has("reads")) {
    await fixedRate(engine, "resolution.stages (gzip)", server, stagesPath, { "accept-encoding": "gzip" });
    await fixedRate(engine, "public.map now (gzip)", server, mapPath(null), { "accept-encoding": "gzip" });
    await fixedRate(engine, "public.map as of 2025-11-01 (gzip)", server, mapPath("2025-11-01"), { "accept-encoding": "gzip" });
    await fixedRate(engine, "public.map revalidation (304)", server, mapPath(null), { "if-none-match": mapEtag });
    await fixedRate(engine, "/geo/bodies.geojson revalidation", server, "/geo/bodies.geojson", { "if-none-match": geometryEtag, "accept-encoding": "gzip" });
    printRows();
  }
  if (PARTS.has("live")) await liveViewersAndWrites(engine, server, database);
  await server.stop();
  if (engine === "postgres" && PARTS.has("cut")) await databaseCut(database);
  await database.close();
}
fs.rmSync(workDirectory, { recursive: true, force: true });
