/**
 * The map "as of" a date, replayed from stage events. Every stage change is an event with the day
 * it happened (given by the user, may be in the past) and the instant it was recorded, so a body's
 * stage on a day is the `toStage` of its last event that happened on or before that day (UTC);
 * events of the same day count in the order they were recorded. A body with no event by then was
 * at the scheme's first stage. A resolution that has no events at all (imported without history)
 * is taken to have been at its current stage since it was last updated.
 */

export interface ReplayResolution {
  bodyId: number;
  /** The current stage. */
  stage: string;
  /** ISO 8601 UTC. */
  updatedAt: string;
}

export interface ReplayEvent {
  bodyId: number;
  toStage: string;
  /** The day it happened, `YYYY-MM-DD` (UTC). */
  happenedOn: string;
  /** When it was recorded, ISO 8601 UTC: orders the events of one day. */
  occurredAt: string;
}

/** Whether event `a` comes after `b` in a body's history: by the day it happened, then by recording. */
export function isLaterEvent(a: Pick<ReplayEvent, "happenedOn" | "occurredAt">, b: Pick<ReplayEvent, "happenedOn" | "occurredAt">): boolean {
  return a.happenedOn !== b.happenedOn ? a.happenedOn > b.happenedOn : a.occurredAt >= b.occurredAt;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 does not). */
export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The last instant of a `YYYY-MM-DD` day in UTC, as ISO 8601: events up to it count. */
export function endOfDay(asOf: string): string {
  if (!isCalendarDate(asOf)) throw new RangeError(`"${asOf}" is not a date (YYYY-MM-DD)`);
  return `${asOf}T23:59:59.999Z`;
}

/**
 * Each body's stage at the end of `asOf`, for bodies that had left the first stage by then
 * (bodies not in the result sit at the first stage). Events may come in any order.
 */
export function stagesAsOf(resolutions: readonly ReplayResolution[], events: readonly ReplayEvent[], asOf: string): Map<number, string> {
  const limit = endOfDay(asOf);
  const last = new Map<number, ReplayEvent>();
  const withEvents = new Set<number>();
  for (const event of events) {
    withEvents.add(event.bodyId);
    if (event.happenedOn > asOf) continue;
    const seen = last.get(event.bodyId);
    if (!seen || isLaterEvent(event, seen)) last.set(event.bodyId, event);
  }
  const result = new Map<number, string>();
  for (const resolution of resolutions) {
    if (withEvents.has(resolution.bodyId)) {
      const event = last.get(resolution.bodyId);
      if (event) result.set(resolution.bodyId, event.toStage);
    } else if (resolution.updatedAt <= limit) {
      result.set(resolution.bodyId, resolution.stage);
    }
  }
  return result;
}

/** The day `now` falls on in UTC, `YYYY-MM-DD`. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Why a stage change cannot be dated `happenedOn`, or null when it can: not a date, a day after
 * `today`, or a day before the body's previous event (`previous`, when it has one). One line.
 */
export function happenedOnProblem(happenedOn: string, { today, previous }: { today: string; previous: string | null }): string | null {
  if (!isCalendarDate(happenedOn)) return `"${happenedOn}" is not a date (YYYY-MM-DD)`;
  if (happenedOn > today) return `${happenedOn} is in the future (today is ${today}); record a change once it has happened`;
  if (previous && happenedOn < previous) return `${happenedOn} is before the previous change (${previous}); history is kept in order`;
  return null;
}
