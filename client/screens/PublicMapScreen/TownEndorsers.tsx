import { ENDORSER_CATEGORY_LABELS, type EndorserLadder, type PublicEndorser } from "../../../shared/model/endorser";
import { describeEndorsements, publicEndorsersOfTown } from "../../../shared/rules/endorsers";
import { stepLabel } from "../../../shared/rules/ladder";

/**
 * The town's public endorsers in its panel on the public page: those who agreed to be listed and
 * stand at a public step, with their website and public contact. Nothing when there are none.
 */
export function TownEndorsers({
  bodyId,
  townName,
  endorsers,
  ladder,
}: {
  bodyId: number;
  townName: string;
  endorsers: readonly PublicEndorser[] | undefined;
  ladder: EndorserLadder;
}) {
  const here = publicEndorsersOfTown(ladder, endorsers ?? [], bodyId);
  if (!here.length) return null;
  return (
    <section aria-labelledby="town-endorsers-title" data-testid="town-endorsers">
      <h3 id="town-endorsers-title">Endorsed in {townName}</h3>
      <p className="hint">{describeEndorsements(ladder, here)}</p>
      <ul className="plain-list town-endorsers">
        {here.map((endorser) => (
          <li key={endorser.id}>
            <strong>
              {endorser.website ? (
                <a href={endorser.website} rel="noopener noreferrer" target="_blank">
                  {endorser.name}
                </a>
              ) : (
                endorser.name
              )}
            </strong>{" "}
            <span className="muted">
              {ENDORSER_CATEGORY_LABELS[endorser.category].one} · {stepLabel(ladder, endorser.step!)}
            </span>
            {endorser.publicContact && <small className="sponsors">{endorser.publicContact}</small>}
          </li>
        ))}
      </ul>
    </section>
  );
}
