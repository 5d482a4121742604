import type { CalendarEntry } from "../model/calendar-entry";
import type { LobbyDayDetail, LobbyVisit } from "../model/lobby-day";

/**
 * The rules of a lobby day, as plain functions over its detail: which offices still lack a
 * constituent, a hub's own schedule, and the calendar events of the day.
 */

/** An office counts as covered once someone from the legislator's district is signed up. */
export const hasConstituent = (visit: LobbyVisit): boolean => visit.signUps.some((signUp) => signUp.constituent);

/**
 * The coordinator's gap list: offices with no constituent signed up, those a hub covers first
 * (a hub to ask), then by the number of people already going, then by district label.
 */
export function officesWithoutConstituent(detail: LobbyDayDetail): LobbyVisit[] {
  return detail.visits
    .filter((visit) => !hasConstituent(visit))
    .sort((a, b) => Number(b.seat.hubs.length > 0) - Number(a.seat.hubs.length > 0) || b.signUps.length - a.signUps.length || compareSeats(a, b));
}

/** Offices in schedule order: timed visits by time, then the rest by district. */
export function inScheduleOrder(visits: readonly LobbyVisit[]): LobbyVisit[] {
  return [...visits].sort((a, b) => (a.time ?? "99:99").localeCompare(b.time ?? "99:99") || compareSeats(a, b));
}

/** The visits a hub goes to (someone from it is signed up), in schedule order. */
export function hubSchedule(detail: LobbyDayDetail, hubId: number): LobbyVisit[] {
  return inScheduleOrder(detail.visits.filter((visit) => visit.signUps.some((signUp) => signUp.hubId === hubId)));
}

/** State House 2 before State House 10: labels compared with numbers as numbers. */
function compareSeats(a: LobbyVisit, b: LobbyVisit): number {
  return a.seat.chamber.localeCompare(b.seat.chamber) || a.seat.label.localeCompare(b.seat.label, "en", { numeric: true }) || a.seat.name.localeCompare(b.seat.name);
}

/**
 * The day itself and every scheduled visit (only one hub's when `hubId` is given) as calendar
 * events. Visits without a time are left out: they are on the printed schedule, not at an hour.
 */
export function lobbyDayEvents(detail: LobbyDayDetail, { hubId, host }: { hubId?: number | undefined; host: string }): CalendarEntry[] {
  const day = detail.lobbyDay;
  const visits = hubId === undefined ? inScheduleOrder(detail.visits) : hubSchedule(detail, hubId);
  const events: CalendarEntry[] = [{ uid: `lobby-day-${day.id}@${host}`, date: day.heldOn, time: day.startsAt, summary: day.name, description: day.notes, location: day.place }];
  for (const visit of visits) {
    if (!visit.time) continue;
    const going = visit.signUps.map((signUp) => signUp.name).join(", ");
    events.push({
      uid: `lobby-day-${day.id}-legislator-${visit.seat.legislatorId}@${host}`,
      date: day.heldOn,
      time: visit.time,
      summary: `Meet ${visit.seat.name} (${visit.seat.label})`,
      description: [`${day.name}.`, going ? `Going: ${going}.` : "Nobody signed up yet."].join(" "),
      location: [visit.room, day.place].filter(Boolean).join(", ") || null,
    });
  }
  return events;
}
