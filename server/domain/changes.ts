import { PRIVATE_CHANGE_KINDS, toChange, type Change, type ChangeKind, type ChangeMessage } from "../../shared/model/change";
import type { BusMessage, ChangeBus } from "../db/change-bus";
import { ChangeLog, type LoggedChange } from "./change-log";

/** Anything changes can be published to: a server's ChangeFeed, or a bare ChangeBus (the CLI). */
export interface ChangePublisher {
  publish(change: Change): Promise<void>;
}

/** What a write announces; `toChange` trims it to the wire limits. */
export interface ChangeInput {
  campaignId: number | null;
  kind: ChangeKind;
  ids?: readonly number[];
  version?: number;
  /** A resolution's stage after the change, so open maps patch it in (see changeSchema). */
  stage?: string;
}

/**
 * Announce committed writes. Call it AFTER the transaction commits, never inside it: a rolled-back
 * write must announce nothing. It never throws: the write has succeeded, and a lost announcement
 * only delays other screens until their next refetch (reported through `onError`).
 */
export async function publishChange(
  publisher: ChangePublisher | undefined,
  changes: ChangeInput | readonly ChangeInput[],
  onError: (error: unknown) => void = (error) => console.error("could not announce a change:", error),
): Promise<void> {
  if (!publisher) return;
  for (const change of Array.isArray(changes) ? (changes as readonly ChangeInput[]) : [changes as ChangeInput]) {
    try {
      await publisher.publish(toChange(change));
    } catch (error) {
      onError(error);
    }
  }
}

export interface WatchOptions {
  campaignId: number;
  /** The last event id the client saw (sent back by EventSource on reconnect). */
  lastEventId?: string | null | undefined;
  /** Signed-in members also hear about private kinds (tasks). */
  includePrivate: boolean;
  signal?: AbortSignal | undefined;
}

/** One item of a subscriber's stream; `logged` is shared by every subscriber hearing that change. */
export interface FeedEvent {
  id: string;
  message: ChangeMessage;
  logged: LoggedChange | null;
}

export interface ChangeFeed extends ChangePublisher {
  /**
   * A subscriber's stream: first the changes it missed (when lastEventId can be replayed), then
   * `ready` (with `resync: true` when it cannot), then live changes for its campaign until the
   * signal aborts. Every item has an id to send back as lastEventId.
   */
  watch(options: WatchOptions): AsyncGenerator<{ id: string; message: ChangeMessage }>;
  /**
   * The same stream as callbacks, for a server writing its event frames itself: `emit` runs for the
   * replayed changes and `ready` before `listen` resolves, then for each live change (with the
   * logged change, which is the same object for every subscriber, so its frame can be built once).
   * Resolves to the function that stops listening, or null when the signal aborted first;
   * `onClose` runs when the feed closes (the server is stopping).
   */
  listen(options: WatchOptions, emit: (event: FeedEvent) => void, onClose?: () => void): Promise<(() => void) | null>;
  /** How many subscribers are listening right now (for tests and logs). */
  subscriberCount(): number;
  close(): void;
}

/**
 * One per server process: listens to the bus once, keeps the recent changes in a ring (ChangeLog)
 * for resuming clients, and fans each change out to this process's subscribers.
 */
export function createChangeFeed(bus: ChangeBus, { capacity = 1000, sliceSize = 10 }: { capacity?: number; sliceSize?: number } = {}): ChangeFeed {
  const log = new ChangeLog(capacity);
  const subscribers = new Set<Subscriber>();
  let closed = false;
  const fanOut = createFanOut(sliceSize);
  const unsubscribe = bus.subscribe((message: BusMessage) => {
    const logged = log.append(message.type === "change" ? message.change : null);
    // Who hears it is decided now, beside the ring, so a stream that starts meanwhile finds the
    // change in the ring (replay) or was already listening: never both, never neither.
    fanOut.deliver([...subscribers], logged);
  });

  const toMessage = (logged: LoggedChange, options: WatchOptions): ChangeMessage | null => {
    const change = logged.change;
    if (change === null) return { type: "resync" };
    if (change.campaignId !== null && change.campaignId !== options.campaignId) return null;
    if (!options.includePrivate && PRIVATE_CHANGE_KINDS.has(change.kind)) return null;
    return { type: "change", change };
  };

  return {
    publish: (change) => bus.publish(change),
    subscriberCount: () => subscribers.size,
    close() {
      closed = true;
      unsubscribe();
      // Wake every waiting subscriber so its stream ends.
      for (const subscriber of subscribers) subscriber(null);
      subscribers.clear();
    },
    async listen(options, emit, onClose) {
      const { signal } = options;
      await abortable(bus.ready(), signal);
      if (signal?.aborted || closed) return null;
      const subscriber: Subscriber = (logged) => {
        if (!logged) return onClose?.();
        const message = toMessage(logged, options);
        if (message) emit({ id: logged.id, message, logged });
      };
      // Subscribing and reading the ring happen in one tick, so nothing falls between them.
      subscribers.add(subscriber);
      const stop = () => void subscribers.delete(subscriber);
      signal?.addEventListener("abort", stop, { once: true });
      const headId = log.headId();
      const replay = options.lastEventId ? log.since(options.lastEventId) : null;
      if (replay?.ok) for (const logged of replay.changes) subscriber(logged);
      emit({ id: headId, message: { type: "ready", resync: replay !== null && !replay.ok }, logged: null });
      return () => {
        stop();
        signal?.removeEventListener("abort", stop);
      };
    },
    async *watch(options) {
      const { signal } = options;
      const queue: FeedEvent[] = [];
      let ended = false;
      let wake: (() => void) | null = null;
      const onAbort = () => wake?.();
      signal?.addEventListener("abort", onAbort);
      const stop = await this.listen(
        options,
        (event) => {
          queue.push(event);
          wake?.();
        },
        () => {
          ended = true;
          wake?.();
        },
      );
      try {
        if (!stop) return;
        while (!signal?.aborted && !closed && !ended) {
          const event = queue.shift();
          if (!event) {
            await new Promise<void>((resolve) => (wake = resolve));
            wake = null;
            continue;
          }
          yield { id: event.id, message: event.message };
        }
      } finally {
        stop?.();
        signal?.removeEventListener("abort", onAbort);
      }
    },
  };
}

type Subscriber = (logged: LoggedChange | null) => void;

/**
 * Hand each change to its subscribers `sliceSize` at a time, one slice per turn of the event loop:
 * 200 open maps writing their event is some milliseconds of work, and a write or a health check
 * arriving meanwhile is answered between two slices instead of after all of them. Deliveries keep
 * their order, so every subscriber still hears changes in the order they happened.
 */
function createFanOut(sliceSize: number) {
  const pending: Array<[Subscriber, LoggedChange]> = [];
  let draining = false;
  const drain = () => {
    for (const [subscriber, logged] of pending.splice(0, sliceSize)) subscriber(logged);
    if (pending.length > 0) setImmediate(drain);
    else draining = false;
  };
  return {
    deliver(subscribers: readonly Subscriber[], logged: LoggedChange) {
      for (const subscriber of subscribers) pending.push([subscriber, logged]);
      if (draining) return;
      draining = true;
      drain();
    },
  };
}

function abortable(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return promise;
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => resolve();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
