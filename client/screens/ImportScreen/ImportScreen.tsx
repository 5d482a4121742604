import { useEffect, useRef, useState, type ReactNode } from "react";
import type { BodyKind } from "../../../shared/model/body";
import { importFieldLabel, parseImportRequest, phraseImportProblem } from "../../../shared/model/import-request";
import { formatFileSize, type BoundaryImportChoices, type ImportPreview, type ImportResult } from "../../../shared/model/import-upload";
import { commitImport, ImportRequestError, uploadForPreview } from "../../api/imports";
import { ErrorNotice } from "../../components/ErrorNotice";
import { DoneActions } from "./DoneActions";
import { FilePicker } from "./FilePicker";
import { PreviewStep } from "./PreviewStep";
import { ResultStep } from "./ResultStep";
import { SpreadsheetStep } from "./SpreadsheetStep";
import { LegislatorStep } from "./LegislatorStep";
import { LegislatorReport } from "./LegislatorReport";
import { CommitteeStep } from "./CommitteeStep";
import { CommitteeReport } from "./CommitteeReport";
import type { CommitteeImportReport, CommitteeUploadPreview } from "../../../shared/model/committee";
import { BallotReport } from "./BallotReport";
import { BallotStep } from "./BallotStep";
import type { BallotImportSummary, BallotUploadPreview } from "../../../shared/model/ballot-question";
import { CosponsorReport } from "./CosponsorReport";
import { EndorserReport } from "./EndorserReport";
import { EndorserStep } from "./EndorserStep";
import type { EndorserImportReport, EndorserUploadPreview } from "../../../shared/model/endorser";
import { CosponsorStep } from "./CosponsorStep";
import type { CosponsorImportReport, NameListUploadPreview } from "../../../shared/model/ladder";
import type { LegislatorImportReport, LegislatorUploadPreview } from "../../../shared/model/legislator-import";
import { describePlanCounts, type SpreadsheetPlan, type SpreadsheetUploadPreview } from "../../../shared/model/spreadsheet-import";
import { formatCount } from "../../lib/format";
import { useApplyChange } from "../../api/change-queries";
import { useAppConfig } from "../../api/map-data";

type Step =
  | { name: "choose" }
  | { name: "uploading"; file: File; progress: number }
  | { name: "preview"; preview: ImportPreview }
  | { name: "importing"; preview: ImportPreview }
  | { name: "done"; result: ImportResult; kind: BodyKind | null }
  | { name: "sheet"; preview: SpreadsheetUploadPreview }
  | { name: "sheet-done"; plan: SpreadsheetPlan }
  | { name: "legislators"; preview: LegislatorUploadPreview }
  | { name: "legislators-done"; report: LegislatorImportReport }
  | { name: "committees"; preview: CommitteeUploadPreview }
  | { name: "committees-done"; report: CommitteeImportReport }
  | { name: "names"; preview: NameListUploadPreview }
  | { name: "names-done"; report: CosponsorImportReport }
  | { name: "ballot"; preview: BallotUploadPreview }
  | { name: "ballot-done"; summary: BallotImportSummary }
  | { name: "endorsers"; preview: EndorserUploadPreview }
  | { name: "endorsers-done"; report: EndorserImportReport };

const STEPS = [
  { label: "Choose a file", steps: ["choose", "uploading"] },
  { label: "Check the preview", steps: ["preview", "importing", "sheet", "legislators", "committees", "names", "ballot", "endorsers"] },
  { label: "Done", steps: ["done", "sheet-done", "legislators-done", "committees-done", "names-done", "ballot-done", "endorsers-done"] },
];

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Import a boundary file or a campaign spreadsheet, in three steps over the map: choose a file
 * (it is uploaded and read), check the preview and say what it holds (for a spreadsheet: the
 * dry-run plan with every row's errors), then read what the import did. The map's data is
 * refreshed as soon as an import succeeds.
 */
export function ImportScreen({ onClose }: { onClose: () => void }) {
  const applyChange = useApplyChange();
  const config = useAppConfig();
  const maxBytes = config.data?.importMaxBytes;
  const [step, setStep] = useState<Step>({ name: "choose" });
  const [error, setError] = useState<{ title: string; message: string } | null>(null);
  const upload = useRef<AbortController | null>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const busy = step.name === "importing";

  useEffect(() => {
    // Focus moves into the dialog, and back to whatever opened it when it closes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    title.current?.focus();
    return () => {
      upload.current?.abort();
      opener?.focus();
    };
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && !busy) onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [busy, onClose]);

  const startUpload = async (file: File) => {
    setError(null);
    if (maxBytes !== undefined && file.size > maxBytes) {
      setError({
        title: "This file is too big to upload",
        message: `${file.name} is ${formatFileSize(file.size)}; the limit is ${formatFileSize(maxBytes)}. Ask whoever runs Groundswell to import it with the groundswell import command.`,
      });
      return;
    }
    const controller = new AbortController();
    upload.current = controller;
    setStep({ name: "uploading", file, progress: 0 });
    try {
      const preview = await uploadForPreview(file, (progress) => setStep((current) => (current.name === "uploading" ? { ...current, progress } : current)), controller.signal);
      if (preview.format === "csv") setStep({ name: "sheet", preview });
      else if (preview.format === "legislators") setStep({ name: "legislators", preview });
      else if (preview.format === "committees") setStep({ name: "committees", preview });
      else if (preview.format === "ballot-results") setStep({ name: "ballot", preview });
      else if (preview.format === "names") setStep({ name: "names", preview });
      else if (preview.format === "endorsers") setStep({ name: "endorsers", preview });
      else setStep({ name: "preview", preview });
    } catch (failure) {
      setStep({ name: "choose" });
      if (controller.signal.aborted) return;
      setError({ title: `Groundswell could not read ${file.name}`, message: messageOf(failure) });
    } finally {
      upload.current = null;
    }
  };

  const confirm = async (preview: ImportPreview, choices: BoundaryImportChoices) => {
    setError(null);
    // The form's choices parse into the same import request the server reads; a bad one is named by its label.
    const parsed = parseImportRequest(choices);
    if (!parsed.ok) {
      setError({ title: "Check the choices", message: phraseImportProblem(parsed.problem, importFieldLabel) });
      return;
    }
    setStep({ name: "importing", preview });
    try {
      const result = await commitImport({ token: preview.token, ...choices });
      setStep({ name: "done", result, kind: choices.as === "bodies" && !choices.kindField ? ((choices.kind as BodyKind | undefined) ?? null) : null });
      // The map behind the dialog redraws with the new shapes, stages and overlaps.
      await applyChange({ kind: "import" });
    } catch (failure) {
      if (failure instanceof ImportRequestError && failure.status === 404) {
        setStep({ name: "choose" });
        setError({ title: "The uploaded file has expired", message: "Uploaded files wait 30 minutes for their import. Choose the file again." });
        return;
      }
      setStep({ name: "preview", preview });
      setError({ title: "Nothing was imported", message: `${messageOf(failure)}. The map is unchanged; adjust the choices below and try again.` });
    }
  };

  const current = STEPS.findIndex((entry) => entry.steps.includes(step.name));
  const startOver = () => {
    setError(null);
    setStep({ name: "choose" });
  };
  const uploadExpired = () => {
    setStep({ name: "choose" });
    setError({ title: "The uploaded file has expired", message: "Uploaded files wait 30 minutes for their import. Choose the file again." });
  };

  return (
    <div
      className="dialog-backdrop"
      // A file dropped beside the drop zone must not make the browser navigate away from the app.
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => event.preventDefault()}
    >
      <section className="import-screen card" role="dialog" aria-modal="true" aria-labelledby="import-title">
        <header className="import-header">
          <h2 id="import-title" ref={title} tabIndex={-1}>
            Import
          </h2>
          <button type="button" className="close-button" onClick={onClose} aria-label="Close import" disabled={busy}>
            ×
          </button>
        </header>
        <ol className="import-steps" aria-label="Steps">
          {STEPS.map((entry, index) => (
            <li key={entry.label} className={index === current ? "is-current" : index < current ? "is-done" : undefined} aria-current={index === current ? "step" : undefined}>
              <span className="step-number">{index + 1}</span>
              {entry.label}
            </li>
          ))}
        </ol>

        {error && <ErrorNotice title={error.title} message={error.message} />}

        {step.name === "choose" && (
          <>
            <p className="step-intro">
              Add the towns, cities or legislative districts your campaign works in, from an official boundary file: your state GIS office's town lines, a county's ward map or a
              Census TIGER/Line download. Or bring the campaign spreadsheet you already keep, as a <strong>.csv</strong> of resolutions (stage, dates, tally, sponsors) or members;
              or the state's legislators from Open States (its <strong>.csv</strong> export, or its person <strong>.yml</strong> files, zipped together); or a bill's cosponsor
              list, as a <strong>.txt</strong> with one name per line or a <strong>.csv</strong> with a name column; or a ballot question’s results by town or precinct (the state’s
              election-statistics <strong>.csv</strong>); or <strong>Endorsers (CSV)</strong>: organisations and key people with <code>name</code> and <code>town</code> columns
              (category, state, address, lat, lon, step, public, website, contacts, note), as <code>groundswell import --as endorsers</code> reads them. You will see a preview and
              a dry run before anything is saved.
            </p>
            <FilePicker maxBytes={maxBytes} onFile={(file) => void startUpload(file)} onRefuse={(message) => setError({ title: "One file, please", message })} />
          </>
        )}

        {step.name === "uploading" && (
          <div className="upload-progress" role="status" aria-live="polite">
            <p>
              {step.progress < 1 ? "Uploading" : "Uploaded"} <strong>{step.file.name}</strong> <span className="muted">({formatFileSize(step.file.size)})</span>
            </p>
            <div className="progress-row">
              <progress max={1} value={step.progress} aria-label="Upload progress" />
              <span className="progress-figure">{Math.round(step.progress * 100)}%</span>
            </div>
            {step.progress >= 1 && (
              <p className="busy-line">
                <span className="spinner" aria-hidden="true" /> Reading the shapes and checking them for problems…
              </p>
            )}
            <button type="button" className="secondary" onClick={() => upload.current?.abort()}>
              Cancel
            </button>
          </div>
        )}

        {(step.name === "preview" || step.name === "importing") && (
          <PreviewStep
            key={step.preview.token}
            preview={step.preview}
            busy={busy}
            onConfirm={(choices) => void confirm(step.preview, choices)}
            onStartOver={() => {
              setError(null);
              setStep({ name: "choose" });
            }}
          />
        )}

        {step.name === "sheet" && (
          <SpreadsheetStep
            key={step.preview.token}
            preview={step.preview}
            onDone={(plan) => setStep({ name: "sheet-done", plan })}
            onStartOver={startOver}
            onExpired={uploadExpired}
          />
        )}

        {step.name === "legislators" && (
          <LegislatorStep
            key={step.preview.token}
            preview={step.preview}
            onDone={(report) => setStep({ name: "legislators-done", report })}
            onStartOver={startOver}
            onExpired={uploadExpired}
          />
        )}

        {step.name === "ballot" && (
          <BallotStep
            key={step.preview.token}
            preview={step.preview}
            onDone={(summary) => setStep({ name: "ballot-done", summary })}
            onStartOver={startOver}
            onExpired={uploadExpired}
          />
        )}

        {step.name === "ballot-done" && (
          <ImportDone headline={`Imported the results of “${step.summary.question}”`} onClose={onClose} onImportAnother={startOver}>
            <BallotReport summary={step.summary} />
          </ImportDone>
        )}

        {step.name === "endorsers" && (
          <EndorserStep
            key={step.preview.token}
            preview={step.preview}
            onDone={(report) => setStep({ name: "endorsers-done", report })}
            onStartOver={startOver}
            onExpired={uploadExpired}
          />
        )}

        {step.name === "endorsers-done" && (
          <ImportDone headline={`Imported ${formatCount(step.report.rows)} endorsers from ${step.report.fileName}`} onClose={onClose} onImportAnother={startOver}>
            <EndorserReport report={step.report} />
          </ImportDone>
        )}

        {step.name === "names" && (
          <CosponsorStep
            key={step.preview.token}
            preview={step.preview}
            onDone={(report) => setStep({ name: "names-done", report })}
            onStartOver={startOver}
            onExpired={uploadExpired}
          />
        )}

        {step.name === "names-done" && (
          <div className="result-step">
            <p className="result-headline" role="status">
              <span className="result-check" aria-hidden="true">
                ✓
              </span>
              Imported the cosponsor list of {step.report.bill} from {step.report.fileName}
            </p>
            <CosponsorReport report={step.report} />
            <div className="step-actions">
              <button type="button" className="primary" onClick={onClose}>
                Back to the map
              </button>
            </div>
          </div>
        )}

        {step.name === "committees" && (
          <CommitteeStep
            key={step.preview.token}
            preview={step.preview}
            onDone={(report) => setStep({ name: "committees-done", report })}
            onStartOver={startOver}
            onExpired={uploadExpired}
          />
        )}

        {step.name === "committees-done" && (
          <ImportDone headline={`Imported ${formatCount(step.report.committees)} committees from ${step.report.fileName}`} onClose={onClose} onImportAnother={startOver}>
            <CommitteeReport report={step.report} />
          </ImportDone>
        )}

        {step.name === "legislators-done" && (
          <ImportDone headline={`Imported ${formatCount(step.report.legislators)} legislators from ${step.report.fileName}`} onClose={onClose} onImportAnother={startOver}>
            <LegislatorReport report={step.report} />
          </ImportDone>
        )}

        {step.name === "sheet-done" && (
          <div className="result-step" role="status">
            <p>
              <strong>Imported.</strong> {formatCount(step.plan.rows)} {step.plan.rows === 1 ? "row" : "rows"} of {step.plan.as} into “{step.plan.campaign.name}”:{" "}
              {describePlanCounts(step.plan)}
              {step.plan.as === "resolutions" ? `; ${formatCount(step.plan.stageEvents)} stage changes recorded` : ""}.
            </p>
            <div className="step-actions">
              <button type="button" className="primary" onClick={onClose}>
                Back to the map
              </button>
              <a className="secondary-link" href={`/pipeline?campaign=${step.plan.campaign.id ?? ""}`}>
                Open the pipeline
              </a>
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setError(null);
                  setStep({ name: "choose" });
                }}
              >
                Import another file
              </button>
            </div>
          </div>
        )}

        {step.name === "done" && (
          <ResultStep
            result={step.result}
            kind={step.kind}
            onBackToMap={onClose}
            onImportAnother={() => {
              setError(null);
              setStep({ name: "choose" });
            }}
          />
        )}
      </section>
    </div>
  );
}

/** The last step of an import with a report: a headline, what was imported, and where to go next. */
function ImportDone({ headline, onClose, onImportAnother, children }: { headline: string; onClose: () => void; onImportAnother: () => void; children: ReactNode }) {
  return (
    <div className="result-step">
      <p className="result-headline" role="status">
        <span className="result-check" aria-hidden="true">
          ✓
        </span>
        {headline}
      </p>
      {children}
      <DoneActions onBackToMap={onClose} onImportAnother={onImportAnother} />
    </div>
  );
}
