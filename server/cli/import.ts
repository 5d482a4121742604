import path from "node:path";
import type { Config } from "../config";
import { connect } from "../db/connect";
import { recordAudit } from "../domain/audit";
import { commandLineActor } from "../domain/actor";
import { importBoundaryLayer, planBoundaryImport } from "../domain/boundary-import";
import { resolveCampaign } from "../domain/campaigns";
import { importLegislators, type LegislatorImportSummary } from "../domain/legislators";
import { HUB_COLUMNS, importHubs } from "../domain/hub-import";
import { importCosponsors } from "../domain/stances";
import { readHubCsv } from "../io/hub-csv";
import { recomputeOverlaps } from "../domain/overlaps";
import { InputError } from "../errors";
import { readBoundaryFile } from "../io/boundary-file";
import { readNameList } from "../io/name-list";
import { readOpenStates, type OpenStatesRoster } from "../io/open-states";
import { describeBoundaryImport, describeOverlaps } from "./import-summary";
import { createProgress } from "./progress";
import { importSpreadsheetCommand } from "./spreadsheet";

export interface ImportCommandOptions {
  as: string;
  campaign?: string;
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
  source?: string;
}

function parseMinShare(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const share = Number(value);
  if (!Number.isFinite(share) || share < 0 || share >= 1) throw new InputError(`--min-share must be a number from 0 to below 1 (got "${value}")`);
  return share;
}

/** What `import --as` takes. */
const IMPORT_TARGETS = ["bodies", "districts", "legislators", "cosponsors", "resolutions", "members", "hubs"];

/**
 * `groundswell import <file> --as bodies|districts`: read the file (any error is one line), then
 * import and recompute overlaps in ONE transaction, so a failure leaves the database as it was.
 */
export async function importCommand(config: Config, file: string, options: ImportCommandOptions, out: (text: string) => void) {
  if (options.as === "legislators") return importLegislatorsCommand(config, file, options, out);
  if (options.as === "cosponsors") return importCosponsorsCommand(config, file, options, out);
  if (options.as === "hubs") return importHubsCommand(config, file, options, out);
  if (options.as === "resolutions" || options.as === "members") return importSpreadsheetCommand(config, file, { ...options, as: options.as }, out);
  if (!IMPORT_TARGETS.includes(options.as)) throw new InputError(`--as must be one of ${IMPORT_TARGETS.join(", ")} (got "${options.as}")`);
  if (options.dryRun) throw new InputError("--dry-run works with --as resolutions, members and hubs");
  // Bodies credit their boundaries' publisher on press maps: --source, else the file's name.
  const plan = planBoundaryImport({ ...options, source: options.source ?? path.basename(file) });
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

/**
 * `groundswell import <dir|file> --as legislators --state RI`: Open States person files or CSV,
 * imported and matched to the state's current districts in ONE transaction.
 */
async function importLegislatorsCommand(config: Config, target: string, options: ImportCommandOptions, out: (text: string) => void) {
  if (!options.state) throw new InputError("--as legislators needs --state, e.g. --state RI");
  const state = options.state.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(state)) throw new InputError(`--state must be a two-letter state code (got "${options.state}")`);
  const roster = await readOpenStates(target, { state });
  const connection = await connect(config.database);
  try {
    const summary = await connection.db
      .transaction()
      .execute(async (trx) => {
        const result = await importLegislators(trx, roster.records, { state, isFullRoster: roster.isFullRoster });
        await recordAudit(trx, commandLineActor, {
          action: "import legislators",
          subjectKind: "legislator",
          subjectId: null,
          summary: `Imported ${result.legislators} ${state} legislators from ${path.basename(target)}: ${result.created} new, ${result.updated} updated`,
          after: { created: result.created, updated: result.updated, matched: result.matched, unmatched: result.unmatched.length },
        });
        return result;
      });
    out(`${describeLegislatorImport(path.basename(target), roster, summary).join("\n")}\n`);
  } finally {
    await connection.close();
  }
}

function describeLegislatorImport(name: string, roster: OpenStatesRoster, summary: LegislatorImportSummary): string[] {
  const from = roster.source === "folder" ? `${roster.files} person files in ${name}` : name;
  const lines = [
    `Imported ${summary.legislators} ${summary.state} legislators from ${from}: ${summary.created} new, ${summary.updated} updated; ${summary.rolesAdded} roles added, ${summary.rolesClosed} closed.`,
    `Matched ${summary.matched} of ${summary.legislators} to a current district.`,
  ];
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
  return lines;
}

/**
 * `groundswell import <file> --as cosponsors --campaign NAME --state RI`: the bill's cosponsor list
 * (one name a line, or a CSV with a name column) marks those legislators `cosponsor` in ONE
 * transaction; any unmatched or ambiguous name refuses the whole list.
 */
async function importCosponsorsCommand(config: Config, file: string, options: ImportCommandOptions, out: (text: string) => void) {
  if (!options.state) throw new InputError("--as cosponsors needs --state, e.g. --state RI");
  const names = await readNameList(file);
  const connection = await connect(config.database);
  try {
    const summary = await connection.db.transaction().execute(async (trx) => {
      const campaign = await resolveCampaign(trx, options.campaign);
      const result = await importCosponsors(trx, { campaignId: campaign.id, state: options.state!, names, source: path.basename(file) }, commandLineActor);
      await recordAudit(trx, commandLineActor, {
        action: "import cosponsors",
        subjectKind: "legislatorStance",
        subjectId: null,
        campaignId: campaign.id,
        summary: `Marked ${result.updated.length} legislators cosponsor from ${path.basename(file)}`,
        after: { updated: result.updated },
      });
      return result;
    });
    const lines = [
      `Matched all ${summary.names} names on ${path.basename(file)} to sitting ${summary.state} legislators (campaign "${summary.campaign}").`,
      `${summary.updated.length} now cosponsor, ${summary.unchanged.length} already cosponsor, ${summary.keptChampion.length} kept as champion.`,
    ];
    if (summary.updated.length) lines.push(`Now cosponsor: ${summary.updated.join(", ")}`);
    if (summary.keptChampion.length) lines.push(`Kept as champion: ${summary.keptChampion.join(", ")}`);
    out(`${lines.join("\n")}\n`);
  } finally {
    await connection.close();
  }
}

/**
 * `groundswell import <file.csv> --as hubs [--state RI] [--dry-run]`: create or update hubs by
 * name in ONE transaction; any bad row refuses the file. With --dry-run, report and write nothing.
 */
async function importHubsCommand(config: Config, file: string, options: ImportCommandOptions, out: (text: string) => void) {
  const rows = await readHubCsv(file, HUB_COLUMNS);
  const connection = await connect(config.database);
  try {
    const summary = await connection.db
      .transaction()
      .execute(async (trx) => {
        const result = await importHubs(trx, rows, { state: options.state, dryRun: options.dryRun === true }, commandLineActor);
        if (!result.dryRun) {
          await recordAudit(trx, commandLineActor, {
            action: "import hubs",
            subjectKind: "hub",
            subjectId: null,
            summary: `Imported hubs from ${path.basename(file)}: ${result.created.length} new, ${result.updated.length} updated`,
            after: { created: result.created, updated: result.updated },
          });
        }
        return result;
      });
    const verb = summary.dryRun ? "Would import" : "Imported";
    const lines = [`${verb} ${rows.length} hubs from ${path.basename(file)}: ${summary.created.length} new, ${summary.updated.length} updated, ${summary.unchanged.length} unchanged.`];
    if (summary.created.length) lines.push(`  new: ${summary.created.join(", ")}`);
    if (summary.updated.length) lines.push(`  updated: ${summary.updated.join(", ")}`);
    if (summary.dryRun) lines.push("Dry run: nothing was written.");
    out(`${lines.join("\n")}\n`);
  } finally {
    await connection.close();
  }
}
