import { describe, expect, it } from "vitest";
import { enqueueTally, flushOutbox, readOutbox, retryOnNewerVersion, type OutboxStorage, type QueuedTally, type SendOutcome } from "./meeting-outbox";

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
    expect(offline).toEqual({ sent: 0, offline: true });
    expect(readOutbox(storage).map((item) => item.key)).toEqual(["a", "b"]);

    const seen: string[] = [];
    const online = await flushOutbox(storage, async (item) => {
      seen.push(item.key);
      return { kind: "sent" };
    });
    expect(online).toEqual({ sent: 2, offline: false });
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

  it("reads a damaged queue as empty", () => {
    const storage = memoryStorage();
    storage.setItem("groundswell.meeting-outbox.v1", "{not json");
    expect(readOutbox(storage)).toEqual([]);
  });
});
