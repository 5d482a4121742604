import type { CommitteeImportReport } from "../../../shared/model/committee";
import { formatCount } from "../../lib/format";

/** New committees, seats and chairs, and who joined or left: the dry run's and the import's words. */
export function CommitteeReport({ report }: { report: CommitteeImportReport }) {
  return (
    <>
      <p data-testid="committee-summary">
        {report.state}: {formatCount(report.committees)} committees ({formatCount(report.created.length)} new, {formatCount(report.updated)} updated) with{" "}
        {formatCount(report.memberships)} seats and {formatCount(report.chairs)} chairs {report.dryRun ? "would be saved" : "saved"}.
      </p>
      {report.created.length > 0 && (
        <details className="plan-list" open={report.created.length <= 10}>
          <summary>New committees ({formatCount(report.created.length)})</summary>
          <p>{report.created.join(", ")}</p>
        </details>
      )}
      {report.changed.length > 0 && (
        <details className="plan-list" open>
          <summary>Membership changes ({formatCount(report.changed.length)})</summary>
          <ul>
            {report.changed.map((change) => (
              <li key={change.committee}>
                {change.committee}:{" "}
                {[change.joined.length ? `joined ${change.joined.join(", ")}` : "", change.left.length ? `left ${change.left.join(", ")}` : ""].filter(Boolean).join("; ")}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
