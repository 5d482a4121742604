import type { BoundaryImportResult } from "../domain/boundary-import";
import type { SeatingSummary } from "../domain/legislators";
import type { RecomputeSummary } from "../domain/overlaps";
import type { BoundaryFile } from "../io/boundary-file";

/**
 * The lines `import` and `setup` print after importing a boundary layer:
 *   Imported towns.zip (shapefile, GCS_North_American_1983 → WGS84):
 *     532 features read → 465 bodies created, 0 updated
 *     name from "NAMELSAD", id from "GEOID"
 * `read` overrides the importer's count (when the caller left features out before importing);
 * `nameSource` replaces the quoted name field (`NAMELSAD ("State House District 1" → "1")`).
 */
export function describeBoundaryImport({
  title,
  file,
  result,
  what,
  read,
  nameSource,
}: {
  title: string;
  file: Pick<BoundaryFile, "format" | "sourceCrs" | "reprojected">;
  result: BoundaryImportResult;
  what: "bodies" | "districts";
  read?: number;
  nameSource?: string;
}): string[] {
  const { summary, repairs, skipped } = result;
  const vintage = summary.vintage === undefined ? null : { vintage: summary.vintage, current: summary.current };
  const lines = [
    `${title} (${file.format}, ${file.sourceCrs}${file.reprojected ? " → WGS84" : ""}):`,
    `  ${read ?? summary.read} features read → ${summary.created} ${what} created, ${summary.updated} updated` +
      (summary.merged ? `, ${summary.merged} parts merged into multi-part shapes` : ""),
    `  name from ${nameSource ?? `"${summary.nameField}"`}${summary.idField ? `, id from "${summary.idField}"` : ", matched by name (no id field)"}` +
      (summary.populationField ? `, population from "${summary.populationField}"` : "") +
      (vintage ? `; vintage ${vintage.vintage}${vintage.current ? " (current)" : " (older than the current plan)"}` : ""),
  ];
  if (repairs.length) lines.push(`  repaired ${repairs.length}: ${summarize(repairs.map((repair) => `#${repair.index + 1} ${repair.what}`))}`);
  if (skipped.length) lines.push(`  skipped ${skipped.length}: ${summarize(skipped.map((skip) => `#${skip.index + 1} ${skip.reason}`))}`);
  if (result.legislators) lines.push(describeSeating(result.legislators));
  return lines;
}

/** "Legislators: 74 of 75 sitting RI state_lower legislators matched to a current district; unmatched: Ann Lee ("District 99")". */
export function describeSeating(seating: SeatingSummary): string {
  const { state, chamber, sitting, matched, unmatched } = seating;
  return (
    `Legislators: ${matched} of ${sitting} sitting ${state} ${chamber} legislators matched to a current district` +
    (unmatched.length ? `; unmatched: ${summarize(unmatched.map((role) => `${role.name} ("${role.districtName}")`))}` : "")
  );
}

/** "Overlaps: 312 body × district pairs from 39 bodies and 115 current districts in 0.42 s". */
export function describeOverlaps(overlaps: RecomputeSummary): string {
  return (
    `Overlaps: ${overlaps.overlaps} body × district pairs from ${overlaps.bodies} bodies and ${overlaps.districts} current districts in ${(overlaps.milliseconds / 1000).toFixed(2)} s` +
    (overlaps.problems.length
      ? ` (${overlaps.problems.length} geometry ${overlaps.problems.length === 1 ? "problem" : "problems"}: ${summarize(overlaps.problems.map((problem) => problem.message))})`
      : "")
  );
}

/** The first `limit` items joined with "; ", and how many more there are. */
export function summarize(items: string[], limit = 5): string {
  return items.length <= limit ? items.join("; ") : `${items.slice(0, limit).join("; ")}; and ${items.length - limit} more`;
}
