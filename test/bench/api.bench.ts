/** body.list latency over HTTP on loopback (the status payload every open map polls). */
import { performance } from "node:perf_hooks";
import { buildServer } from "../../server/http/server";
import { demoDatabase, formatMs, percentile } from "./bench-helpers";

const connection = await demoDatabase();
const app = await buildServer({ db: connection.db, engine: connection.engine, basemapStyleUrl: null, serveClient: false });
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
const input = encodeURIComponent(JSON.stringify({ campaignId: 1 }));

async function measure(label: string, url: string, requests: number, concurrency: number) {
  const timings: number[] = [];
  let bytes = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        next++;
        const t0 = performance.now();
        const response = await fetch(url);
        bytes = (await response.arrayBuffer()).byteLength;
        timings.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  timings.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(28)} p50 ${formatMs(percentile(timings, 0.5)).padStart(9)}  p99 ${formatMs(percentile(timings, 0.99)).padStart(9)}  ${(requests / elapsed).toFixed(0)} req/s  (${(bytes / 1024).toFixed(0)} KiB per response, ${requests} requests)`,
  );
}

for (const procedure of ["body.list", "resolution.stages"]) {
  const url = `${base}/trpc/${procedure}?input=${input}`;
  console.log(`${procedure} on SQLite, demo campaign (3,231 bodies)`);
  await measure("warm-up", url, 20, 1);
  await measure("1 client", url, 200, 1);
  await measure("20 concurrent clients", url, 400, 20);
}
await app.close();
await connection.close();
