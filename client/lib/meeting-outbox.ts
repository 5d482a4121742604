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
  /**
   * Set once the server saved the tally but not yet the roll call: the resolution's version that
   * save left. Only the roll call is sent again, on that version (a newer one is a conflict).
   */
  tallySavedAs?: number;
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

/** Why a call failed: no connection, a newer version on the server, or a refusal. */
export type SendFailure = { kind: "offline" } | { kind: "conflict"; currentVersion: number; summary: string } | { kind: "refused"; message: string };

/** What sending one item came to; `tallySavedAs` when its tally got through but not its roll call. */
export type SendOutcome = ({ kind: "sent" } | SendFailure) & { tallySavedAs?: number };

/** The two writes of a recorded vote, and how to read their failures (the meeting screen passes the API's). */
export interface OutboxCalls {
  /** `resolution.update` with the tally and the item's expected version; resolves to the version it saved. */
  saveTally(item: QueuedTally): Promise<number>;
  /** `member.recordRollCall`, checked against the version the tally saved. */
  saveRollCall(item: QueuedTally, expectedVersion: number): Promise<void>;
  classify(error: unknown): SendFailure;
}

/**
 * Send one recorded vote: its tally (unless already saved), then its roll call on the version the
 * tally saved. A roll call that fails after its tally was saved comes back with `tallySavedAs`, so
 * the queue keeps it and retries only the roll call, with the same version check.
 */
export async function sendQueuedTally(item: QueuedTally, calls: OutboxCalls): Promise<SendOutcome> {
  let version = item.tallySavedAs;
  if (version === undefined) {
    try {
      version = await calls.saveTally(item);
    } catch (error) {
      return calls.classify(error);
    }
  }
  if (!item.rollCall?.length) return { kind: "sent" };
  try {
    await calls.saveRollCall(item, version);
    return { kind: "sent" };
  } catch (error) {
    const failure = calls.classify(error);
    return { ...(failure.kind === "refused" ? { kind: "refused", message: `The tally was saved, but not who voted how: ${failure.message}` } : failure), tallySavedAs: version };
  }
}

/**
 * Send every queued tally without a problem, oldest first. Sent ones leave the queue; a conflict
 * or a refusal stays, marked, for the person to decide; on the first network failure the rest
 * wait for the next try (the order of recordings is kept).
 */
export async function flushOutbox(storage: OutboxStorage, send: (item: QueuedTally) => Promise<SendOutcome>): Promise<{ sent: number; tallySaved: number; offline: boolean }> {
  let sent = 0;
  let tallySaved = 0;
  for (const item of readOutbox(storage)) {
    if (item.problem) continue;
    const outcome = await send(item);
    // The tally got through, not the roll call: only the roll call is left, on the version the tally saved.
    const left = outcome.tallySavedAs !== undefined ? { ...item, tallySavedAs: outcome.tallySavedAs } : item;
    if (outcome.kind !== "sent" && item.tallySavedAs === undefined && left.tallySavedAs !== undefined) tallySaved += 1;
    if (outcome.kind === "offline") {
      if (left !== item) updateQueued(storage, item.key, left);
      return { sent, tallySaved, offline: true };
    }
    if (outcome.kind === "sent") {
      updateQueued(storage, item.key, null);
      sent += 1;
    } else {
      const problem: QueuedTally["problem"] =
        outcome.kind === "conflict" ? { kind: "conflict", currentVersion: outcome.currentVersion, summary: outcome.summary } : { kind: "refused", message: outcome.message };
      updateQueued(storage, item.key, { ...left, problem });
    }
  }
  return { sent, tallySaved, offline: false };
}

/** Send it again on top of the newer version (the panel's "Re-apply my change"): the tally, or only the roll call once the tally was saved. */
export function retryOnNewerVersion(storage: OutboxStorage, item: QueuedTally): QueuedTally[] {
  if (item.problem?.kind !== "conflict") return readOutbox(storage);
  const { problem, ...rest } = item;
  const next = rest.tallySavedAs === undefined ? { ...rest, expectedVersion: problem.currentVersion } : { ...rest, tallySavedAs: problem.currentVersion };
  return updateQueued(storage, item.key, next);
}
