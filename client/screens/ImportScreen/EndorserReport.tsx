import type { EndorserImportReport } from "../../../shared/model/endorser";
import { formatCount } from "../../lib/format";

const some = (names: readonly string[]) => (names.length > 20 ? `${names.slice(0, 20).join(", ")} and ${formatCount(names.length - 20)} more` : names.join(", "));

/** New, updated and unchanged endorsers and how they were placed: the dry run's and the import's words. */
export function EndorserReport({ report }: { report: EndorserImportReport }) {
  const { coordinates, town, address } = report.placed;
  return (
    <>
      <p data-testid="endorser-summary">
        {formatCount(report.rows)} endorsers into “{report.campaign}”: {formatCount(report.created.length)} new, {formatCount(report.updated.length)} updated,{" "}
        {formatCount(report.unchanged.length)} unchanged {report.dryRun ? "would be saved" : "saved"}. Placed {formatCount(coordinates)} by coordinates, {formatCount(town)} at
        their town’s centre{address ? `, ${formatCount(address)} by address` : ""}.
      </p>
      {report.created.length > 0 && (
        <details className="plan-list" open={report.created.length <= 10}>
          <summary>New ({formatCount(report.created.length)})</summary>
          <p>{some(report.created)}</p>
        </details>
      )}
      {report.updated.length > 0 && (
        <details className="plan-list" open={report.updated.length <= 10}>
          <summary>Updated ({formatCount(report.updated.length)})</summary>
          <p>{some(report.updated)}</p>
        </details>
      )}
    </>
  );
}
