import type { MeetingVote } from "../../shared/rules/meeting-tally";
import type { Tally } from "../../shared/rules/tally";

/** A tally recorded in meeting mode, kept on the phone until the server has it. */
export interface QueuedTally {
  /** Unique per recording (the time it was tapped and the body). */
  key: string;
  campaignId: number;
  bodyId: number;
  /** The resolution version the screen was showing when the tally was recorded. */
  expectedVersion: number;
  changes: { tally: Tally; voteDate: string; voteTime: string };
  /** How each marked member voted: the roll call, compared with the whip count (projection vs actual). */
  rollCall?: Array<{ memberId: number; vote: MeetingVote }>;
  /** ISO time of the tap. */
  recordedAt: string;
  /** Set when the server refused it: a newer version (conflict) or another reason. */
  problem?: { kind: "conflict"; currentVersion: number; summary: string } | { kind: "refused"; message: string };
}

/** Where the queue lives: localStorage on the phone, a Map in tests. */
export interface OutboxStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const STORAGE_KEY = "groundswell.meeting-outbox.v1";

export function readOutbox(storage: OutboxStorage): QueuedTally[] {
  try {
    const parsed = JSON.parse(storage.getItem(STORAGE_KEY) ?? "[]") as unknown;
    return Array.isArray(parsed) ? (parsed as QueuedTally[]) : [];
  } catch {
    return [];
  }
}

function writeOutbox(storage: OutboxStorage, items: readonly QueuedTally[]): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(items));
}

export function enqueueTally(storage: OutboxStorage, item: QueuedTally): QueuedTally[] {
  const items = [...readOutbox(storage).filter((queued) => queued.key !== item.key), item];
  writeOutbox(storage, items);
  return items;
}

/** Replace one queued item (a retry on the newer version) or drop it (null). */
export function updateQueued(storage: OutboxStorage, key: string, next: QueuedTally | null): QueuedTally[] {
  const items = readOutbox(storage).flatMap((queued) => (queued.key !== key ? [queued] : next ? [next] : []));
  writeOutbox(storage, items);
  return items;
}

/** What sending one item came to. */
export type SendOutcome =
  | { kind: "sent" }
  | { kind: "offline" }
  | { kind: "conflict"; currentVersion: number; summary: string }
  | { kind: "refused"; message: string };

/**
 * Send every queued tally without a problem, oldest first. Sent ones leave the queue; a conflict
 * or a refusal stays, marked, for the person to decide; on the first network failure the rest
 * wait for the next try (the order of recordings is kept).
 */
export async function flushOutbox(storage: OutboxStorage, send: (item: QueuedTally) => Promise<SendOutcome>): Promise<{ sent: number; offline: boolean }> {
  let sent = 0;
  for (const item of readOutbox(storage)) {
    if (item.problem) continue;
    const outcome = await send(item);
    if (outcome.kind === "offline") return { sent, offline: true };
    if (outcome.kind === "sent") {
      updateQueued(storage, item.key, null);
      sent += 1;
    } else {
      const problem: QueuedTally["problem"] =
        outcome.kind === "conflict" ? { kind: "conflict", currentVersion: outcome.currentVersion, summary: outcome.summary } : { kind: "refused", message: outcome.message };
      updateQueued(storage, item.key, { ...item, problem });
    }
  }
  return { sent, offline: false };
}

/** Send it again on top of the newer version (the panel's "Re-apply my change"). */
export function retryOnNewerVersion(storage: OutboxStorage, item: QueuedTally): QueuedTally[] {
  if (item.problem?.kind !== "conflict") return readOutbox(storage);
  const { problem, ...rest } = item;
  return updateQueued(storage, item.key, { ...rest, expectedVersion: problem.currentVersion });
}
