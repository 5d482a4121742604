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
 *    `groundswell_overlaps_bench`, which it drops again).
 * 2. A synthetic national-scale input from a seeded PRNG: 7,080 districts of 244 vertices
 *    tiling the contiguous US, against 20,000 tiled "county subdivisions" (84 vertices) and
 *    12,000 smooth "places" (60–260 vertices). Single thread, then split in two with
 *    planOverlapWork over node:worker_threads (two cores).
 *
 * Options: --quick skips the slow naive and polyclip-ts runs; --no-national skips section 2.
 */
import os from "node:os";
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { area as turfArea, feature, featureCollection, intersect } from "@turf/turf";
import pg from "pg";
import { geometryBBox } from "../../shared/geo/bbox";
import { buildBBoxIndex } from "../../shared/geo/bbox-index";
import { computeOverlapsReport, computePreparedOverlaps, DEFAULT_MIN_SHARE, isOverlapKept, planOverlapWork, prepareOverlapInputs } from "../../shared/geo/overlaps";
import type { Overlap, OverlapInput, OverlapOptions, OverlapStats, PreparedOverlapInput } from "../../shared/geo/overlaps";
import { createRandom, jitteredGrid, smoothRing } from "../fixtures/geo/synthetic";

/**
 * Geometries packed into flat arrays on SharedArrayBuffers: posting them to a worker shares the
 * memory instead of copying millions of nested arrays (structured clone of the GeoJSON itself
 * cost more than the whole computation).
 */
interface PackedGeometries {
  ids: Float64Array;
  /** Item i has polygons itemPolygonStart[i] … itemPolygonStart[i+1]-1; likewise for rings and vertices. */
  itemPolygonStart: Uint32Array;
  polygonRingStart: Uint32Array;
  ringVertexStart: Uint32Array;
  /** x, y interleaved. */
  coordinates: Float64Array;
}

function shared<T extends Float64Array | Uint32Array>(Type: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, values: ArrayLike<number>): T {
  const array = new Type(new SharedArrayBuffer(values.length * Type.BYTES_PER_ELEMENT));
  array.set(values);
  return array;
}

function packGeometries(items: OverlapInput[]): PackedGeometries {
  const ids: number[] = [];
  const itemPolygonStart: number[] = [0];
  const polygonRingStart: number[] = [0];
  const ringVertexStart: number[] = [0];
  const coordinates: number[] = [];
  for (const item of items) {
    ids.push(item.id);
    const polygons = item.geometry.type === "Polygon" ? [item.geometry.coordinates] : item.geometry.coordinates;
    for (const polygon of polygons) {
      for (const ring of polygon) {
        for (const position of ring) coordinates.push(position[0]!, position[1]!);
        ringVertexStart.push(coordinates.length / 2);
      }
      polygonRingStart.push(ringVertexStart.length - 1);
    }
    itemPolygonStart.push(polygonRingStart.length - 1);
  }
  return {
    ids: shared(Float64Array, ids),
    itemPolygonStart: shared(Uint32Array, itemPolygonStart),
    polygonRingStart: shared(Uint32Array, polygonRingStart),
    ringVertexStart: shared(Uint32Array, ringVertexStart),
    coordinates: shared(Float64Array, coordinates),
  };
}

function unpackGeometries(packed: PackedGeometries, positions: Uint32Array): OverlapInput[] {
  const { ids, itemPolygonStart, polygonRingStart, ringVertexStart, coordinates } = packed;
  return Array.from(positions, (i) => {
    const polygons: GeoJSON.Position[][][] = [];
    for (let p = itemPolygonStart[i]!; p < itemPolygonStart[i + 1]!; p++) {
      const rings: GeoJSON.Position[][] = [];
      for (let r = polygonRingStart[p]!; r < polygonRingStart[p + 1]!; r++) {
        const ring: GeoJSON.Position[] = [];
        for (let v = ringVertexStart[r]!; v < ringVertexStart[r + 1]!; v++) ring.push([coordinates[2 * v]!, coordinates[2 * v + 1]!]);
        rings.push(ring);
      }
      polygons.push(rings);
    }
    return { id: ids[i]!, geometry: { type: "MultiPolygon", coordinates: polygons } };
  });
}

interface WorkerJob {
  bodies: PackedGeometries;
  districts: PackedGeometries;
  bodyPositions: Uint32Array;
  districtPositions: Uint32Array;
  options: OverlapOptions;
}

interface WorkerResult {
  overlaps: Overlap[];
  unpackMs: number;
  prepareMs: number;
  computeMs: number;
}

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
  await postgis(towns, districts, engineAreas, areaOf, full.min);
}

async function postgis(
  towns: OverlapInput[],
  districts: OverlapInput[],
  engineAreas: Map<string, number>,
  areaOf: (key: string) => [number, number],
  engineMs: number,
): Promise<void> {
  const url = process.env.BENCH_POSTGIS_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const database = "groundswell_overlaps_bench";
  let admin: pg.Client | null = null;
  let client: pg.Client | null = null;
  try {
    admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    await admin.connect();
    const available = await admin.query("select 1 from pg_available_extensions where name = 'postgis'");
    if (available.rowCount === 0) throw new Error("the postgis extension is not installed (Debian: apt-get install postgresql-15-postgis-3)");
    await admin.query(`drop database if exists ${database}`);
    await admin.query(`create database ${database}`);
    const target = new URL(url);
    target.pathname = `/${database}`;
    client = new pg.Client({ connectionString: target.toString() });
    await client.connect();
    await client.query("create extension postgis");
    const version = (await client.query("select postgis_full_version() as v")).rows[0].v as string;
    await client.query("create table town (id int primary key, geom geometry(MultiPolygon, 4326))");
    await client.query("create table district (id int primary key, geom geometry(MultiPolygon, 4326))");
    for (const [table, items] of [
      ["town", towns],
      ["district", districts],
    ] as const) {
      for (const item of items) {
        await client.query(`insert into ${table} values ($1, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)))`, [item.id, JSON.stringify(item.geometry)]);
      }
    }
    const invalid = (await client.query("select count(*)::int as n from (select geom from town union all select geom from district) g where not ST_IsValid(geom)")).rows[0]
      .n as number;
    await client.query("update town set geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3)) where not ST_IsValid(geom)");
    await client.query("update district set geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3)) where not ST_IsValid(geom)");
    await client.query("create index on town using gist (geom)");
    await client.query("create index on district using gist (geom)");
    await client.query("analyze town");
    await client.query("analyze district");
    console.log(`  PostGIS: ${version.split(" ").slice(0, 2).join(" ")}; ${invalid} invalid geometries made valid before timing`);
    const query = `select t.id as body, d.id as district, ST_Area(ST_Intersection(t.geom, d.geom)::geography) as area
                   from town t join district d on t.geom && d.geom`;
    const times: number[] = [];
    let rows: { body: number; district: number; area: number }[] = [];
    for (let run = 0; run < 4; run++) {
      const started = performance.now();
      rows = (await client.query(query)).rows;
      if (run > 0) times.push(performance.now() - started);
    }
    const min = Math.min(...times);
    const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
    console.log(
      `  ${"PostGIS: ST_Area(ST_Intersection(t, d)::geography) on the && pairs".padEnd(58)} min ${formatMs(min)}, mean ${formatMs(mean)} (${times.length} runs after 1 warm-up; ${rows.length} pairs)`,
    );
    // PostGIS measures on the WGS84 spheroid, turf on a sphere: compare shares, which mostly cancel that.
    const sphereToSpheroid = (await client.query("select sum(ST_Area(geom::geography)) / sum(ST_Area(geom::geography, false)) as r from town")).rows[0].r as number;
    const postgisAreas = new Map(rows.filter((row) => row.area > 0).map((row) => [`${row.body}:${row.district}`, row.area / sphereToSpheroid]));
    compareAreas("engine vs PostGIS (areas rescaled sphere ↔ spheroid)", postgisAreas, engineAreas, areaOf);
    console.log(`  engine (prepare + overlaps) vs PostGIS query: ${(min / engineMs).toFixed(1)}× faster`);
  } catch (error) {
    console.log(`  PostGIS: not measured (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    await client?.end().catch(() => undefined);
    if (admin) {
      await admin.query(`drop database if exists ${database}`).catch(() => undefined);
      await admin.end().catch(() => undefined);
    }
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

/** A fixed amount of pure CPU work (no allocation): calibrates how many cores are really free. */
function spin(iterations: number): number {
  let sum = 0;
  for (let i = 0; i < iterations; i++) sum += Math.sin(i) * Math.cos(i / 3);
  return sum;
}

/** A worker thread running this file; jobs go in by message, one at a time. */
function startWorker(): { run: <T = WorkerResult>(job: WorkerJob | { spin: number }) => Promise<T>; stop: () => Promise<number> } {
  // Workers do not inherit tsx's loader hooks: register them first, then load this file.
  const api = import.meta.resolve("tsx/esm/api");
  const code = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); });`;
  const worker = new Worker(code, { eval: true });
  return {
    run: <T>(job: WorkerJob | { spin: number }) =>
      new Promise<T>((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
        worker.postMessage(job);
      }),
    stop: () => worker.terminate(),
  };
}

async function national(): Promise<void> {
  console.log("\n## Synthetic national scale (seeded)");
  const generated = once("generate input", nationalInput);
  const { bodies, districts } = generated.result;
  const vertices = (items: OverlapInput[]) => items.reduce((sum, item) => sum + vertexCount(item.geometry), 0);
  console.log(`  ${bodies.length} bodies (${vertices(bodies)} vertices) × ${districts.length} districts (${vertices(districts)} vertices)`);

  const single: { prepare: number; compute: number; rows: Overlap[]; stats?: OverlapStats }[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const preparedDistricts = prepareOverlapInputs(districts);
    const preparedBodies: PreparedOverlapInput[] = prepareOverlapInputs(bodies);
    const prepared = performance.now();
    const report = computePreparedOverlaps(preparedBodies, preparedDistricts);
    single.push({ prepare: prepared - started, compute: performance.now() - prepared, rows: report.overlaps, stats: report.stats });
    console.log(
      `  single thread, run ${run + 1}: prepare ${formatMs(prepared - started)} + overlaps ${formatMs(performance.now() - prepared)} = ${formatMs(performance.now() - started)}`,
    );
  }
  console.log(`    ${statsLine(single[0]!.stats!)}`);
  console.log(`    resident memory after: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  const bestSingle = Math.min(...single.map((run) => run.prepare + run.compute));

  const cores = Math.max(2, Math.min(os.availableParallelism?.() ?? os.cpus().length, 4));
  const packStarted = performance.now();
  const packedBodies = packGeometries(bodies);
  const packedDistricts = packGeometries(districts);
  console.log(`  pack the input into shared arrays (once; a server would read rows into them): ${formatMs(performance.now() - packStarted)}`);
  const reference = new Map(single[0]!.rows.map((row) => [pairKey(row), row.intersectionArea]));
  // A pool of warm workers, as a server would keep: the first run pays for starting them and for
  // compiling the engine in each; later runs show the steady state.
  const workers = Array.from({ length: cores }, startWorker);
  // How much parallel CPU does the machine give right now (other jobs share it)? The same spin
  // on one thread, then on every worker at once.
  const iterations = 30_000_000;
  await Promise.all(workers.map((worker) => worker.run<number>({ spin: 1_000_000 })));
  let spinStarted = performance.now();
  spin(iterations);
  const alone = performance.now() - spinStarted;
  spinStarted = performance.now();
  await Promise.all(workers.map((worker) => worker.run<number>({ spin: iterations })));
  const together = performance.now() - spinStarted;
  console.log(
    `  parallel CPU available now: ${((cores * alone) / together).toFixed(2)} of ${cores} cores ` +
      `(a fixed spin takes ${formatMs(alone)} alone, ${formatMs(together)} for ${cores} at once; load ${os.loadavg()[0]!.toFixed(1)})`,
  );
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const bodyBoxes = bodies.map((body) => geometryBBox(body.geometry));
    const districtBoxes = districts.map((district) => geometryBBox(district.geometry));
    const plan = planOverlapWork(bodyBoxes, districtBoxes, cores, {
      body: (i) => vertexCount(bodies[i]!.geometry),
      district: (i) => vertexCount(districts[i]!.geometry),
    });
    const planned = performance.now();
    const results = await Promise.all(
      plan.map((part, i) =>
        workers[i]!.run({
          bodies: packedBodies,
          districts: packedDistricts,
          bodyPositions: Uint32Array.from(part.bodies),
          districtPositions: Uint32Array.from(part.districts),
          options: {},
        }),
      ),
    );
    const wall = performance.now() - started;
    const rows = results.flatMap((result) => result.overlaps);
    const same = rows.length === reference.size && rows.every((row) => reference.get(pairKey(row)) === row.intersectionArea);
    console.log(
      `  ${cores} worker threads, run ${run + 1}${run === 0 ? " (cold workers)" : ""}: wall ${formatMs(wall)}, speed-up ${(bestSingle / wall).toFixed(2)}× over the best single-thread run; ` +
        `${same ? "identical rows" : "ROWS DIFFER from the single thread"}`,
    );
    console.log(
      `    plan ${formatMs(planned - started)}; per worker unpack + prepare + overlaps: ` +
        `${results.map((result) => `${formatMs(result.unpackMs)} + ${formatMs(result.prepareMs)} + ${formatMs(result.computeMs)}`).join("; ")}; ` +
        `bodies/districts per part: ${plan.map((part) => `${part.bodies.length}/${part.districts.length}`).join(", ")}`,
    );
  }
  await Promise.all(workers.map((worker) => worker.stop()));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  console.log(
    `overlaps bench: node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  await rhodeIsland(args.includes("--quick"));
  if (!args.includes("--no-national")) await national();
}

if (!isMainThread) {
  // Worker: for each job, unpack its part from the shared arrays, prepare, compute, send the rows back.
  parentPort!.on("message", (job: WorkerJob | { spin: number }) => {
    if ("spin" in job) {
      parentPort!.postMessage(spin(job.spin));
      return;
    }
    const started = performance.now();
    const bodies = unpackGeometries(job.bodies, job.bodyPositions);
    const districts = unpackGeometries(job.districts, job.districtPositions);
    const unpacked = performance.now();
    const preparedDistricts = prepareOverlapInputs(districts);
    const preparedBodies = prepareOverlapInputs(bodies);
    const prepared = performance.now();
    const report = computePreparedOverlaps(preparedBodies, preparedDistricts, job.options);
    const result: WorkerResult = {
      overlaps: report.overlaps,
      unpackMs: unpacked - started,
      prepareMs: prepared - unpacked,
      computeMs: performance.now() - prepared,
    };
    parentPort!.postMessage(result);
  });
} else {
  await main();
}
