import type { BallotImportSummary } from "../../../shared/model/ballot-question";
import { CHAMBER_LABELS, type Chamber } from "../../../shared/model/district";
import { formatCount } from "../../lib/format";

const chamberLabel = (chamber: string) => CHAMBER_LABELS[chamber as Chamber] ?? chamber;

/** What a ballot-results import did (or would do): each district's roll-up, the partial towns and every warning. */
export function BallotReport({ summary }: { summary: BallotImportSummary }) {
  return (
    <>
      <p data-testid="ballot-summary">
        {formatCount(summary.rows)} {summary.level} rows{summary.level === "district" ? "" : ` from ${formatCount(summary.towns)} towns`} {summary.dryRun ? "would go" : "went"}{" "}
        into “{summary.question}” of {summary.campaign}
        {summary.isNew ? " (a new question)" : `, replacing its ${formatCount(summary.replaced)} earlier rows`}.
      </p>
      {summary.districts.length > 0 && (
        <table className="field-table" data-testid="ballot-districts">
          <caption className="visually-hidden">Results by district</caption>
          <thead>
            <tr>
              <th scope="col">District</th>
              <th scope="col">Yes</th>
              <th scope="col">No</th>
              <th scope="col">Blanks</th>
              <th scope="col">Total</th>
              <th scope="col">% yes</th>
            </tr>
          </thead>
          <tbody>
            {summary.districts.map((district) => (
              <tr key={`${district.districtId ?? district.district}-${district.estimated}`}>
                <th scope="row">
                  {chamberLabel(district.chamber)} {district.district}
                  {district.vintage ? ` (${district.vintage} plan)` : ""}
                  {district.estimated && (
                    <span className="muted" title={district.method ?? undefined}>
                      {" "}
                      · estimate
                    </span>
                  )}
                </th>
                <td>{formatCount(district.yes)}</td>
                <td>{formatCount(district.no)}</td>
                <td>{formatCount(district.blanks)}</td>
                <td>{formatCount(district.total)}</td>
                <td>{district.pctYes === null ? "–" : `${district.pctYes.toFixed(1)} %`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {summary.districts.some((district) => district.estimated) && <p className="muted">Estimates: {summary.districts.find((district) => district.estimated)?.method}.</p>}
      {summary.fileTotals && (
        <p className="muted">
          The file’s Totals row: {formatCount(summary.fileTotals.yes)} yes, {formatCount(summary.fileTotals.no)} no, {formatCount(summary.fileTotals.blanks)} blanks.
        </p>
      )}
      {summary.partialTowns.length > 0 && <p>Partial towns (only the precincts inside the district): {summary.partialTowns.join(", ")}.</p>}
      {summary.warnings.length > 0 && (
        <div className="row-errors" role="alert">
          <strong>Worth checking before you import:</strong>
          <ul data-testid="ballot-warnings">
            {summary.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
