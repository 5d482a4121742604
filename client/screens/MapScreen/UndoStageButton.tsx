import { useMutation } from "@tanstack/react-query";
import type { StageScheme } from "../../../shared/model/stage";
import { findStage } from "../../../shared/model/stage";
import type { StageEvent } from "../../../shared/model/resolution";
import { useTRPC } from "../../api/trpc";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useResolutionRefresh } from "./use-resolution-save";

/**
 * Undo the last stage change: a new event back to the stage it came from (nothing is deleted,
 * the history keeps both). Offered only while the last event still describes the current stage.
 */
export function UndoStageButton({ campaignId, bodyId, scheme, last, version }: { campaignId: number; bodyId: number; scheme: StageScheme; last: StageEvent; version: number }) {
  const trpc = useTRPC();
  const refresh = useResolutionRefresh(campaignId, bodyId);
  const undo = useMutation(trpc.resolution.undoStage.mutationOptions({ onSuccess: (result) => refresh({ stage: result.stage, version: result.version }) }));
  const label = (stageId: string | null) => (stageId ? (findStage(scheme, stageId)?.label ?? stageId) : "the start");
  return (
    <div className="undo-stage">
      <button type="button" className="secondary" disabled={undo.isPending} onClick={() => undo.mutate({ campaignId, bodyId, expectedVersion: version })}>
        {undo.isPending ? "Undoing…" : `Undo last change (back to “${label(last.fromStage)}”)`}
      </button>
      <p className="hint">Adds a new history entry; nothing is deleted.</p>
      {undo.error && (
        <ErrorNotice
          title={undo.error.data?.code === "CONFLICT" ? "Someone else changed this first" : "Not undone"}
          message={undo.error.message}
          onRetry={() => {
            undo.reset();
            refresh();
          }}
        />
      )}
    </div>
  );
}
