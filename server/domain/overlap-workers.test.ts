import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { computeOverlapsReport, type OverlapInput } from "../../shared/geo/overlaps";
import { packGeometries } from "../../shared/geo/packed-geometry";
import { createRandom, jitteredGrid, smoothRing } from "../../test/fixtures/geo/synthetic";
import { hasSharedFixtures, sharedFixture } from "../../test/helpers/shared-fixtures";
import { GroundswellError } from "../errors";
import { computePackedOverlaps, overlapThreadsFor, sharedAllocate, VERTICES_PER_THREAD } from "./overlap-workers";

/**
 * The overlap engine on worker threads gives the single-thread report row for row: same pairs,
 * same order, same areas to the bit, same problems and counters. On Rhode Island's real towns
 * and 2022 plans when ../shared/fixtures is present, and always on a seeded generated map.
 */

const SEED = 1616;

/** Tiled "towns" and smooth "places" (every fifth with an island) over 6° × 3°, against a 9 × 5 tiling of districts. */
function generatedMap(seed: number): { bodies: OverlapInput[]; districts: OverlapInput[] } {
  const extent: [number, number, number, number] = [-80, 38, -74, 41];
  const districts = jitteredGrid({ extent, columns: 9, rows: 5, sideVertices: 20, seed }).map((geometry, i) => ({ id: 1000 + i, geometry }));
  const towns: OverlapInput[] = jitteredGrid({ extent, columns: 24, rows: 12, sideVertices: 6, seed: seed + 1 }).map((geometry, i) => ({ id: i + 1, geometry }));
  const random = createRandom(seed + 2);
  const places: OverlapInput[] = Array.from({ length: 120 }, (_, i) => {
    const center: [number, number] = [extent[0] + random() * 6, extent[1] + random() * 3];
    const radius = 0.02 + random() * 0.2;
    const shell = smoothRing(random, center, radius, 30 + Math.floor(random() * 50));
    return {
      id: 500 + i,
      geometry:
        i % 5 === 0
          ? { type: "MultiPolygon", coordinates: [[shell], [smoothRing(random, [center[0] + 2.2 * radius, center[1]], radius / 4, 12)]] }
          : { type: "Polygon", coordinates: [shell] },
    };
  });
  return { bodies: [...towns, ...places], districts };
}

function riMap(): { bodies: OverlapInput[]; districts: OverlapInput[] } {
  const read = (file: string) => JSON.parse(fs.readFileSync(sharedFixture(`ri/${file}`), "utf8")) as GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon>;
  const parts = new Map<string, GeoJSON.Position[][][]>();
  for (const f of read("ri_municipalities_rigis.geojson").features) {
    const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    parts.set(f.properties!.NAME as string, [...(parts.get(f.properties!.NAME as string) ?? []), ...polygons]);
  }
  const bodies: OverlapInput[] = [...parts.values()].map((coordinates, i) => ({ id: i + 1, geometry: { type: "MultiPolygon", coordinates } }));
  const districts = (
    [
      ["ri_house_districts_2022.geojson", 1000],
      ["ri_senate_districts_2022.geojson", 2000],
      ["ri_congressional_districts_2022.geojson", 3000],
    ] as const
  ).flatMap(([file, base]) => read(file).features.map((f) => ({ id: base + Number(f.properties!.DISTRICT), geometry: f.geometry })));
  return { bodies, districts };
}

async function expectSameOnThreads({ bodies, districts }: { bodies: OverlapInput[]; districts: OverlapInput[] }, threads: number, minShare?: number) {
  const single = computeOverlapsReport(bodies, districts, { minShare });
  const progress: number[] = [];
  const { report: threaded, threads: used } = await computePackedOverlaps(packGeometries(bodies, sharedAllocate), packGeometries(districts, sharedAllocate), {
    threads,
    minShare,
    onProgress: (done) => progress.push(done),
  });
  expect(single.overlaps.length).toBeGreaterThan(0);
  expect(threaded.overlaps).toEqual(single.overlaps);
  expect(threaded.problems).toEqual(single.problems);
  expect(threaded.stats).toEqual(single.stats);
  expect(progress.at(-1)).toBe(bodies.length);
  expect(used).toBe(threads);
}

describe("overlaps on worker threads", () => {
  it(`equal the single thread's, row for row, on a generated map (seed ${SEED}), on 2 and 3 threads, with and without the sliver rule`, async () => {
    console.log(`overlap-workers.test: generated map seed ${SEED}`);
    const map = generatedMap(SEED);
    await expectSameOnThreads(map, 2);
    await expectSameOnThreads(map, 3, 0);
  });

  it.skipIf(!hasSharedFixtures)("equal the single thread's, row for row, on Rhode Island's 39 towns × 115 districts of 2022", async () => {
    await expectSameOnThreads(riMap(), 2);
  });

  it("fail as one clear error when a worker fails", async () => {
    const { bodies, districts } = generatedMap(SEED);
    const failing = computePackedOverlaps(packGeometries(bodies, sharedAllocate), packGeometries(districts, sharedAllocate), {
      threads: 2,
      workerUrl: new URL("../../test/fixtures/workers/failing-overlap-worker.mjs", import.meta.url),
    });
    await expect(failing).rejects.toThrow(GroundswellError);
    await expect(failing).rejects.toThrow(/^computing overlaps failed in worker thread 1 of 1: out of coffee; nothing was written/);
  });
});

describe("overlapThreadsFor", () => {
  it("keeps small jobs on the main thread and gives big ones up to the cores", () => {
    expect(overlapThreadsFor(VERTICES_PER_THREAD - 1, "auto", 2, 0)).toBe(1);
    expect(overlapThreadsFor(2 * VERTICES_PER_THREAD, "auto", 2, 0)).toBe(2);
    expect(overlapThreadsFor(50 * VERTICES_PER_THREAD, "auto", 2, 1)).toBe(2);
    expect(overlapThreadsFor(50 * VERTICES_PER_THREAD, "auto", 1, 0)).toBe(1);
  });
  it("gives a big job only the cores other work leaves free", () => {
    expect(overlapThreadsFor(50 * VERTICES_PER_THREAD, "auto", 2, 2.4)).toBe(1);
    expect(overlapThreadsFor(50 * VERTICES_PER_THREAD, "auto", 2, 9)).toBe(1);
    expect(overlapThreadsFor(50 * VERTICES_PER_THREAD, "auto", 4, 2)).toBe(3);
  });
  it("takes a requested number as it is", () => {
    expect(overlapThreadsFor(10, 3, 2)).toBe(3);
    expect(overlapThreadsFor(10 ** 9, 1, 8, 0)).toBe(1);
    expect(overlapThreadsFor(10, 2, 2, 9)).toBe(2);
  });
});
