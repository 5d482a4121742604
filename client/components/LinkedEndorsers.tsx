import { ENDORSER_CATEGORY_LABELS, type EndorserCategory, type EndorserLadder } from "../../shared/model/endorser";
import { stepLabel } from "../../shared/rules/ladder";
import { useUiActions } from "../state/hooks";

/**
 * The endorsers who sit on a body (a mayor on the city council), in the body's panel; a name opens
 * the endorser's panel. Nothing when none does.
 */
export function LinkedEndorsers({
  bodyId,
  endorsers,
  ladder,
}: {
  bodyId: number;
  endorsers: ReadonlyArray<{ id: number; name: string; category: EndorserCategory; linkedBodyId: number | null; step: string | null }> | undefined;
  ladder: EndorserLadder;
}) {
  const actions = useUiActions();
  const here = (endorsers ?? []).filter((endorser) => endorser.linkedBodyId === bodyId);
  if (!here.length) return null;
  return (
    <section aria-labelledby="linked-endorsers-title" data-testid="linked-endorsers">
      <h3 id="linked-endorsers-title">Endorsers on this body</h3>
      <ul className="plain-list">
        {here.map((endorser) => (
          <li key={endorser.id}>
            <button type="button" className="link-button" onClick={() => actions.endorserSelected(endorser.id)}>
              {endorser.name}
            </button>{" "}
            <span className="muted">
              {ENDORSER_CATEGORY_LABELS[endorser.category].one} · {endorser.step ? stepLabel(ladder, endorser.step) : "step not public"}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
