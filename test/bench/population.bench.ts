/**
 * Importing a whole state's Census blocks as a population layer, as the user runs it:
 * `groundswell import blocks.geojson --as population --count-field POP20`, process start to exit,
 * beside its peer in the same run, `groundswell --help` (start-up alone). A state has ~160,000
 * blocks (Massachusetts: 157,508 in 2020); the target is "in seconds". The state is synthetic
 * (351 square towns, 160 House districts in a grid across them, block centroids and counts from a
 * seeded PRNG), generated here at bench time; each run replaces the counts.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildServer } from "../../server/build.mjs";
import { connect } from "../../server/db/connect";
import { importBodies, importDistricts } from "../../server/domain/imports";
import { recomputeOverlaps } from "../../server/domain/overlaps";
import { formatMs, percentile, seeded } from "./bench-helpers";

const REPEATS = 3;
const TOWNS = 351;
const BLOCKS = 160_000;
const root = path.resolve(import.meta.dirname, "../..");
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-bench-population-"));
const databaseFile = path.join(folder, "population.db");
const { DATABASE_URL: _url, GROUNDSWELL_DB: _file, ...inherited } = process.env;
const env = { ...inherited, GROUNDSWELL_DB: databaseFile };

const rectangle = (west: number, south: number, width: number, height: number): GeoJSON.Polygon => ({
  type: "Polygon",
  coordinates: [
    [
      [west, south],
      [west + width, south],
      [west + width, south + height],
      [west, south + height],
      [west, south],
    ],
  ],
});

// 351 towns in a 27 × 13 grid of 0.1° squares; 160 districts in a 16 × 10 grid over the same land.
const connection = await connect({ engine: "sqlite", file: databaseFile });
await connection.db.transaction().execute(async (trx) => {
  const towns = Array.from({ length: TOWNS }, (_, index) => ({
    properties: { NAME: `Town ${index + 1}`, GEOID: String(9900000000 + index) },
    geometry: rectangle(-73 + (index % 27) * 0.1, 42 + Math.floor(index / 27) * 0.1, 0.1, 0.1),
  }));
  await importBodies(trx, { features: towns, fields: ["NAME", "GEOID"] }, { kind: "town_meeting", state: "MA" });
  const districts = Array.from({ length: 160 }, (_, index) => ({
    properties: { DISTRICT: `District ${index + 1}` },
    geometry: rectangle(-73 + (index % 16) * (2.7 / 16), 42 + Math.floor(index / 16) * 0.13, 2.7 / 16, 0.13),
  }));
  await importDistricts(trx, { features: districts, fields: ["DISTRICT"] }, { chamber: "state_lower", state: "MA", vintage: "2022" });
  await recomputeOverlaps(trx);
});
await connection.close();

// The same blocks twice: as centroids, and as polygons (a 540 × 296 grid of small rectangles,
// as many as a state's blocks; unlike real blocks, which follow town lines, thousands straddle a
// town or district line here, so the area rule does the most work it could).
const random = seeded(2020);
const COLUMNS = 540;
const ROWS = Math.ceil(BLOCKS / COLUMNS);
const centroids: string[] = [];
const polygons: string[] = [];
let people = 0;
for (let block = 0; block < BLOCKS; block++) {
  const count = Math.floor(random() * 90);
  people += count;
  const properties = `{"GEOID20":"25${String(block).padStart(13, "0")}","POP20":${count}}`;
  const lon = (-73 + random() * 2.7).toFixed(6);
  const lat = (42 + random() * 1.3).toFixed(6);
  centroids.push(`{"type":"Feature","properties":${properties},"geometry":{"type":"Point","coordinates":[${lon},${lat}]}}`);
  const cell = rectangle(-73 + (block % COLUMNS) * (2.7 / COLUMNS), 42 + Math.floor(block / COLUMNS) * (1.3 / ROWS), 2.7 / COLUMNS, 1.3 / ROWS);
  polygons.push(`{"type":"Feature","properties":${properties},"geometry":${JSON.stringify(cell)}}`);
}
const file = path.join(folder, "tabblock20-centroids.geojson");
fs.writeFileSync(file, `{"type":"FeatureCollection","features":[${centroids.join(",")}]}`);
const polygonFile = path.join(folder, "tabblock20.geojson");
fs.writeFileSync(polygonFile, `{"type":"FeatureCollection","features":[${polygons.join(",")}]}`);

function timeOnce(argv: string[]): { ms: number; status: number | null; stdout: string; stderr: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [path.join(root, "server/groundswell.mjs"), ...argv], { cwd: root, env, encoding: "utf8" });
  return { ms: performance.now() - started, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** One timed import; it must count every person, as a user reading its summary would check. */
function timedImport(argv: string[]): number {
  const run = timeOnce(argv);
  if (run.status !== 0) throw new Error(`${argv.join(" ")} failed: ${run.stderr}`);
  if (!run.stdout.includes(`${people.toLocaleString("en-US")} people`)) throw new Error(`the import did not count every person: ${run.stdout}`);
  return run.ms;
}

await buildServer();
const population = (input: string, ...extra: string[]) => ["import", input, "--as", "population", "--count-field", "POP20", "--state", "MA", ...extra];
const samples = { import: [] as number[], dryRun: [] as number[], polygonsArea: [] as number[], polygonsPoint: [] as number[], help: [] as number[] };
for (let round = 0; round < REPEATS; round++) {
  samples.help.push(timeOnce(["--help"]).ms);
  samples.dryRun.push(timedImport(population(file, "--dry-run")));
  samples.import.push(timedImport(population(file)));
  samples.polygonsArea.push(timedImport(population(polygonFile)));
  samples.polygonsPoint.push(timedImport(population(polygonFile, "--place", "point")));
}

const cell = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${formatMs(sorted[0]!)} / ${formatMs(percentile(sorted, 0.5))}`;
};
const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
console.log(
  `Population layer: ${BLOCKS.toLocaleString("en-US")} block centroids (${(fs.statSync(file).size / 1e6).toFixed(0)} MB GeoJSON), ${TOWNS} towns, 160 districts; ${REPEATS} interleaved runs, min / median:`,
);
console.log(`  groundswell import --as population       ${cell(samples.import)}   (whole command, process start to exit; replaces the counts)`);
console.log(`  the same with --dry-run                  ${cell(samples.dryRun)}   (read, place, no write)`);
console.log(
  `  block polygons, --place area (default)   ${cell(samples.polygonsArea)}   (${(fs.statSync(polygonFile).size / 1e6).toFixed(0)} MB; each polygon cut by a line shared by area)`,
);
console.log(`  block polygons, --place point            ${cell(samples.polygonsPoint)}   (each polygon whole at a point inside it)`);
console.log(`  peer: groundswell --help                 ${cell(samples.help)}   (start-up alone)`);
console.log(`  work after start-up (median difference)  ${formatMs(median(samples.import) - median(samples.help))}   (target: seconds for a state)`);
fs.rmSync(folder, { recursive: true, force: true });
