import fs from "node:fs";
import { columnsOf, describePlanCounts, type SpreadsheetPlan, type SpreadsheetTable, type SpreadsheetTarget } from "../../shared/model/spreadsheet-import";
import { InputError } from "../errors";
import { readCsvTable } from "../io/csv";

/** A campaign spreadsheet read from disk, with the columns its target knows. */
export async function readSpreadsheetFile(file: string, as: SpreadsheetTarget): Promise<SpreadsheetTable> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, "utf8");
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return readCsvTable(text, columnsOf(as));
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
