import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { formatFileSize } from "../../../shared/model/import-upload";
import type { CosponsorImportReport, NameListUploadPreview } from "../../../shared/model/ladder";
import { commitCosponsors } from "../../api/imports";
import { useBills, useCampaigns } from "../../api/map-data";
import { queryKeys } from "../../api/query-keys";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useConfirmImport } from "./use-confirm-import";
import { formatCount } from "../../lib/format";
import { CosponsorReport } from "./CosponsorReport";
import { CampaignField } from "./CampaignField";

/**
 * Step 2 for a bill's cosponsor list (a .txt of names, or a .csv with a name column): the campaign
 * and the bill, then a dry run saying who would move up to cosponsor, who already stands there or
 * higher, and which names match nobody, before anything is saved.
 */
export function CosponsorStep({
  preview,
  onDone,
  onStartOver,
  onExpired,
}: {
  preview: NameListUploadPreview;
  onDone: (report: CosponsorImportReport) => void;
  onStartOver: () => void;
  onExpired: () => void;
}) {
  const id = useId();
  const campaigns = useCampaigns();
  const [campaignId, setCampaignId] = useState<number | null>(null);
  const campaign = campaigns.data?.find((entry) => entry.id === campaignId) ?? campaigns.data?.[0];
  const bills = useBills(campaign?.id ?? 0);
  const [billId, setBillId] = useState<number | null>(null);
  const bill = bills.data?.find((entry) => entry.id === billId) ?? bills.data?.[0];
  const choices = campaign && bill ? { token: preview.token, campaign: String(campaign.id), bill: bill.name } : null;
  const dryRun = useQuery({
    queryKey: queryKeys.cosponsorPlan(preview.token, choices?.campaign ?? "", choices?.bill ?? ""),
    queryFn: () => commitCosponsors({ ...choices!, dryRun: true }),
    enabled: choices !== null,
    retry: false,
    staleTime: Infinity,
  });
  const plan = dryRun.data;

  const { confirm, committing, failure } = useConfirmImport({ run: () => commitCosponsors({ ...choices!, dryRun: false }), kind: "legislator", onDone, onExpired });

  return (
    <form
      className="spreadsheet-step"
      aria-busy={committing}
      onSubmit={(event) => {
        event.preventDefault();
        void confirm();
      }}
    >
      <p className="step-intro" data-testid="cosponsor-preview">
        <strong>{preview.fileName}</strong> <span className="muted">({formatFileSize(preview.bytes)})</span>: a list of {formatCount(preview.names)}{" "}
        {preview.names === 1 ? "name" : "names"}, such as {preview.samples.join(", ")}. As a bill's cosponsor list, each name matched to a sitting legislator of the bill's
        jurisdiction moves up to “cosponsor” (never down). Nothing is saved until you press <strong>Import</strong>.
      </p>
      <CampaignField campaigns={campaigns.data} value={campaign?.id} onChange={(campaignId) => (setCampaignId(campaignId), setBillId(null))} />
      <label className="field">
        Bill
        <select value={bill?.id ?? ""} onChange={(event) => setBillId(Number(event.target.value))}>
          {(bills.data ?? []).map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.name} ({entry.jurisdiction === "federal" ? "Congress" : "state"})
            </option>
          ))}
        </select>
      </label>
      <section className="plan" aria-live="polite" aria-labelledby={`${id}-plan`}>
        <h3 id={`${id}-plan`}>What the import would do</h3>
        {dryRun.isFetching && !plan && (
          <p className="busy-line">
            <span className="spinner" aria-hidden="true" /> Matching every name to a legislator…
          </p>
        )}
        {dryRun.error && <ErrorNotice title="The list cannot be imported" message={dryRun.error.message} />}
        {plan && <CosponsorReport report={plan} />}
      </section>
      {failure && <ErrorNotice title="Nothing was imported" message={failure} />}
      <div className="step-actions">
        <button type="submit" className="primary" disabled={!plan || committing || dryRun.isFetching}>
          {committing ? "Importing…" : `Import the list for ${bill?.name ?? "the bill"}`}
        </button>
        <button type="button" className="secondary" onClick={onStartOver} disabled={committing}>
          Choose another file
        </button>
      </div>
    </form>
  );
}
