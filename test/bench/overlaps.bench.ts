/**
 * Overlap engine benchmark: `npx tsx test/bench/overlaps.bench.ts` (or `npm run bench -- overlaps`).
 * Prints figures, never asserts on them. Sections:
 *
 * 1. Rhode Island, when ../shared/fixtures is present: 39 towns × 115 districts (75 House,
 *    38 Senate, 2 congressional). The engine with all levers, each lever off, the polyclip-ts
 *    engine (pre-clip + shortcuts), the naive loop (turf.intersect on every bounding-box
 *    candidate pair) with a result check against it, and PostGIS on the same candidate pairs
 *    when a server with the postgis extension answers (BENCH_POSTGIS_URL, default
 *    postgres://postgres@127.0.0.1:5432/test; the bench works in its own database
 *    `groundswell_overlaps_bench`, which it drops again; test/bench/postgis-peer.ts). Then one
 *    thread against two worker threads in process, and the whole command `groundswell overlaps`
 *    (compiled; start, read, compute, store) with GROUNDSWELL_OVERLAP_THREADS=1, 2 and auto
 *    beside the PostGIS query of the same run and `groundswell --help`.
 * 2. Worker break-even: generated maps of growing size, one thread against two worker threads
 *    (server/domain/overlap-workers.ts with the compiled worker, start-up included).
 * 3. A synthetic national-scale input from a seeded PRNG: 7,080 districts of 244 vertices
 *    tiling the contiguous US, against 20,000 tiled "county subdivisions" (84 vertices) and
 *    12,000 smooth "places" (60–260 vertices). Single thread, then the worker threads.
 *
 * Options: --quick skips the slow naive and polyclip-ts runs; --no-national skips section 3;
 * --break-even runs section 2 only.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { area as turfArea, feature, featureCollection, intersect } from "@turf/turf";
import { buildServer } from "../../server/build.mjs";
import { computePackedOverlaps, sharedAllocate, startOverlapWorkers } from "../../server/domain/overlap-workers";
import { geometryBBox } from "../../shared/geo/bbox";
import { buildBBoxIndex } from "../../shared/geo/bbox-index";
import { computeOverlapsReport, computePreparedOverlaps, DEFAULT_MIN_SHARE, isOverlapKept, prepareOverlapInputs } from "../../shared/geo/overlaps";
import type { Overlap, OverlapInput, OverlapStats } from "../../shared/geo/overlaps";
import { packGeometries } from "../../shared/geo/packed-geometry";
import { createRandom, jitteredGrid, smoothRing } from "../fixtures/geo/synthetic";
import { measurePostgis } from "./postgis-peer";

const root = path.resolve(import.meta.dirname, "../..");
/** The compiled overlap worker, as `groundswell` starts it (the bench itself runs under tsx). */
const compiledWorker = new URL("../../dist/server/overlap-worker.mjs", import.meta.url);

// ---------------------------------------------------------------------------------------------
// Helpers

function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

/** Runs `fn` `warmup` times unmeasured, then `repeats` times; prints min and mean ± sd. */
function measure<T>(label: string, fn: () => T, { warmup = 1, repeats = 5 } = {}): { result: T; min: number; mean: number } {
  let result = fn();
  for (let i = 1; i < warmup; i++) result = fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    result = fn();
    times.push(performance.now() - started);
  }
  const min = Math.min(...times);
  const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
  const sd = Math.sqrt(times.reduce((sum, t) => sum + (t - mean) ** 2, 0) / times.length);
  const spread = repeats > 1 ? `, mean ${formatMs(mean)} ± ${formatMs(sd)} (${repeats} runs${warmup ? ` after ${warmup} warm-up` : ""})` : "";
  console.log(`  ${label.padEnd(58)} min ${formatMs(min)}${spread}`);
  return { result, min, mean };
}

function once<T>(label: string, fn: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = fn();
  const ms = performance.now() - started;
  console.log(`  ${label.padEnd(58)} ${formatMs(ms)} (one run)`);
  return { result, ms };
}

function statsLine(stats: OverlapStats): string {
  return (
    `${stats.pairs} candidate pairs: ${stats.shortcuts} by the containment shortcut, ${stats.crossingPairs} with crossing boundaries ` +
    `(${stats.crossings} crossings), ${stats.pointTests} point-in-polygon tests, ${stats.positive} with area, ${stats.kept} kept at ${DEFAULT_MIN_SHARE}`
  );
}

function vertexCount(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): number {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.reduce((sum, polygon) => sum + polygon.reduce((count, ring) => count + ring.length, 0), 0);
}

const pairKey = (row: { bodyId: number; districtId: number }) => `${row.bodyId}:${row.districtId}`;

/** Compares two pair → area lists: pairs present in only one (with area above 1 m²), and the largest differences. */
function compareAreas(label: string, reference: Map<string, number>, candidate: Map<string, number>, areaOf: (key: string) => [number, number]): void {
  let maxAbs = 0;
  let maxShare = 0;
  let onlyOne = 0;
  let keptDiffer = 0;
  for (const key of new Set([...reference.keys(), ...candidate.keys()])) {
    const a = reference.get(key) ?? 0;
    const b = candidate.get(key) ?? 0;
    if (a > 1 !== b > 1) onlyOne++;
    const [bodyArea, districtArea] = areaOf(key);
    maxAbs = Math.max(maxAbs, Math.abs(a - b));
    maxShare = Math.max(maxShare, Math.abs(a - b) / bodyArea, Math.abs(a - b) / districtArea);
    if (isOverlapKept(a, bodyArea, districtArea, DEFAULT_MIN_SHARE) !== isOverlapKept(b, bodyArea, districtArea, DEFAULT_MIN_SHARE)) keptDiffer++;
  }
  console.log(
    `  ${label}: largest difference ${maxAbs.toFixed(2)} m² (${maxShare.toExponential(1)} of a share), ` +
      `${onlyOne} pairs with area on one side only, ${keptDiffer} kept/dropped decisions differ`,
  );
}

// ---------------------------------------------------------------------------------------------
// 1. Rhode Island

async function rhodeIsland(quick: boolean): Promise<void> {
  const { hasSharedFixtures, sharedFixture } = await import("../helpers/shared-fixtures");
  const fs = await import("node:fs");
  console.log("\n## RI municipalities × 115 districts (75 House, 38 Senate, 2 congressional)");
  if (!hasSharedFixtures) {
    console.log("  skipped: ../shared/fixtures is not present");
    return;
  }
  const read = (file: string) => JSON.parse(fs.readFileSync(sharedFixture(`ri/${file}`), "utf8")) as GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon>;
  const parts = new Map<string, GeoJSON.Position[][][]>();
  for (const f of read("ri_municipalities_rigis.geojson").features) {
    const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    parts.set(f.properties!.NAME as string, [...(parts.get(f.properties!.NAME as string) ?? []), ...polygons]);
  }
  const towns: OverlapInput[] = [...parts.values()].map((coordinates, i) => ({ id: i + 1, geometry: { type: "MultiPolygon", coordinates } }));
  const districts: OverlapInput[] = [
    ["ri_house_districts_2022.geojson", 1000],
    ["ri_senate_districts_2022.geojson", 2000],
    ["ri_congressional_districts_2022.geojson", 3000],
  ].flatMap(([file, base]) => read(file as string).features.map((f) => ({ id: (base as number) + Number(f.properties!.DISTRICT), geometry: f.geometry })));
  const vertices = (items: OverlapInput[]) => items.reduce((sum, item) => sum + vertexCount(item.geometry), 0);
  const candidates = buildBBoxIndex(districts.map((d) => geometryBBox(d.geometry)));
  const pairs = towns.flatMap((town) => candidates.search(geometryBBox(town.geometry)).map((d) => [town, districts[d]!] as const));
  console.log(
    `  ${towns.length} towns (${vertices(towns)} vertices), ${districts.length} districts (${vertices(districts)} vertices), ${pairs.length} bounding-box candidate pairs`,
  );

  const first = once("engine, cold first call (prepare + overlaps)", () => computeOverlapsReport(towns, districts));
  const full = measure("engine, all levers (prepare + overlaps)", () => computeOverlapsReport(towns, districts));
  console.log(`    ${statsLine(full.result.stats)}`);
  void first;
  const preparedTowns = measure("  of which: prepare the 39 towns", () => prepareOverlapInputs(towns)).result;
  const preparedDistricts = measure("  of which: prepare the 115 districts", () => prepareOverlapInputs(districts)).result;
  const base = measure("  of which: overlaps of prepared inputs", () => computePreparedOverlaps(preparedTowns, preparedDistricts));
  measure("levers: no containment shortcut", () => computePreparedOverlaps(preparedTowns, preparedDistricts, { shortcuts: false }));
  measure("levers: no common-box restriction", () => computePreparedOverlaps(preparedTowns, preparedDistricts, { preClip: false }));
  measure("levers: neither", () => computePreparedOverlaps(preparedTowns, preparedDistricts, { shortcuts: false, preClip: false }));

  const areas = new Map<number, number>();
  for (const item of [...preparedTowns, ...preparedDistricts]) areas.set(item.id, item.prepared.area);
  const areaOf = (key: string): [number, number] => {
    const [body, district] = key.split(":").map(Number) as [number, number];
    return [areas.get(body)!, areas.get(district)!];
  };
  const all = computePreparedOverlaps(preparedTowns, preparedDistricts, { minShare: 0 });
  const engineAreas = new Map(all.overlaps.map((row) => [pairKey(row), row.intersectionArea]));

  if (quick) {
    console.log("  (--quick: naive loop and polyclip-ts engine skipped)");
  } else {
    const clipped = once("polyclip-ts engine: shortcut + pre-clip + polyclip-ts", () =>
      computePreparedOverlaps(preparedTowns, preparedDistricts, { engine: "polyclip", minShare: 0 }),
    );
    const naive = once("naive: turf.intersect + turf.area on every candidate pair", () =>
      pairs.map(([town, district]) => {
        const piece = intersect(featureCollection([feature(town.geometry), feature(district.geometry)]));
        return [pairKey({ bodyId: town.id, districtId: district.id }), piece ? turfArea(piece) : 0] as const;
      }),
    );
    const naiveAreas = new Map(naive.result.filter(([, value]) => value > 0));
    compareAreas("engine vs naive", naiveAreas, engineAreas, areaOf);
    compareAreas("polyclip-ts engine vs naive", naiveAreas, new Map(clipped.result.overlaps.map((row) => [pairKey(row), row.intersectionArea])), areaOf);
    console.log(`  speed-up over naive: ${(naive.ms / base.min).toFixed(0)}× on prepared inputs, ${(naive.ms / full.min).toFixed(0)}× including preparation`);
  }
  const postgisMs = await postgis(towns, districts, engineAreas, areaOf, full.min);
  await threadsInProcess("RI, in process", towns, districts);
  await rhodeIslandCommand(postgisMs);
}

/** PostGIS on the same pairs (postgis-peer.ts); resolves with its best time, or null when it cannot run here. */
async function postgis(
  towns: OverlapInput[],
  districts: OverlapInput[],
  engineAreas: Map<string, number>,
  areaOf: (key: string) => [number, number],
  engineMs: number,
): Promise<number | null> {
  const run = await measurePostgis(towns, districts);
  if ("error" in run) {
    console.log(`  PostGIS: not measured (${run.error})`);
    return null;
  }
  const min = Math.min(...run.times);
  const mean = run.times.reduce((sum, t) => sum + t, 0) / run.times.length;
  console.log(`  PostGIS: ${run.version}; ${run.invalid} invalid geometries made valid before timing`);
  console.log(
    `  ${"PostGIS: ST_Area(ST_Intersection(t, d)::geography) on the && pairs".padEnd(58)} min ${formatMs(min)}, mean ${formatMs(mean)} (${run.times.length} runs after 1 warm-up; ${run.rows.length} pairs)`,
  );
  const postgisAreas = new Map(run.rows.filter((row) => row.area > 0).map((row) => [`${row.body}:${row.district}`, row.area / run.sphereToSpheroid]));
  compareAreas("engine vs PostGIS (areas rescaled sphere ↔ spheroid)", postgisAreas, engineAreas, areaOf);
  console.log(`  engine (prepare + overlaps) vs PostGIS query: ${(min / engineMs).toFixed(1)}× faster`);
  return min;
}

/**
 * One thread against two worker threads in this process, on the compiled worker (start-up, packing
 * and merging included): where the second core starts to pay. Best of three each.
 */
async function threadsInProcess(label: string, bodies: OverlapInput[], districts: OverlapInput[]): Promise<void> {
  const vertices = [...bodies, ...districts].reduce((sum, item) => sum + vertexCount(item.geometry), 0);
  const best = async (fn: () => unknown) => {
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      await fn();
      times.push(performance.now() - started);
    }
    return Math.min(...times);
  };
  const one = await best(() => computeOverlapsReport(bodies, districts));
  const two = await best(() => computePackedOverlaps(packGeometries(bodies, sharedAllocate), packGeometries(districts, sharedAllocate), { threads: 2, workerUrl: compiledWorker }));
  console.log(
    `  ${label} (${(vertices / 1e6).toFixed(2)} M vertices): 1 thread ${formatMs(one)}, 2 worker threads ${formatMs(two)} ` +
      `(pack + start + compute + merge; ${(one / two).toFixed(2)}×; load ${os.loadavg()[0]!.toFixed(1)})`,
  );
}

/** `groundswell …` (compiled) on `env`, timed whole from process start to exit. */
function command(argv: string[], env: NodeJS.ProcessEnv): { ms: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [path.join(root, "server/groundswell.mjs"), ...argv], { cwd: root, env, encoding: "utf8" });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`groundswell ${argv.join(" ")} failed: ${result.stderr.trim()}`);
  return { ms, stdout: result.stdout };
}

/**
 * The whole command a user runs, `groundswell overlaps` (start, read every shape, compute, store),
 * on Rhode Island imported into a temp SQLite database, with GROUNDSWELL_OVERLAP_THREADS=1, 2 and
 * auto, beside PostGIS's query alone (measured above, in the same run) and `--help` (start-up).
 */
async function rhodeIslandCommand(postgisMs: number | null): Promise<void> {
  const { sharedFixture } = await import("../helpers/shared-fixtures");
  console.log("\n## RI as a command: groundswell overlaps (compiled; read, compute, store), best of 3");
  await buildServer();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-bench-ri-"));
  const { DATABASE_URL: _url, ...inherited } = process.env;
  const env = { ...inherited, GROUNDSWELL_DB: path.join(folder, "ri.db"), GROUNDSWELL_DEMO: "0" };
  try {
    const ri = (file: string) => sharedFixture(`ri/${file}`);
    command(["import", ri("ri_municipalities_rigis.geojson"), "--as", "bodies", "--kind", "town_meeting", "--state", "RI", "--name-field", "NAME", "--no-overlaps"], env);
    for (const [file, chamber] of [
      ["ri_house_districts_2022.geojson", "state_lower"],
      ["ri_senate_districts_2022.geojson", "state_upper"],
      ["ri_congressional_districts_2022.geojson", "congressional"],
    ]) {
      command(["import", ri(file!), "--as", "districts", "--chamber", chamber!, "--state", "RI", "--vintage", "2022", "--name-field", "DISTRICT", "--no-overlaps"], env);
    }
    const help = Math.min(...[0, 1].map(() => command(["--help"], env).ms));
    console.log(`  ${"peer: groundswell --help (start-up alone)".padEnd(58)} ${formatMs(help)}`);
    const peer = postgisMs === null ? "PostGIS not measured" : `PostGIS ${formatMs(postgisMs)}`;
    for (const threads of ["1", "2", "auto"]) {
      const runs = [0, 1, 2].map(() => command(["overlaps"], { ...env, GROUNDSWELL_OVERLAP_THREADS: threads }));
      const best = Math.min(...runs.map((run) => run.ms));
      const ratio = postgisMs === null ? "" : `, ${(best / postgisMs).toFixed(2)} × PostGIS (target ≤ 0.5)`;
      console.log(`  ${`groundswell overlaps, GROUNDSWELL_OVERLAP_THREADS=${threads}`.padEnd(58)} ${formatMs(best)}${ratio}; ${peer}; load ${os.loadavg()[0]!.toFixed(1)}`);
      console.log(`    ${runs[0]!.stdout.trim()}`);
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Synthetic national scale

const US: [number, number, number, number] = [-125, 24.5, -66.9, 49.4];

function nationalInput(): { bodies: OverlapInput[]; districts: OverlapInput[] } {
  const districts = jitteredGrid({ extent: US, columns: 118, rows: 60, sideVertices: 60, seed: 1 }).map((geometry, i) => ({ id: i + 1, geometry }));
  const subdivisions: OverlapInput[] = jitteredGrid({ extent: US, columns: 200, rows: 100, sideVertices: 20, seed: 2 }).map((geometry, i) => ({
    id: i + 1,
    geometry,
  }));
  const random = createRandom(3);
  const places: OverlapInput[] = Array.from({ length: 12_000 }, (_, i) => {
    const center: [number, number] = [US[0] + random() * (US[2] - US[0]), US[1] + random() * (US[3] - US[1])];
    const radius = 0.005 * Math.exp(random() * 3); // 0.005° to 0.1°
    const vertices = 60 + Math.floor(random() * 200);
    const shell = smoothRing(random, center, radius, vertices);
    // Every tenth place has an island.
    const geometry: OverlapInput["geometry"] =
      i % 10 === 0
        ? { type: "MultiPolygon", coordinates: [[shell], [smoothRing(random, [center[0] + 2.2 * radius, center[1]], radius / 4, 40)]] }
        : { type: "Polygon", coordinates: [shell] };
    return { id: 100_000 + i, geometry };
  });
  return { bodies: [...subdivisions, ...places], districts };
}

/**
 * Where the second core starts to pay: generated maps of growing size (districts of 60 points a
 * side, bodies tiling 3 × 3 finer), one thread against two worker threads, start-up included.
 */
async function breakEven(): Promise<void> {
  console.log("\n## Worker break-even (compiled worker; start, pack, compute, merge)");
  const startOnly: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const pool = startOverlapWorkers(1, compiledWorker);
    await new Promise((resolve) => pool.workers[0]!.once("online", resolve));
    await pool.close();
    startOnly.push(performance.now() - started);
  }
  console.log(`  one compiled worker started and ended (no work): best ${formatMs(Math.min(...startOnly))}`);
  for (const size of [8, 16, 32, 48, 64]) {
    const extent: [number, number, number, number] = [-80, 38, -80 + size / 4, 38 + size / 8];
    const districts = jitteredGrid({ extent, columns: size, rows: size / 2, sideVertices: 60, seed: 5 }).map((geometry, i) => ({ id: i + 1, geometry }));
    const bodies = jitteredGrid({ extent, columns: 3 * size, rows: (3 * size) / 2, sideVertices: 20, seed: 6 }).map((geometry, i) => ({ id: i + 1, geometry }));
    await threadsInProcess(`${bodies.length} bodies × ${districts.length} districts`, bodies, districts);
  }
}

async function national(): Promise<void> {
  console.log("\n## Synthetic national scale (seeded)");
  const generated = once("generate input", nationalInput);
  const { bodies, districts } = generated.result;
  const vertices = (items: OverlapInput[]) => items.reduce((sum, item) => sum + vertexCount(item.geometry), 0);
  console.log(`  ${bodies.length} bodies (${vertices(bodies)} vertices) × ${districts.length} districts (${vertices(districts)} vertices)`);

  const single: { ms: number; rows: Overlap[]; stats: OverlapStats }[] = [];
  for (let run = 0; run < 2; run++) {
    const started = performance.now();
    const report = computeOverlapsReport(bodies, districts);
    single.push({ ms: performance.now() - started, rows: report.overlaps, stats: report.stats });
    console.log(`  single thread, run ${run + 1}: prepare + overlaps ${formatMs(single.at(-1)!.ms)}`);
  }
  console.log(`    ${statsLine(single[0]!.stats)}`);
  const bestSingle = Math.min(...single.map((run) => run.ms));
  const threads = Math.max(2, Math.min(os.availableParallelism(), 4));
  for (let run = 0; run < 2; run++) {
    const started = performance.now();
    const { report } = await computePackedOverlaps(packGeometries(bodies, sharedAllocate), packGeometries(districts, sharedAllocate), { threads, workerUrl: compiledWorker });
    const wall = performance.now() - started;
    const same = JSON.stringify(report.overlaps) === JSON.stringify(single[0]!.rows);
    console.log(
      `  ${threads} worker threads (server/domain/overlap-workers.ts), run ${run + 1}: pack + start + compute + merge ${formatMs(wall)}, ` +
        `${(bestSingle / wall).toFixed(2)}× the best single-thread run; ${same ? "identical rows" : "ROWS DIFFER from the single thread"}; load ${os.loadavg()[0]!.toFixed(1)}`,
    );
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  console.log(
    `overlaps bench: node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  await buildServer();
  if (args.includes("--break-even")) return breakEven();
  await rhodeIsland(args.includes("--quick"));
  await breakEven();
  if (!args.includes("--no-national")) await national();
}

await main();
