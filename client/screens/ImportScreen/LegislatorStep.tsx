import type { ImportStepProps } from "./step-props";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { StateOptions } from "./StateOptions";
import { SEAT_CHAMBER_LABELS, SEAT_CHAMBERS } from "../../../shared/model/district";
import { formatFileSize } from "../../../shared/model/import-upload";
import type { LegislatorImportReport, LegislatorUploadPreview } from "../../../shared/model/legislator-import";
import { commitLegislators } from "../../api/imports";
import { DryRunPlan } from "./DryRunPlan";
import { useConfirmImport } from "./use-confirm-import";
import { formatCount } from "../../lib/format";
import { LegislatorReport } from "./LegislatorReport";
import { queryKeys } from "../../api/query-keys";

const SOURCES: Record<LegislatorUploadPreview["source"], string> = {
  csv: "the Open States CSV export",
  folder: "a zipped folder of Open States person files",
  "person file": "one Open States person file",
};

const plural = (count: number, one: string, many: string) => `${formatCount(count)} ${count === 1 ? one : many}`;

/**
 * Step 2 for Open States legislators: who the file holds, the state they sit in (guessed from the
 * file), and a dry run that says who would be seated in which current district and which
 * districts would stay empty, before anything is saved.
 */
export function LegislatorStep({ preview, onDone, onStartOver, onExpired }: ImportStepProps<LegislatorUploadPreview, LegislatorImportReport>) {
  const [state, setState] = useState(preview.state ?? "");
  const dryRun = useQuery({
    queryKey: queryKeys.legislatorPlan(preview.token, state),
    queryFn: () => commitLegislators({ token: preview.token, state, dryRun: true }),
    enabled: state !== "",
    retry: false,
    staleTime: Infinity,
  });
  const seats = SEAT_CHAMBERS.filter((chamber) => preview.seats[chamber]).map((chamber) => `${formatCount(preview.seats[chamber]!)} ${SEAT_CHAMBER_LABELS[chamber]}`);

  const { confirm, committing, failure } = useConfirmImport({
    run: () => commitLegislators({ token: preview.token, state, dryRun: false }),
    kind: "legislator",
    onDone,
    onExpired,
  });

  return (
    <form
      className="spreadsheet-step legislator-step"
      aria-busy={committing}
      onSubmit={(event) => {
        event.preventDefault();
        void confirm();
      }}
    >
      <p className="step-intro" data-testid="legislator-preview">
        <strong>{preview.fileName}</strong> <span className="muted">({formatFileSize(preview.bytes)})</span>: {plural(preview.people, "legislator", "legislators")} from{" "}
        {SOURCES[preview.source]}
        {seats.length > 0 ? ` (${seats.join(", ")} seats)` : ""}, such as {preview.samples.join(", ")}. Nothing is saved until you press <strong>Import</strong>.
      </p>
      <label className="field">
        State they sit in
        <select value={state} onChange={(event) => setState(event.target.value)}>
          <StateOptions blank="Choose a state…" />
        </select>
      </label>

      <DryRunPlan
        dryRun={dryRun}
        hint={state === "" ? "Choose the state to see who would be matched to which district." : null}
        working="Matching every legislator to a district…"
        report={(plan) => <LegislatorReport report={plan} />}
        failure={failure}
        committing={committing}
        importLabel={`Import ${plural(dryRun.data?.legislators ?? preview.people, "legislator", "legislators")}`}
        onStartOver={onStartOver}
      />
    </form>
  );
}
