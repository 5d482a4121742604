import { RESOLUTION_DETAIL_FIELDS } from "../../../shared/model/resolution";

/**
 * Column lists that more than one repository selects, one per concept, so a column joins a
 * concept in one place. What a public surface may read is not listed here: those queries select
 * `PUBLIC_FIELDS` from shared/model/public-fields.ts as it stands (see public-repository.ts).
 */

/** `table.column` for each column: a list for a query that joins another table. */
export function qualify<T extends string, C extends string>(table: T, columns: readonly C[]): Array<`${T}.${C}`> {
  return columns.map((column) => `${table}.${column}` as const);
}

/**
 * What an organizer keeps on a resolution besides its keys and stage: the vote, hearing, tally and
 * links, the hub working on it and the private note (the details panel and spreadsheets). Many of
 * these are also public, but that is decided by `PUBLIC_FIELDS.resolution` alone: a column added
 * here stays private until it is added there.
 */
export const resolutionDetailColumns = RESOLUTION_DETAIL_FIELDS;

/** A member as signed-in members see them, private contact included. */
export const memberColumns = ["id", "bodyId", "name", "role", "termStart", "termEnd", "publicContact", "privateContact"] as const;
