import type { BallotImportSummary } from "../../shared/model/ballot-question";
import type { BallotCounts } from "../../shared/rules/ballot-results";

const count = (value: number) => value.toLocaleString("en-US");
const counts = (totals: BallotCounts) => `yes ${count(totals.yes)}, no ${count(totals.no)}, blanks ${count(totals.blanks)}, total ${count(totals.total)}`;
const percent = (value: number | null) => (value === null ? "no yes or no votes" : `${value.toFixed(1)} % yes`);

/** What `import --as ballot-results` prints: the question, each district's roll-up, partial towns and every warning. */
export function describeBallotImport(fileName: string, summary: BallotImportSummary): string[] {
  const verb = summary.dryRun ? "Would import" : "Imported";
  const what = summary.level === "district" ? `${summary.rows} district rows` : `${summary.rows} ${summary.level} rows (${summary.towns} towns)`;
  const lines = [
    `${verb} ${what} from ${fileName} into ballot question "${summary.question}" of campaign "${summary.campaign}"${summary.isNew ? " (new question)" : `, replacing its ${summary.replaced} result rows`}.`,
  ];
  for (const district of summary.districts) {
    const label = `${district.chamber} ${district.district}${district.vintage ? ` (${district.vintage} plan)` : ""}`;
    const share = district.pctYesOfBallots === null ? "" : `; ${district.pctYesOfBallots.toFixed(1)} % of ballots`;
    lines.push(
      `  ${district.estimated ? "estimated " : ""}${label}: ${counts(district)}: ${percent(district.pctYes)}${share}${district.estimated ? ` (${district.method}; covers ${Math.round((district.coverage ?? 0) * 100)} % of the district)` : ""}`,
    );
  }
  if (summary.fileTotals) lines.push(`  the file's Totals row: ${counts(summary.fileTotals)}`);
  if (summary.partialTowns.length) lines.push(`  partial towns (only the precincts inside the district): ${summary.partialTowns.join(", ")}`);
  for (const warning of summary.warnings) lines.push(`warning: ${warning}`);
  if (summary.dryRun) lines.push("Dry run: nothing was written.");
  return lines;
}
