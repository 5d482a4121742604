/**
 * Issue 19: what an import preview of a big file costs everyone else. `groundswell serve` runs in
 * its own process (the compiled server, as `npm start` runs it) on an empty SQLite database; a
 * client polls `/health` every 10 ms, first with nothing else going on (the peer), then during
 * one preview of a ~95 MB GeoJSON, then during three previews sent at once. Printed: `/health`
 * latency (p50/p99/max: the event-loop delay as a client sees it), the preview's wall time and
 * status, the server's peak resident memory (sampled from /proc), and its memory once idle again.
 * Figures are printed, never asserted.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { CSRF_HEADERS } from "../../shared/csrf";
import { connect } from "../../server/db/connect";
import { addUser } from "../../server/domain/accounts";
import { commandLineActor } from "../../server/domain/actor";
import { BENCH_ACCOUNT, formatMs, percentile, signIn, startServe } from "./bench-helpers";

const MEGABYTES = Number(process.env.BENCH_UPLOAD_MB ?? 95);
const workDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-upload-bench-"));

/** Town-like polygons (1,000 vertices each, 6 decimals) in a grid over Rhode Island until the file reaches `megabytes`. */
function writeBigGeoJson(megabytes: number): { file: string; features: number } {
  const file = path.join(workDirectory, "big-towns.geojson");
  const out = fs.openSync(file, "w");
  fs.writeSync(out, '{"type":"FeatureCollection","features":[\n');
  let bytes = 0;
  let index = 0;
  for (; bytes < megabytes * 1024 * 1024; index++) {
    const centerX = -71.9 + (index % 100) * 0.009;
    const centerY = 41.1 + Math.floor(index / 100) * 0.009;
    const ring = Array.from({ length: 1000 }, (_, step) => {
      const angle = (2 * Math.PI * step) / 1000;
      return `[${(centerX + 0.004 * Math.cos(angle)).toFixed(6)},${(centerY + 0.004 * Math.sin(angle)).toFixed(6)}]`;
    });
    const feature = `${index ? "," : ""}{"type":"Feature","properties":{"NAME":"Town ${index}","GEOID":"44${String(index).padStart(8, "0")}","POP":${1000 + index}},"geometry":{"type":"Polygon","coordinates":[[${ring.join(",")},${ring[0]}]]}}\n`;
    fs.writeSync(out, feature);
    bytes += feature.length;
  }
  fs.writeSync(out, "]}\n");
  fs.closeSync(out);
  return { file, features: index };
}

function residentMegabytes(pid: number): number {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((entry) => entry.startsWith("VmRSS:"))!;
  return Number(/\d+/.exec(line)![0]) / 1024;
}

/** Polls /health (every 10 ms after the last answer) and samples the server's memory until `until` settles. */
async function watch<T>(base: string, pid: number, until: Promise<T>) {
  const latencies: number[] = [];
  let peak = residentMegabytes(pid);
  let done = false;
  const settled = until.finally(() => (done = true));
  const sampler = setInterval(() => (peak = Math.max(peak, residentMegabytes(pid))), 20);
  while (!done) {
    const t0 = performance.now();
    await (await fetch(`${base}/health`)).arrayBuffer();
    latencies.push(performance.now() - t0);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  clearInterval(sampler);
  latencies.sort((a, b) => a - b);
  return { result: await settled, latencies, peak };
}

interface PreviewAnswer {
  status: number;
  seconds: number;
  answer: { featureCount?: number; error?: string };
  retryAfter: string | null;
}

/** `count` previews of `file` sent at once by a child process; their answers once all are in. */
function sendPreviews({ base, cookie, file, count }: { base: string; cookie: string; file: string; count: number }): Promise<PreviewAnswer[]> {
  const script = `
    import fs from "node:fs";
    const [base, cookie, file, count, headers] = process.argv.slice(1);
    const bytes = fs.readFileSync(file);
    const one = async () => {
      const t0 = performance.now();
      const response = await fetch(base + "/api/imports/preview?fileName=big-towns.geojson", {
        method: "POST",
        headers: { "content-type": "application/octet-stream", cookie, ...JSON.parse(headers) },
        body: bytes,
      });
      const answer = await response.json();
      return { status: response.status, seconds: (performance.now() - t0) / 1000, answer, retryAfter: response.headers.get("retry-after") };
    };
    console.log(JSON.stringify(await Promise.all(Array.from({ length: Number(count) }, one))));`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script, base, cookie, file, String(count), JSON.stringify(CSRF_HEADERS)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(output) as PreviewAnswer[]) : reject(new Error(`the uploader exited with ${code}`)))),
  );
}

const describe = (latencies: number[]) =>
  `/health p50 ${formatMs(percentile(latencies, 0.5))} p99 ${formatMs(percentile(latencies, 0.99))} max ${formatMs(latencies.at(-1)!)} (${latencies.length} polls)`;

const databaseFile = path.join(workDirectory, "bench.db");
const connection = await connect({ engine: "sqlite", file: databaseFile });
await connection.db.transaction().execute((trx) => addUser(trx, { ...BENCH_ACCOUNT, role: "admin", hubId: null, name: "Bench" }, commandLineActor));
await connection.close();

const { file, features } = writeBigGeoJson(MEGABYTES);
console.log(`upload: a ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB GeoJSON, ${features.toLocaleString("en-US")} polygons of 1,000 vertices`);

process.env.GROUNDSWELL_DEMO = "0";
process.env.GROUNDSWELL_LOG_LEVEL = "warn";
const { url: base, server } = await startServe(databaseFile);
const pid = server.pid!;
try {
  const cookie = await signIn(base);
  // The uploads come from another process, so sending 95 MB never delays the /health poller here.
  const previews = (count: number) => sendPreviews({ base, cookie, file, count });

  await new Promise((resolve) => setTimeout(resolve, 1000));
  const idle = residentMegabytes(pid);

  const quiet = await watch(base, pid, new Promise((resolve) => setTimeout(resolve, 5000)));
  console.log(`no upload (the peer), 5 s:      ${describe(quiet.latencies)}`);

  const one = await watch(
    base,
    pid,
    previews(1).then(([answer]) => answer!),
  );
  console.log(
    `one preview:                     ${describe(one.latencies)}; answered ${one.result.status} (${one.result.answer.featureCount ?? one.result.answer.error} features) in ${one.result.seconds.toFixed(1)} s; peak RSS ${one.peak.toFixed(0)} MB (${idle.toFixed(0)} MB before)`,
  );
  await new Promise((resolve) => setTimeout(resolve, 3000));

  const idleBeforeThree = residentMegabytes(pid);
  const three = await watch(base, pid, previews(3));
  const statuses = three.result.map((entry) => `${entry.status}${entry.retryAfter ? ` (Retry-After ${entry.retryAfter})` : ""} in ${entry.seconds.toFixed(1)} s`).join(", ");
  console.log(
    `three previews at once:          ${describe(three.latencies)}; answered ${statuses}; peak RSS ${three.peak.toFixed(0)} MB (${idleBeforeThree.toFixed(0)} MB before)`,
  );
  // An idle worker ends after 30 s, giving its memory back.
  await new Promise((resolve) => setTimeout(resolve, 32_000));
  console.log(`32 s later, idle:                resident ${residentMegabytes(pid).toFixed(0)} MB`);
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  fs.rmSync(workDirectory, { recursive: true, force: true });
}
