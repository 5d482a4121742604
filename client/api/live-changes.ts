import { useQueryClient, type Query, type QueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useState } from "react";
import type { ChangeMessage } from "../../shared/model/change";
import { withPublicStageChange, withStageChange } from "../lib/body-index";
import { PUBLIC_MAP_AGGREGATES, queryKeysForChange, queryKeysForStagePatch, stagePatchOf, type QueryKeyPrefix } from "./change-queries";
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
 * map recolours and open panels refresh. Bursts (an import) are folded into one refetch. A stage
 * change is patched into the cached stage lists instead of refetching them (issue 19).
 */
export function useLiveChanges(campaignId: number): LiveState {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>({ status: "connecting", dropped: false });
  const [batch] = useState(() => createInvalidationBatch(queryClient));
  const [aggregates] = useState(() => createLazyRefresh(() => void queryClient.invalidateQueries({ queryKey: PUBLIC_MAP_AGGREGATES }, { cancelRefetch: false })));
  useEffect(() => () => aggregates.cancel(), [aggregates]);
  // The last change seen (a new subscription after an error resumes from it, so nothing is lost)
  // and the retries since the stream was last live; kept outside React's render.
  const [stream] = useState(createStreamRetry);
  const [resumeFrom, setResumeFrom] = useState<string | null>(null);
  useEffect(() => () => stream.cancel(), [stream]);
  const subscription = useSubscription(
    trpc.changes.onChange.subscriptionOptions(
      { campaignId, ...(resumeFrom ? { lastEventId: resumeFrom } : {}) },
      {
        onData: ({ id, data }: { id: string; data: ChangeMessage }) => {
          stream.seen(id);
          if (data.type === "ready") {
            stream.live();
            setState((previous) => ({ ...previous, status: "live" }));
            if (data.resync) batch.add("everything");
          } else if (data.type === "resync") {
            batch.add("everything");
          } else if (stagePatchOf(data.change)) {
            // The change carries the new stage: patch the map's stage lists now, refetch only what
            // shows that one body (panels, pipeline), and the public map's counts a little later.
            const patch = stagePatchOf(data.change)!;
            queryClient.setQueryData(trpc.resolution.stages.queryKey({ campaignId: patch.campaignId }), (payload) => (payload ? withStageChange(payload, patch) : payload));
            queryClient.setQueryData(trpc.public.map.queryKey({ campaign: patch.campaignId, asOf: null }), (map) => (map ? withPublicStageChange(map, patch) : map));
            batch.add(queryKeysForStagePatch(), { stagesPatched: true });
            aggregates.soon();
          } else {
            batch.add(queryKeysForChange(data.change));
          }
        },
        onConnectionStateChange: (connection) => {
          if (connection.state !== "connecting") return;
          setState((previous) => (previous.status === "connecting" ? previous : { status: "reconnecting", dropped: true }));
        },
        // The server refused the stream (restarting, its database away: 503): try again with
        // backoff, resuming from the last change seen.
        onError: () => {
          setState({ status: "reconnecting", dropped: true });
          stream.retryLater((lastEventId) => {
            if (lastEventId !== resumeFrom) setResumeFrom(lastEventId);
            else subscription.reset();
          });
        },
      },
    ),
  );
  return state;
}

/** The last event id a stream saw, and its retries with backoff (1 s, 2 s, 4 s … 15 s) since it was last live. */
function createStreamRetry() {
  let lastEventId: string | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    seen(id: string) {
      lastEventId = id;
    },
    live() {
      attempt = 0;
    },
    retryLater(run: (lastEventId: string | null) => void) {
      clearTimeout(timer);
      timer = setTimeout(() => run(lastEventId), Math.min(1000 * 2 ** attempt++, 15_000));
    },
    cancel() {
      clearTimeout(timer);
    },
  };
}

/**
 * Refetch the queries under a key prefix (all when undefined). A fetch already under way is not
 * cancelled (on the writer's own page it is the refresh after the save, and restarting it would
 * only delay the panel); it may have started before the commit, so it is fetched once more after.
 */
function refresh(queryClient: QueryClient, queryKey: QueryKeyPrefix | undefined, skip?: (query: Query) => boolean) {
  const busy = queryClient.getQueryCache().findAll({ queryKey, fetchStatus: "fetching" });
  for (const query of busy) {
    if (skip?.(query)) continue;
    const exact = { queryKey: query.queryKey, exact: true };
    void queryClient.refetchQueries(exact, { cancelRefetch: false }).then(() => queryClient.invalidateQueries(exact));
  }
  void queryClient.invalidateQueries({ ...(queryKey ? { queryKey } : {}), ...(skip ? { predicate: (query: Query) => !skip(query) } : {}) }, { cancelRefetch: false });
}

/**
 * Run `refresh` once, some seconds after the first call since it last ran: every call meanwhile
 * folds into that one run. The wait is drawn between `minMs` and `maxMs`, so the open pages that
 * hear the same change do not all ask the server in the same millisecond.
 */
export function createLazyRefresh(refresh: () => void, { minMs = 2_000, maxMs = 8_000, random = Math.random } = {}) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    soon() {
      timer ??= setTimeout(
        () => {
          timer = undefined;
          refresh();
        },
        minMs + random() * (maxMs - minMs),
      );
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** The map's stage list (`resolution.stages`), which a stage patch keeps current without a refetch. */
const isStagesQuery = (query: Query) => JSON.stringify(query.queryKey[0]) === JSON.stringify(["resolution", "stages"]);

/**
 * Collect invalidations for a moment, then run them once (an import announces many changes). The
 * stage list is left alone when every change in the batch that touched it was patched in.
 */
function createInvalidationBatch(queryClient: QueryClient, delayMs = 150) {
  let everything = false;
  let stagesPatchedOnly = true;
  const keys = new Map<string, QueryKeyPrefix>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const skip = !everything && stagesPatchedOnly ? isStagesQuery : undefined;
    for (const queryKey of everything ? [undefined] : keys.values()) refresh(queryClient, queryKey, skip);
    everything = false;
    stagesPatchedOnly = true;
    keys.clear();
  };
  return {
    add(prefixes: readonly QueryKeyPrefix[] | "everything", { stagesPatched = false } = {}) {
      if (prefixes === "everything") everything = true;
      else for (const prefix of prefixes) keys.set(JSON.stringify(prefix), prefix);
      if (!stagesPatched) stagesPatchedOnly = false;
      timer ??= setTimeout(flush, delayMs);
    },
  };
}
