import { useMemo, type ReactNode } from "react";
import type { BallotMap, BallotQuestionSummary } from "../../shared/model/ballot-question";
import { CHAMBER_LABELS, type Chamber } from "../../shared/model/district";
import { describeBallotResult, PERCENT_YES_CLASSES } from "../../shared/rules/ballot-results";
import { ballotCounts } from "../lib/ballot-map";
import { BALLOT_COLORS, BALLOT_NEUTRAL } from "../map/ballot-style";
import { formatCount } from "../lib/format";

const HATCH = "repeating-linear-gradient(135deg, rgba(17, 24, 39, 0.8) 0 1.5px, transparent 1.5px 5px)";

/** "Colour the map by": the stages, or one of the campaign's ballot questions. */
export function BallotPicker({ questions, value, onChange }: { questions: readonly BallotQuestionSummary[]; value: number | null; onChange: (questionId: number | null) => void }) {
  if (questions.length === 0) return null;
  return (
    <label className="ballot-picker">
      Colour the map by
      <select value={value ?? ""} onChange={(event) => onChange(event.target.value ? Number(event.target.value) : null)} data-testid="ballot-picker">
        <option value="">Stage of the resolution</option>
        {questions.map((question) => (
          <option key={question.id} value={question.id}>
            Ballot question: {question.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The legend of the "Ballot question" mode: the question, each class of % yes with its count of
 * towns, partial towns (hatched), towns where it did not run, the district it ran in (outlined),
 * each district's result in words and the source.
 */
export function BallotLegend({ map, bodyCount, picker }: { map: BallotMap; bodyCount: number; picker: ReactNode }) {
  const { question, towns } = map;
  const { classes: counts, partial } = useMemo(() => ballotCounts(map), [map]);
  const ran = question.districts.filter((district) => !district.estimated);
  return (
    <section className="legend card ballot-legend is-open" aria-labelledby="ballot-legend-title" data-testid="ballot-legend">
      <div className="legend-body">
        <header className="legend-header">
          <h2 id="ballot-legend-title">Ballot question {question.name}</h2>
          <span className="legend-total">{formatCount(towns.length)} towns</span>
        </header>
        <p className="legend-caption">
          {question.electionDate ?? question.year ?? ""}
          {question.text ? ` · “${question.text}”` : ""}
        </p>
        <p className="hint">Towns by % yes (yes ÷ (yes + no)); centred on 50 %.</p>
        <ul className="ballot-classes">
          {[...PERCENT_YES_CLASSES].reverse().map((entry, reversedIndex) => {
            const index = PERCENT_YES_CLASSES.length - 1 - reversedIndex;
            return (
              <li key={entry.label} className="legend-entry" data-class={index}>
                <span className="swatch" style={{ backgroundColor: BALLOT_COLORS[index] }} aria-hidden="true" />
                <span className="legend-label">{entry.label} yes</span>
                <span className="legend-count" data-testid={`ballot-count-${index}`}>
                  {formatCount(counts[index]!)}
                </span>
              </li>
            );
          })}
          <li className="legend-entry">
            <span className="swatch" style={{ backgroundColor: "#fff", backgroundImage: HATCH }} aria-hidden="true" />
            <span className="legend-label">Partial town: only the precincts inside the district</span>
            <span className="legend-count" data-testid="ballot-count-partial">
              {formatCount(partial)}
            </span>
          </li>
          <li className="legend-entry">
            <span className="swatch" style={{ backgroundColor: BALLOT_NEUTRAL }} aria-hidden="true" />
            <span className="legend-label">Did not run there</span>
            <span className="legend-count" data-testid="ballot-count-none">
              {formatCount(Math.max(0, bodyCount - towns.length))}
            </span>
          </li>
          {ran.length > 0 && (
            <li className="legend-entry">
              <span className="swatch ballot-outline-swatch" aria-hidden="true" />
              <span className="legend-label">
                Where it ran: {ran.map((district) => `${CHAMBER_LABELS[district.chamber as Chamber] ?? district.chamber} ${district.district}`).join(", ")}
              </span>
              <span />
            </li>
          )}
        </ul>
        {ran.map((district) => (
          <p key={`${district.chamber}-${district.district}`} className="ballot-sentence" data-testid="ballot-sentence">
            {CHAMBER_LABELS[district.chamber as Chamber] ?? district.chamber} {district.district}:{" "}
            {describeBallotResult({ year: question.year, yes: district.yes, no: district.no })}
          </p>
        ))}
        {question.source && <p className="legend-caption">Source: {question.source}</p>}
        {picker}
      </div>
    </section>
  );
}
