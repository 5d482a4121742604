/** Calendar days as `YYYY-MM-DD` strings in UTC: what the as-of date and its slider step through. */

const DAY_MS = 86_400_000;

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

const long = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

/** "March 1, 2026" (the same on every machine, so prints and tests agree). */
export function formatDay(day: string): string {
  return long.format(new Date(`${day}T00:00:00Z`));
}
