/**
 * `npm run bench`: runs every test/bench/*.bench.ts in turn, each in its own process, and prints
 * their figures. Benchmarks measure; they never fail on a number. `npm run bench -- api` runs
 * api.bench.ts; a filter that names no file exactly runs every file whose name contains it.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const directory = import.meta.dirname;
const filter = process.argv[2];
const benches = fs
  .readdirSync(directory)
  .filter((file) => file.endsWith(".bench.ts"))
  .sort();
// A filter naming one file exactly runs only that one ("load" is load.bench.ts, not also upload).
const files = benches.includes(`${filter}.bench.ts`) ? [`${filter}.bench.ts`] : benches.filter((file) => !filter || file.includes(filter));
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(directory, file)], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
