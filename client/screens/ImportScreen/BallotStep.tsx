import type { ImportStepProps } from "./step-props";
import { useId, useState } from "react";
import type { BallotImportSummary, BallotUploadPreview } from "../../../shared/model/ballot-question";
import { StateOptions } from "./StateOptions";
import { CHAMBER_LABELS, CHAMBERS } from "../../../shared/model/district";
import { formatFileSize } from "../../../shared/model/import-upload";
import { commitBallotResults, ImportRequestError } from "../../api/imports";
import { useApplyChange } from "../../api/change-queries";
import { useCampaigns } from "../../api/map-data";
import { ErrorNotice } from "../../components/ErrorNotice";
import { formatCount } from "../../lib/format";
import { BallotReport } from "./BallotReport";
import { CampaignField } from "./CampaignField";

const LEVELS: Record<BallotUploadPreview["level"], string> = { town: "towns", precinct: "precincts (town, ward and precinct)", district: "districts" };

/**
 * Step 2 for a ballot question's results: which campaign and question they belong to, where it
 * ran, then "Check" (a dry run: the district roll-up, partial towns, every warning, nothing kept)
 * and "Import", which replaces the question's results when it already has some.
 */
export function BallotStep({ preview, onDone, onStartOver, onExpired }: ImportStepProps<BallotUploadPreview, BallotImportSummary>) {
  const id = useId();
  const applyChange = useApplyChange();
  const campaigns = useCampaigns();
  const [form, setForm] = useState({
    campaign: "",
    question: "",
    year: preview.year ? String(preview.year) : "",
    date: "",
    text: "",
    district: "",
    chamber: "state_lower",
    vintage: "",
    state: "",
    strict: false,
  });
  const [checked, setChecked] = useState<{ key: string; summary: BallotImportSummary } | null>(null);
  const [busy, setBusy] = useState<"check" | "import" | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const campaign = form.campaign || String(campaigns.data?.[0]?.id ?? "");
  const choices = {
    token: preview.token,
    campaign,
    question: form.question,
    year: form.year,
    date: form.date,
    text: form.text,
    district: form.district,
    ...(form.district.trim() ? { chamber: form.chamber, vintage: form.vintage } : {}),
    state: form.state,
    strict: form.strict,
  };
  const key = JSON.stringify(choices);
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) => setForm((current) => ({ ...current, [field]: event.target.value }));

  const run = async (dryRun: boolean) => {
    setBusy(dryRun ? "check" : "import");
    setFailure(null);
    try {
      const summary = await commitBallotResults({ ...choices, dryRun });
      if (dryRun) setChecked({ key, summary });
      else {
        await applyChange({ kind: "import" });
        onDone(summary);
      }
    } catch (error) {
      if (error instanceof ImportRequestError && error.status === 404) return onExpired();
      setChecked(null);
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <form
      className="spreadsheet-step ballot-step"
      aria-busy={busy !== null}
      onSubmit={(event) => {
        event.preventDefault();
        void run(true);
      }}
    >
      <p className="step-intro" data-testid="ballot-preview">
        <strong>{preview.fileName}</strong> <span className="muted">({formatFileSize(preview.bytes)})</span>: ballot question results for {formatCount(preview.rows)}{" "}
        {LEVELS[preview.level]}
        {preview.samples.length ? `, such as ${preview.samples.join(", ")}` : ""}
        {preview.hasTotals ? ", with a Totals row to check against" : ""}. Name the question and where it ran, press <strong>Check</strong> to see the results by district, then{" "}
        <strong>Import</strong>. Importing a question again replaces its results.
      </p>
      <div className="form-grid">
        <CampaignField
          campaigns={campaigns.data}
          value={campaign ? Number(campaign) : undefined}
          onChange={(campaignId) => setForm((current) => ({ ...current, campaign: String(campaignId) }))}
        />
        <label className="field">
          Ballot question
          <input value={form.question} onChange={set("question")} placeholder="2018 Q5" required />
        </label>
        <label className="field">
          Election year
          <input value={form.year} onChange={set("year")} inputMode="numeric" placeholder="2018" />
        </label>
        <label className="field">
          Election date
          <input type="date" value={form.date} onChange={set("date")} />
        </label>
        <label className="field">
          District it ran in
          <input value={form.district} onChange={set("district")} placeholder="2nd Berkshire" />
        </label>
        <label className="field">
          Chamber
          <select value={form.chamber} onChange={set("chamber")} disabled={!form.district.trim()}>
            {CHAMBERS.map((chamber) => (
              <option key={chamber} value={chamber}>
                {CHAMBER_LABELS[chamber]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Plan year (vintage), if not the current plan
          <input value={form.vintage} onChange={set("vintage")} placeholder="2011" disabled={!form.district.trim()} />
        </label>
        <label className="field">
          State
          <select value={form.state} onChange={set("state")}>
            <StateOptions blank="Any state" />
          </select>
        </label>
      </div>
      <label className="field">
        Question text
        <textarea value={form.text} onChange={set("text")} rows={2} placeholder="Shall the representative for this district be instructed to vote for…" />
      </label>
      <label className="checkbox-field">
        <input type="checkbox" checked={form.strict} onChange={(event) => setForm((current) => ({ ...current, strict: event.target.checked }))} /> Refuse rows whose yes + no +
        blanks differ from their total (otherwise a warning)
      </label>

      <section className="plan" aria-live="polite" aria-labelledby={`${id}-plan`}>
        <h3 id={`${id}-plan`}>What the import would do</h3>
        {!checked && !failure && <p className="muted">Press Check to see each district’s results before anything is saved.</p>}
        {checked && checked.key !== key && <p className="muted">The choices changed since the check: press Check again.</p>}
        {checked && <BallotReport summary={checked.summary} />}
      </section>
      {failure && <ErrorNotice title="Nothing was imported" message={failure} />}
      <div className="step-actions">
        <button type="button" className="secondary" onClick={() => void run(true)} disabled={busy !== null || !form.question.trim() || !campaign}>
          {busy === "check" ? "Checking…" : "Check"}
        </button>
        <button type="button" className="primary" onClick={() => void run(false)} disabled={busy !== null || checked?.key !== key}>
          {busy === "import" ? "Importing…" : "Import"}
        </button>
        <button type="button" className="secondary" onClick={onStartOver} disabled={busy !== null}>
          Choose another file
        </button>
      </div>
    </form>
  );
}
