import path from "node:path";
import type { Config } from "../config";
import { connect } from "../db/connect";
import { commandLineActor } from "../domain/actor";
import { importBoundaryLayer, planBoundaryImport } from "../domain/boundary-import";
import { recomputeOverlaps } from "../domain/overlaps";
import { InputError } from "../errors";
import { readBoundaryFile } from "../io/boundary-file";
import { describeBoundaryImport, describeOverlaps } from "./import-summary";
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
  const parentId = options.parent === undefined ? undefined : Number(options.parent);
  const plan = planBoundaryImport({ ...options, parentId });
  if (parentId !== undefined && !(Number.isInteger(parentId) && parentId > 0)) throw new InputError(`--parent must be a body id (got "${options.parent}")`);
  const minShare = parseMinShare(options.minShare);

  const reading = createProgress(`Reading ${path.basename(file)}`);
  const layer = await readBoundaryFile(file, { layer: options.layer, crs: options.crs, onProgress: reading.update }).finally(reading.done);

  const connection = await connect(config.database);
  try {
    const overlapping = createProgress("Computing overlaps");
    const result = await connection.db
      .transaction()
      .execute((trx) =>
        importBoundaryLayer(trx, layer, plan, commandLineActor, {
          overlaps: options.overlaps !== false,
          minShare,
          onOverlapProgress: (done, total) => overlapping.update(done / total),
        }),
      );
    overlapping.done();

    const lines = describeBoundaryImport({
      title: `Imported ${path.basename(file)}`,
      file: layer,
      result,
      what: options.as === "bodies" ? "bodies" : "districts",
    });
    if (result.overlaps) lines.push(describeOverlaps(result.overlaps));
    out(`${lines.join("\n")}\n`);
  } finally {
    await connection.close();
  }
}

/** `groundswell overlaps [--min-share 0.015]`. */
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
