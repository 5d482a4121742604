import type { ImportStepProps } from "./step-props";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { StateOptions } from "./StateOptions";
import type { CommitteeImportReport, CommitteeUploadPreview } from "../../../shared/model/committee";
import { formatFileSize } from "../../../shared/model/import-upload";
import { commitCommittees } from "../../api/imports";
import { queryKeys } from "../../api/query-keys";
import { DryRunPlan } from "./DryRunPlan";
import { formatCount } from "../../lib/format";
import { CommitteeReport } from "./CommitteeReport";
import { useConfirmImport } from "./use-confirm-import";

const plural = (count: number, one: string, many: string) => `${formatCount(count)} ${count === 1 ? one : many}`;

/**
 * Step 2 for Open States committees: how many committees and seats the file holds, the state
 * (read from the files), and a dry run naming new committees and who joined or left, before
 * anything is saved. The state's legislators must be imported first; the dry run says so.
 */
export function CommitteeStep({ preview, onDone, onStartOver, onExpired }: ImportStepProps<CommitteeUploadPreview, CommitteeImportReport>) {
  const [state, setState] = useState(preview.state ?? "");
  const dryRun = useQuery({
    queryKey: queryKeys.committeePlan(preview.token, state),
    queryFn: () => commitCommittees({ token: preview.token, state, dryRun: true }),
    enabled: state !== "",
    retry: false,
    staleTime: Infinity,
  });
  const { confirm, committing, failure } = useConfirmImport({ run: () => commitCommittees({ token: preview.token, state, dryRun: false }), kind: "legislator", onDone, onExpired });

  return (
    <form
      className="spreadsheet-step legislator-step"
      aria-busy={committing}
      onSubmit={(event) => {
        event.preventDefault();
        void confirm();
      }}
    >
      <p className="step-intro" data-testid="committee-preview">
        <strong>{preview.fileName}</strong> <span className="muted">({formatFileSize(preview.bytes)})</span>: {plural(preview.committees, "committee", "committees")} with{" "}
        {plural(preview.members, "seat", "seats")} from Open States, such as {preview.samples.join(", ")}. Nothing is saved until you press <strong>Import</strong>.
      </p>
      <label className="field">
        State legislature
        <select value={state} onChange={(event) => setState(event.target.value)}>
          <StateOptions blank="Choose a state…" />
        </select>
      </label>
      <DryRunPlan
        dryRun={dryRun}
        hint={state === "" ? "Choose the state to match every member to a legislator." : null}
        working="Matching every member to a legislator…"
        report={(plan) => <CommitteeReport report={plan} />}
        failure={failure}
        committing={committing}
        importLabel={`Import ${plural(dryRun.data?.committees ?? preview.committees, "committee", "committees")}`}
        onStartOver={onStartOver}
      />
    </form>
  );
}
