/**
 * A national campaign, as the user runs it (`npm run bench -- national`): a synthetic replica of
 * a national state-house layer (14,400 districts, ~9.5 million vertices, a ~150 MB zipped
 * shapefile in NAD83 with TIGER's fields) and 32,000 bodies, generated here at bench time from a
 * seeded PRNG. Each command is timed whole, process start to exit, on a temp SQLite database,
 * with the peak resident memory of its process (`/usr/bin/time -f %M`), beside `groundswell
 * --help` (start-up alone):
 *
 *   groundswell import bodies.geojson --as bodies --kind-field KIND --no-overlaps
 *   groundswell import sldl.zip --as districts --chamber state_lower --max-vertices 5000000   (the old default cap)
 *   groundswell import sldl.zip --as districts --chamber state_lower                         (reads, stores, overlaps)
 *   groundswell overlaps
 *
 * Targets (issue 16): the district file imports with the default limits, peak RSS under 2 GB,
 * and `groundswell overlaps` under 30 s. Options: BENCH_NATIONAL_KEEP=1 keeps the temp folder.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { deflateRawSync } from "node:zlib";
import { buildServer } from "../../server/build.mjs";
import { createRandom, jitteredGrid, smoothRing } from "../fixtures/geo/synthetic";
import { writeDbf, writeShp, writeZip, type Ring } from "../helpers/shapefile-writer";

const root = path.resolve(import.meta.dirname, "../..");
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-bench-national-"));
const databaseFile = path.join(folder, "national.db");
const { DATABASE_URL: _url, GROUNDSWELL_DB: _file, GROUNDSWELL_MAX_VERTICES: _cap, ...inherited } = process.env;
const env = { ...inherited, GROUNDSWELL_DB: databaseFile };
const US: [number, number, number, number] = [-125, 24.5, -66.9, 49.4];
const hasTime = fs.existsSync("/usr/bin/time");

// ---------------------------------------------------------------------------------------------
// The districts: a 160 × 90 jittered grid over the lower 48, 164 points per shared side
// (661 vertices a district), named and numbered like TIGER's tl_YYYY_SS_sldl layers.

const generateStarted = performance.now();
const COLUMNS = 160;
const ROWS = 90;
const cells = jitteredGrid({ extent: US, columns: COLUMNS, rows: ROWS, sideVertices: 164, seed: 16 });
// 48 "states" of 12 × 25 districts (tiles of 10 × 30 cells): state FIPS 01…, district 001…
const stateOf = (index: number) => Math.floor((index % COLUMNS) / 10) + 16 * Math.floor(Math.floor(index / COLUMNS) / 30);
const numberInState = new Map<number, number>();
const rows = cells.map((_, index) => {
  const state = String(stateOf(index) + 1).padStart(2, "0");
  const number = (numberInState.get(stateOf(index)) ?? 0) + 1;
  numberInState.set(stateOf(index), number);
  const district = String(number).padStart(3, "0");
  return {
    STATEFP: state,
    SLDLST: district,
    GEOID: `${state}${district}`,
    NAMELSAD: `State House District ${number}`,
    LSAD: "LL",
    LSY: "2024",
    MTFCC: "G5220",
    FUNCSTAT: "N",
    ALAND: 1_000_000_000 + index,
    AWATER: 0,
  };
});
// Shapefile outer rings run clockwise; the grid's cells run counterclockwise.
const shapes = cells.map((cell) => ({ type: "polygon" as const, rings: [[...cell.coordinates[0]!].reverse() as Ring] }));
const vertices = shapes.reduce((sum, shape) => sum + shape.rings[0]!.length, 0);
const { shp, shx } = writeShp(shapes);
shapes.length = 0;
cells.length = 0;
const dbf = writeDbf(
  [
    { name: "STATEFP", type: "C", length: 2 },
    { name: "SLDLST", type: "C", length: 3 },
    { name: "GEOID", type: "C", length: 5 },
    { name: "NAMELSAD", type: "C", length: 100 },
    { name: "LSAD", type: "C", length: 2 },
    { name: "LSY", type: "C", length: 4 },
    { name: "MTFCC", type: "C", length: 5 },
    { name: "FUNCSTAT", type: "C", length: 1 },
    { name: "ALAND", type: "N", length: 14 },
    { name: "AWATER", type: "N", length: 14 },
  ],
  rows,
);
const NAD83 =
  'GEOGCS["GCS_North_American_1983",DATUM["D_North_American_1983",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const stem = "tl_2024_us_sldl";
const districtFile = path.join(folder, `${stem}.zip`);
fs.writeFileSync(
  districtFile,
  writeZip([
    // Level 1: TIGER's own zips compress little better, and level 9 would take a minute here.
    { name: `${stem}.shp`, data: shp, compressed: deflateRawSync(shp, { level: 1 }) },
    { name: `${stem}.shx`, data: shx },
    { name: `${stem}.dbf`, data: dbf },
    { name: `${stem}.prj`, data: new TextEncoder().encode(NAD83) },
    { name: `${stem}.cpg`, data: new TextEncoder().encode("UTF-8") },
  ]),
);

// ---------------------------------------------------------------------------------------------
// The bodies: 20,000 county subdivisions tiling the country (84 vertices) and 12,000 places
// (60–260 vertices, every tenth with an island), as in overlaps.bench.ts's national section.

const features: string[] = [];
jitteredGrid({ extent: US, columns: 200, rows: 100, sideVertices: 20, seed: 2 }).forEach((geometry, index) => {
  features.push(JSON.stringify({ type: "Feature", properties: { NAME: `Subdivision ${index + 1}`, KIND: "town_meeting" }, geometry }));
});
const random = createRandom(3);
for (let index = 0; index < 12_000; index++) {
  const center: [number, number] = [US[0] + random() * (US[2] - US[0]), US[1] + random() * (US[3] - US[1])];
  const radius = 0.005 * Math.exp(random() * 3);
  const shell = smoothRing(random, center, radius, 60 + Math.floor(random() * 200));
  const geometry =
    index % 10 === 0
      ? { type: "MultiPolygon", coordinates: [[shell], [smoothRing(random, [center[0] + 2.2 * radius, center[1]], radius / 4, 40)]] }
      : { type: "Polygon", coordinates: [shell] };
  features.push(JSON.stringify({ type: "Feature", properties: { NAME: `Place ${index + 1}`, KIND: "city_council" }, geometry }));
}
const bodyFile = path.join(folder, "bodies.geojson");
fs.writeFileSync(bodyFile, `{"type":"FeatureCollection","features":[\n${features.join(",\n")}\n]}`);
const bodyCount = features.length;
features.length = 0;
const generateMs = performance.now() - generateStarted;

// ---------------------------------------------------------------------------------------------
// The commands

interface Run {
  ms: number;
  /** Peak resident set of the command's process, in MiB (null without /usr/bin/time). */
  peakMiB: number | null;
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(argv: string[]): Run {
  const command = [path.join(root, "server/groundswell.mjs"), ...argv];
  const marker = "GROUNDSWELL_BENCH_PEAK_KB=";
  const started = performance.now();
  const result = hasTime
    ? spawnSync("/usr/bin/time", ["-f", `${marker}%M`, process.execPath, ...command], { cwd: root, env, encoding: "utf8", maxBuffer: 64 * 2 ** 20 })
    : spawnSync(process.execPath, command, { cwd: root, env, encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  const ms = performance.now() - started;
  const peak = new RegExp(`${marker}(\\d+)`).exec(result.stderr);
  const stderr = result.stderr.replace(new RegExp(`(Command exited with non-zero status \\d+\\n)?${marker}\\d+\\n?`), "");
  return { ms, peakMiB: peak ? Number(peak[1]) / 1024 : null, status: result.status, stdout: result.stdout, stderr };
}

function must(label: string, argv: string[]): Run {
  const result = run(argv);
  if (result.status !== 0) throw new Error(`${label} failed (${result.status}): ${result.stderr.trim().split("\n").at(-1)}`);
  return result;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const memory = (result: Run) => (result.peakMiB === null ? "peak RSS not measured (no /usr/bin/time)" : `peak RSS ${result.peakMiB.toFixed(0)} MiB`);
const line = (label: string, result: Run, note = "") => console.log(`  ${label.padEnd(52)} ${seconds(result.ms).padStart(8)}   ${memory(result)}${note ? `   ${note}` : ""}`);
const lastLine = (text: string) => text.trim().split("\n").filter(Boolean).at(-1) ?? "";

await buildServer();
const megabytes = (file: string) => `${(fs.statSync(file).size / 1e6).toFixed(0)} MB`;
console.log(
  `national bench: node ${process.version}, ${os.cpus().length} cores, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
console.log(
  `  generated in ${seconds(generateMs)}: ${stem}.zip ${megabytes(districtFile)} (${rows.length.toLocaleString("en-US")} districts, ` +
    `${vertices.toLocaleString("en-US")} vertices, .shp ${(shp.length / 1e6).toFixed(0)} MB); bodies.geojson ${megabytes(bodyFile)} (${bodyCount.toLocaleString("en-US")} bodies)`,
);
const help = [run(["--help"]), run(["--help"])].sort((a, b) => a.ms - b.ms)[0]!;
line("peer: groundswell --help", help);
const bodies = must("import bodies", ["import", bodyFile, "--as", "bodies", "--kind-field", "KIND", "--no-overlaps"]);
line("import bodies.geojson --as bodies --no-overlaps", bodies, lastLine(bodies.stdout).slice(0, 60));
const districtArgs = ["import", districtFile, "--as", "districts", "--chamber", "state_lower", "--vintage", "2024"];
const oldCap = run([...districtArgs, "--max-vertices", "5000000"]);
line("import districts with the old cap (5,000,000)", oldCap, oldCap.status === 0 ? "IMPORTED" : `refused: ${lastLine(oldCap.stderr).slice(0, 70)}…`);
const districts = run(districtArgs);
line("import districts, default limits (+ overlaps)", districts, districts.status === 0 ? "" : `FAILED: ${lastLine(districts.stderr)}`);
if (districts.status === 0) {
  console.log(
    `    ${districts.stdout
      .trim()
      .split("\n")
      .filter((text) => /overlap|Imported/i.test(text))
      .join("\n    ")}`,
  );
  const overlapRuns = [must("overlaps", ["overlaps"]), must("overlaps", ["overlaps"])];
  for (const [index, result] of overlapRuns.entries()) line(`groundswell overlaps, run ${index + 1}`, result, lastLine(result.stdout));
  const best = Math.min(...overlapRuns.map((result) => result.ms));
  console.log(
    `  overlaps as a command: best ${seconds(best)} (target < 30 s); work after start-up ${seconds(best - help.ms)}; ` +
      `load now ${os.loadavg()[0]!.toFixed(1)} (times scale with it on a shared machine)`,
  );
}
const peaks = [bodies, districts].map((result) => result.peakMiB ?? 0);
console.log(`  largest peak RSS of an import: ${Math.max(...peaks).toFixed(0)} MiB (target < 2048 MiB)`);
if (process.env.BENCH_NATIONAL_KEEP) console.log(`  kept ${folder}`);
else fs.rmSync(folder, { recursive: true, force: true });
