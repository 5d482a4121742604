import type { EndorserLadder } from "../../shared/model/endorser";
import { countByStep } from "../../shared/rules/endorsers";
import { formatCount } from "../lib/format";

/**
 * The legend's endorsers: a checkbox that draws them on the map, then (when shown) each step of
 * the endorser ladder with its colour and count, and a button to the list of endorsers.
 */
export function EndorserLegend({
  ladder,
  colors,
  endorsers,
  shown,
  onToggle,
  onOpenList,
}: {
  ladder: EndorserLadder;
  colors: ReadonlyArray<[string, string]>;
  endorsers: ReadonlyArray<{ step: string | null }>;
  shown: boolean;
  onToggle: () => void;
  onOpenList: () => void;
}) {
  const counts = countByStep(ladder, endorsers);
  const unknown = endorsers.filter((endorser) => endorser.step === null).length;
  return (
    <fieldset className="layer-toggles endorser-legend" data-testid="endorser-legend">
      <legend>Endorsers</legend>
      <label>
        <input type="checkbox" checked={shown} onChange={onToggle} />
        Show on the map <span className="muted">({formatCount(endorsers.length)})</span>
      </label>
      {shown && (
        <ul className="endorser-steps">
          {counts.map((entry) => (
            <li key={entry.step} data-step={entry.step}>
              <span className="dot" style={{ backgroundColor: colors.find(([step]) => step === entry.step)?.[1] }} aria-hidden="true" />
              <span>{entry.label}</span>
              <span className="legend-count" data-testid={`endorser-count-${entry.step}`}>
                {formatCount(entry.count)}
              </span>
            </li>
          ))}
          {unknown > 0 && (
            <li>
              <span className="dot" style={{ backgroundColor: "#6b7280" }} aria-hidden="true" />
              <span>Not yet public</span>
              <span className="legend-count">{formatCount(unknown)}</span>
            </li>
          )}
        </ul>
      )}
      <button type="button" className="link-button" onClick={onOpenList}>
        {endorsers.length ? "List of endorsers" : "No endorsers yet: how to add them"}
      </button>
    </fieldset>
  );
}
