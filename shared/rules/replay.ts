/**
 * The map "as of" a date, replayed from stage events. Every stage change is an event (from, to,
 * when), so a body's stage on a day is the `toStage` of its last event on or before the end of
 * that day (UTC). A body with no event by then was at the scheme's first stage. A resolution
 * that has no events at all (imported without history) is taken to have been at its current
 * stage since it was last updated.
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
  /** ISO 8601 UTC. */
  occurredAt: string;
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
    if (event.occurredAt > limit) continue;
    const seen = last.get(event.bodyId);
    if (!seen || event.occurredAt >= seen.occurredAt) last.set(event.bodyId, event);
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
