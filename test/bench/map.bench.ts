/** The map payload (bytes raw and gzip) and page load → first map frame in headless Chromium. */
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { buildGeometryPayload } from "../../server/domain/map-payload";
import { launchBrowser } from "../e2e/drivers/helper";
import { demoDatabase, formatMs, startServe } from "./bench-helpers";

const connection = await demoDatabase();
const t0 = performance.now();
const payload = await buildGeometryPayload(connection.db);
const buildMs = performance.now() - t0;
const raw = Buffer.byteLength(payload.json);
const gzip = gzipSync(payload.json).byteLength;
const features = (JSON.parse(payload.json) as GeoJSON.FeatureCollection).features.length;
console.log(`geometry payload: ${features} bodies, ${(raw / 1024 / 1024).toFixed(2)} MB raw, ${(gzip / 1024).toFixed(0)} KiB gzip, built in ${formatMs(buildMs)}`);
await connection.close();

const { url, server } = await startServe(connection.file);

let browser;
try {
  browser = await launchBrowser();
} catch (error) {
  console.log(`first map frame: not measured (${(error as Error).message})`);
}
if (browser) {
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(url);
    await page.waitForFunction(() => window.groundswellMap?.map.loaded() === true && document.querySelector(".status-overlay") === null, null, {
      timeout: 60_000,
    });
    runs.push(performance.now() - started);
    await context.close();
  }
  console.log(`page load → first full map frame (software WebGL): ${runs.map(formatMs).join(", ")}`);
  await browser.close();
}
server.kill("SIGTERM");
