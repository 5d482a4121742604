import path from "node:path";
import { BODY_KINDS, type BodyKind } from "../../shared/model/body";
import { CHAMBERS, type Chamber } from "../../shared/model/district";
import type { Config } from "../config";
import { connect } from "../db/connect";
import { importBodies, importDistricts } from "../domain/imports";
import { recomputeOverlaps } from "../domain/overlaps";
import { InputError } from "../errors";
import { readBoundaryFile } from "../io/boundary-file";
import { createProgress } from "./progress";

export interface ImportCommandOptions {
  as: string;
  kind?: string;
  chamber?: string;
  state?: string;
  nameField?: string;
  idField?: string;
  vintage?: string;
  parent?: string;
  layer?: string;
  crs?: string;
  minShare?: string;
  overlaps?: boolean;
}

const SPREADSHEET_KINDS = ["resolutions", "members", "legislators", "hubs"];

function parseMinShare(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const share = Number(value);
  if (!Number.isFinite(share) || share < 0 || share >= 1) throw new InputError(`--min-share must be a number from 0 to below 1 (got "${value}")`);
  return share;
}

/**
 * `groundswell import <file> --as bodies|districts`: read the file (any error is one line), then
 * import and recompute overlaps in ONE transaction, so a failure leaves the database as it was.
 */
export async function importCommand(config: Config, file: string, options: ImportCommandOptions, out: (text: string) => void) {
  if (SPREADSHEET_KINDS.includes(options.as)) {
    throw new InputError(`importing ${options.as} from a spreadsheet is not available yet; --as bodies and --as districts are`);
  }
  if (options.as !== "bodies" && options.as !== "districts") {
    throw new InputError(`--as must be bodies or districts (got "${options.as}")`);
  }
  const kind = (options.kind ?? "city_council") as BodyKind;
  if (options.as === "bodies" && !BODY_KINDS.includes(kind)) {
    throw new InputError(`--kind "${options.kind}" is not a body kind; use one of ${BODY_KINDS.join(", ")}`);
  }
  if (options.as === "districts" && !options.chamber) {
    throw new InputError(`--chamber is required for districts: ${CHAMBERS.join(", ")}`);
  }
  if (options.as === "districts" && !CHAMBERS.includes(options.chamber as Chamber)) {
    throw new InputError(`--chamber "${options.chamber}" is not a chamber; use one of ${CHAMBERS.join(", ")}`);
  }
  const parentId = options.parent === undefined ? undefined : Number(options.parent);
  if (parentId !== undefined && !(Number.isInteger(parentId) && parentId > 0)) throw new InputError(`--parent must be a body id (got "${options.parent}")`);
  const minShare = parseMinShare(options.minShare);

  const reading = createProgress(`Reading ${path.basename(file)}`);
  const layer = await readBoundaryFile(file, { layer: options.layer, crs: options.crs, onProgress: reading.update }).finally(reading.done);

  const connection = await connect(config.database);
  try {
    const overlapping = createProgress("Computing overlaps");
    const { summary, overlaps } = await connection.db.transaction().execute(async (trx) => {
      const summary =
        options.as === "bodies"
          ? await importBodies(trx, layer, { kind, state: options.state, nameField: options.nameField, idField: options.idField, parentId })
          : await importDistricts(trx, layer, {
              chamber: options.chamber as Chamber,
              state: options.state,
              nameField: options.nameField,
              idField: options.idField,
              vintage: options.vintage,
            });
      const overlaps =
        options.overlaps === false ? null : await recomputeOverlaps(trx, { minShare, onProgress: (done, total) => overlapping.update(done / total) });
      return { summary, overlaps };
    });
    overlapping.done();

    const what = options.as === "bodies" ? "bodies" : "districts";
    const plan = "vintage" in summary ? (summary as unknown as { vintage: string; current: boolean }) : null;
    const lines = [
      `Imported ${path.basename(file)} (${layer.format}, ${layer.sourceCrs}${layer.sourceCrs.includes("4326") || /wgs ?84|crs84/i.test(layer.sourceCrs) ? "" : " → WGS84"}):`,
      `  ${summary.read} features read → ${summary.created} ${what} created, ${summary.updated} updated` +
        (summary.merged ? `, ${summary.merged} parts merged into multi-part shapes` : ""),
      `  name from "${summary.nameField}"${summary.idField ? `, id from "${summary.idField}"` : ", matched by name (no id field)"}` +
        (plan ? `; vintage ${plan.vintage}${plan.current ? " (current)" : " (older than the current plan)"}` : ""),
    ];
    if (layer.repairs.length) lines.push(`  repaired ${layer.repairs.length}: ${summarize(layer.repairs.map((repair) => `#${repair.index + 1} ${repair.what}`))}`);
    const skipped = [...layer.skipped, ...summary.skipped];
    if (skipped.length) lines.push(`  skipped ${skipped.length}: ${summarize(skipped.map((skip) => `#${skip.index + 1} ${skip.reason}`))}`);
    if (overlaps) {
      lines.push(
        `Overlaps: ${overlaps.overlaps} body × district pairs from ${overlaps.bodies} bodies and ${overlaps.districts} current districts in ${(overlaps.milliseconds / 1000).toFixed(2)} s` +
          (overlaps.problems.length ? ` (${overlaps.problems.length} geometry problems: ${summarize(overlaps.problems.map((problem) => problem.message))})` : ""),
      );
    }
    out(`${lines.join("\n")}\n`);
  } finally {
    await connection.close();
  }
}

function summarize(items: string[], limit = 5): string {
  return items.length <= limit ? items.join("; ") : `${items.slice(0, limit).join("; ")}; and ${items.length - limit} more`;
}

/** `groundswell overlaps [--min-share 0.01]`. */
export async function overlapsCommand(config: Config, options: { minShare?: string }, out: (text: string) => void) {
  const minShare = parseMinShare(options.minShare);
  const connection = await connect(config.database);
  try {
    const progress = createProgress("Computing overlaps");
    const result = await connection.db
      .transaction()
      .execute((trx) => recomputeOverlaps(trx, { minShare, onProgress: (done, total) => progress.update(done / total) }));
    progress.done();
    out(
      `${result.overlaps} body × district overlaps from ${result.bodies} bodies and ${result.districts} current districts in ${(result.milliseconds / 1000).toFixed(2)} s.\n`,
    );
  } finally {
    await connection.close();
  }
}
