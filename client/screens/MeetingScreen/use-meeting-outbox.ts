import { useCallback, useEffect, useState } from "react";
import type { ResolutionDetails } from "../../../shared/model/resolution";
import { useApplyChange } from "../../api/change-queries";
import { httpStatusOf } from "../../api/errors";
import { useTRPCClient } from "../../api/trpc";
import {
  enqueueTally,
  flushOutbox,
  readOutbox,
  retryOnNewerVersion,
  sendQueuedTally,
  updateQueued,
  type QueuedTally,
  type SendFailure,
  type SendOutcome,
} from "../../lib/meeting-outbox";
import { conflictOf } from "../MapScreen/use-resolution-save";

/** How often a queue with tallies waiting tries again while the phone says it is online. */
const RETRY_MS = 5000;

/**
 * The phone's queue of recorded tallies: a tally is written to localStorage first, then sent
 * through `resolution.update` with the version the screen showed (the panel's version check), then
 * its roll call on the version the tally saved; a roll call that fails after its tally stays queued.
 * Sent when recorded, when the browser comes back online and every few seconds while any wait.
 */
export function useMeetingOutbox() {
  const client = useTRPCClient();
  const applyChange = useApplyChange();
  const [queue, setQueue] = useState<QueuedTally[]>(() => readOutbox(window.localStorage));
  const [lastSent, setLastSent] = useState<QueuedTally | null>(null);
  const [sending, setSending] = useState(false);

  const send = useCallback(
    async (item: QueuedTally): Promise<SendOutcome> => {
      const outcome = await sendQueuedTally(item, {
        saveTally: async (queued) =>
          (await client.resolution.update.mutate({ campaignId: queued.campaignId, bodyId: queued.bodyId, expectedVersion: queued.expectedVersion, changes: queued.changes }))
            .version,
        // Then the roll call, for "whip count against the votes" (the resolution exists once its tally is saved).
        saveRollCall: async (queued, expectedVersion) =>
          void (await client.member.recordRollCall.mutate({ campaignId: queued.campaignId, bodyId: queued.bodyId, votes: queued.rollCall ?? [], expectedVersion })),
        classify: classifyFailure,
      });
      if (outcome.kind === "sent") setLastSent(item);
      return outcome;
    },
    [client],
  );

  const flush = useCallback(async () => {
    setSending(true);
    try {
      const { sent, tallySaved } = await flushOutbox(window.localStorage, send);
      if (sent + tallySaved > 0) void applyChange({ kind: "resolution" });
    } finally {
      setQueue(readOutbox(window.localStorage));
      setSending(false);
    }
  }, [send, applyChange]);

  useEffect(() => {
    const online = () => void flush();
    window.addEventListener("online", online);
    const timer = window.setInterval(() => {
      if (readOutbox(window.localStorage).some((item) => !item.problem) && navigator.onLine !== false) void flush();
    }, RETRY_MS);
    // Whatever an earlier visit left queued goes out as soon as the screen is up.
    const first = window.setTimeout(() => void flush(), 0);
    return () => {
      window.removeEventListener("online", online);
      window.clearInterval(timer);
      window.clearTimeout(first);
    };
  }, [flush]);

  return {
    queue,
    sending,
    lastSent,
    record: (item: QueuedTally) => {
      setQueue(enqueueTally(window.localStorage, item));
      void flush();
    },
    resendOnNewer: (item: QueuedTally) => {
      setQueue(retryOnNewerVersion(window.localStorage, item));
      void flush();
    },
    discard: (item: QueuedTally) => setQueue(updateQueued(window.localStorage, item.key, null)),
  };
}

/** A failed call as the queue reads it: no answer or a gateway's is offline (tried again), a newer version a conflict, the rest refused. */
function classifyFailure(error: unknown): SendFailure {
  const status = httpStatusOf(error);
  if (status === undefined || status === 502 || status === 503 || status === 504) return { kind: "offline" };
  const newer: ResolutionDetails | null = conflictOf(error);
  if (newer) return { kind: "conflict", currentVersion: newer.version, summary: describeNewer(newer) };
  return { kind: "refused", message: error instanceof Error ? error.message : String(error) };
}

function describeNewer(newer: ResolutionDetails): string {
  const tally = newer.tally ? `, tally ${newer.tally.yes}–${newer.tally.no}–${newer.tally.abstain}, ${newer.tally.absent} absent` : "";
  return `stage ${newer.stage}${tally}`;
}
