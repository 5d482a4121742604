import type { PlanComparisonOutput } from "../../../shared/model/public-output";
import { formatCount, formatShare } from "../../lib/format";

/**
 * The district page's redistricting diff (issue 14), shown when its chamber has a second plan:
 * the covered share under the older and the newer plan (area, and people: counted from the
 * population layer when it reached both districts, else estimated by area when the bodies carry
 * populations), and the passed bodies the newer plan brings in or leaves out
 * (server/domain/plan-comparison.ts).
 */
export function RedistrictingSection({ campaignId, districtId, comparison }: { campaignId: number; districtId: number; comparison: PlanComparisonOutput }) {
  const { older, newer, movingIn, movingOut } = comparison;
  const moving = (bodies: typeof movingIn) => bodies.map((body) => `${body.name} (${formatShare(body.shareOfDistrict)})`).join(", ");
  return (
    <section className="brief-redistricting" aria-labelledby="redistricting-title">
      <h2 id="redistricting-title">Redistricting</h2>
      <table className="brief-table">
        <thead>
          <tr>
            <th scope="col">Plan</th>
            <th scope="col">District</th>
            <th scope="col">Area covered</th>
            <th scope="col">People covered</th>
          </tr>
        </thead>
        <tbody>
          {[older, newer].map((side) => (
            <tr key={side.districtId} data-plan={side.vintage}>
              <th scope="row">{side.label}</th>
              <td>{side.districtId === districtId ? side.name : <a href={`/districts/${side.districtId}?campaign=${campaignId}`}>{side.name}</a>}</td>
              <td data-figure="plan-area">{formatShare(side.coverage.areaShare)}</td>
              <td data-figure="plan-people">
                {side.coverage.populationShare === null
                  ? "–"
                  : `${formatShare(side.coverage.populationShare)} (${formatCount(Math.round(side.coverage.populationPassed ?? 0))} of ${formatCount(Math.round(side.coverage.population ?? 0))})`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="moving-in">
        <strong>Passed, moving in under the {newer.vintage} plan:</strong> {movingIn.length ? moving(movingIn) : "none"}
      </p>
      <p data-testid="moving-out">
        <strong>Passed, moving out under the {newer.vintage} plan:</strong> {movingOut.length ? moving(movingOut) : "none"}
      </p>
      <p className="muted">
        {older.coverage.populationMethod === "counts"
          ? "People counted from the population layer under both plans."
          : "People estimated by area under both plans, so they compare; import a population layer to count them."}{" "}
        Shares are of the district in the plan the body is in.
      </p>
    </section>
  );
}
