/** What a calendar event says, whatever feed it goes into (votes and hearings, lobby days). */
export interface CalendarEntry {
  /** Globally unique and stable across changes: the same UID with a higher SEQUENCE updates an event. */
  uid: string;
  /** ISO date `YYYY-MM-DD`. */
  date: string;
  /** Local wall-clock `HH:MM`, written as a floating time (no time zone); null for an all-day event. */
  time: string | null;
  summary: string;
  description: string | null;
  location: string | null;
}
