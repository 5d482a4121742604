/**
 * Press exports on the demo (3,231 counties), whole commands as a user runs them: through a
 * running server (the map as PNG and PDF, the press kit with both drawn from one page), the first
 * request (cold: the server starts its browser) and the next ones (warm: the kept browser), and
 * `groundswell export map` / `export press-kit` as commands (each starts its own browser and
 * server), beside a bare launch-and-close of headless Chromium in the same run and the load.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { launchBrowser } from "../e2e/drivers/helper";
import { demoDatabase, formatMs, startServe } from "./bench-helpers";

const WARM_REPEATS = 2;
const root = path.resolve(import.meta.dirname, "../..");
const connection = await demoDatabase();
await connection.close();
const { url, server } = await startServe(connection.file);
const load = () => `load ${os.loadavg()[0]!.toFixed(1)}`;

async function timeRequest(file: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/export/${file}?campaign=1&asof=2026-06-01`);
  const body = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new Error(`${file}: ${response.status} ${body.toString().slice(0, 200)}`);
  if (body.length < 1000) throw new Error(`${file}: only ${body.length} bytes`);
  return performance.now() - started;
}

function timeCommand(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [path.join(root, "server/groundswell.mjs"), ...args], { env: { ...process.env, GROUNDSWELL_DB: connection.file }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`groundswell ${args.join(" ")}: exit ${result.status}: ${result.stderr.trim()}`);
  return performance.now() - started;
}

const attempt = async (work: () => Promise<string> | string) => {
  try {
    return await work();
  } catch (error) {
    return `failed: ${String((error as Error).message).split("\n")[0]}`;
  }
};

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-press-bench-"));
try {
  const launches: number[] = [];
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    await (await launchBrowser()).close();
    launches.push(performance.now() - started);
  }
  console.log(`headless Chromium, launch and close alone: min ${formatMs(Math.min(...launches))} (${load()})`);
  console.log(`press exports through the server (target ≤ 5 s warm; before this bench's branch: PNG 13-22 s):`);
  for (const file of ["map.png", "map.pdf", "press-kit.zip"]) {
    const line = await attempt(async () => {
      const cold = await timeRequest(file);
      const warm: number[] = [];
      for (let round = 0; round < WARM_REPEATS; round++) warm.push(await timeRequest(file));
      const mean = warm.reduce((sum, value) => sum + value, 0) / warm.length;
      return `first ${formatMs(cold)}   then min ${formatMs(Math.min(...warm))}, mean ${formatMs(mean)} (${WARM_REPEATS} runs)`;
    });
    console.log(`  ${file.padEnd(14)} ${line}   (${load()})`);
  }
  console.log("the same as commands (a browser and a render server of their own each time):");
  for (const [label, args] of [
    ["export map png", ["export", "map", "--format", "png", "--as-of", "2026-06-01", "--out", path.join(folder, "map.png")]],
    ["export press-kit", ["export", "press-kit", "--as-of", "2026-06-01", "--out", path.join(folder, "kit.zip")]],
  ] as const) {
    const line = await attempt(() => formatMs(timeCommand([...args])));
    console.log(`  ${label.padEnd(17)} ${line}   (${load()})`);
  }
} finally {
  server.kill("SIGTERM");
  fs.rmSync(folder, { recursive: true, force: true });
}
