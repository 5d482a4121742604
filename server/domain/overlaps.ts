import { computeOverlapsReport, DEFAULT_MIN_SHARE, type OverlapProblem } from "../../shared/geo/overlaps";
import type { Db } from "../db/connect";
import { findBodyShapes } from "../db/repositories/body-repository";
import { findCurrentDistrictGeometries } from "../db/repositories/district-repository";
import { replaceOverlaps } from "../db/repositories/overlap-repository";
import { InputError } from "../errors";

export interface RecomputeSummary {
  bodies: number;
  districts: number;
  overlaps: number;
  problems: OverlapProblem[];
  milliseconds: number;
}

/**
 * Recompute every body × current-district overlap and store it, replacing the previous result.
 * Run inside a transaction so readers never see a half-written table.
 */
export async function recomputeOverlaps(
  db: Db,
  { minShare = DEFAULT_MIN_SHARE, onProgress }: { minShare?: number; onProgress?: (done: number, total: number) => void } = {},
  now = new Date(),
): Promise<RecomputeSummary> {
  if (!(minShare >= 0 && minShare < 1)) throw new InputError(`--min-share must be at least 0 and below 1 (got ${minShare})`);
  const started = performance.now();
  const polygonal = (geometry: GeoJSON.Geometry): geometry is GeoJSON.Polygon | GeoJSON.MultiPolygon => geometry.type === "Polygon" || geometry.type === "MultiPolygon";
  const bodies = parseGeometries(await findBodyShapes(db)).filter((body): body is { id: number; geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon } => polygonal(body.geometry));
  const districts = parseGeometries(await findCurrentDistrictGeometries(db)) as Array<{ id: number; geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon }>;
  const report = computeOverlapsReport(bodies, districts, { minShare, onProgress });
  const computedAt = now.toISOString();
  await replaceOverlaps(
    db,
    report.overlaps.map((overlap) => ({
      bodyId: overlap.bodyId,
      districtId: overlap.districtId,
      intersectionAreaM2: overlap.intersectionArea,
      shareOfBody: overlap.shareOfBody,
      shareOfDistrict: overlap.shareOfDistrict,
      computedAt,
    })),
  );
  return {
    bodies: bodies.length,
    districts: districts.length,
    overlaps: report.overlaps.length,
    problems: report.problems,
    milliseconds: performance.now() - started,
  };
}

/**
 * Rows' geometry JSON → GeoJSON, dropping each row's text once parsed: a national layer's JSON
 * (hundreds of MB) is freed as its arrays are built instead of living beside them.
 */
function parseGeometries(rows: Array<{ id: number; geometry: string }>): Array<{ id: number; geometry: GeoJSON.Geometry }> {
  return rows.map((row) => {
    const geometry = JSON.parse(row.geometry) as GeoJSON.Geometry;
    row.geometry = "";
    return { id: row.id, geometry };
  });
}
