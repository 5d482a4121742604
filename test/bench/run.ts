/**
 * `npm run bench`: runs every test/bench/*.bench.ts in turn, each in its own process, and prints
 * their figures. Benchmarks measure; they never fail on a number. `npm run bench -- api` runs
 * only the files whose name contains "api".
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const directory = import.meta.dirname;
const filter = process.argv[2];
const files = fs
  .readdirSync(directory)
  .filter((file) => file.endsWith(".bench.ts") && (!filter || file.includes(filter)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(directory, file)], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
