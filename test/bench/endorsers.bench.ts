/**
 * Endorsers as leverage (issue 17) on real Rhode Island: its towns (RIGIS), its 75 House, 38
 * Senate and 2 congressional districts and its Open States legislators from ../shared/fixtures,
 * with 200 real-looking endorsers across the state (seeded PRNG: names, categories, steps, 60 % by
 * coordinates inside a town's box, the rest at their town's centre, three in four listed). Timed
 * as the user runs it: `groundswell import … --as endorsers --dry-run`, process start to exit,
 * beside `groundswell --help`; then, against `groundswell serve`, every House district page
 * (`district.get`) and the targets view (`legislator.targets`), before and after the import, so
 * the difference is what the endorsers cost (on a shared machine, noise can exceed it); and in
 * process, the leverage of every district at once. `KEEP_BENCH_DB=1` keeps the database.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildServer } from "../../server/build.mjs";
import { connect } from "../../server/db/connect";
import { getCampaign } from "../../server/domain/campaigns";
import { findDistrictLeverage } from "../../server/domain/endorser-leverage";
import { ENDORSER_CATEGORIES } from "../../shared/model/endorser";
import { hasSharedFixtures, sharedFixture } from "../helpers/shared-fixtures";
import { formatMs, percentile, seeded, startServe } from "./bench-helpers";

if (!hasSharedFixtures) {
  console.log("endorsers.bench needs ../shared/fixtures (Rhode Island): skipped");
  process.exit(0);
}

const REPEATS = 5;
const ENDORSERS = 200;
const root = path.resolve(import.meta.dirname, "../..");
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-bench-endorsers-"));
const databaseFile = path.join(folder, "endorsers.db");
const { DATABASE_URL: _url, GROUNDSWELL_DB: _file, ...inherited } = process.env;
const env = { ...inherited, GROUNDSWELL_DB: databaseFile };
const cli = path.join(root, "server/groundswell.mjs");

function timeOnce(args: string[]): { ms: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, env, encoding: "utf8" });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`groundswell ${args.join(" ")} failed: ${result.stderr}`);
  return { ms, stdout: result.stdout };
}

await buildServer();
timeOnce(["import", sharedFixture("ri/ri_municipalities_rigis.geojson"), "--as", "bodies", "--kind", "town_meeting", "--state", "RI"]);
for (const [chamber, file] of [
  ["state_lower", "ri/ri_house_districts_2022.geojson"],
  ["state_upper", "ri/ri_senate_districts_2022.geojson"],
  ["congressional", "ri/ri_congressional_districts_2022.geojson"],
] as const) {
  timeOnce(["import", sharedFixture(file), "--as", "districts", "--chamber", chamber, "--state", "RI", "--vintage", "2022"]);
}
timeOnce(["import", sharedFixture("ri/legislators"), "--as", "legislators", "--state", "RI"]);
timeOnce(["campaign", "add", "Bench endorsers", "--state", "RI"]);

// 200 endorsers across the state's towns.
const connection = await connect({ engine: "sqlite", file: databaseFile });
const towns = await connection.db.selectFrom("body").select(["id", "name", "minLon", "minLat", "maxLon", "maxLat"]).where("state", "=", "RI").orderBy("id").execute();
const campaignId = (await connection.db.selectFrom("campaign").select("id").where("name", "=", "Bench endorsers").executeTakeFirstOrThrow()).id;
const houseDistricts = await connection.db.selectFrom("district").select(["id", "name"]).where("chamber", "=", "state_lower").where("isCurrent", "=", 1).orderBy("id").execute();
await connection.close();
const random = seeded(17);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const STEPS = ["identified", "asked", "asked", "considering", "endorsed", "endorsed", "endorsed", "active_partner", "declined"];
const WORDS = ["Harbor", "Valley", "Main Street", "Riverside", "Bay", "Elm", "Union", "Ocean State", "Hilltop", "Mill"];
const KINDS: Record<string, string> = {
  business: "Bakery",
  nonprofit: "Food Pantry",
  union_local: "Local",
  faith_congregation: "Congregation",
  medical_practice: "Family Medicine",
  party_committee: "Town Committee",
  organisation: "Association",
};
const lines = ["name,category,town,state,lat,lon,step,public,private_contact,note"];
for (let index = 0; index < ENDORSERS; index++) {
  const town = pick(towns);
  const category = pick(ENDORSER_CATEGORIES);
  const name = `${pick(WORDS)} ${KINDS[category] ?? category.replace(/_/g, " ")} ${index + 1}`;
  const point =
    random() < 0.6
      ? [Number(town.minLat) + random() * (Number(town.maxLat) - Number(town.minLat)), Number(town.minLon) + random() * (Number(town.maxLon) - Number(town.minLon))]
      : null;
  lines.push(
    [
      name,
      category,
      town.name,
      "RI",
      point ? point[0]!.toFixed(5) : "",
      point ? point[1]!.toFixed(5) : "",
      pick(STEPS),
      random() < 0.75 ? "yes" : "no",
      `cell ${index}`,
      "private note",
    ]
      .map((cell) => (/[,"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell))
      .join(","),
  );
}
const file = path.join(folder, "ri-endorsers.csv");
fs.writeFileSync(file, `${lines.join("\n")}\n`);

/** Every House district page once, then the targets view REPEATS times, over HTTP. */
async function timePages(): Promise<{ districts: number[]; targets: number[]; counts: Map<string, number>; sentences: Array<{ count: number; line: string }> }> {
  const { url, server } = await startServe(databaseFile);
  try {
    const get = async (procedure: string, input: unknown): Promise<{ ms: number; data: unknown }> => {
      const started = performance.now();
      const response = await fetch(`${url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`);
      // The load shedder turned it away (a busy shared machine): wait, then ask again.
      if (response.status === 503) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        return get(procedure, input);
      }
      if (!response.ok) throw new Error(`${procedure}: HTTP ${response.status}: ${await response.text()}`);
      const body = (await response.json()) as { result: { data: unknown } };
      return { ms: performance.now() - started, data: body.result.data };
    };
    const districts: number[] = [];
    const counts = new Map<string, number>();
    const sentences: Array<{ count: number; line: string }> = [];
    for (const district of houseDistricts) {
      const { ms, data } = await get("district.get", { campaignId, districtId: district.id });
      districts.push(ms);
      const endorsers = (data as { endorsers: { count: number; summary: string | null } }).endorsers;
      counts.set(district.name, endorsers.count);
      if (endorsers.summary) sentences.push({ count: endorsers.count, line: `House ${district.name}: ${endorsers.summary}` });
    }
    const targets: number[] = [];
    for (let round = 0; round < REPEATS; round++) targets.push((await get("legislator.targets", { campaignId })).ms);
    return { districts, targets, counts, sentences };
  } finally {
    server.kill();
  }
}

const before = await timePages();
const samples = { dryRun: [] as number[], help: [] as number[] };
let plan = "";
for (let round = 0; round < REPEATS; round++) {
  samples.help.push(timeOnce(["--help"]).ms);
  const run = timeOnce(["import", file, "--as", "endorsers", "--campaign", "Bench endorsers", "--dry-run"]);
  samples.dryRun.push(run.ms);
  plan = run.stdout.split("\n")[0]!;
}
const imported = timeOnce(["import", file, "--as", "endorsers", "--campaign", "Bench endorsers"]);
const after = await timePages();
// Sub-figure: the leverage of every current district (House, Senate, Congress) at once, in process, as the targets view asks for it.
const inProcess = await connect({ engine: "sqlite", file: databaseFile });
const campaign = await getCampaign(inProcess.db, campaignId);
const allDistricts = (await inProcess.db.selectFrom("district").select("id").where("isCurrent", "=", 1).execute()).map((row) => row.id);
const leverage: number[] = [];
for (let round = 0; round < REPEATS; round++) {
  const started = performance.now();
  await findDistrictLeverage(inProcess.db, campaign, allDistricts);
  leverage.push(performance.now() - started);
}
await inProcess.close();

const cell = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${formatMs(sorted[0]!)} / ${formatMs(percentile(sorted, 0.5))} / ${formatMs(sorted.at(-1)!)}`;
};
const counted = [...after.counts.values()];
console.log(
  `Endorsers on real Rhode Island: ${towns.length} town bodies, ${houseDistricts.length} House districts, ${ENDORSERS} endorsers (${(fs.statSync(file).size / 1024).toFixed(0)} KB CSV). min / median / max:`,
);
console.log(`  groundswell import --as endorsers --dry-run   ${cell(samples.dryRun)}   (${REPEATS} runs, whole command)`);
console.log(`  peer: groundswell --help                      ${cell(samples.help)}`);
console.log(`  groundswell import --as endorsers (writes)    ${formatMs(imported.ms)}   ${plan.replace(/^Would import/, "plan:")}`);
console.log(`  district.get, each House district, before     ${cell(before.districts)}   (no endorsers)`);
console.log(`  district.get, each House district, after      ${cell(after.districts)}`);
console.log(`  legislator.targets, before                    ${cell(before.targets)}`);
console.log(`  legislator.targets, after                     ${cell(after.targets)}`);
console.log(`  leverage of all ${allDistricts.length} districts, in process  ${cell(leverage)}   (read endorsers, boxes, overlaps, outlines; point in polygon)`);
console.log(
  `  House districts with an endorser counted: ${counted.filter((count) => count > 0).length} of ${counted.length}; counted per district: max ${Math.max(...counted)}, total ${counted.reduce((sum, count) => sum + count, 0)} (an endorser at a town's centre counts in each district its town overlaps)`,
);
for (const { line } of after.sentences.sort((a, b) => b.count - a.count).slice(0, 3)) console.log(`    ${line}`);
if (process.env.KEEP_BENCH_DB) console.log(`kept ${databaseFile}`);
else fs.rmSync(folder, { recursive: true, force: true });
