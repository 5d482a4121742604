import type { ImportFeature, ImportSummary } from "../../shared/model/boundary";
import type { z } from "zod";
import {
  parseImportRequest,
  type bodiesImportSchema,
  type BoundaryImportRequest as BoundaryRequest,
  type districtsImportSchema,
  type ImportRequest,
} from "../../shared/model/import-request";
import type { Db } from "../db/connect";
import { FieldError, ForbiddenError } from "../errors";
import { canAdminister } from "../../shared/model/account";
import type { Actor } from "./actor";
import { importBodies, importDistricts, type ImportBodiesOptions, type ImportDistrictsOptions } from "./imports";
import { seatSittingLegislators, type SeatingSummary } from "./legislators";
import { recomputeOverlaps, type RecomputeSummary } from "./overlaps";

/** What a caller may hand `planBoundaryImport`: a bodies or districts request before parsing. */
export type BoundaryImportRequest = z.input<typeof bodiesImportSchema> | z.input<typeof districtsImportSchema>;

/** A checked request: bodies of one kind, or one chamber's district plan. */
export type BoundaryImportPlan = ({ as: "bodies" } & ImportBodiesOptions) | ({ as: "districts" } & ImportDistrictsOptions);

/**
 * Check a bodies or districts request through the one import request schema; a refusal is a
 * FieldError the door words for its medium. The kind defaults to city councils.
 */
export function planBoundaryImport(request: Record<string, unknown>): BoundaryImportPlan & BoundaryRequest {
  const request_ = parseRequestOrThrow(request);
  if (request_.as !== "bodies" && request_.as !== "districts") throw new FieldError("as", `{field} must be bodies or districts (got "${request_.as}")`);
  return request_;
}

/** Parse an import request, or throw the first problem as a FieldError. */
export function parseRequestOrThrow(input: Record<string, unknown>): ImportRequest {
  const parsed = parseImportRequest(input);
  if (!parsed.ok) throw new FieldError(parsed.problem.field, parsed.problem.template);
  return parsed.request;
}

/** Imports rewrite the map for everyone: admins only (the command line acts as one). */
export function assertCanImport(actor: Actor): void {
  if (!canAdminister(actor.role)) throw new ForbiddenError("Only admins can import files");
}

/** A layer as the boundary reader hands it over, with the reader's own repairs and skips. */
export interface BoundaryLayer {
  /** `sourceIndexes` (0-based positions in the file) let skips be numbered as in the file. */
  features: ReadonlyArray<ImportFeature & { sourceIndexes?: readonly number[] }>;
  fields: readonly string[];
  repairs?: ReadonlyArray<{ index: number; what: string }>;
  skipped?: ReadonlyArray<{ index: number; reason: string }>;
  /**
   * Called once the features are stored, before the overlaps read every shape back: the door
   * frees the file's geometry there (a national layer's is most of a GB).
   */
  release?: (() => void) | undefined;
}

/** The audit entry of a boundary import (one per layer; `setup` logs its layers together). */
export function describeBoundaryImport(plan: BoundaryImportPlan, result: BoundaryImportResult) {
  const { summary, skipped } = result;
  return {
    subjectId: null,
    summary: `Imported ${plan.as}: ${summary.created} new, ${summary.updated} updated, ${skipped.length} skipped`,
    after: { plan, created: summary.created, updated: summary.updated, skipped: skipped.length },
  };
}

export interface BoundaryImportResult {
  summary: ImportSummary & { vintage?: string; current?: boolean };
  /** The reader's repairs (the importer repairs nothing itself). */
  repairs: Array<{ index: number; what: string }>;
  /** Features left out by the reader, then by the importer; indexes are positions in the file. */
  skipped: Array<{ index: number; reason: string }>;
  overlaps: RecomputeSummary | null;
  /** Districts: the chamber's sitting legislators seated in the current plan (null when none sit in it). */
  legislators: SeatingSummary | null;
}

/**
 * Import a boundary layer as bodies or districts, then recompute every overlap. Run it in ONE
 * transaction opened by the door (the CLI, the upload handler): a failure leaves the database as
 * it was, and readers never see bodies without their overlaps.
 */
export async function importBoundaryLayer(
  db: Db,
  layer: BoundaryLayer,
  plan: BoundaryImportPlan,
  actor: Actor,
  { overlaps = true, minShare, onOverlapProgress }: { overlaps?: boolean; minShare?: number | undefined; onOverlapProgress?: (done: number, total: number) => void } = {},
): Promise<BoundaryImportResult> {
  assertCanImport(actor);
  let legislators: SeatingSummary | null = null;
  let summary: BoundaryImportResult["summary"];
  if (plan.as === "bodies") summary = await importBodies(db, layer, plan);
  else {
    const districts = await importDistricts(db, layer, plan);
    // Legislators imported before this plan (or seated in the plan it replaces) move to its districts.
    if (districts.state) legislators = await seatSittingLegislators(db, { state: districts.state, chamber: plan.chamber });
    summary = districts;
  }
  // The importer counts the features it was handed; the reader may have left some out before.
  const inFile = (index: number) => layer.features[index]?.sourceIndexes?.[0] ?? index;
  const skipped = [...(layer.skipped ?? []), ...summary.skipped.map((skip) => ({ ...skip, index: inFile(skip.index) }))];
  const repairs = [...(layer.repairs ?? [])];
  layer.release?.();
  const overlapSummary = overlaps ? await recomputeOverlaps(db, { minShare, onProgress: onOverlapProgress }) : null;
  return { summary, repairs, skipped, overlaps: overlapSummary, legislators };
}
