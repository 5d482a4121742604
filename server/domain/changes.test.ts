import { describe, expect, it } from "vitest";
import type { ChangeMessage } from "../../shared/model/change";
import { createMemoryChangeBus } from "../db/change-bus";
import { createChangeFeed, publishChange, type FeedEvent, type WatchOptions } from "./changes";

/** Read a watch stream in the background, collecting what it yields. */
function collect(feed: ReturnType<typeof createChangeFeed>, options: Omit<WatchOptions, "signal">) {
  const controller = new AbortController();
  const received: Array<{ id: string; message: ChangeMessage }> = [];
  const done = (async () => {
    for await (const item of feed.watch({ ...options, signal: controller.signal })) received.push(item);
  })();
  const waitFor = async (count: number) => {
    for (let attempt = 0; attempt < 200 && received.length < count; attempt++) await new Promise((resolve) => setTimeout(resolve, 5));
    return received;
  };
  return { received, waitFor, stop: async () => (controller.abort(), done) };
}

describe("change feed (in-process bus)", () => {
  it("sends ready first, then the campaign's changes with increasing ids, and stops on abort", async () => {
    const feed = createChangeFeed(createMemoryChangeBus());
    const watcher = collect(feed, { campaignId: 1, includePrivate: true });
    await watcher.waitFor(1);
    await publishChange(feed, { campaignId: 1, kind: "resolution", ids: [5], version: 2 });
    await publishChange(feed, { campaignId: 2, kind: "resolution", ids: [6] });
    await publishChange(feed, { campaignId: null, kind: "import" });
    const received = await watcher.waitFor(3);
    expect(received.map((item) => item.message)).toEqual([
      { type: "ready", resync: false },
      { type: "change", change: { campaignId: 1, kind: "resolution", ids: [5], version: 2 } },
      { type: "change", change: { campaignId: null, kind: "import", ids: [] } },
    ]);
    expect(received[1]!.id).not.toBe(received[2]!.id);
    expect(feed.subscriberCount()).toBe(1);
    await watcher.stop();
    expect(feed.subscriberCount()).toBe(0);
  });

  it("hands a change to many subscribers a slice per turn of the event loop, each in order", async () => {
    const feed = createChangeFeed(createMemoryChangeBus(), { sliceSize: 2 });
    const watchers = Array.from({ length: 5 }, () => collect(feed, { campaignId: 1, includePrivate: true }));
    await Promise.all(watchers.map((watcher) => watcher.waitFor(1)));
    await publishChange(feed, [
      { campaignId: 1, kind: "resolution", ids: [1], version: 1, stage: "organizing" },
      { campaignId: 1, kind: "resolution", ids: [1], version: 2, stage: "introduced" },
    ]);
    // Right after the publish only the first slice has been handed over.
    await Promise.resolve();
    expect(watchers.filter((watcher) => watcher.received.length > 1).length).toBeLessThan(5);
    for (const watcher of watchers) {
      const received = await watcher.waitFor(3);
      expect(received.map((item) => item.message.type === "change" && item.message.change.stage)).toEqual([false, "organizing", "introduced"]);
      await watcher.stop();
    }
  });

  it("listen: hands every subscriber the same logged change (so its frame is encoded once), replays first, and stops", async () => {
    const feed = createChangeFeed(createMemoryChangeBus());
    await publishChange(feed, { campaignId: 1, kind: "resolution", ids: [1], version: 1 });
    const early: FeedEvent[] = [];
    await feed.listen({ campaignId: 1, includePrivate: false }, (event) => early.push(event));
    const lastEventId = early[0]!.id;
    await publishChange(feed, { campaignId: 1, kind: "resolution", ids: [2], version: 1 });
    const events: FeedEvent[][] = [[], []];
    const stops = await Promise.all(events.map((list) => feed.listen({ campaignId: 1, includePrivate: false, lastEventId }, (event) => list.push(event))));
    expect(events.map((list) => list.map((event) => event.message.type))).toEqual([
      ["change", "ready"],
      ["change", "ready"],
    ]);
    expect(events[0]![0]!.logged).toBe(events[1]![0]!.logged);
    await publishChange(feed, { campaignId: 1, kind: "resolution", ids: [3], version: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(events[0]![2]!.logged).toBe(events[1]![2]!.logged);
    expect(events[0]![2]!.message).toEqual({ type: "change", change: { campaignId: 1, kind: "resolution", ids: [3], version: 1 } });
    for (const stop of stops) stop!();
    expect(feed.subscriberCount()).toBe(1);
  });

  it("replays what a reconnecting client missed, then says ready", async () => {
    const feed = createChangeFeed(createMemoryChangeBus());
    const first = collect(feed, { campaignId: 1, includePrivate: true });
    await first.waitFor(1);
    await publishChange(feed, { campaignId: 1, kind: "resolution", ids: [1] });
    const seen = await first.waitFor(2);
    const lastEventId = seen[1]!.id;
    await first.stop();

    await publishChange(feed, [
      { campaignId: 1, kind: "resolution", ids: [2] },
      { campaignId: 1, kind: "body", ids: [3] },
    ]);
    const second = collect(feed, { campaignId: 1, includePrivate: true, lastEventId });
    const received = await second.waitFor(3);
    expect(received.map((item) => item.message)).toEqual([
      { type: "change", change: { campaignId: 1, kind: "resolution", ids: [2] } },
      { type: "change", change: { campaignId: 1, kind: "body", ids: [3] } },
      { type: "ready", resync: false },
    ]);
    await second.stop();
  });

  it("tells a client to refetch everything when its lastEventId is too old or from elsewhere", async () => {
    const feed = createChangeFeed(createMemoryChangeBus(), { capacity: 2 });
    const first = collect(feed, { campaignId: 1, includePrivate: true });
    const [ready] = await first.waitFor(1);
    await first.stop();
    await publishChange(
      feed,
      [1, 2, 3].map((id) => ({ campaignId: 1, kind: "resolution" as const, ids: [id] })),
    );
    for (const lastEventId of [ready!.id, "someotherserver:3"]) {
      const again = collect(feed, { campaignId: 1, includePrivate: true, lastEventId });
      expect((await again.waitFor(1)).map((item) => item.message)).toEqual([{ type: "ready", resync: true }]);
      await again.stop();
    }
  });

  it("keeps private kinds from anonymous subscribers", async () => {
    const feed = createChangeFeed(createMemoryChangeBus());
    const member = collect(feed, { campaignId: 1, includePrivate: true });
    const visitor = collect(feed, { campaignId: 1, includePrivate: false });
    await Promise.all([member.waitFor(1), visitor.waitFor(1)]);
    await publishChange(feed, [
      { campaignId: 1, kind: "task", ids: [9] },
      { campaignId: 1, kind: "resolution", ids: [4] },
    ]);
    expect((await member.waitFor(3)).map((item) => item.message.type === "change" && item.message.change.kind)).toEqual([false, "task", "resolution"]);
    expect((await visitor.waitFor(2)).map((item) => item.message.type === "change" && item.message.change.kind)).toEqual([false, "resolution"]);
    await Promise.all([member.stop(), visitor.stop()]);
  });

  it("announces too many ids as 'many' and never throws at the writer", async () => {
    const feed = createChangeFeed(createMemoryChangeBus());
    const watcher = collect(feed, { campaignId: 1, includePrivate: true });
    await watcher.waitFor(1);
    await publishChange(feed, { campaignId: 1, kind: "member", ids: Array.from({ length: 1000 }, (_, index) => index) });
    expect((await watcher.waitFor(2))[1]!.message).toEqual({ type: "change", change: { campaignId: 1, kind: "member", ids: [] } });
    const errors: unknown[] = [];
    await publishChange({ publish: () => Promise.reject(new Error("bus down")) }, { campaignId: 1, kind: "body" }, (error) => errors.push(error));
    expect(errors).toHaveLength(1);
    await watcher.stop();
  });

  it("ends every open stream when the feed closes", async () => {
    const feed = createChangeFeed(createMemoryChangeBus());
    const controller = new AbortController();
    const items: unknown[] = [];
    const done = (async () => {
      for await (const item of feed.watch({ campaignId: 1, includePrivate: true, signal: controller.signal })) items.push(item);
    })();
    while (items.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    feed.close();
    await done;
    expect(items).toHaveLength(1);
  });
});
