import type { BBox } from "../../shared/model/body";
import { computePreparedOverlaps, DEFAULT_MIN_SHARE, prepareOverlapInput, type OverlapGeometry, type OverlapProblem, type OverlapReport } from "../../shared/geo/overlaps";
import { GeometryPacker, type PackedGeometries } from "../../shared/geo/packed-geometry";
import type { Db } from "../db/connect";
import { findBodyShapes, findBodyShapesByIds, findBodyShapesInBox } from "../db/repositories/body-repository";
import { findCurrentDistrictGeometries, findCurrentDistrictShapesByIds, findCurrentDistrictShapesInBox } from "../db/repositories/district-repository";
import { deleteOverlapsOfRetiredDistricts, findOverlapRowsTouching, replaceOverlaps, writeOverlapChanges, type OverlapRow } from "../db/repositories/overlap-repository";
import { InputError } from "../errors";
import { computePackedOverlaps, overlapThreadsFor, sharedAllocate, startOverlapWorkers, type OverlapThreads } from "./overlap-workers";

export interface RecomputeSummary {
  /** Bodies and current districts the computation read. */
  bodies: number;
  districts: number;
  /** Kept body × district pairs computed (every pair, or the changed ones' with `scope`). */
  overlaps: number;
  problems: OverlapProblem[];
  milliseconds: number;
  /** Threads that computed (1: the main thread). */
  threads: number;
  /** With `scope`: how the stored rows changed; rows of pairs left out were not touched. */
  changes?: { bodies: number; districts: number; inserted: number; updated: number; deleted: number; unchanged: number };
}

export interface RecomputeOptions {
  minShare?: number | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Worker threads (GROUNDSWELL_OVERLAP_THREADS): "auto" by the work's size and the cores; 1 is the main thread. */
  threads?: OverlapThreads | undefined;
  /**
   * Recompute only the pairs of these bodies and districts (an import's changed ones), leaving
   * every other stored row as it is; rows whose values come out the same are not rewritten.
   * Without it, every pair is recomputed and the table replaced.
   */
  scope?: { bodyIds?: readonly number[]; districtIds?: readonly number[] } | undefined;
  /** Tests: another worker script. */
  workerUrl?: URL | undefined;
}

/**
 * Recompute body × current-district overlaps and store them: every pair (replacing the table),
 * or with `scope` only the pairs of the given bodies and districts. Run inside a transaction so
 * readers never see a half-written table, and a failure (a worker thread's too) writes nothing.
 */
export async function recomputeOverlaps(db: Db, options: RecomputeOptions = {}, now = new Date()): Promise<RecomputeSummary> {
  const { minShare = DEFAULT_MIN_SHARE, scope } = options;
  if (!(minShare >= 0 && minShare < 1)) throw new InputError(`--min-share must be at least 0 and below 1 (got ${minShare})`);
  const started = performance.now();
  const computedAt = now.toISOString();
  const toRow = (overlap: OverlapReport["overlaps"][number]): OverlapRow => ({
    bodyId: overlap.bodyId,
    districtId: overlap.districtId,
    intersectionAreaM2: overlap.intersectionArea,
    shareOfBody: overlap.shareOfBody,
    shareOfDistrict: overlap.shareOfDistrict,
    computedAt,
  });
  if (scope) return recomputeChanged(db, { ...options, minShare }, scope, toRow, started);
  const { report, threads } = await computeShapes(await findBodyShapes(db), await findCurrentDistrictGeometries(db), { ...options, minShare });
  await replaceOverlaps(db, report.overlaps.map(toRow));
  return {
    bodies: report.stats.bodies,
    districts: report.stats.districts,
    overlaps: report.overlaps.length,
    problems: report.problems,
    milliseconds: performance.now() - started,
    threads,
  };
}

/**
 * The incremental recompute: pairs of the changed bodies with the current districts near them,
 * and of the changed districts with the other bodies near them; then only the differences are
 * written (new pairs inserted, gone pairs deleted, changed values updated). Overlaps of districts
 * a newer vintage retired are dropped.
 */
async function recomputeChanged(
  db: Db,
  options: RecomputeOptions & { minShare: number },
  scope: NonNullable<RecomputeOptions["scope"]>,
  toRow: (overlap: OverlapReport["overlaps"][number]) => OverlapRow,
  started: number,
): Promise<RecomputeSummary> {
  const deletedRetired = await deleteOverlapsOfRetiredDistricts(db);
  const changedBodies = await findBodyShapesByIds(db, [...new Set(scope.bodyIds ?? [])]);
  const changedDistricts = await findCurrentDistrictShapesByIds(db, [...new Set(scope.districtIds ?? [])]);
  const bodyIds = new Set(changedBodies.map((row) => row.id));
  const districtIds = new Set(changedDistricts.map((row) => row.id));
  const bodyBox = unionBox(changedBodies);
  const districtBox = unionBox(changedDistricts);
  // Changed bodies × every current district near them; other bodies near the changed districts × those districts.
  // (Copies of the changed districts' rows: parsing empties a row's text, and they are read again below.)
  const nearDistricts = bodyBox
    ? [
        ...changedDistricts.filter((row) => boxesMeet(row, bodyBox)).map(({ id, geometry }) => ({ id, geometry })),
        ...(await findCurrentDistrictShapesInBox(db, bodyBox, districtIds)),
      ]
    : [];
  nearDistricts.sort((a, b) => a.id - b.id);
  const nearBodies = districtBox ? await findBodyShapesInBox(db, districtBox, bodyIds) : [];
  const bodyWork = changedBodies.length ? estimateVertices(changedBodies) + estimateVertices(nearDistricts) : 0;
  const districtWork = changedDistricts.length ? estimateVertices(nearBodies) + estimateVertices(changedDistricts) : 0;
  const total = changedBodies.length + nearBodies.length;
  const reports: OverlapReport[] = [];
  let threads = 1;
  if (bodyWork > 0) {
    const result = await computeShapes(changedBodies, nearDistricts, {
      ...options,
      onProgress: (done) => options.onProgress?.(done, total),
      workVertices: bodyWork + districtWork,
    });
    reports.push(result.report);
    threads = Math.max(threads, result.threads);
  }
  if (districtWork > 0) {
    const result = await computeShapes(nearBodies, changedDistricts, {
      ...options,
      onProgress: (done) => options.onProgress?.(changedBodies.length + done, total),
      workVertices: bodyWork + districtWork,
    });
    reports.push(result.report);
    threads = Math.max(threads, result.threads);
  }
  const computed = new Map(reports.flatMap((report) => report.overlaps.map((overlap) => [`${overlap.bodyId}:${overlap.districtId}`, toRow(overlap)] as const)));
  const stored = await findOverlapRowsTouching(db, { bodyIds: [...bodyIds], districtIds: [...districtIds] });
  const storedKeys = new Set<`${number}:${number}`>();
  const updates: OverlapRow[] = [];
  const deletes: OverlapRow[] = [];
  let unchanged = 0;
  for (const row of stored) {
    const key = `${row.bodyId}:${row.districtId}` as const;
    storedKeys.add(key);
    const fresh = computed.get(key);
    if (!fresh) deletes.push(row);
    else if (fresh.intersectionAreaM2 === row.intersectionAreaM2 && fresh.shareOfBody === row.shareOfBody && fresh.shareOfDistrict === row.shareOfDistrict) unchanged++;
    else updates.push(fresh);
  }
  const inserts = [...computed].filter(([key]) => !storedKeys.has(key)).map(([, row]) => row);
  await writeOverlapChanges(db, { inserts, updates, deletes });
  const problems = reports.flatMap((report) => report.problems);
  return {
    bodies: changedBodies.length + nearBodies.length,
    districts: new Set([...nearDistricts, ...changedDistricts].map((row) => row.id)).size,
    overlaps: computed.size,
    problems,
    milliseconds: performance.now() - started,
    threads,
    changes: { bodies: bodyIds.size, districts: districtIds.size, inserted: inserts.length, updated: updates.length, deleted: deletes.length + deletedRetired, unchanged },
  };
}

type ShapeRow = { id: number; geometry: string };
type BoxRow = { minLon: number; minLat: number; maxLon: number; maxLat: number };

function unionBox(rows: readonly BoxRow[]): BBox | null {
  if (rows.length === 0) return null;
  return [
    Math.min(...rows.map((row) => row.minLon)),
    Math.min(...rows.map((row) => row.minLat)),
    Math.max(...rows.map((row) => row.maxLon)),
    Math.max(...rows.map((row) => row.maxLat)),
  ];
}

function boxesMeet(row: BoxRow, [west, south, east, north]: BBox): boolean {
  return row.maxLon >= west && row.minLon <= east && row.maxLat >= south && row.minLat <= north;
}

/** GeoJSON text holds about 20 characters a vertex ("[-71.41234,41.82345],"): enough to size the work before parsing it. */
const CHARACTERS_PER_VERTEX = 20;

function estimateVertices(rows: readonly ShapeRow[]): number {
  return rows.reduce((sum, row) => sum + row.geometry.length, 0) / CHARACTERS_PER_VERTEX;
}

const isPolygonal = (geometry: GeoJSON.Geometry): geometry is OverlapGeometry => geometry.type === "Polygon" || geometry.type === "MultiPolygon";

/**
 * The overlaps of body rows × district rows, on the main thread or on worker threads (by the
 * work's size unless `threads` says). Each row's JSON is dropped once parsed: a national layer's
 * JSON (hundreds of MB) is freed as its arrays are built instead of living beside them; with
 * workers, each parsed geometry goes straight into the packed arrays.
 */
async function computeShapes(
  bodyRows: ShapeRow[],
  districtRows: ShapeRow[],
  options: RecomputeOptions & { minShare: number; workVertices?: number },
): Promise<{ report: OverlapReport; threads: number }> {
  const threads = overlapThreadsFor(options.workVertices ?? estimateVertices(bodyRows) + estimateVertices(districtRows), options.threads);
  const engineOptions = { minShare: options.minShare, onProgress: options.onProgress };
  if (threads === 1) {
    // Each shape prepared as it is parsed: its GeoJSON arrays go before the next is built.
    const prepare = (rows: ShapeRow[]) =>
      rows.flatMap((row) => {
        const geometry = JSON.parse(row.geometry) as GeoJSON.Geometry;
        row.geometry = "";
        return isPolygonal(geometry) ? [prepareOverlapInput({ id: row.id, geometry })] : [];
      });
    return { report: computePreparedOverlaps(prepare(bodyRows), prepare(districtRows), engineOptions), threads };
  }
  const pack = (rows: ShapeRow[]) => {
    const packer = new GeometryPacker();
    for (const row of rows) {
      const geometry = JSON.parse(row.geometry) as GeoJSON.Geometry;
      row.geometry = "";
      if (isPolygonal(geometry)) packer.add(row.id, geometry);
    }
    return packer.finish(sharedAllocate);
  };
  // The workers start now and load the engine while this thread parses and packs the shapes.
  const pool = startOverlapWorkers(threads - 1, options.workerUrl);
  let packed: [PackedGeometries, PackedGeometries];
  try {
    packed = [pack(bodyRows), pack(districtRows)];
  } catch (error) {
    await pool.close();
    throw error;
  }
  return computePackedOverlaps(...packed, { ...engineOptions, threads, pool, workerUrl: options.workerUrl });
}
