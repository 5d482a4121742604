import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { formatFileSize } from "../../../shared/model/import-upload";
import { describePlanCounts, type SpreadsheetPlan, type SpreadsheetTarget, type SpreadsheetUploadPreview } from "../../../shared/model/spreadsheet-import";
import { commitSpreadsheet, ImportRequestError, SpreadsheetRowsRefused } from "../../api/imports";
import { useCampaigns } from "../../api/map-data";
import { ErrorNotice } from "../../components/ErrorNotice";
import { formatCount } from "../../lib/format";
import { PlanList } from "./PlanList";
import { useApplyChange } from "../../api/change-queries";
import { queryKeys } from "../../api/query-keys";

const NEW_CAMPAIGN = "__new__";

/**
 * Step 2 for a spreadsheet: say what the rows are (resolutions or members) and for which campaign;
 * the dry run then shows what would be created, updated and left unchanged, and every row's error.
 * Import stays disabled until the file has no errors, and then writes all rows or none.
 */
export function SpreadsheetStep({
  preview,
  onDone,
  onStartOver,
  onExpired,
}: {
  preview: SpreadsheetUploadPreview;
  onDone: (plan: SpreadsheetPlan) => void;
  onStartOver: () => void;
  onExpired: () => void;
}) {
  const id = useId();
  const applyChange = useApplyChange();
  const campaigns = useCampaigns();
  const [target, setTarget] = useState<SpreadsheetTarget>(preview.guess);
  const [campaignChoice, setCampaignChoice] = useState<string>("");
  const [newName, setNewName] = useState("");
  const [committing, setCommitting] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; plan: SpreadsheetPlan | null } | null>(null);

  const firstCampaign = campaigns.data?.[0];
  const choice = campaignChoice || (firstCampaign ? String(firstCampaign.id) : NEW_CAMPAIGN);
  const campaign = choice === NEW_CAMPAIGN ? newName.trim() : choice;
  const dryRun = useQuery({
    queryKey: queryKeys.spreadsheetPlan(preview.token, target, campaign),
    queryFn: () => commitSpreadsheet({ token: preview.token, as: target, campaign, dryRun: true }),
    enabled: campaign !== "" && !campaigns.isPending,
    retry: false,
    staleTime: Infinity,
  });
  const plan = refusal?.plan ?? dryRun.data;
  const errors = plan?.errors ?? [];

  const confirm = async () => {
    setCommitting(true);
    setRefusal(null);
    try {
      const done = await commitSpreadsheet({ token: preview.token, as: target, campaign, dryRun: false });
      await applyChange({ kind: "import" });
      onDone(done);
    } catch (failure) {
      if (failure instanceof ImportRequestError && failure.status === 404) return onExpired();
      setRefusal({ message: failure instanceof Error ? failure.message : String(failure), plan: failure instanceof SpreadsheetRowsRefused ? failure.refusal.plan : null });
    } finally {
      setCommitting(false);
    }
  };

  return (
    <form
      className="spreadsheet-step"
      aria-busy={committing}
      onSubmit={(event) => {
        event.preventDefault();
        void confirm();
      }}
    >
      <p className="step-intro">
        <strong>{preview.fileName}</strong> <span className="muted">({formatFileSize(preview.bytes)})</span>: {formatCount(preview.rows)} rows with the columns{" "}
        <span className="column-list">{preview.columns.join(", ")}</span>. Nothing is saved until you press <strong>Import</strong>.
      </p>
      <fieldset className="choice-group">
        <legend>The rows are</legend>
        <label>
          <input type="radio" name={`${id}-as`} checked={target === "resolutions"} onChange={() => setTarget("resolutions")} /> Resolutions (one row per body: stage, dates, tally,
          sponsors)
        </label>
        <label>
          <input type="radio" name={`${id}-as`} checked={target === "members"} onChange={() => setTarget("members")} /> Members (one row per person on a body, with their position)
        </label>
      </fieldset>
      <label className="field">
        Campaign
        <select value={choice} onChange={(event) => setCampaignChoice(event.target.value)}>
          {(campaigns.data ?? []).map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.name}
            </option>
          ))}
          <option value={NEW_CAMPAIGN}>A new campaign…</option>
        </select>
      </label>
      {choice === NEW_CAMPAIGN && (
        <label className="field">
          Name of the new campaign
          <input value={newName} onChange={(event) => setNewName(event.target.value)} maxLength={120} placeholder="Medicare for All resolution 2026" />
        </label>
      )}

      <section className="plan" aria-live="polite" aria-labelledby={`${id}-plan`}>
        <h3 id={`${id}-plan`}>What the import would do</h3>
        {campaign === "" && <p className="muted">Name the new campaign to see the plan.</p>}
        {dryRun.isFetching && !plan && (
          <p className="busy-line">
            <span className="spinner" aria-hidden="true" /> Checking every row…
          </p>
        )}
        {dryRun.error && <ErrorNotice title="The file cannot be imported" message={dryRun.error.message} />}
        {plan && (
          <>
            <p data-testid="plan-summary">
              {formatCount(plan.rows)} {plan.rows === 1 ? "row" : "rows"} into “{plan.campaign.name}”{plan.campaign.isNew ? " (a new campaign)" : ""}: {describePlanCounts(plan)}
              {plan.as === "resolutions" ? `; ${formatCount(plan.stageEvents)} stage changes` : ""}.
            </p>
            {errors.length > 0 && (
              <div className="row-errors" role="alert">
                <strong>
                  {errors.length === 1 ? "1 row needs fixing" : `${formatCount(errors.length)} problems need fixing`} before anything can be imported. Correct the spreadsheet and
                  choose it again; nothing has been saved.
                </strong>
                <ul>
                  {errors.map((error, index) => (
                    <li key={index} data-row={error.row}>
                      Row {error.row}: {error.message}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <PlanList title="Created" records={plan.created} open={plan.created.length <= 10} />
            <PlanList title="Updated" records={plan.updated} open={plan.updated.length <= 10} />
            <PlanList title="Unchanged" records={plan.unchanged} open={false} />
          </>
        )}
      </section>
      {refusal && !refusal.plan && <ErrorNotice title="Nothing was imported" message={refusal.message} />}
      <div className="step-actions">
        <button type="submit" className="primary" disabled={!plan || errors.length > 0 || committing || dryRun.isFetching || campaign === ""}>
          {committing ? "Importing…" : plan ? `Import ${formatCount(plan.rows)} ${plan.rows === 1 ? "row" : "rows"}` : "Import"}
        </button>
        <button type="button" className="secondary" onClick={onStartOver} disabled={committing}>
          Choose another file
        </button>
      </div>
    </form>
  );
}
