/**
 * Issue 15's speed targets, measured as a reader meets them: `groundswell serve` (the compiled
 * server: `npm run build` first) on a temp SQLite database, pages opened in headless Debian
 * Chromium with software GL, timed from navigation to the map's first full frame (the shapes
 * loaded, the "Drawing the map…" card gone) and from the last byte the page needed to that frame
 * ("work after the data arrives"; targets ≤ 1 s for the demo, ≤ 2 s for a 35,000-body layer).
 *
 * - the demo (3,231 county boards): the home map at 1440×900 and the public page at 390×844;
 * - a synthetic national layer of 35,000 bodies (a jittered grid over the lower 48, about 24
 *   display vertices each like the Census counties), seeded by the demo's own seeder: the same;
 * - each page twice: with the bodies as one GeoJSON payload (`?tiles=0`) and as the server's vector
 *   tiles with the slim index (`?tiles=1`; a campaign past GROUNDSWELL_MAP_TILES_ABOVE, 10,000
 *   bodies, gets them by default). In tile mode "after the data" counts from the index's arrival:
 *   the tiles are fetched by MapLibre's worker, whose requests the page's timings do not show;
 * - the peer: a bare MapLibre page (fill and outline, nothing else) drawing the same payload
 *   bytes, served statically, in the same browser and run. MapLibre's one worker (hardware
 *   threads / 2) parses and tiles the GeoJSON in both, so on a small machine the peer sets the floor.
 *
 * Figures are printed, never asserted. `BENCH_RUNS` (default 3) pages per case; min and median.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { connect } from "../../server/db/connect";
import { buildGeometryPayload } from "../../server/domain/map-payload";
import { seedDemo } from "../../server/domain/demo";
import { launchBrowser } from "../e2e/drivers/helper";
import { demoDatabase, formatMs, startServe, temporaryDatabaseFile } from "./bench-helpers";
import { syntheticNationalBodies } from "./synthetic-national";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const NATIONAL_BODIES = 35_000;
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

interface Frame {
  /** Navigation start → first full frame, ms (the page's own clock). */
  frame: number;
  /** Navigation start → the last response the page needed before that frame. */
  dataArrived: number;
  /** Navigation start → the geometry payload's last byte. */
  geometryArrived: number;
}

/** Records, in the page, the first animation frame at which `ready()` holds. */
function recordFirstFrame(ready: string): string {
  return `(() => {
    const check = () => {
      try { if (${ready}) { window.__firstFrameAt = performance.now(); return; } } catch {}
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })();`;
}

/** The app's full frame: the controller holds the shapes, MapLibre has loaded every source, no status card. */
const APP_READY = "window.groundswellMap && window.groundswellMap.features.size > 0 && window.groundswellMap.map.loaded() && !document.querySelector('.status-overlay')";
const PEER_READY = "window.peerMap && window.peerMap.loaded() && window.peerMap.isSourceLoaded('bodies') && window.peerMap.querySourceFeatures('bodies').length > 0";

async function timePage(browser: Browser, url: string, viewport: { width: number; height: number }, ready: string, geometryPath: string): Promise<Frame> {
  const context = await browser.newContext({ viewport });
  const page: Page = await context.newPage();
  await page.addInitScript(recordFirstFrame(ready));
  await page.goto(url);
  await page.waitForFunction(() => (window as { __firstFrameAt?: number }).__firstFrameAt !== undefined, null, { timeout: 120_000, polling: 100 });
  const frame = await page.evaluate((geometry) => {
    const at = (window as unknown as { __firstFrameAt: number }).__firstFrameAt;
    const resources = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((entry) => entry.responseEnd <= at);
    return {
      frame: at,
      dataArrived: Math.max(0, ...resources.map((entry) => entry.responseEnd)),
      geometryArrived: resources.find((entry) => entry.name.includes(geometry))?.responseEnd ?? Number.NaN,
    };
  }, geometryPath);
  await context.close();
  return frame;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(label: string, target: number, open: () => Promise<Frame>) {
  const frames: Frame[] = [];
  for (let run = 0; run < RUNS; run++) frames.push(await open());
  const work = frames.map((frame) => frame.frame - frame.dataArrived);
  const load = frames.map((frame) => frame.frame);
  const verdict = Math.min(...work) <= target ? "meets" : "MISSES";
  console.log(
    `  ${label.padEnd(44)} navigation → frame min ${formatMs(Math.min(...load))}, median ${formatMs(median(load))}` +
      ` | after the data min ${formatMs(Math.min(...work))}, median ${formatMs(median(work))} (target ≤ ${target / 1000} s: ${verdict})` +
      ` | shapes arrived at ${formatMs(median(frames.map((frame) => frame.geometryArrived)))}`,
  );
}

/** The peer: MapLibre alone (its ESM build from node_modules) drawing `payload` with a fill and an outline layer. */
async function startPeer(payload: Buffer): Promise<{ url: string; close(): Promise<void> }> {
  const dist = path.dirname(fileURLToPath(import.meta.resolve("maplibre-gl")));
  const gzip = gzipSync(payload);
  const page = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/dist/maplibre-gl.css">
<style>html,body,#map{margin:0;height:100%}</style></head><body><div id="map"></div>
<script type="module">
import * as maplibregl from "/dist/maplibre-gl.mjs";
maplibregl.setWorkerUrl("/dist/maplibre-gl-worker.mjs");
// As the app does: the shapes fetched by the page, then handed to the map (a worker's own fetch would not show in the page's timings).
const data = await (await fetch("/bodies.geojson")).json();
const map = new maplibregl.Map({ container: "map", bounds: [-124.7, 24.5, -66.9, 49.4], fitBoundsOptions: { padding: 24 }, attributionControl: false,
  style: { version: 8, sources: { bodies: { type: "geojson", data } }, layers: [
    { id: "background", type: "background", paint: { "background-color": "#dbe7ef" } },
    { id: "fill", type: "fill", source: "bodies", paint: { "fill-color": "#c7b8e8" } },
    { id: "line", type: "line", source: "bodies", paint: { "line-color": "#ffffff", "line-width": 0.5 } } ] } });
window.peerMap = map;
</script></body></html>`;
  const server = http.createServer((request, response) => {
    const url = request.url ?? "/";
    if (url === "/") return void response.writeHead(200, { "content-type": "text/html" }).end(page);
    if (url === "/bodies.geojson") return void response.writeHead(200, { "content-type": "application/geo+json", "content-encoding": "gzip" }).end(gzip);
    const file = path.join(dist, path.basename(url));
    if (!url.startsWith("/dist/") || !fs.existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { "content-type": file.endsWith(".css") ? "text/css" : "text/javascript" }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function nationalDatabase(): Promise<string> {
  const file = temporaryDatabaseFile();
  const connection = await connect({ engine: "sqlite", file });
  const bodies = syntheticNationalBodies(NATIONAL_BODIES);
  await connection.db.transaction().execute((trx) => seedDemo(trx, bodies));
  await connection.close();
  return file;
}

/** One layer: its payload's size, then the home map, the public page on a phone and the peer. */
async function benchLayer(browser: Browser | undefined, label: string, databaseFile: string, target: number) {
  const { url, server } = await startServe(databaseFile);
  try {
    // `serve` cuts the world tile of a big campaign at startup, answering 503 (busy) meanwhile: wait for it.
    const fetchReady = async (path: string) => {
      for (;;) {
        const response = await fetch(`${url}${path}`);
        if (response.status !== 503) return Buffer.from(await response.arrayBuffer());
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    };
    const started = performance.now();
    const payload = await fetchReady("/geo/bodies.geojson?tiles=0");
    const firstBuild = performance.now() - started;
    const features = (JSON.parse(payload.toString()) as GeoJSON.FeatureCollection).features.length;
    console.log(
      `${label}: ${features} bodies, payload ${(payload.length / 1024 / 1024).toFixed(2)} MB raw, ${(gzipSync(payload).length / 1024).toFixed(0)} KiB gzip, first request ${formatMs(firstBuild)}`,
    );
    const index = await fetchReady("/geo/bodies.geojson?tiles=1");
    const template = (JSON.parse(index.toString()) as { tiles: string }).tiles;
    const tileStarted = performance.now();
    const world = await fetchReady(template.replace("{z}/{x}/{y}", "0/0/0"));
    const firstTile = performance.now() - tileStarted;
    const cutStarted = performance.now();
    const zoom4 = await Promise.all([2, 3, 4, 5].flatMap((x) => [5, 6].map(async (y) => (await fetch(`${url}${template.replace("{z}/{x}/{y}", `4/${x}/${y}`)}`)).arrayBuffer())));
    console.log(
      `  tile mode: slim index ${(index.length / 1024 / 1024).toFixed(2)} MB raw, ${(gzipSync(index).length / 1024).toFixed(0)} KiB gzip;` +
        ` world tile (the tile index built at startup unless this is the first) ${formatMs(firstTile)}, world tile ${(world.length / 1024).toFixed(0)} KiB;` +
        ` eight zoom-4 tiles over the lower 48 cut in ${formatMs(performance.now() - cutStarted)} (${(zoom4.reduce((sum, bytes) => sum + bytes.byteLength, 0) / 1024).toFixed(0)} KiB gzip)`,
    );
    if (!browser) return;
    await measure("home map, 1440×900, GeoJSON", target, () => timePage(browser, `${url}/?tiles=0`, DESKTOP, APP_READY, "/geo/bodies.geojson"));
    await measure("home map, 1440×900, tiles", target, () => timePage(browser, `${url}/?tiles=1`, DESKTOP, APP_READY, "/geo/bodies.geojson"));
    await measure("public page, 390×844, GeoJSON", target, () => timePage(browser, `${url}/public?tiles=0`, PHONE, APP_READY, "/geo/bodies.geojson"));
    await measure("public page, 390×844, tiles", target, () => timePage(browser, `${url}/public?tiles=1`, PHONE, APP_READY, "/geo/bodies.geojson"));
    const peer = await startPeer(payload);
    try {
      await measure("peer: bare MapLibre, same bytes, 1440×900", target, () => timePage(browser, peer.url, DESKTOP, PEER_READY, "/bodies.geojson"));
    } finally {
      await peer.close();
    }
  } finally {
    server.kill("SIGTERM");
  }
}

const demo = await demoDatabase();
const t0 = performance.now();
await buildGeometryPayload(demo.db);
console.log(`demo geometry payload built in process in ${formatMs(performance.now() - t0)}`);
await demo.close();

const seedStarted = performance.now();
const national = await nationalDatabase();
console.log(`national layer: ${NATIONAL_BODIES} synthetic bodies seeded in ${formatMs(performance.now() - seedStarted)}`);

let browser: Browser | undefined;
try {
  browser = await launchBrowser();
} catch (error) {
  console.log(`first map frame: not measured (${(error as Error).message})`);
}
try {
  await benchLayer(browser, "demo (US counties)", demo.file, 1000);
  await benchLayer(browser, "national layer (synthetic)", national, 2000);
} finally {
  await browser?.close();
  for (const file of [demo.file, national]) fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
