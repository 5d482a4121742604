/**
 * Reading one spreadsheet cell: each parser returns `{ value }` or `{ error }` (a phrase to put
 * after the column name), and never throws. Empty cells are `null`: the importer decides whether
 * that clears a field. Pure, so the CLI, the upload and their tests read cells the same way.
 */

export type CellResult<T> = { value: T; error?: undefined } | { value?: undefined; error: string };

const ok = <T>(value: T): CellResult<T> => ({ value });
const fail = <T>(error: string): CellResult<T> => ({ error });

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const pad = (value: number) => String(value).padStart(2, "0");

/**
 * A calendar date as ISO `YYYY-MM-DD`. Accepts ISO and the US spreadsheet form `M/D/YYYY`;
 * refuses impossible dates (2026-02-30) and years outside 1900–2200.
 */
export function parseDateCell(text: string): CellResult<string | null> {
  const cell = text.trim();
  if (!cell) return ok(null);
  let year: number, month: number, day: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(cell);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(cell);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (us) [year, month, day] = [Number(us[3]), Number(us[1]), Number(us[2])];
  else return fail(`"${cell}" is not a date (use YYYY-MM-DD)`);
  if (year < 1900 || year > 2200 || !isRealDate(year, month, day)) return fail(`"${cell}" is not a real date`);
  return ok(`${year}-${pad(month)}-${pad(day)}`);
}

/** A local wall-clock time as `HH:MM` (24 hours). Accepts `19:00`, `7:00 pm`, `7pm`. */
export function parseTimeCell(text: string): CellResult<string | null> {
  const cell = text.trim().toLowerCase();
  if (!cell) return ok(null);
  const match = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/.exec(cell);
  if (!match || (match[2] === undefined && match[3] === undefined)) return fail(`"${text.trim()}" is not a time (use HH:MM, e.g. 19:00)`);
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? "0");
  const meridiem = match[3]?.replace(/\./g, "");
  if (meridiem) {
    if (hours < 1 || hours > 12) return fail(`"${text.trim()}" is not a time`);
    hours = (hours % 12) + (meridiem === "pm" ? 12 : 0);
  }
  if (hours > 23 || minutes > 59) return fail(`"${text.trim()}" is not a time`);
  return ok(`${pad(hours)}:${pad(minutes)}`);
}

/** A count of votes or members: a whole number, 0 or more. */
export function parseCountCell(text: string): CellResult<number | null> {
  const cell = text.trim();
  if (!cell) return ok(null);
  if (/^-\d+$/.test(cell)) return fail(`${cell} is negative`);
  if (!/^\d{1,6}$/.test(cell)) return fail(`"${cell}" is not a whole number`);
  return ok(Number(cell));
}

/** yes/no, true/false, 1/0, y/n, x (checked); empty is no. */
export function parseFlagCell(text: string): CellResult<boolean> {
  const cell = text.trim().toLowerCase();
  if (["", "no", "n", "false", "0"].includes(cell)) return ok(false);
  if (["yes", "y", "true", "1", "x"].includes(cell)) return ok(true);
  return fail(`"${text.trim()}" is not yes or no`);
}

/** An http(s) link. */
export function parseUrlCell(text: string): CellResult<string | null> {
  const cell = text.trim();
  if (!cell) return ok(null);
  let url: URL;
  try {
    url = new URL(cell);
  } catch {
    return fail(`"${cell}" is not a link (it must start with https://)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return fail(`"${cell}" is not an http(s) link`);
  return ok(cell);
}

/** Free text, trimmed; `max` characters at most. Inner newlines are kept (quoted CSV cells). */
export function parseTextCell(text: string, max = 2000): CellResult<string | null> {
  const cell = text.trim();
  if (!cell) return ok(null);
  if (cell.length > max) return fail(`is longer than ${max} characters`);
  return ok(cell);
}

/** One of `options` (lower_snake_case ids; labels and spaces are forgiven: "Lean yes" → lean_yes). */
export function parseChoiceCell<T extends string>(text: string, options: readonly T[], labels: Partial<Record<T, string>> = {}): CellResult<T | null> {
  const cell = text.trim();
  if (!cell) return ok(null);
  const key = cell.toLowerCase().replace(/[\s-]+/g, "_");
  const found = options.find((option) => option === key || labels[option]?.toLowerCase() === cell.toLowerCase());
  return found ? ok(found) : fail(`"${cell}" is not one of ${options.join(", ")}`);
}

/** "Ana Ruiz; Bo Chen" → ["Ana Ruiz", "Bo Chen"]; blanks dropped, a repeated name is an error. */
export function parseNameListCell(text: string): CellResult<string[]> {
  const names = text
    .split(";")
    .map((name) => name.trim().replace(/\s+/g, " "))
    .filter(Boolean);
  const seen = new Set<string>();
  for (const name of names) {
    const key = normalizeName(name);
    if (seen.has(key)) return fail(`names "${name}" twice`);
    if (name.length > 200) return fail(`has a name longer than 200 characters`);
    seen.add(key);
  }
  return ok(names);
}

/**
 * The form names are compared in: accents and case folded, punctuation and repeated spaces
 * dropped, a leading "City of"/"Town of" and a trailing kind word ignored, so "Providence City
 * Council", "City of Providence" and "providence" all match the body "Providence".
 */
export function normalizeName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[.,'’()]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

const BODY_NAME_AFFIXES = [
  /^(city|town|township|village|borough|county) of /,
  / (city council|town council|town meeting|select board|board of selectmen|board of aldermen|county board|county commission|board of supervisors|council)$/,
];

/** A body name for matching: `normalizeName` plus the affixes above removed. */
export function normalizeBodyName(name: string): string {
  let key = normalizeName(name);
  for (const affix of BODY_NAME_AFFIXES) key = key.replace(affix, "");
  return key.trim();
}
