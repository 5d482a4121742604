import { useEffect, useId, useState } from "react";
import { addDays, daysBetween, formatDay, todayUtc } from "../lib/dates";

export interface AsOfSliderProps {
  /** First and last day with a stage change; the slider runs from the first to today. */
  range: { first: string; last: string } | null;
  /** The day shown; null is today. */
  value: string | null;
  onChange: (day: string | null) => void;
  /** A line under the slider while a past day is shown. */
  pastHint?: string;
}

/**
 * "Map as of": a date slider over the campaign's history. The map recolours to each body's stage
 * on that day (feature-state only). Arrow keys step a day, Page Up/Down larger steps; the
 * rightmost position and the "Today" button return to now.
 */
export function AsOfSlider({ range, value, onChange, pastHint }: AsOfSliderProps) {
  const id = useId();
  const today = todayUtc();
  const first = range && range.first < today ? range.first : addDays(today, -30);
  const span = Math.max(1, daysBetween(first, today));
  const position = value ? Math.min(span, Math.max(0, daysBetween(first, value))) : span;
  // The thumb moves at once; the map follows when the value settles.
  const [draft, setDraft] = useState(position);
  const [settled, setSettled] = useState(position);
  if (settled !== position) {
    // The value changed from outside (Today button, address): the thumb follows.
    setSettled(position);
    setDraft(position);
  }
  useEffect(() => {
    if (draft === position) return;
    const timer = setTimeout(() => onChange(draft >= span ? null : addDays(first, draft)), 120);
    return () => clearTimeout(timer);
  }, [draft, position, span, first, onChange]);
  const shown = draft >= span ? null : addDays(first, draft);

  return (
    <div className="as-of card" role="group" aria-labelledby={`${id}-label`}>
      <div className="as-of-header">
        <label id={`${id}-label`} htmlFor={`${id}-range`}>
          Map as of <strong data-testid="as-of-date">{shown ? formatDay(shown) : "today"}</strong>
        </label>
        {value && (
          <button type="button" className="link-button" onClick={() => onChange(null)}>
            Today
          </button>
        )}
      </div>
      <input
        id={`${id}-range`}
        type="range"
        min={0}
        max={span}
        step={1}
        value={draft}
        aria-valuetext={shown ? formatDay(shown) : "Today"}
        data-first={first}
        onChange={(event) => setDraft(Number(event.target.value))}
      />
      <div className="as-of-ends muted" aria-hidden="true">
        <span>{formatDay(first)}</span>
        <span>Today</span>
      </div>
      {value && pastHint && (
        <p className="hint" role="note">
          {pastHint}
        </p>
      )}
    </div>
  );
}
