import path from "node:path";
import { minShareSchema, parseImportRequest, type BoundaryImportRequest, type ImportRequest } from "../../shared/model/import-request";
import { describeRowErrors } from "../../shared/model/spreadsheet-import";
import { districtLabel, type SeatChamber } from "../../shared/model/district";
import type { Config } from "../config";
import { connect } from "../db/connect";
import { HUB_COLUMNS, type HubImportSummary } from "../domain/hub-import";
import {
  importBallotResultRows,
  importBoundaries,
  importCommitteeRoster,
  importCosponsorList,
  importEndorserRows,
  importHubRows,
  importLegislatorRoster,
  importPopulation,
  importSpreadsheetTable,
} from "../domain/import-service";
import type { PopulationImportSummary } from "../domain/population";
import { ENDORSER_COLUMNS, type EndorserImportSummary } from "../../shared/model/endorser";
import { createGeocoder } from "../io/geocoder";
import type { LegislatorImportSummary } from "../domain/legislators";
import { recomputeOverlaps } from "../domain/overlaps";
import { SpreadsheetRowsError } from "../domain/spreadsheet-import";
import type { CosponsorImportSummary } from "../domain/ladder";
import { FieldError, InputError } from "../errors";
import { readBoundaryFile } from "../io/boundary-file";
import { MAX_VERTICES_CEILING } from "../io/boundary-types";
import { readBallotCsv } from "../io/ballot-csv";
import { readColumnCsv } from "../io/column-csv";
import { describeBallotImport } from "./ballot-summary";
import { readNameList } from "../io/name-list";
import { readOpenStates, type OpenStatesRoster } from "../io/open-states";
import { readOpenStatesCommittees, type CommitteeRoster } from "../io/open-states-committees";
import type { CommitteeImportSummary } from "../domain/committees";
import { describeBoundaryImport, describeOverlaps } from "./import-summary";
import { withWriteContext } from "./write-context";
import { collectGarbage } from "./collect-garbage";
import { createProgress } from "./progress";
import { describePlan, readSpreadsheetFile } from "./spreadsheet";

export interface ImportCommandOptions {
  as: string;
  campaign?: string;
  bill?: string;
  dryRun?: boolean;
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
  populationField?: string;
  kindField?: string;
  maxVertices?: string;
  countField?: string;
  place?: string;
  source?: string;
  question?: string;
  text?: string;
  year?: string;
  date?: string;
  district?: string;
  strict?: boolean;
}

/** How the command line names each field of an import request: by its flag. */
export const flagOf = (field: string) => (field === "overlaps" ? "--no-overlaps" : `--${field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`);

/** A refusal of one field, worded with its flag (`--kind "parliament" is not a body kind; …`). */
function inFlags(error: unknown): unknown {
  return error instanceof FieldError ? new InputError(error.phrase(flagOf)) : error;
}

/** The flags, parsed into the one import request every door builds. */
function parseRequest(options: ImportCommandOptions): ImportRequest {
  const parsed = parseImportRequest({ ...options, dryRun: options.dryRun === true ? true : undefined, strict: options.strict === true ? true : undefined });
  if (!parsed.ok) throw new FieldError(parsed.problem.field, parsed.problem.template);
  return parsed.request;
}

/**
 * `groundswell import <file> --as KIND …`: the flags become one import request, the file is read
 * (any error is one line), and the kind's import service writes it in ONE transaction, so a
 * failure leaves the database as it was. Only the wording of the outcome is the CLI's.
 */
export async function importCommand(config: Config, file: string, options: ImportCommandOptions, out: (text: string) => void) {
  try {
    const request = parseRequest(options);
    const fileName = path.basename(file);
    switch (request.as) {
      case "bodies":
      case "districts":
        return await importBoundaryCommand(config, file, request, options, out);
      case "legislators": {
        const roster = await readOpenStates(file, { state: request.state });
        const summary = await withWriteContext(config, (ctx) => importLegislatorRoster(ctx, request, roster, { fileName }));
        return out(`${describeLegislatorImport(fileName, roster, summary, request.dryRun).join("\n")}\n`);
      }
      case "committees": {
        const roster = await readOpenStatesCommittees(file);
        const summary = await withWriteContext(config, (ctx) => importCommitteeRoster(ctx, request, roster.committees, { fileName }));
        return out(`${describeCommitteeImport(fileName, roster, summary, request.dryRun).join("\n")}\n`);
      }
      case "cosponsors": {
        const names = await readNameList(file);
        const summary = await withWriteContext(config, (ctx) => importCosponsorList(ctx, request, names, { fileName }));
        return out(`${describeCosponsorImport(fileName, summary, request.dryRun).join("\n")}\n`);
      }
      case "resolutions":
      case "members": {
        const table = await readSpreadsheetFile(file, request.as);
        const plan = await withWriteContext(config, (ctx) => importSpreadsheetTable(ctx, request, table));
        if (plan.errors.length) throw new SpreadsheetRowsError(describeRowErrors(plan.errors), plan);
        return out(`${describePlan(fileName, plan).join("\n")}\n`);
      }
      case "ballot-results": {
        const records = await readBallotCsv(file);
        const summary = await withWriteContext(config, (ctx) => importBallotResultRows(ctx, request, records, { fileName }));
        return out(`${describeBallotImport(fileName, summary).join("\n")}\n`);
      }
      case "endorsers": {
        const rows = await readColumnCsv(file, ENDORSER_COLUMNS, "endorsers");
        const geocode = config.geocoderUrl ? createGeocoder(config.geocoderUrl) : undefined;
        const summary = await withWriteContext(config, (ctx) => importEndorserRows(ctx, request, rows, { fileName, geocode }));
        return out(`${describeEndorserImport(fileName, summary).join("\n")}\n`);
      }
      case "population": {
        const reading = createProgress(`Reading ${fileName}`);
        const layer = await readBoundaryFile(file, {
          layer: options.layer,
          crs: options.crs,
          onProgress: reading.update,
          points: true,
          limits: vertexLimits(config, options),
        }).finally(reading.done);
        const summary = await withWriteContext(config, (ctx) => importPopulation(ctx, request, layer, { fileName }));
        return out(`${describePopulationImport(summary).join("\n")}\n`);
      }
      case "hubs": {
        const rows = await readColumnCsv(file, HUB_COLUMNS, "hubs");
        const summary = await withWriteContext(config, (ctx) => importHubRows(ctx, request, rows, { fileName }));
        return out(`${describeHubImport(fileName, rows.length, summary).join("\n")}\n`);
      }
    }
  } catch (error) {
    throw inFlags(error);
  }
}

/** The vertex cap per file: `--max-vertices`, else GROUNDSWELL_MAX_VERTICES, else the default. */
export function vertexLimits(config: Config, options: { maxVertices?: string | undefined }): { maxVerticesPerFile: number } {
  if (options.maxVertices === undefined) return { maxVerticesPerFile: config.maxVertices };
  const cap = Number(options.maxVertices.replace(/[,_]/g, ""));
  if (!Number.isInteger(cap) || cap < 1000 || cap > MAX_VERTICES_CEILING) {
    throw new InputError(`--max-vertices "${options.maxVertices}" must be a whole number from 1,000 to ${MAX_VERTICES_CEILING.toLocaleString("en-US")}`);
  }
  return { maxVerticesPerFile: cap };
}

async function importBoundaryCommand(config: Config, file: string, request: BoundaryImportRequest, options: ImportCommandOptions, out: (text: string) => void) {
  const reading = createProgress(`Reading ${path.basename(file)}`);
  const layer = await readBoundaryFile(file, { layer: options.layer, crs: options.crs, onProgress: reading.update, limits: vertexLimits(config, options) }).finally(reading.done);
  const overlapping = createProgress("Computing overlaps");
  // Once stored, the file's geometry is let go (and collected) before the overlaps read every shape back.
  const release = () => {
    layer.features.splice(0);
    collectGarbage();
  };
  const result = await withWriteContext(config, (ctx) =>
    importBoundaries(ctx, request, { ...layer, release }, { fileName: path.basename(file), onOverlapProgress: (done, total) => overlapping.update(done / total) }),
  ).finally(overlapping.done);
  const lines = describeBoundaryImport({ title: `Imported ${path.basename(file)}`, file: layer, result, what: request.as });
  if (result.overlaps) lines.push(describeOverlaps(result.overlaps));
  out(`${lines.join("\n")}\n`);
}

/** `groundswell overlaps [--min-share 0.015]`. */
export async function overlapsCommand(config: Config, options: { minShare?: string }, out: (text: string) => void) {
  const parsed = minShareSchema.optional().safeParse(options.minShare);
  if (!parsed.success) throw new InputError(parsed.error.issues[0]!.message.replace("{field}", "--min-share"));
  const minShare = parsed.data;
  const connection = await connect(config.database);
  try {
    const progress = createProgress("Computing overlaps");
    const result = await connection.db.transaction().execute((trx) => recomputeOverlaps(trx, { minShare, onProgress: (done, total) => progress.update(done / total) }));
    progress.done();
    out(`${result.overlaps} body × district overlaps from ${result.bodies} bodies and ${result.districts} current districts in ${(result.milliseconds / 1000).toFixed(2)} s.\n`);
  } finally {
    await connection.close();
  }
}

function describeLegislatorImport(name: string, roster: OpenStatesRoster, summary: LegislatorImportSummary, dryRun: boolean): string[] {
  const from = roster.source === "folder" ? `${roster.files} person files in ${name}` : name;
  const lines = [
    `${dryRun ? "Would import" : "Imported"} ${summary.legislators} ${summary.state} legislators from ${from}: ${summary.created} new, ${summary.updated} updated; ${summary.rolesAdded} roles added, ${summary.rolesClosed} closed.`,
    `Matched ${summary.matched} of ${summary.legislators} to a current district.`,
  ];
  const seat = (chamber: string, state: string, district: string) => districtLabel({ chamber: chamber as SeatChamber, state, name: district });
  if (summary.added.length) lines.push(`${dryRun ? "Would add" : "Added"} (${summary.added.length}): ${summary.added.join(", ")}`);
  if (summary.skipped.length) {
    const some = summary.skipped.slice(0, 5).join(", ") + (summary.skipped.length > 5 ? `, and ${summary.skipped.length - 5} more` : "");
    lines.push(`Skipped ${summary.skipped.length} ${summary.skipped.length === 1 ? "person" : "people"} with no seat in ${summary.state} (not imported): ${some}`);
  }
  if (summary.moved.length) {
    lines.push(`${dryRun ? "Would move" : "Moved"} (${summary.moved.length}):`);
    for (const move of summary.moved) lines.push(`  ${move.name}: ${seat(move.chamber, move.state, move.from)} → ${seat(move.chamber, move.state, move.to)}`);
  }
  if (summary.closed.length) {
    lines.push(`${dryRun ? "Would close" : "Closed"} (${summary.closed.length}), no longer in office:`);
    for (const closed of summary.closed) lines.push(`  ${closed.name}: ${seat(closed.chamber, closed.state, closed.districtName)}`);
  }
  if (summary.unmatched.length) {
    lines.push(`Unmatched legislators (${summary.unmatched.length}):`);
    for (const legislator of summary.unmatched) lines.push(`  ${legislator.name} (${legislator.ocdPersonId}): ${legislator.reason}`);
  }
  if (summary.vacantDistricts.length) {
    lines.push(`Current districts without a legislator (${summary.vacantDistricts.length}):`);
    for (const district of summary.vacantDistricts) lines.push(`  ${district.chamber} ${district.name}`);
  }
  for (const district of summary.sharedDistricts) {
    lines.push(`More than one sitting legislator in ${district.chamber} ${district.name}: ${district.legislators.join(", ")}`);
  }
  if (!summary.unmatched.length && !summary.vacantDistricts.length) lines.push("Every legislator and every current district of the imported chambers is matched.");
  if (dryRun) lines.push("Dry run: nothing was written.");
  return lines;
}

/** `import --as committees`: how many, which are new, who joined or left which committee. */
function describeCommitteeImport(name: string, roster: CommitteeRoster, summary: CommitteeImportSummary, dryRun: boolean): string[] {
  const from = roster.source === "folder" ? `${roster.files} committee files in ${name}` : name;
  const lines = [
    `${dryRun ? "Would import" : "Imported"} ${summary.committees} ${summary.state} committees from ${from}: ${summary.created.length} new, ${summary.updated} updated; ${summary.memberships} seats, ${summary.chairs} chairs.`,
  ];
  if (summary.created.length) lines.push(`${dryRun ? "Would add" : "Added"} (${summary.created.length}): ${summary.created.join(", ")}`);
  for (const change of summary.changed) {
    const parts = [change.joined.length ? `joined: ${change.joined.join(", ")}` : "", change.left.length ? `left: ${change.left.join(", ")}` : ""].filter(Boolean);
    lines.push(`  ${change.committee}: ${parts.join("; ")}`);
  }
  if (dryRun) lines.push("Dry run: nothing was written.");
  return lines;
}

/** `import --as cosponsors`: who is now a cosponsor, who already was, who stays a champion. */
function describeCosponsorImport(fileName: string, summary: CosponsorImportSummary, dryRun: boolean): string[] {
  const matched = summary.names - summary.unmatched.length;
  const lines = [
    `${dryRun ? "Dry run, nothing written: " : ""}Matched ${matched} of ${summary.names} names on ${fileName} to sitting legislators for ${summary.bill} (campaign "${summary.campaign}").`,
    `${summary.updated.length} ${dryRun ? "would move" : "moved"} up to cosponsor, ${summary.unchanged.length} already cosponsor, ${summary.keptHigher.length} kept higher on the ladder.`,
  ];
  if (summary.updated.length) lines.push(`${dryRun ? "Would be cosponsor" : "Now cosponsor"}: ${summary.updated.join(", ")}`);
  if (summary.keptHigher.length) lines.push(`Kept higher: ${summary.keptHigher.join(", ")}`);
  if (summary.unmatched.length) lines.push(`Not matched (${summary.unmatched.length}): ${summary.unmatched.join("; ")}`);
  return lines;
}

/** `import --as hubs [--dry-run]`: new, updated and unchanged hubs by name. */
function describeHubImport(fileName: string, rows: number, summary: HubImportSummary): string[] {
  const verb = summary.dryRun ? "Would import" : "Imported";
  const lines = [`${verb} ${rows} hubs from ${fileName}: ${summary.created.length} new, ${summary.updated.length} updated, ${summary.unchanged.length} unchanged.`];
  const some = (names: string[]) => (names.length > 20 ? `${names.slice(0, 20).join(", ")} and ${names.length - 20} more` : names.join(", "));
  if (summary.created.length) lines.push(`  new: ${some(summary.created)}`);
  if (summary.updated.length) lines.push(`  updated: ${some(summary.updated)}`);
  if (summary.dryRun) lines.push("Dry run: nothing was written.");
  return lines;
}

/** `import --as endorsers [--dry-run]`: new, updated and unchanged endorsers, and how they were placed. */
function describeEndorserImport(fileName: string, summary: EndorserImportSummary): string[] {
  const verb = summary.dryRun ? "Would import" : "Imported";
  const { coordinates, town, address } = summary.placed;
  const lines = [
    `${verb} ${summary.rows} endorsers from ${fileName} into "${summary.campaign}": ${summary.created.length} new, ${summary.updated.length} updated, ${summary.unchanged.length} unchanged.`,
    `Placed ${coordinates} by coordinates, ${town} at their town's centre${address ? `, ${address} by address` : ""}.`,
  ];
  const some = (names: string[]) => (names.length > 20 ? `${names.slice(0, 20).join(", ")} and ${names.length - 20} more` : names.join(", "));
  if (summary.created.length) lines.push(`  new: ${some(summary.created)}`);
  if (summary.updated.length) lines.push(`  updated: ${some(summary.updated)}`);
  if (summary.dryRun) lines.push("Dry run: nothing was written.");
  return lines;
}

export function describePopulationImport(summary: PopulationImportSummary): string[] {
  const number = (value: number) => Math.round(value).toLocaleString("en-US");
  return [
    `${summary.dryRun ? "Dry run: nothing was written. " : ""}${summary.fileName}: ${number(summary.people)} people in ${number(summary.features)} features (${summary.countField})${summary.state ? ` placed in ${summary.state}` : ""}`,
    `  ${number(summary.placed)} people placed in ${summary.districts} current districts and ${summary.bodies} bodies${summary.unplaced ? `; ${number(summary.unplaced)} lie outside every district imported` : ""}`,
    summary.polygons === 0
      ? null
      : summary.place === "area"
        ? "  Polygons cut by a town or district line were shared out by area (--place point puts each whole at its internal point)."
        : "  Each polygon's count was placed whole at its internal point (--place area shares polygons cut by a line by area).",
    summary.dryRun ? "  Run again without --dry-run to keep it." : "  Shares of each district's people now come from these counts, not from area.",
  ].filter((line) => line !== null);
}
