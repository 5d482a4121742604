import { z } from "zod";

/** The largest surrogate id either engine stores (PostgreSQL `integer`/`serial` is 32-bit). */
export const MAX_ROW_ID = 2_147_483_647;

/**
 * A surrogate integer id (body, campaign, district…). Bounded so a hostile 2^53 never reaches
 * PostgreSQL, which would refuse it as "out of range for type integer" (a 500, not a 400).
 */
export const rowIdSchema = z.number().int().positive().max(MAX_ROW_ID);

/** Text that names a row by number ("42"), as a row id; null when it is not one (too large, zero, not digits). */
export function parseRowIdText(text: string): number | null {
  if (!/^\d{1,10}$/.test(text)) return null;
  const id = Number(text);
  return id >= 1 && id <= MAX_ROW_ID ? id : null;
}

/** A count or version stored in a PostgreSQL `integer` column: 0 … 2147483647. */
export const rowCountSchema = z.number().int().min(0).max(MAX_ROW_ID);
