/**
 * Press exports through a running server on the demo (3,231 counties), whole requests: the map
 * as PNG and PDF and the press kit (PNG + PDF + files), the first request (cold) and the next
 * ones (warm), beside a bare launch-and-close of headless Chromium in the same run.
 */
import { performance } from "node:perf_hooks";
import { launchBrowser } from "../e2e/drivers/helper";
import { demoDatabase, formatMs, startServe } from "./bench-helpers";

const WARM_REPEATS = 3;
const connection = await demoDatabase();
await connection.close();
const { url, server } = await startServe(connection.file);

async function timeRequest(file: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/export/${file}?campaign=1&asof=2026-06-01`);
  const body = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new Error(`${file}: ${response.status} ${body.toString().slice(0, 200)}`);
  if (body.length < 1000) throw new Error(`${file}: only ${body.length} bytes`);
  return performance.now() - started;
}

try {
  const launches: number[] = [];
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    await (await launchBrowser()).close();
    launches.push(performance.now() - started);
  }
  console.log(`headless Chromium, launch and close alone: min ${formatMs(Math.min(...launches))}`);
  console.log(`press exports through the server (target ≤ 5 s warm):`);
  for (const file of ["map.png", "map.pdf", "press-kit.zip"]) {
    const cold = await timeRequest(file);
    const warm: number[] = [];
    for (let round = 0; round < WARM_REPEATS; round++) warm.push(await timeRequest(file));
    const mean = warm.reduce((sum, value) => sum + value, 0) / warm.length;
    console.log(`  ${file.padEnd(14)} first ${formatMs(cold)}   then min ${formatMs(Math.min(...warm))}, mean ${formatMs(mean)} (${WARM_REPEATS} runs)`);
  }
} finally {
  server.kill("SIGTERM");
}
