import { ENDORSER_CATEGORY_LABELS, type EndorserLadder, type EndorserLeverage } from "../../shared/model/endorser";
import { stepLabel } from "../../shared/rules/ladder";

/**
 * A district's endorsers on the district page, the printable brief and the legislator page: the
 * sentence ("31 local organisations endorsed, including 12 medical practices"), which endorsers
 * count, and their names; the list is cut at `limit` with the rest counted. The brief prints it
 * only when someone here has endorsed.
 */
export function DistrictEndorsers({
  leverage,
  ladder,
  limit = 40,
  headingLevel = 2,
}: {
  leverage: EndorserLeverage;
  ladder: EndorserLadder;
  limit?: number;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const shown = leverage.endorsers.slice(0, limit);
  return (
    <section className={`brief-endorsers${leverage.count ? "" : " screen-only"}`} aria-label="Endorsers" data-testid="district-endorsers">
      <Heading>Endorsers here ({leverage.count})</Heading>
      <p className="brief-endorsers-line" data-testid="district-endorsers-line">
        {leverage.summary ?? "No local organisation or key person here has endorsed in public yet."}
      </p>
      {shown.length > 0 && (
        <ul className={`brief-endorsers-list${shown.length > 6 ? " two-columns" : ""}`}>
          {shown.map((endorser) => (
            <li key={endorser.id}>
              <strong>{endorser.name}</strong>{" "}
              <span className="muted">
                {ENDORSER_CATEGORY_LABELS[endorser.category].one}, {endorser.town}
                {endorser.step ? ` · ${stepLabel(ladder, endorser.step)}` : ""}
              </span>
            </li>
          ))}
          {leverage.endorsers.length > shown.length && <li className="muted">and {leverage.endorsers.length - shown.length} more</li>}
        </ul>
      )}
      <p className="hint">{leverage.basis}</p>
    </section>
  );
}
