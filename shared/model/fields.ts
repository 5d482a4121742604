import { z } from "zod";

/** Small field schemas shared by the workflow models: dates, times, links and free text. */

/** A calendar date, "2026-03-14" (checked to exist: no 31 February). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date like 2026-03-14")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "not a real calendar date");

/** A local wall-clock time, "19:30". */
export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time like 19:30");

/** A web link: http or https only (no javascript:, data: or file: links reach a page). */
export const webUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:";
    } catch {
      return false;
    }
  }, "a link must start with http:// or https://");

/** Optional one-line text: trimmed; empty means none. */
export const optionalLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .nullable()
    .transform((value) => (value ? value : null));

/** Optional multi-line text: trimmed; empty means none. */
export const optionalText = (max: number) => optionalLine(max);

/** True when the string is a link `webUrlSchema` accepts; for renderers that must not link anything else. */
export function isWebUrl(value: string): boolean {
  return webUrlSchema.safeParse(value).success;
}
