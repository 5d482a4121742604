import { DoneActions } from "./DoneActions";
import { BODY_KIND_LABELS, type BodyKind } from "../../../shared/model/body";
import type { ImportResult } from "../../../shared/model/import-upload";
import { formatCount } from "../../lib/format";
import { NoteList } from "./NoteList";

const plural = (count: number, one: string, many: string) => `${formatCount(count)} ${count === 1 ? one : many}`;

/** Step 3: what the import did, in plain words, and the way back to the map. */
export function ResultStep({ result, kind, onBackToMap, onImportAnother }: { result: ImportResult; kind: BodyKind | null; onBackToMap: () => void; onImportAnother: () => void }) {
  const bodies = result.as === "bodies";
  return (
    <div className="result-step">
      <p className="result-headline" role="status">
        <span className="result-check" aria-hidden="true">
          ✓
        </span>
        Imported {result.fileName}
      </p>
      <dl className="result-counts">
        <div>
          <dt>Shapes read</dt>
          <dd data-testid="result-read">{formatCount(result.read)}</dd>
        </div>
        <div>
          <dt>{bodies ? "Bodies created" : "Districts created"}</dt>
          <dd data-testid="result-created">{formatCount(result.created)}</dd>
        </div>
        <div>
          <dt>{bodies ? "Bodies updated" : "Districts updated"}</dt>
          <dd data-testid="result-updated">{formatCount(result.updated)}</dd>
        </div>
        <div>
          <dt>Left out</dt>
          <dd data-testid="result-skipped">{formatCount(result.skipped.count)}</dd>
        </div>
      </dl>
      <ul className="result-details">
        {bodies && kind && <li>Every body is a {BODY_KIND_LABELS[kind].toLowerCase()}.</li>}
        <li>
          Names taken from the field <code>{result.nameField}</code>
          {result.idField ? (
            <>
              , matched by <code>{result.idField}</code>
            </>
          ) : (
            ", matched by name (no id field)"
          )}
          .
        </li>
        {result.merged > 0 && <li>{plural(result.merged, "extra part was", "extra parts were")} joined to a shape with the same id (islands, detached pieces).</li>}
        {result.vintage && (
          <li>
            Plan {result.vintage} {result.current ? "is now the current plan." : "is older than the current plan; it is kept, but overlaps use the newer one."}
          </li>
        )}
        {result.overlaps &&
          (result.overlaps.districts === 0 ? (
            <li>No district plans are loaded yet, so no overlaps were worked out. Import a district plan to see which legislators share each body's voters.</li>
          ) : result.overlaps.bodies === 0 ? (
            <li>No bodies are loaded yet, so no overlaps were worked out.</li>
          ) : (
            <li data-testid="result-overlaps">
              Worked out {plural(result.overlaps.pairs, "overlap", "overlaps")} between {plural(result.overlaps.bodies, "body", "bodies")} and{" "}
              {plural(result.overlaps.districts, "current district", "current districts")}.
              {result.overlaps.problems > 0 && ` ${plural(result.overlaps.problems, "shape", "shapes")} had geometry problems and may be missing overlaps.`}
            </li>
          ))}
        {result.legislators && (
          <li data-testid="result-legislators">
            {formatCount(result.legislators.matched)} of {plural(result.legislators.sitting, "sitting legislator", "sitting legislators")} of this chamber{" "}
            {result.legislators.sitting === 1 ? "is" : "are"} seated in its districts
            {result.legislators.unmatched.length > 0 ? `; no district here for ${result.legislators.unmatched.join(", ")}` : ""}.
          </li>
        )}
      </ul>
      <NoteList notes={result.repairs} tone="info" summary={`${plural(result.repairs.count, "shape was", "shapes were")} repaired:`} />
      <NoteList notes={result.skipped} tone="warning" summary={`${plural(result.skipped.count, "feature was", "features were")} left out:`} />
      <p className="muted">{bodies ? "New bodies join the map at the first stage of every campaign." : "Show the district outlines with the layer switches under the legend."}</p>
      <DoneActions onBackToMap={onBackToMap} onImportAnother={onImportAnother} />
    </div>
  );
}
