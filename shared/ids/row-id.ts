import { z } from "zod";

/** The largest surrogate id either engine stores (PostgreSQL `integer`/`serial` is 32-bit). */
export const MAX_ROW_ID = 2_147_483_647;

/**
 * A surrogate integer id (body, campaign, district…). Bounded so a hostile 2^53 never reaches
 * PostgreSQL, which would refuse it as "out of range for type integer" (a 500, not a 400).
 */
export const rowIdSchema = z.number().int().positive().max(MAX_ROW_ID);
