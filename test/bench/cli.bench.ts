/**
 * CLI cold start, whole (process start to exit), beside its peers in the same run: a bare
 * `node -e ''`, the compiled CLI (`groundswell`, what `npx groundswell` and `npm start` run) and
 * the dev CLI (the TypeScript sources through tsx, `npm run cli:dev`). The runs interleave, so a
 * busy machine slows every column alike; min and median of the repeats are printed.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildServer } from "../../server/build.mjs";
import { formatMs, percentile } from "./bench-helpers";

const REPEATS = 9;
const root = path.resolve(import.meta.dirname, "../..");
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-bench-cli-"));
const { DATABASE_URL: _url, GROUNDSWELL_DB: _file, ...inherited } = process.env;
const env = { ...inherited, GROUNDSWELL_DB: path.join(folder, "empty.db") };

const runners = {
  "node -e ''": () => [process.execPath, "-e", ""],
  "groundswell (compiled)": (args: string[]) => [process.execPath, path.join(root, "server/groundswell.mjs"), ...args],
  "dev CLI (tsx)": (args: string[]) => [process.execPath, "--import", "tsx", path.join(root, "server/main.ts"), ...args],
} satisfies Record<string, (args: string[]) => string[]>;
const commands = [["--help"], ["export", "bodies"]];

function timeOnce(argv: string[]): number {
  const started = performance.now();
  spawnSync(argv[0]!, argv.slice(1), { cwd: root, env, stdio: "ignore" });
  return performance.now() - started;
}

await buildServer();
// The empty database gets its tables once, before timing, as it would on a user's second run.
spawnSync(process.execPath, [path.join(root, "server/groundswell.mjs"), "export", "bodies"], { env, stdio: "ignore" });

console.log(`CLI cold start, process start to exit; ${REPEATS} interleaved runs each, min / median (target ≤ 300 ms):`);
for (const command of commands) {
  const samples = new Map<string, number[]>(Object.keys(runners).map((name) => [name, []]));
  for (let round = 0; round < REPEATS; round++) {
    for (const [name, argv] of Object.entries(runners)) samples.get(name)!.push(timeOnce(argv(command)));
  }
  const cells = [...samples].map(([name, values]) => {
    const sorted = values.sort((a, b) => a - b);
    return `${name} ${formatMs(sorted[0]!)} / ${formatMs(percentile(sorted, 0.5))}`;
  });
  console.log(`  groundswell ${command.join(" ").padEnd(13)} ${cells.join("   ")}`);
}
fs.rmSync(folder, { recursive: true, force: true });
