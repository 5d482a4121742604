import { CHAMBER_LABELS, type Chamber, type DistrictSummary } from "../../shared/model/district";
import { DISTRICT_LINE_STYLES } from "../map/style";

/** Checkboxes for the district outlines of each chamber that has districts. */
export function LayerToggles({
  districts,
  visibleChambers,
  onToggle,
}: {
  districts: readonly DistrictSummary[];
  visibleChambers: readonly string[];
  onToggle: (chamber: Chamber) => void;
}) {
  const chambers = (Object.keys(CHAMBER_LABELS) as Chamber[]).filter((chamber) => districts.some((district) => district.chamber === chamber));
  if (chambers.length === 0) return null;
  return (
    <fieldset className="layer-toggles">
      <legend>District outlines</legend>
      {chambers.map((chamber) => {
        const line = DISTRICT_LINE_STYLES[chamber];
        const count = districts.filter((district) => district.chamber === chamber).length;
        return (
          <label key={chamber}>
            <input type="checkbox" checked={visibleChambers.includes(chamber)} onChange={() => onToggle(chamber)} />
            <svg width="26" height="10" aria-hidden="true">
              <line
                x1="1"
                y1="5"
                x2="25"
                y2="5"
                stroke={line.color}
                strokeWidth={Math.min(line.width, 3)}
                strokeDasharray={line.dash.length > 1 ? line.dash.map((d) => d * 2).join(" ") : undefined}
              />
            </svg>
            {CHAMBER_LABELS[chamber]} <span className="muted">({count})</span>
          </label>
        );
      })}
    </fieldset>
  );
}
