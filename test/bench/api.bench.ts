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
// The public map's stage payload, now and replayed as of a day (issue 7), and a 304 revalidation.
for (const [label, query] of [
  ["public.map (now)", { campaign: 1 }],
  ["public.map (asOf 2025-11-01)", { campaign: 1, asOf: "2025-11-01" }],
] as const) {
  const url = `${base}/trpc/public.map?input=${encodeURIComponent(JSON.stringify(query))}`;
  console.log(`${label} on SQLite, demo campaign (3,231 bodies)`);
  await measure("warm-up", url, 20, 1);
  await measure("1 client", url, 200, 1);
  await measure("20 concurrent clients", url, 400, 20);
}
{
  const url = `${base}/trpc/public.map?input=${encodeURIComponent(JSON.stringify({ campaign: 1 }))}`;
  const etag = (await fetch(url)).headers.get("etag") ?? "";
  const t0 = performance.now();
  let notModified = 0;
  for (let index = 0; index < 200; index++) notModified += (await fetch(url, { headers: { "if-none-match": etag } })).status === 304 ? 1 : 0;
  console.log(`public.map revalidation: ${notModified}/200 answered 304, ${formatMs((performance.now() - t0) / 200)} each`);
}
await app.close();
await connection.close();
