import { useMemo, useState } from "react";
import { ENDORSER_CATEGORY_LABELS, type EndorserCategory, type EndorserLadder } from "../../shared/model/endorser";
import { describeEndorsements, progressOf } from "../../shared/rules/endorsers";
import { stepLabel } from "../../shared/rules/ladder";
import { normalizeName } from "../../shared/rules/spreadsheet-cells";

interface Listed {
  id: number;
  name: string;
  category: EndorserCategory;
  town: string;
  state: string;
  step: string | null;
}

/**
 * The campaign's endorsers beside the map, furthest along the ladder first, with a filter by name
 * or town; a name opens its panel. Without any, it says how to add them.
 */
export function EndorserListPanel({
  endorsers,
  ladder,
  colors,
  onPick,
  onClose,
  emptyHint,
}: {
  endorsers: readonly Listed[];
  ladder: EndorserLadder;
  colors: ReadonlyArray<[string, string]>;
  onPick: (endorserId: number) => void;
  onClose: () => void;
  emptyHint: string;
}) {
  const [query, setQuery] = useState("");
  const shown = useMemo(() => {
    const key = normalizeName(query);
    return endorsers
      .filter((endorser) => !key || normalizeName(`${endorser.name} ${endorser.town}`).includes(key))
      .sort((a, b) => progressOf(ladder, b.step) - progressOf(ladder, a.step) || a.name.localeCompare(b.name));
  }, [endorsers, ladder, query]);
  const summary = describeEndorsements(ladder, endorsers);
  return (
    <aside className="body-panel card" aria-labelledby="endorser-list-title" data-testid="endorser-list">
      <button type="button" className="close-button" onClick={onClose} aria-label="Close panel">
        ×
      </button>
      <h2 id="endorser-list-title">Endorsers</h2>
      {endorsers.length === 0 ? (
        <p className="muted">{emptyHint}</p>
      ) : (
        <>
          <p>{summary ?? "Nobody has endorsed in public yet."}</p>
          <label className="field">
            <span>Find by name or town</span>
            <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
          </label>
          <p className="hint">
            {shown.length} of {endorsers.length}
          </p>
          <ul className="endorser-list">
            {shown.map((endorser) => (
              <li key={endorser.id}>
                <button type="button" className="link-button endorser-row" onClick={() => onPick(endorser.id)}>
                  <span className="dot" style={{ backgroundColor: colors.find(([step]) => step === endorser.step)?.[1] ?? "#6b7280" }} aria-hidden="true" />
                  <span>
                    <strong>{endorser.name}</strong>{" "}
                    <span className="muted">
                      {ENDORSER_CATEGORY_LABELS[endorser.category].one}, {endorser.town} · {endorser.step ? stepLabel(ladder, endorser.step) : "step not public"}
                    </span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}
