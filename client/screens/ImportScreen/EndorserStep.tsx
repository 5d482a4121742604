import type { ImportStepProps } from "./step-props";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { EndorserImportReport, EndorserUploadPreview } from "../../../shared/model/endorser";
import { formatFileSize } from "../../../shared/model/import-upload";
import { commitEndorsers } from "../../api/imports";
import { useCampaigns } from "../../api/map-data";
import { queryKeys } from "../../api/query-keys";
import { formatCount } from "../../lib/format";
import { CampaignField } from "./CampaignField";
import { DryRunPlan } from "./DryRunPlan";
import { EndorserReport } from "./EndorserReport";
import { useConfirmImport } from "./use-confirm-import";

/**
 * Step 2 for an endorsers CSV (organisations and key people, as `import --as endorsers` reads it):
 * the campaign, then a dry run naming who is new or updated and how each is placed, or every bad
 * row by line, before anything is saved.
 */
export function EndorserStep({ preview, onDone, onStartOver, onExpired }: ImportStepProps<EndorserUploadPreview, EndorserImportReport>) {
  const campaigns = useCampaigns();
  const [campaignId, setCampaignId] = useState<number | null>(null);
  const campaign = campaigns.data?.find((entry) => entry.id === campaignId) ?? campaigns.data?.[0];
  const choices = campaign ? { token: preview.token, campaign: String(campaign.id) } : null;
  const dryRun = useQuery({
    queryKey: queryKeys.endorserPlan(preview.token, choices?.campaign ?? ""),
    queryFn: () => commitEndorsers({ ...choices!, dryRun: true }),
    enabled: choices !== null,
    retry: false,
    staleTime: Infinity,
  });
  const { confirm, committing, failure } = useConfirmImport({ run: () => commitEndorsers({ ...choices!, dryRun: false }), kind: "endorser", onDone, onExpired });

  return (
    <form
      className="spreadsheet-step endorser-step"
      aria-busy={committing}
      onSubmit={(event) => {
        event.preventDefault();
        void confirm();
      }}
    >
      <p className="step-intro" data-testid="endorser-preview">
        <strong>{preview.fileName}</strong> <span className="muted">({formatFileSize(preview.bytes)})</span>: endorsers (CSV), {formatCount(preview.rows)}{" "}
        {preview.rows === 1 ? "row" : "rows"}
        {preview.samples.length ? `, such as ${preview.samples.join(", ")}` : ""}. Nothing is saved until you press <strong>Import</strong>.
      </p>
      <CampaignField label="Campaign they endorse" campaigns={campaigns.data} value={campaign?.id} onChange={setCampaignId} />
      <DryRunPlan
        dryRun={dryRun}
        hint={campaign ? null : "Create a campaign first: endorsers endorse one."}
        working="Checking every row and placing each endorser…"
        report={(plan) => <EndorserReport report={plan} />}
        failure={failure}
        committing={committing}
        importLabel={`Import ${formatCount(preview.rows)} ${preview.rows === 1 ? "endorser" : "endorsers"}`}
        onStartOver={onStartOver}
      />
    </form>
  );
}
