import { districtLabel } from "../../../shared/model/district";
import type { LegislatorImportReport } from "../../../shared/model/legislator-import";
import { formatCount } from "../../lib/format";

const plural = (count: number, one: string, many: string) => `${formatCount(count)} ${count === 1 ? one : many}`;

/** Who is (or would be) seated, and what is left unmatched: the dry run's and the import's words. */
export function LegislatorReport({ report }: { report: LegislatorImportReport }) {
  const would = report.dryRun ? "would be" : "are";
  return (
    <>
      <p data-testid="legislator-summary">
        {report.state}: {formatCount(report.created)} new, {formatCount(report.updated)} updated. {formatCount(report.matched)} of{" "}
        {plural(report.legislators, "legislator", "legislators")} {would} seated in a current district
        {report.rolesClosed > 0 ? `; ${plural(report.rolesClosed, "seat", "seats")} of people no longer in the roster ${report.dryRun ? "would end" : "ended"}` : ""}.
      </p>
      {report.unmatched.length > 0 && (
        <div className="row-errors" role="alert">
          <strong>
            {plural(report.unmatched.length, "legislator matches", "legislators match")} no current district. Import the district plan they sit in (or check the state), and they
            will be seated.
          </strong>
          <ul data-testid="legislator-unmatched">
            {report.unmatched.map((legislator) => (
              <li key={`${legislator.name}-${legislator.districtName ?? ""}`}>
                {legislator.name}:{" "}
                {legislator.chamber && legislator.districtName
                  ? `sits for ${districtLabel({ chamber: legislator.chamber, state: report.state, name: legislator.districtName })}, which no current district plan has`
                  : legislator.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {report.added.length > 0 && (
        <details className="plan-list" open={report.added.length <= 10}>
          <summary>New ({formatCount(report.added.length)})</summary>
          <p data-testid="legislator-added">{report.added.join(", ")}</p>
        </details>
      )}
      {report.skipped.length > 0 && (
        <details className="plan-list" open={report.skipped.length <= 10}>
          <summary>
            Not imported: {plural(report.skipped.length, "person", "people")} with no seat in {report.state} ({report.dryRun ? "would be" : "were"} left out)
          </summary>
          <p data-testid="legislator-skipped">{report.skipped.join(", ")}</p>
        </details>
      )}
      {report.moved.length > 0 && (
        <details className="plan-list" open>
          <summary>
            {report.dryRun ? "Would move" : "Moved"} to another seat ({formatCount(report.moved.length)})
          </summary>
          <ul data-testid="legislator-moved">
            {report.moved.map((move) => (
              <li key={`${move.name}-${move.chamber}`}>
                {move.name}: {districtLabel({ chamber: move.chamber, state: move.state, name: move.from })} →{" "}
                {districtLabel({ chamber: move.chamber, state: move.state, name: move.to })}
              </li>
            ))}
          </ul>
        </details>
      )}
      {report.closed.length > 0 && (
        <details className="plan-list" open={report.closed.length <= 10}>
          <summary>
            {report.dryRun ? "Would leave office" : "Left office"} ({formatCount(report.closed.length)}): their seat {report.dryRun ? "would be" : "was"} closed, their history kept
          </summary>
          <ul data-testid="legislator-closed">
            {report.closed.map((seat) => (
              <li key={`${seat.name}-${seat.chamber}-${seat.districtName}`}>
                {seat.name}: {districtLabel({ chamber: seat.chamber, state: seat.state, name: seat.districtName })}
              </li>
            ))}
          </ul>
        </details>
      )}
      {report.vacantDistricts.length > 0 && (
        <details className="plan-list" open={report.vacantDistricts.length <= 10}>
          <summary>Current districts without a legislator ({formatCount(report.vacantDistricts.length)})</summary>
          <ul data-testid="legislator-vacant">
            {report.vacantDistricts.map((district) => (
              <li key={`${district.chamber}-${district.name}`}>{districtLabel({ ...district, state: report.state })}</li>
            ))}
          </ul>
        </details>
      )}
      {report.sharedDistricts.length > 0 && (
        <details className="plan-list" open>
          <summary>Districts with more than one sitting legislator ({formatCount(report.sharedDistricts.length)})</summary>
          <ul>
            {report.sharedDistricts.map((district) => (
              <li key={`${district.chamber}-${district.name}`}>{districtLabel({ ...district, state: report.state })}</li>
            ))}
          </ul>
        </details>
      )}
      {report.unmatched.length === 0 && report.vacantDistricts.length === 0 && (
        <p data-testid="legislator-all-matched">Every legislator and every current district of their chambers {report.dryRun ? "would be" : "is"} matched.</p>
      )}
    </>
  );
}
