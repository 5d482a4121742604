import { describe, expect, it } from "vitest";
import {
  enqueueTally,
  flushOutbox,
  readOutbox,
  retryOnNewerVersion,
  sendQueuedTally,
  type OutboxCalls,
  type OutboxStorage,
  type QueuedTally,
  type SendFailure,
  type SendOutcome,
} from "./meeting-outbox";

function memoryStorage(): OutboxStorage {
  const values = new Map<string, string>();
  return { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) };
}

const tally = (key: string, bodyId: number): QueuedTally => ({
  key,
  campaignId: 1,
  bodyId,
  expectedVersion: 3,
  changes: { tally: { yes: 4, no: 1, abstain: 0, absent: 2 }, voteDate: "2026-12-07", voteTime: "19:42" },
  recordedAt: "2026-12-07T19:42:00.000Z",
});

describe("meeting outbox", () => {
  it("keeps tallies while offline and sends them in order when back", async () => {
    const storage = memoryStorage();
    enqueueTally(storage, tally("a", 1));
    enqueueTally(storage, tally("b", 2));
    const offline = await flushOutbox(storage, async () => ({ kind: "offline" }));
    expect(offline).toEqual({ sent: 0, tallySaved: 0, offline: true });
    expect(readOutbox(storage).map((item) => item.key)).toEqual(["a", "b"]);

    const seen: string[] = [];
    const online = await flushOutbox(storage, async (item) => {
      seen.push(item.key);
      return { kind: "sent" };
    });
    expect(online).toEqual({ sent: 2, tallySaved: 0, offline: false });
    expect(seen).toEqual(["a", "b"]);
    expect(readOutbox(storage)).toEqual([]);
  });

  it("holds a conflicting tally until the person re-sends it on the newer version", async () => {
    const storage = memoryStorage();
    enqueueTally(storage, tally("a", 1));
    const conflict: SendOutcome = { kind: "conflict", currentVersion: 5, summary: "stage Voted" };
    await flushOutbox(storage, async () => conflict);
    const [held] = readOutbox(storage);
    expect(held?.problem).toEqual({ kind: "conflict", currentVersion: 5, summary: "stage Voted" });
    // A held item is not sent again by itself.
    let calls = 0;
    await flushOutbox(storage, async () => {
      calls += 1;
      return { kind: "sent" };
    });
    expect(calls).toBe(0);

    const [retry] = retryOnNewerVersion(storage, held!);
    expect(retry).toMatchObject({ key: "a", expectedVersion: 5 });
    expect(retry?.problem).toBeUndefined();
  });

  describe("a roll call that fails after its tally was saved", () => {
    /** A server that saves tallies at version 7 and answers roll calls as `rollCall` says, recording every call. */
    function server(rollCall: () => Promise<void>) {
      const calls: string[] = [];
      const api: OutboxCalls = {
        saveTally: async (item) => {
          calls.push(`tally on v${item.expectedVersion}`);
          return 7;
        },
        saveRollCall: async (_item, version) => {
          calls.push(`roll call on v${version}`);
          await rollCall();
        },
        classify: (error) => error as SendFailure,
      };
      return { calls, api };
    }
    const withRollCall = (key: string): QueuedTally => ({ ...tally(key, 1), rollCall: [{ memberId: 4, vote: "yes" }] });

    it("stays queued, and only the roll call is retried, on the version the tally saved", async () => {
      const storage = memoryStorage();
      enqueueTally(storage, withRollCall("a"));
      enqueueTally(storage, withRollCall("b"));
      const offline = server(() => Promise.reject({ kind: "offline" }));
      expect(await flushOutbox(storage, (item) => sendQueuedTally(item, offline.api))).toEqual({ sent: 0, tallySaved: 1, offline: true });
      expect(offline.calls).toEqual(["tally on v3", "roll call on v7"]);
      // The second recording waits behind the first, as with tallies.
      expect(readOutbox(storage).map((item) => [item.key, item.tallySavedAs, item.problem])).toEqual([
        ["a", 7, undefined],
        ["b", undefined, undefined],
      ]);

      const back = server(() => Promise.resolve());
      expect(await flushOutbox(storage, (item) => sendQueuedTally(item, back.api))).toEqual({ sent: 2, tallySaved: 0, offline: false });
      expect(back.calls).toEqual(["roll call on v7", "tally on v3", "roll call on v7"]);
      expect(readOutbox(storage)).toEqual([]);
    });

    it("holds a roll call whose resolution changed since its tally, and re-sends only the roll call on the newer version", async () => {
      const storage = memoryStorage();
      enqueueTally(storage, withRollCall("a"));
      const changed = server(() => Promise.reject({ kind: "conflict", currentVersion: 9, summary: "stage Passed" }));
      await flushOutbox(storage, (item) => sendQueuedTally(item, changed.api));
      const [held] = readOutbox(storage);
      expect(held).toMatchObject({ tallySavedAs: 7, expectedVersion: 3, problem: { kind: "conflict", currentVersion: 9 } });

      const [retry] = retryOnNewerVersion(storage, held!);
      expect(retry).toMatchObject({ tallySavedAs: 9, expectedVersion: 3 });
      expect(retry?.problem).toBeUndefined();
      const back = server(() => Promise.resolve());
      await flushOutbox(storage, (item) => sendQueuedTally(item, back.api));
      expect(back.calls).toEqual(["roll call on v9"]);
    });

    it("says the tally was saved when the server refuses the roll call", async () => {
      const outcome = await sendQueuedTally(withRollCall("a"), server(() => Promise.reject({ kind: "refused", message: "Member 4 does not sit on Ashby" })).api);
      expect(outcome).toEqual({ kind: "refused", message: "The tally was saved, but not who voted how: Member 4 does not sit on Ashby", tallySavedAs: 7 });
    });

    it("a tally without a roll call is sent once it is saved; a failed tally saves nothing after it", async () => {
      const quiet = server(() => Promise.resolve());
      expect(await sendQueuedTally(tally("a", 1), quiet.api)).toEqual({ kind: "sent" });
      expect(quiet.calls).toEqual(["tally on v3"]);
      const refused = await sendQueuedTally(withRollCall("b"), { ...quiet.api, saveTally: () => Promise.reject({ kind: "refused", message: "Tally not saved" }) });
      expect(refused).toEqual({ kind: "refused", message: "Tally not saved" });
      expect(quiet.calls).toEqual(["tally on v3"]);
    });
  });

  it("reads a damaged queue as empty", () => {
    const storage = memoryStorage();
    storage.setItem("groundswell.meeting-outbox.v1", "{not json");
    expect(readOutbox(storage)).toEqual([]);
  });
});
