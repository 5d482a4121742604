import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useState } from "react";
import type { ResolutionDetails, ResolutionUpdateResult } from "../../../shared/model/resolution";
import { useApplyChange } from "../../api/change-queries";
import { useTRPC } from "../../api/trpc";
import type { ResolutionChanges } from "../../lib/resolution-form";

/** The newer values a CONFLICT error carries, when it is one. */
export function conflictOf(error: unknown): ResolutionDetails | null {
  if (error instanceof TRPCClientError && error.data?.code === "CONFLICT") {
    const current = (error.data as { conflict?: unknown }).conflict;
    return current && typeof current === "object" && "version" in current ? (current as ResolutionDetails) : null;
  }
  return null;
}

/** Refresh everything that shows a resolution after a write: the panel, the history, the map colours. */
export function useResolutionRefresh(campaignId: number, bodyId: number) {
  const applyChange = useApplyChange();
  return (change?: { stage: string; version: number }) => void applyChange({ kind: "resolution" }, change && { campaignId, bodyId, ...change });
}

/**
 * Save resolution details with the version the form was loaded at. On a conflict, `conflict`
 * holds the newer values and `reapply()` sends the same changes again on top of them.
 */
export function useResolutionSave(campaignId: number, bodyId: number, onSaved?: (result: ResolutionUpdateResult) => void) {
  const trpc = useTRPC();
  const refresh = useResolutionRefresh(campaignId, bodyId);
  const [lastChanges, setLastChanges] = useState<ResolutionChanges | null>(null);
  const mutation = useMutation(
    trpc.resolution.update.mutationOptions({
      onSuccess: (result) => {
        refresh(result.stageEvent ? { stage: result.stage, version: result.version } : undefined);
        setLastChanges(null);
        onSaved?.(result);
      },
    }),
  );
  const conflict = conflictOf(mutation.error);
  const save = (changes: ResolutionChanges, expectedVersion: number) => {
    setLastChanges(changes);
    mutation.mutate({ campaignId, bodyId, expectedVersion, changes });
  };
  return {
    save,
    isPending: mutation.isPending,
    error: conflict ? null : mutation.error,
    conflict: conflict && lastChanges ? { newer: conflict, changes: lastChanges } : null,
    reapply: () => {
      if (conflict && lastChanges) save(lastChanges, conflict.version);
    },
    /** Drop my change; returns the newer values to show. */
    discard: () => {
      mutation.reset();
      setLastChanges(null);
      refresh();
    },
  };
}
