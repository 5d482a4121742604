import type { Change } from "../../shared/model/change";

export interface LoggedChange {
  /** `<epoch>:<sequence>`: the SSE event id a client sends back as lastEventId. */
  id: string;
  sequence: number;
  /** null marks a gap: the bus may have lost changes here (the PostgreSQL listener reconnected). */
  change: Change | null;
}

/** The answer to "what happened after this event id?". */
export type Replay = { ok: true; changes: LoggedChange[] } | { ok: false; reason: "unknown" | "too-old" | "gap" };

/**
 * A bounded ring of the most recent changes this server saw, so a client that lost its
 * connection can resume with its lastEventId. Ids are `<epoch>:<sequence>`; the epoch is new for
 * every server process, so an id from another instance or from before a restart is recognised
 * as unknown and the client is told to refetch everything, as it is when the id has been pushed
 * out of the ring or when a gap (changes possibly lost by the bus) lies after it.
 */
export class ChangeLog {
  private readonly ring: Array<LoggedChange | undefined>;
  private nextSequence = 1;

  constructor(
    readonly capacity = 1000,
    readonly epoch = Math.random().toString(36).slice(2, 10),
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("the change log needs room for at least one change");
    if (!/^[a-z0-9]+$/.test(epoch)) throw new RangeError("the epoch must be lower-case letters and digits");
    this.ring = new Array<LoggedChange | undefined>(capacity);
  }

  /** Record a change (or, with null, a gap) and give it the next id. */
  append(change: Change | null): LoggedChange {
    const sequence = this.nextSequence++;
    const logged = { id: `${this.epoch}:${sequence}`, sequence, change };
    this.ring[sequence % this.capacity] = logged;
    return logged;
  }

  /** The id a fresh subscriber starts from: the last entry (or `<epoch>:0` before any). */
  headId(): string {
    return `${this.epoch}:${this.nextSequence - 1}`;
  }

  /** The changes after `lastEventId`, oldest first, or why they cannot be replayed. */
  since(lastEventId: string): Replay {
    const match = /^([a-z0-9]+):(\d{1,15})$/.exec(lastEventId);
    if (!match || match[1] !== this.epoch) return { ok: false, reason: "unknown" };
    const last = Number(match[2]);
    if (last >= this.nextSequence) return { ok: false, reason: "unknown" };
    // The client saw `last`; it needs last + 1 … head, and the ring holds only the newest `capacity`.
    if (this.nextSequence - 1 - last > this.capacity) return { ok: false, reason: "too-old" };
    const changes: LoggedChange[] = [];
    for (let sequence = last + 1; sequence < this.nextSequence; sequence++) {
      const logged = this.ring[sequence % this.capacity]!;
      if (logged.change === null) return { ok: false, reason: "gap" };
      changes.push(logged);
    }
    return { ok: true, changes };
  }
}
