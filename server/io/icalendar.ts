/**
 * A small RFC 5545 (iCalendar) writer for the calendar feed: one VCALENDAR of VEVENTs, CRLF line
 * ends, lines folded at 75 octets (never inside a UTF-8 character), TEXT values escaped.
 * We write only what the feed needs (no recurrence, no time zones): a library would add little,
 * and test/integration/calendar.test.ts checks the output with an independent parser (ical.js).
 */

import type { CalendarEntry } from "../../shared/model/calendar-entry";

export interface CalendarEvent extends CalendarEntry {
  url: string | null;
  /** Increases whenever the event changes. */
  sequence: number;
  /** When the event last changed (ISO 8601, UTC): DTSTAMP and LAST-MODIFIED. */
  modifiedAt: string;
  cancelled: boolean;
}

export interface CalendarFeed {
  /** X-WR-CALNAME, shown by most calendar apps as the calendar's name. */
  name: string;
  events: CalendarEvent[];
}

export const PRODID = "-//Groundswell//Campaign calendar//EN";

/** TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * Fold a content line (RFC 5545 §3.1): at most 75 octets per line, continuation lines start
 * with one space (which counts), and a multi-byte UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = 74; // the leading space of a continuation line takes one octet
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

const basicDate = (date: string) => date.replace(/-/g, "");
/** ISO 8601 UTC → `20260210T190000Z`. */
const basicUtc = (iso: string) => `${new Date(iso).toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;

function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

export function writeCalendar(feed: CalendarFeed): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${PRODID}`, "CALSCALE:GREGORIAN", "METHOD:PUBLISH", `X-WR-CALNAME:${escapeText(feed.name)}`];
  for (const event of feed.events) {
    lines.push("BEGIN:VEVENT", `UID:${event.uid}`, `DTSTAMP:${basicUtc(event.modifiedAt)}`);
    if (event.time) {
      lines.push(`DTSTART:${basicDate(event.date)}T${event.time.replace(":", "")}00`);
    } else {
      lines.push(`DTSTART;VALUE=DATE:${basicDate(event.date)}`, `DTEND;VALUE=DATE:${basicDate(nextDay(event.date))}`);
    }
    lines.push(`SEQUENCE:${event.sequence}`, `LAST-MODIFIED:${basicUtc(event.modifiedAt)}`, `SUMMARY:${escapeText(event.summary)}`);
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
    if (event.url) lines.push(`URL:${event.url}`);
    lines.push(`STATUS:${event.cancelled ? "CANCELLED" : "CONFIRMED"}`, "TRANSP:TRANSPARENT", "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
