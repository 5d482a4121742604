import type { ReactNode } from "react";
import type { StageScheme } from "../../shared/model/stage";
import { formatCount } from "../lib/format";
import { patternBackground } from "../lib/pattern-image";

export interface LegendProps {
  scheme: StageScheme;
  counts: ReadonlyArray<{ stageId: string; count: number }>;
  visibleStages: readonly string[] | null;
  onToggle: (stageId: string) => void;
  onClear: () => void;
  /** Extra controls under the stages (district layer toggles). */
  children?: ReactNode;
  /** A key read with the stages, right under them (the hatch of passes not yet verified). */
  stageKey?: ReactNode;
  /** Swatches show the stage patterns drawn on the map. */
  patterns?: boolean;
  /** Heading suffix, e.g. "as of March 1, 2026". */
  caption?: string;
  /** What the counts include (the campaign's scope and the level it counts nested bodies at). */
  footnote?: string;
  /** "264 of 3,231 passed": the campaign at a glance; on phones the collapsed legend's bar. */
  headline?: string;
  /** On phones the legend is a bottom sheet: collapsed to its headline bar until opened. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}

/** Every stage in order with its count; each entry is a toggle button that filters the map. */
export function Legend({ scheme, counts, visibleStages, onToggle, onClear, children, stageKey, patterns, caption, headline, footnote, open = false, onOpenChange }: LegendProps) {
  const total = counts.reduce((sum, entry) => sum + entry.count, 0);
  return (
    <section className={`legend card${open ? " is-open" : ""}`} aria-labelledby="legend-title">
      {headline && (
        <button type="button" className="legend-summary" aria-expanded={open} aria-controls="legend-body" onClick={() => onOpenChange?.(!open)}>
          <strong>{headline}</strong>
          <span className="legend-summary-action">{open ? "Hide" : "Stages and dates"}</span>
        </button>
      )}
      <div className="legend-body" id="legend-body">
        <header className="legend-header">
          <h2 id="legend-title">Stages</h2>
          <span className="legend-total">{formatCount(total)} bodies</span>
        </header>
        {headline && <p className="legend-headline">{headline}</p>}
        {caption && <p className="legend-caption">{caption}</p>}
        <p className="hint">Click a stage to show only it; click more to add them.</p>
        <ul>
          {scheme.stages.map((stage, index) => {
            const count = counts.find((entry) => entry.stageId === stage.id)?.count ?? 0;
            const active = !visibleStages || visibleStages.includes(stage.id);
            return (
              <li key={stage.id}>
                <button
                  type="button"
                  className={`legend-entry${active ? "" : " is-muted"}`}
                  aria-pressed={visibleStages ? visibleStages.includes(stage.id) : false}
                  data-stage={stage.id}
                  title={stage.description}
                  onClick={() => onToggle(stage.id)}
                >
                  <span
                    className="swatch"
                    style={{ backgroundColor: stage.color, backgroundImage: patterns ? patternBackground(index, stage.color) : undefined }}
                    aria-hidden="true"
                  />
                  <span className="legend-label">{stage.label}</span>
                  <span className="legend-count" data-testid={`count-${stage.id}`}>
                    {formatCount(count)}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
        {stageKey}
        {visibleStages && (
          <button type="button" className="link-button" onClick={onClear}>
            Show all stages
          </button>
        )}
        {footnote && (
          <p className="legend-footnote hint" data-testid="legend-footnote">
            {footnote}
          </p>
        )}
        {children}
      </div>
    </section>
  );
}
