import { useId, useState, type FormEvent } from "react";
import { StateOptions } from "./StateOptions";
import { BODY_KIND_LABELS, BODY_KINDS, type BodyKind } from "../../../shared/model/body";
import { CHAMBER_LABELS, CHAMBERS, type Chamber } from "../../../shared/model/district";
import { IMPORT_FIELD_LABELS } from "../../../shared/model/import-request";
import { formatFileSize, type BoundaryImportChoices, type ImportPreview, type ImportTarget } from "../../../shared/model/import-upload";
import { guessBoundaryPublisher } from "../../../shared/rules/boundary-credit";
import { formatCount } from "../../lib/format";
import { FieldTable } from "./FieldTable";
import { NoteList } from "./NoteList";
import { OutlinePreview } from "./OutlinePreview";

const degrees = (value: number, positive: string, negative: string) => `${Math.abs(value).toFixed(2)}° ${value >= 0 ? positive : negative}`;

/** "41.55° N to 41.75° N, 71.75° W to 71.55° W": enough to spot a file that lands in the wrong place. */
function describeExtent([west, south, east, north]: ImportPreview["bbox"]): string {
  return `${degrees(south, "N", "S")} to ${degrees(north, "N", "S")}, ${degrees(west, "E", "W")} to ${degrees(east, "E", "W")}`;
}

const FORMAT_LABELS: Record<ImportPreview["format"], string> = { geojson: "GeoJSON", topojson: "TopoJSON", shapefile: "Shapefile" };

/** Step 2: what the file holds, and the few choices the import needs. Nothing is saved yet. */
export function PreviewStep({
  preview,
  busy,
  onConfirm,
  onStartOver,
}: {
  preview: ImportPreview;
  busy: boolean;
  onConfirm: (choices: BoundaryImportChoices) => void;
  onStartOver: () => void;
}) {
  const id = useId();
  const [target, setTarget] = useState<ImportTarget>("bodies");
  // A kind for every body, or `field:NAME`: each feature's kind from that field (a file mixing cities and towns).
  const [kind, setKind] = useState<string>("city_council");
  const [chamber, setChamber] = useState<Chamber>("state_lower");
  const [state, setState] = useState("");
  const [vintage, setVintage] = useState(String(new Date().getFullYear()));
  // Who published the boundaries (credited on the map and press exports): guessed from the file's name.
  const [publisher, setPublisher] = useState(() => guessBoundaryPublisher(preview.fileName));
  // null until the person picks: then the guess for the chosen target applies.
  const [chosenName, setChosenName] = useState<string | null>(null);
  const [chosenId, setChosenId] = useState<string | null>(null);

  const guessedName = target === "bodies" ? preview.guesses.bodyName : preview.guesses.districtName;
  const nameField = chosenName ?? guessedName ?? "";
  const idField = chosenId ?? preview.guesses.id ?? "";
  const what = target === "bodies" ? "bodies" : "districts";
  const fieldLabel = (name: string) => {
    const samples = preview.fields.find((field) => field.name === name)?.samples ?? [];
    return samples.length ? `${name} (e.g. ${samples[0]})` : name;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!nameField) return;
    const fields = { ...(state ? { state } : {}), nameField, ...(idField ? { idField } : {}) };
    const kinds = kind.startsWith("field:") ? { kindField: kind.slice("field:".length) } : { kind: kind as BodyKind };
    const source = publisher.trim() ? { source: publisher } : {};
    onConfirm(target === "bodies" ? { as: "bodies", ...kinds, ...source, ...fields } : { as: "districts", chamber, vintage, ...fields });
  };

  return (
    <form className="preview-step" onSubmit={submit} aria-busy={busy}>
      <p className="step-intro">
        Check that this is the file you meant: the shapes should look like the places you expect. Then tell Groundswell what they are. Nothing is saved until you press{" "}
        <strong>Import</strong>.
      </p>
      <div className="preview-overview">
        <OutlinePreview outlines={preview.outlines} complete={preview.outlinesComplete} fileName={preview.fileName} />
        <dl className="preview-facts">
          <dt>File</dt>
          <dd>
            {preview.fileName} <span className="muted">({formatFileSize(preview.bytes)})</span>
          </dd>
          <dt>Format</dt>
          <dd>{FORMAT_LABELS[preview.format]}</dd>
          <dt>Shapes</dt>
          <dd data-testid="preview-feature-count">{formatCount(preview.featureCount)}</dd>
          <dt>Coordinates</dt>
          <dd>
            {preview.sourceCrs}
            {preview.reprojected ? <span className="muted"> (converted to longitude/latitude)</span> : null}
          </dd>
          <dt>Where</dt>
          <dd>{describeExtent(preview.bbox)}</dd>
          <dt>Fields</dt>
          <dd>{formatCount(preview.fields.length)}</dd>
          <dt>Problems</dt>
          <dd>
            {preview.repairs.count === 0 && preview.skipped.count === 0
              ? "None found"
              : [preview.repairs.count ? `${formatCount(preview.repairs.count)} repaired` : "", preview.skipped.count ? `${formatCount(preview.skipped.count)} left out` : ""]
                  .filter(Boolean)
                  .join(", ") + " (see below)"}
          </dd>
        </dl>
      </div>

      <NoteList
        notes={preview.repairs}
        tone="info"
        summary={`${formatCount(preview.repairs.count)} ${preview.repairs.count === 1 ? "shape was" : "shapes were"} repaired (common in official files; the fixed shape is what gets imported):`}
      />
      <NoteList
        notes={preview.skipped}
        tone="warning"
        summary={`${formatCount(preview.skipped.count)} ${preview.skipped.count === 1 ? "feature" : "features"} will be left out:`}
      />

      <fieldset className="import-choices" disabled={busy}>
        <legend>What are these shapes?</legend>
        <div className="choice-row">
          <label className={`choice${target === "bodies" ? " is-selected" : ""}`}>
            <input type="radio" name="target" value="bodies" checked={target === "bodies"} onChange={() => setTarget("bodies")} />
            <span>
              <strong>Municipal bodies</strong>
              <small>Towns, cities, counties or wards whose council could pass the resolution.</small>
            </span>
          </label>
          <label className={`choice${target === "districts" ? " is-selected" : ""}`}>
            <input type="radio" name="target" value="districts" checked={target === "districts"} onChange={() => setTarget("districts")} />
            <span>
              <strong>Legislative districts</strong>
              <small>A state house, state senate or congressional plan, to see which legislators share each body's voters.</small>
            </span>
          </label>
        </div>

        <div className="choice-grid">
          {target === "bodies" ? (
            <>
              <div className="choice-field">
                <label htmlFor={`${id}-kind`}>Kind of body</label>
                <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value)}>
                  {BODY_KINDS.map((entry) => (
                    <option key={entry} value={entry}>
                      {BODY_KIND_LABELS[entry]}
                    </option>
                  ))}
                  <optgroup label="Each feature's own, from a field (C or T, city or town)">
                    {preview.fields.map((field) => (
                      <option key={field.name} value={`field:${field.name}`}>
                        {fieldLabel(field.name)}
                      </option>
                    ))}
                  </optgroup>
                </select>
              </div>
              <div className="choice-field">
                <label htmlFor={`${id}-publisher`}>{IMPORT_FIELD_LABELS.source}</label>
                <input id={`${id}-publisher`} value={publisher} onChange={(event) => setPublisher(event.target.value)} maxLength={200} aria-describedby={`${id}-publisher-hint`} />
                <span className="hint" id={`${id}-publisher-hint`}>
                  Credited on the map and in press exports. Guessed from the file&apos;s name.
                </span>
              </div>
            </>
          ) : (
            <>
              <div className="choice-field">
                <label htmlFor={`${id}-chamber`}>Chamber</label>
                <select id={`${id}-chamber`} value={chamber} onChange={(event) => setChamber(event.target.value as Chamber)}>
                  {CHAMBERS.map((entry) => (
                    <option key={entry} value={entry}>
                      {CHAMBER_LABELS[entry]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="choice-field">
                <label htmlFor={`${id}-vintage`}>Plan year (vintage)</label>
                <input id={`${id}-vintage`} value={vintage} onChange={(event) => setVintage(event.target.value)} maxLength={20} aria-describedby={`${id}-vintage-hint`} />
                <span className="hint" id={`${id}-vintage-hint`}>
                  A newer plan sits beside the old one and becomes current.
                </span>
              </div>
            </>
          )}
          <div className="choice-field">
            <label htmlFor={`${id}-state`}>State</label>
            <select id={`${id}-state`} value={state} onChange={(event) => setState(event.target.value)}>
              <StateOptions blank={target === "bodies" ? "Not set (taken from the GEOID when there is one)" : "Not set"} />
            </select>
          </div>
          <div className="choice-field">
            <label htmlFor={`${id}-name`}>Field with the {target === "bodies" ? "name" : "district number or name"}</label>
            <select id={`${id}-name`} value={nameField} onChange={(event) => setChosenName(event.target.value)} required>
              {!nameField && <option value="">Choose a field…</option>}
              {preview.fields.map((field) => (
                <option key={field.name} value={field.name}>
                  {fieldLabel(field.name)}
                </option>
              ))}
            </select>
          </div>
          <div className="choice-field">
            <label htmlFor={`${id}-id`}>Field with a stable id (optional)</label>
            <select id={`${id}-id`} value={idField} onChange={(event) => setChosenId(event.target.value)} aria-describedby={`${id}-id-hint`}>
              <option value="">None: match by name</option>
              {preview.fields.map((field) => (
                <option key={field.name} value={field.name}>
                  {fieldLabel(field.name)}
                </option>
              ))}
            </select>
            <span className="hint" id={`${id}-id-hint`}>
              A GEOID or similar code. Importing the same file again then updates {what} instead of adding twins.
            </span>
          </div>
        </div>
      </fieldset>

      <details className="field-details" open={preview.fields.length <= 8}>
        <summary>Fields in this file ({formatCount(preview.fields.length)})</summary>
        <FieldTable fields={preview.fields} featureCount={preview.featureCount} nameField={nameField} idField={idField} />
      </details>

      <div className="step-actions">
        <button type="submit" className="primary" disabled={busy || !nameField}>
          Import {formatCount(preview.featureCount)} {preview.featureCount === 1 ? what.replace(/ies$/, "y").replace(/s$/, "") : what}
        </button>
        <button type="button" className="secondary" onClick={onStartOver} disabled={busy}>
          Choose another file
        </button>
        {busy && (
          <span className="busy-line" role="status">
            <span className="spinner" aria-hidden="true" />
            <span>
              <strong>Importing…</strong> saving the shapes and working out which districts overlap which bodies. A whole state can take a minute.
            </span>
          </span>
        )}
      </div>
    </form>
  );
}
