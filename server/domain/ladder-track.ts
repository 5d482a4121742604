import type { LadderMove, StepList, StepSource } from "../../shared/model/ladder";
import { firstStepOf, isStepOf } from "../../shared/rules/ladder";
import { ConflictError, InputError } from "../errors";
import type { Actor } from "./actor";

/**
 * The machinery every ladder shares (a legislator's step on a bill, an endorser's step in a
 * campaign): the current step, an append-only history of moves (who, when, from, to, source,
 * link, private note), a conflict when someone moved it since, and undo as a move back (nothing
 * is deleted). Each ladder supplies a `LadderTrack`: where its step is stored and how to write a move.
 */
export interface LadderTrack {
  /** Names the record in messages ("Ana Ruiz's step on H.1239"). */
  what: string;
  /** The recorded step; undefined when nothing is recorded yet (it stands at the first step). */
  current(): Promise<string | undefined>;
  last(): Promise<{ id: number; fromStep: string | null; toStep: string } | undefined>;
  /** Set the current step and append the event; `exists` says whether a step was recorded. Returns the event id. */
  write(move: LadderMove, exists: boolean): Promise<number>;
}

export interface LadderMoveResult {
  step: string;
  changed: boolean;
  /** The event written (null when nothing changed). */
  eventId: number | null;
}

/** Move to `step` (one event). Setting the step it already stands at changes nothing. Run it in a transaction. */
export async function moveOnLadder(
  track: LadderTrack,
  ladder: StepList,
  input: { step: string; source: StepSource; link?: string | null | undefined; note?: string | null | undefined; expectedStep?: string | undefined },
  actor: Actor,
  now: Date,
): Promise<LadderMoveResult> {
  if (!isStepOf(ladder, input.step)) throw new InputError(`"${input.step}" is not a step of the ladder (${ladder.steps.map((step) => step.id).join(", ")})`);
  const recorded = await track.current();
  const from = recorded ?? firstStepOf(ladder);
  if (input.expectedStep !== undefined && input.expectedStep !== from) {
    throw new ConflictError(`${track.what} was changed by someone else; it is now "${from}". Review and try again.`, { step: from });
  }
  if (from === input.step && recorded !== undefined) return { step: from, changed: false, eventId: null };
  const eventId = await track.write(
    {
      fromStep: recorded === undefined ? null : from,
      toStep: input.step,
      source: input.source,
      link: input.link ?? null,
      actor: actor.name,
      note: input.note?.trim() || null,
      occurredAt: now.toISOString(),
    },
    recorded !== undefined,
  );
  return { step: input.step, changed: true, eventId };
}

/** Undo the last move: an event back to where it came from. Refused when someone moved it since `expectedEventId`. */
export async function undoOnLadder(track: LadderTrack, ladder: StepList, expectedEventId: number, actor: Actor, now: Date): Promise<LadderMoveResult> {
  const last = await track.last();
  if (!last) throw new InputError(`${track.what} has no change to undo`);
  if (last.id !== expectedEventId) throw new ConflictError(`${track.what} was changed by someone else since; review it and try again.`, { step: last.toStep });
  const back = last.fromStep ?? firstStepOf(ladder);
  const eventId = await track.write({ fromStep: last.toStep, toStep: back, source: "undo", link: null, actor: actor.name, note: null, occurredAt: now.toISOString() }, true);
  return { step: back, changed: true, eventId };
}
