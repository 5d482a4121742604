import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import type { ChangeMessage } from "../../shared/model/change";
import { queryKeysForChange, type QueryKeyPrefix } from "./change-queries";
import { useTRPC } from "./trpc";

/** `connecting` before the first connection, `live` while changes arrive, `reconnecting` after a drop. */
export type LiveStatus = "connecting" | "live" | "reconnecting" | "off";

export interface LiveState {
  status: LiveStatus;
  /** The connection has dropped at least once (so coming back is worth announcing). */
  dropped: boolean;
}

/**
 * Keep this page's queries in step with every other writer: subscribe to `changes.onChange` (SSE,
 * resumed with lastEventId after a drop) and invalidate the queries each change affects, so the
 * map recolours and open panels refresh. Bursts (an import) are folded into one refetch.
 */
export function useLiveChanges(campaignId: number): LiveState {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>({ status: "connecting", dropped: false });
  const [batch] = useState(() => createInvalidationBatch(queryClient));
  useSubscription(
    trpc.changes.onChange.subscriptionOptions(
      { campaignId },
      {
        onData: ({ data }: { data: ChangeMessage }) => {
          if (data.type === "ready") {
            setState((previous) => ({ ...previous, status: "live" }));
            if (data.resync) batch.add("everything");
          } else if (data.type === "resync") {
            batch.add("everything");
          } else {
            batch.add(queryKeysForChange(data.change));
          }
        },
        onConnectionStateChange: (connection) => {
          if (connection.state !== "connecting") return;
          setState((previous) => (previous.status === "connecting" ? previous : { status: "reconnecting", dropped: true }));
        },
        onError: () => setState({ status: "off", dropped: true }),
      },
    ),
  );
  return state;
}

/**
 * Refetch the queries under a key prefix (all when undefined). A fetch already under way is not
 * cancelled (on the writer's own page it is the refresh after the save, and restarting it would
 * only delay the panel); it may have started before the commit, so it is fetched once more after.
 */
function refresh(queryClient: QueryClient, queryKey: QueryKeyPrefix | undefined) {
  const busy = queryClient.getQueryCache().findAll({ queryKey, fetchStatus: "fetching" });
  for (const query of busy) {
    const exact = { queryKey: query.queryKey, exact: true };
    void queryClient.refetchQueries(exact, { cancelRefetch: false }).then(() => queryClient.invalidateQueries(exact));
  }
  void queryClient.invalidateQueries(queryKey ? { queryKey } : undefined, { cancelRefetch: false });
}

/** Collect invalidations for a moment, then run them once (an import announces many changes). */
function createInvalidationBatch(queryClient: QueryClient, delayMs = 150) {
  let everything = false;
  const keys = new Map<string, QueryKeyPrefix>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    for (const queryKey of everything ? [undefined] : keys.values()) refresh(queryClient, queryKey);
    everything = false;
    keys.clear();
  };
  return {
    add(prefixes: readonly QueryKeyPrefix[] | "everything") {
      if (prefixes === "everything") everything = true;
      else for (const prefix of prefixes) keys.set(JSON.stringify(prefix), prefix);
      timer ??= setTimeout(flush, delayMs);
    },
  };
}
