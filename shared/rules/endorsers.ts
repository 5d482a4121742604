import { parseStateCode } from "../ids/usps";
import { ENDORSER_CATEGORIES, ENDORSER_CATEGORY_LABELS, isOrganisation, type Endorser, type EndorserCategory, type EndorserLadder, type PublicEndorser } from "../model/endorser";
import { pickPublic } from "../model/public-fields";
import { parseChoiceCell, parseFlagCell, parseTextCell, parseUrlCell, type CellResult } from "./spreadsheet-cells";

/** Standing at `step` may be shown publicly (endorsed, active partner…). */
export const isPublicEndorserStep = (ladder: EndorserLadder, step: string): boolean => ladder.steps.some((candidate) => candidate.id === step && candidate.public);

/**
 * What an anonymous visitor may see of an endorser: nothing unless they agreed to be listed;
 * then the public fields, and their step only when it is a public one.
 */
export function toPublicEndorser(ladder: EndorserLadder, endorser: Endorser): PublicEndorser | null {
  if (!endorser.isPublic) return null;
  return { ...pickPublic("endorser", endorser), step: isPublicEndorserStep(ladder, endorser.step) ? endorser.step : null };
}

/**
 * A town's endorsers for its panel on the public page: of those who agreed to be listed (what
 * `toPublicEndorser` lets through), the ones whose town is the body and whose step is public,
 * furthest along first, then by name.
 */
export function publicEndorsersOfTown<T extends Pick<PublicEndorser, "townBodyId" | "step" | "name">>(ladder: EndorserLadder, endorsers: readonly T[], bodyId: number): T[] {
  return endorsers
    .filter((endorser) => endorser.townBodyId === bodyId && endorser.step !== null && isPublicEndorserStep(ladder, endorser.step))
    .sort((a, b) => progressOf(ladder, b.step) - progressOf(ladder, a.step) || a.name.localeCompare(b.name));
}

/**
 * How far along the ladder a step is, for sorting "furthest first": its rank up to the last public
 * step (active partner); a step after it (declined) or an unknown one ranks below everything.
 */
export function progressOf(ladder: EndorserLadder, step: string | null): number {
  const index = step === null ? -1 : ladder.steps.findIndex((candidate) => candidate.id === step);
  const lastPublic = ladder.steps.map((candidate) => candidate.public).lastIndexOf(true);
  return index > lastPublic ? -1 : index;
}

/** How many endorsers stand at each step of the ladder, in ladder order (steps nobody stands at count 0). */
export function countByStep(ladder: EndorserLadder, endorsers: ReadonlyArray<{ step: string | null }>): Array<{ step: string; label: string; count: number }> {
  const counts = new Map<string, number>();
  for (const endorser of endorsers) if (endorser.step) counts.set(endorser.step, (counts.get(endorser.step) ?? 0) + 1);
  return ladder.steps.map((step) => ({ step: step.id, label: step.label, count: counts.get(step.id) ?? 0 }));
}

/**
 * "31 local organisations endorsed, including 12 medical practices; 2 mayors": the endorsers at a
 * public step, organisations first with their largest category, then people by category. Null
 * when nobody has endorsed.
 */
export function describeEndorsements(ladder: EndorserLadder, endorsers: ReadonlyArray<{ category: EndorserCategory; step: string | null }>): string | null {
  const endorsed = endorsers.filter((endorser) => endorser.step !== null && isPublicEndorserStep(ladder, endorser.step));
  if (!endorsed.length) return null;
  const byCategory = new Map<EndorserCategory, number>();
  for (const endorser of endorsed) byCategory.set(endorser.category, (byCategory.get(endorser.category) ?? 0) + 1);
  const plural = (count: number, category: EndorserCategory) => `${count} ${count === 1 ? ENDORSER_CATEGORY_LABELS[category].one : ENDORSER_CATEGORY_LABELS[category].many}`;
  const parts: string[] = [];
  const organisations = [...byCategory].filter(([category]) => isOrganisation(category)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const total = organisations.reduce((sum, [, count]) => sum + count, 0);
  if (total) {
    const [largest, count] = organisations[0]!;
    if (organisations.length === 1 && largest !== "organisation") parts.push(`${total} local ${plural(count, largest).replace(/^\d+ /, "")} endorsed`);
    else parts.push(`${total} local organisation${total === 1 ? "" : "s"} endorsed${largest !== "organisation" ? `, including ${plural(count, largest)}` : ""}`);
  }
  const people = [...byCategory].filter(([category]) => !isOrganisation(category)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (people.length) parts.push(`${people.map(([category, count]) => plural(count, category)).join(", ")} endorsed`);
  return parts.join("; ");
}

/** A point inside a box `[west, south, east, north]` (edges included). */
export const isInsideBox = ([lon, lat]: readonly [number, number], [west, south, east, north]: readonly number[]): boolean =>
  lon >= west! && lon <= east! && lat >= south! && lat <= north!;

/** One CSV row of endorsers, read and checked; `undefined` fields were not in the file (left as they are). */
export interface EndorserRow {
  line: number;
  name: string;
  category: EndorserCategory | undefined;
  town: string;
  state: string | undefined;
  address: string | null | undefined;
  point: [number, number] | null;
  step: string | undefined;
  isPublic: boolean | undefined;
  website: string | null | undefined;
  publicContact: string | null | undefined;
  privateContact: string | null | undefined;
  note: string | null | undefined;
}

function coordinate(text: string, min: number, max: number): CellResult<number | null> {
  const cell = text.trim();
  if (!cell) return { value: null };
  const value = Number(cell);
  if (!/^-?\d+(\.\d+)?$/.test(cell) || value < min || value > max) return { error: `"${cell}" is not a number from ${min} to ${max}` };
  return { value };
}

/**
 * Read one row (header → cell; `line` as a spreadsheet numbers it). Returns the row or every
 * problem with it, each naming the column: no name, no town, an unknown category, state or step,
 * a link that is not http(s), a lat without a lon.
 */
export function readEndorserRow(
  cells: Readonly<Record<string, string>>,
  line: number,
  ladder: EndorserLadder,
): { row: EndorserRow; problems: [] } | { row?: undefined; problems: string[] } {
  const problems: string[] = [];
  const take = <T>(column: string, result: CellResult<T>): T | undefined => {
    if (!(column in cells)) return undefined;
    if (result.error !== undefined) {
      problems.push(`${column} ${result.error}`);
      return undefined;
    }
    return result.value;
  };
  const cell = (column: string) => cells[column] ?? "";
  const name = parseTextCell(cell("name"), 200).value ?? null;
  if (!name) problems.push("no name");
  const town = parseTextCell(cell("town"), 120).value ?? null;
  if (!town) problems.push("no town");
  const category = take("category", parseChoiceCell(cell("category"), ENDORSER_CATEGORIES));
  let state: string | undefined;
  if (cell("state").trim()) {
    state = parseStateCode(cell("state"));
    if (!state) problems.push(`state "${cell("state").trim()}" is not a USPS state code`);
  }
  const lat = take("lat", coordinate(cell("lat"), -90, 90));
  const lon = take("lon", coordinate(cell("lon"), -180, 180));
  const given = (value: number | null | undefined) => value !== undefined && value !== null;
  if (given(lat) !== given(lon) && !problems.some((problem) => /^(lat|lon) /.test(problem))) problems.push("lat and lon go together: give both or neither");
  const step = take(
    "step",
    parseChoiceCell(
      cell("step"),
      ladder.steps.map((one) => one.id),
      Object.fromEntries(ladder.steps.map((one) => [one.id, one.label])),
    ),
  );
  const row: EndorserRow = {
    line,
    name: name ?? "",
    category: category ?? undefined,
    town: town ?? "",
    state,
    address: take("address", parseTextCell(cell("address"), 300)),
    point: given(lat) && given(lon) ? [lon!, lat!] : null,
    // A blank step leaves it as it is (a new endorser starts at the ladder's first step).
    step: step ?? undefined,
    isPublic: take("public", parseFlagCell(cell("public"))),
    website: take("website", parseUrlCell(cell("website"))),
    publicContact: take("public_contact", parseTextCell(cell("public_contact"), 300)),
    privateContact: take("private_contact", parseTextCell(cell("private_contact"), 300)),
    note: take("note", parseTextCell(cell("note"), 2000)),
  };
  return problems.length ? { problems } : { row, problems: [] };
}
