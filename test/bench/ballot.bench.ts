/**
 * Importing a whole state's precinct-level ballot question results (about 2,200 rows, the
 * election-statistics export with its BOM, thousands separators and Totals row) and rolling them
 * up, as the user runs it: `groundswell import … --as ballot-results`, process start to exit,
 * beside its peer in the same run, `groundswell --help` (the CLI's start-up alone), so "work after
 * start-up" is the difference. The in-process import service alone is a sub-figure. The state is
 * synthetic (351 square towns, one House district over all of them, counts from a seeded PRNG),
 * so the file is generated here at bench time; each run replaces the question's results.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildServer } from "../../server/build.mjs";
import { connect } from "../../server/db/connect";
import { parseImportRequest, type BallotResultsImportRequest } from "../../shared/model/import-request";
import { commandLineActor } from "../../server/domain/actor";
import { importBallotResultRows } from "../../server/domain/import-service";
import { importBodies, importDistricts } from "../../server/domain/imports";
import { recomputeOverlaps } from "../../server/domain/overlaps";
import { createCampaign } from "../../server/domain/campaigns";
import { parseBallotCsv } from "../../server/io/ballot-csv";
import { formatMs, percentile, seeded } from "./bench-helpers";

const REPEATS = 7;
const TOWNS = 351;
const root = path.resolve(import.meta.dirname, "../..");
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-bench-ballot-"));
const databaseFile = path.join(folder, "ballot.db");
const { DATABASE_URL: _url, GROUNDSWELL_DB: _file, ...inherited } = process.env;
const env = { ...inherited, GROUNDSWELL_DB: databaseFile };

const square = (west: number, south: number, size: number): GeoJSON.Polygon => ({
  type: "Polygon",
  coordinates: [
    [
      [west, south],
      [west + size, south],
      [west + size, south + size],
      [west, south + size],
      [west, south],
    ],
  ],
});
const townName = (index: number) => `Town ${String(index + 1).padStart(3, "0")}`;

// The synthetic state: 351 towns in a 27 × 13 grid, one House district over all of them.
const connection = await connect({ engine: "sqlite", file: databaseFile });
await connection.db.transaction().execute(async (trx) => {
  const features = Array.from({ length: TOWNS }, (_, index) => ({
    properties: { NAME: townName(index), GEOID: String(9900000000 + index) },
    geometry: square(-73 + (index % 27) * 0.1, 42 + Math.floor(index / 27) * 0.1, 0.1),
  }));
  await importBodies(trx, { features, fields: ["NAME", "GEOID"] }, { kind: "town_meeting", state: "MA" });
  await importDistricts(
    trx,
    { features: [{ properties: { DISTRICT: "1st Synthetic" }, geometry: square(-73.05, 41.95, 2.8) }], fields: ["DISTRICT"] },
    { chamber: "state_lower", state: "MA", vintage: "2022" },
  );
  await recomputeOverlaps(trx);
  await createCampaign(trx, { name: "Bench ballot" });
});

// About 2,200 precinct rows: each town has 2 to 10 precincts.
const random = seeded(2018);
const thousands = (value: number) => value.toLocaleString("en-US");
const quoted = (value: number) => (value >= 1000 ? `"${thousands(value)}"` : String(value));
const lines = ["\uFEFFCity/Town,Ward,Pct,Yes,No,Blanks,Total Votes Cast"];
const totals = { yes: 0, no: 0, blanks: 0, total: 0 };
let rows = 0;
for (let town = 0; town < TOWNS; town++) {
  const precincts = 2 + Math.floor(random() * 9);
  for (let precinct = 1; precinct <= precincts; precinct++) {
    const yes = 300 + Math.floor(random() * 1500);
    const no = 100 + Math.floor(random() * 900);
    const blanks = Math.floor(random() * 120);
    const total = yes + no + blanks;
    Object.assign(totals, { yes: totals.yes + yes, no: totals.no + no, blanks: totals.blanks + blanks, total: totals.total + total });
    lines.push(`${townName(town)},-,${precinct},${quoted(yes)},${quoted(no)},${blanks},${quoted(total)}`);
    rows++;
  }
}
lines.push(`Totals,,,${quoted(totals.yes)},${quoted(totals.no)},${quoted(totals.blanks)},${quoted(totals.total)}`);
const file = path.join(folder, "ma-2018-q5-precincts.csv");
fs.writeFileSync(file, `${lines.join("\r\n")}\r\n`);
// The peer: the same command on a file with only its header, refused after opening the database.
const headerOnly = path.join(folder, "header-only.csv");
fs.writeFileSync(headerOnly, `${lines[0]}\r\n`);

const importArgs = (question: string, source = file) => [
  path.join(root, "server/groundswell.mjs"),
  "import",
  source,
  "--as",
  "ballot-results",
  "--campaign",
  "Bench ballot",
  "--question",
  question,
  "--district",
  "1st Synthetic",
  "--chamber",
  "state_lower",
  "--state",
  "MA",
];
function timeOnce(argv: string[]): { ms: number; status: number | null; stderr: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, argv, { cwd: root, env, encoding: "utf8" });
  return { ms: performance.now() - started, status: result.status, stderr: result.stderr };
}

await buildServer();
const first = timeOnce(importArgs("2018 Q5"));
if (first.status !== 0) throw new Error(`the import failed: ${first.stderr}`);

const samples = { import: [] as number[], help: [] as number[], empty: [] as number[], service: [] as number[] };
for (let round = 0; round < REPEATS; round++) {
  samples.help.push(timeOnce([path.join(root, "server/groundswell.mjs"), "--help"]).ms);
  samples.empty.push(timeOnce(importArgs("2018 Q5", headerOnly)).ms);
  samples.import.push(timeOnce(importArgs("2018 Q5")).ms);
}
// Sub-figure: the import service alone (read rows, match towns, replace results, roll up), in process.
const records = parseBallotCsv(fs.readFileSync(file, "utf8"));
const parsed = parseImportRequest({ as: "ballot-results", campaign: "Bench ballot", question: "2018 Q5", district: "1st Synthetic", chamber: "state_lower", state: "MA" });
if (!parsed.ok) throw new Error(parsed.problem.template);
for (let round = 0; round < REPEATS; round++) {
  const started = performance.now();
  const summary = await importBallotResultRows({ db: connection.db, actor: commandLineActor }, parsed.request as BallotResultsImportRequest, records, {
    fileName: "ma-2018-q5-precincts.csv",
  });
  samples.service.push(performance.now() - started);
  if (summary.districts[0]?.yes !== totals.yes) throw new Error("the roll-up does not match the file's Totals");
}
await connection.close();

const cell = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${formatMs(sorted[0]!)} / ${formatMs(percentile(sorted, 0.5))}`;
};
const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
console.log(`Ballot results: ${rows} precinct rows of ${TOWNS} towns (${(fs.statSync(file).size / 1024).toFixed(0)} KB), one district; ${REPEATS} interleaved runs, min / median:`);
console.log(`  groundswell import --as ballot-results   ${cell(samples.import)}   (whole command, process start to exit; replaces the results each run)`);
console.log(`  peer: the same import, header-only file   ${cell(samples.empty)}   (start-up, database open, refusal)`);
console.log(`  peer: groundswell --help                 ${cell(samples.help)}   (start-up alone)`);
console.log(`  work after start-up (median difference)  ${formatMs(median(samples.import) - median(samples.empty))}   (target: well under 1 s)`);
console.log(`  import service alone, in process         ${cell(samples.service)}   (read rows, match towns, replace results, roll up)`);
fs.rmSync(folder, { recursive: true, force: true });
