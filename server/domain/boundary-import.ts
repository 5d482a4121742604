import type { ImportFeature, ImportSummary } from "../../shared/model/boundary";
import { BODY_KINDS, parseBodyKind } from "../../shared/model/body";
import { CHAMBERS, parseChamber } from "../../shared/model/district";
import type { Db } from "../db/connect";
import { ForbiddenError, InputError } from "../errors";
import { canAdminister } from "../../shared/model/account";
import type { Actor } from "./actor";
import { recordAudit } from "./audit";
import { importBodies, importDistricts, type ImportBodiesOptions, type ImportDistrictsOptions } from "./imports";
import { seatSittingLegislators, type SeatingSummary } from "./legislators";
import { recomputeOverlaps, type RecomputeSummary } from "./overlaps";

/** What a door (the CLI, the upload API) asks for, as typed by a person: nothing checked yet. */
export interface BoundaryImportRequest {
  as: string;
  kind?: string | undefined;
  chamber?: string | undefined;
  state?: string | undefined;
  nameField?: string | undefined;
  idField?: string | undefined;
  vintage?: string | undefined;
  /** Bodies: the body they belong to, by id or by name (narrowed by `state`). */
  parent?: string | undefined;
  populationField?: string | undefined;
  /** Bodies: who published the boundaries (credited on press maps); the doors default it to the file's name. */
  source?: string | undefined;
}

/** A checked request: bodies of one kind, or one chamber's district plan. */
export type BoundaryImportPlan = ({ as: "bodies" } & ImportBodiesOptions) | ({ as: "districts" } & ImportDistrictsOptions);

const SPREADSHEET_KINDS = ["resolutions", "members", "legislators", "hubs"];

/**
 * Check an import request before any file is read, with one-line messages in the CLI's words
 * (the option names are the same in the app's form). The kind defaults to city councils.
 */
export function planBoundaryImport(request: BoundaryImportRequest): BoundaryImportPlan {
  if (SPREADSHEET_KINDS.includes(request.as)) {
    throw new InputError(`importing ${request.as} from a spreadsheet is not available yet; --as bodies and --as districts are`);
  }
  if (request.as !== "bodies" && request.as !== "districts") {
    throw new InputError(`--as must be bodies or districts (got "${request.as}")`);
  }
  const common = { state: request.state, nameField: request.nameField, idField: request.idField };
  if (request.as === "bodies") {
    const kind = request.kind === undefined ? "city_council" : parseBodyKind(request.kind);
    if (!kind) throw new InputError(`--kind "${request.kind}" is not a body kind; use one of ${BODY_KINDS.join(", ")}`);
    const source = request.source?.replace(/\s+/g, " ").trim();
    if (source !== undefined && (source === "" || source.length > 200)) throw new InputError("--source must be 1 to 200 characters, e.g. \"RIGIS municipal boundaries\"");
    const parent = request.parent?.trim();
    if (parent === "") throw new InputError("--parent needs a body's id or name");
    return { as: "bodies", kind, parent, populationField: request.populationField, source, ...common };
  }
  if (!request.chamber) throw new InputError(`--chamber is required for districts: ${CHAMBERS.join(", ")}`);
  const chamber = parseChamber(request.chamber);
  if (!chamber) throw new InputError(`--chamber "${request.chamber}" is not a chamber; use one of ${CHAMBERS.join(", ")}`);
  return { as: "districts", chamber, vintage: request.vintage, ...common };
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
  const overlapSummary = overlaps ? await recomputeOverlaps(db, { minShare, onProgress: onOverlapProgress }) : null;
  // The importer counts the features it was handed; the reader may have left some out before.
  const inFile = (index: number) => layer.features[index]?.sourceIndexes?.[0] ?? index;
  const skipped = [...(layer.skipped ?? []), ...summary.skipped.map((skip) => ({ ...skip, index: inFile(skip.index) }))];
  await recordAudit(db, actor, {
    action: `import ${plan.as}`,
    subjectKind: plan.as === "bodies" ? "body" : "district",
    subjectId: null,
    summary: `Imported ${plan.as}: ${summary.created} new, ${summary.updated} updated, ${skipped.length} skipped`,
    after: { plan, created: summary.created, updated: summary.updated, skipped: skipped.length },
  });
  return { summary, repairs: [...(layer.repairs ?? [])], skipped, overlaps: overlapSummary, legislators };
}
