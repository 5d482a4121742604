import fs from "node:fs";
import path from "node:path";
import { columnsOf, describePlanCounts, describeRowErrors, type SpreadsheetPlan, type SpreadsheetTarget } from "../../shared/model/spreadsheet-import";
import type { Config } from "../config";
import { connect } from "../db/connect";
import { commandLineActor } from "../domain/actor";
import { importSpreadsheet, SpreadsheetRowsError } from "../domain/spreadsheet-import";
import { InputError } from "../errors";
import { readCsvTable } from "../io/csv";

/**
 * `groundswell import <file.csv> --as resolutions|members --campaign NAME [--dry-run]`: plan the
 * whole file, refuse it with every row error on one line when any row is bad, else write it in
 * ONE transaction (or, with --dry-run, print the plan and write nothing).
 */
export async function importSpreadsheetCommand(
  config: Config,
  file: string,
  options: { as: SpreadsheetTarget; campaign?: string; dryRun?: boolean },
  out: (text: string) => void,
): Promise<void> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, "utf8");
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const table = readCsvTable(text, columnsOf(options.as));
  const connection = await connect(config.database);
  try {
    const plan = await connection.db.transaction().execute(async (trx) => {
      const result = await importSpreadsheet(trx, { as: options.as, campaign: options.campaign, table }, commandLineActor, { dryRun: options.dryRun === true });
      if (result.errors.length) throw new SpreadsheetRowsError(describeRowErrors(result.errors), result);
      return result;
    });
    out(`${describePlan(path.basename(file), plan).join("\n")}\n`);
  } finally {
    await connection.close();
  }
}

export function describePlan(fileName: string, plan: SpreadsheetPlan): string[] {
  const campaign = `"${plan.campaign.name}"${plan.campaign.isNew ? (plan.committed ? " (new campaign)" : " (a new campaign, created on import)") : ""}`;
  const events = plan.as === "resolutions" ? `; ${plan.stageEvents} stage event${plan.stageEvents === 1 ? "" : "s"}` : "";
  const rows = `${plan.rows} ${plan.rows === 1 ? "row" : "rows"}`;
  const lines = [
    plan.committed
      ? `Imported ${rows} of ${fileName} as ${plan.as} into ${campaign}: ${describePlanCounts(plan)}${events}.`
      : `Dry run of ${fileName} as ${plan.as} into ${campaign}: ${rows} would give ${describePlanCounts(plan)}${events}. Nothing was written.`,
  ];
  for (const [title, records] of [
    ["Created", plan.created],
    ["Updated", plan.updated],
    ["Unchanged", plan.unchanged],
  ] as const) {
    if (!records.length) continue;
    lines.push(`${title} (${records.length}):`);
    for (const record of records) lines.push(`  row ${record.row} ${record.label}${record.changes.length ? `: ${record.changes.join(", ")}` : ""}`);
  }
  return lines;
}
