import { normalizeName } from "./spreadsheet-cells";

/**
 * Ballot question results: reading a results table (a state election-statistics export such as
 * `City/Town, Ward, Pct, Yes, No, Blanks, Total Votes Cast` with its `Totals` row, or a plain
 * `town,yes,no,blanks`), adding rows up to towns and districts, the percentages, the estimate
 * for districts of another plan and the brief's sentence. Pure: the import service, the exports
 * and the screens all call these.
 */

export interface BallotCounts {
  yes: number;
  no: number;
  blanks: number;
  total: number;
}

/** One row of a results file, checked: a town (with ward and precinct when the file has them) or a district. */
export interface BallotRow extends BallotCounts {
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  row: number;
  town: string | null;
  ward: string | null;
  precinct: string | null;
  district: string | null;
  state: string | null;
  /** The file says the row covers only part of the town ("Pittsfield (part)", or a partial column). */
  partial: boolean;
}

export type BallotLevel = "town" | "precinct" | "district";

export interface BallotTable {
  level: BallotLevel;
  rows: BallotRow[];
  /** The file's own Totals row, when it has one. */
  totals: (BallotCounts & { row: number }) | null;
  /** Problems that refuse the file, one line each naming the row. */
  errors: string[];
  /** Problems worth reading that do not stop the import (refusals with `strict`). */
  warnings: string[];
}

/** Header spellings, normalised (lower case, no punctuation), by the column they mean. */
const COLUMN_NAMES: Record<string, readonly string[]> = {
  town: ["city town", "city or town", "town", "city", "municipality", "town city", "locality", "town name"],
  ward: ["ward"],
  precinct: ["pct", "precinct", "prec"],
  district: ["district", "district name"],
  state: ["state"],
  partial: ["partial"],
  yes: ["yes", "yes votes"],
  no: ["no", "no votes"],
  blanks: ["blanks", "blank", "blank votes"],
  total: ["total votes cast", "total", "total ballots", "total votes", "ballots cast", "total ballots cast"],
};

const headerKey = (text: string) =>
  text
    .replace(/^\uFEFF/, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** The column each header names (the first header wins), or null for columns we do not read. */
export function mapBallotColumns(header: string[]): Partial<Record<keyof typeof COLUMN_NAMES, number>> {
  const columns: Partial<Record<string, number>> = {};
  header.forEach((text, index) => {
    const key = headerKey(text);
    for (const [column, names] of Object.entries(COLUMN_NAMES)) {
      if (names.includes(key) && columns[column] === undefined) columns[column] = index;
    }
  });
  return columns;
}

/** A vote count as election offices print it: digits with optional thousands separators ("9,870", "9 870"). */
export function parseVoteCount(text: string): { value: number } | { error: string } {
  const cell = text.trim();
  if (cell === "" || cell === "-") return { error: "is empty" };
  if (/^-\s*[\d,. ]+$/.test(cell)) return { error: `${cell} is negative` };
  if (!/^\d{1,3}([, \u00a0]?\d{3})*$/.test(cell)) return { error: `"${cell}" is not a whole number` };
  const value = Number(cell.replace(/[, \u00a0]/g, ""));
  return Number.isSafeInteger(value) ? { value } : { error: `"${cell}" is too large` };
}

const PARTIAL_SUFFIX = /\s*\((?:part|partial|pt\.?)\)\s*$/i;
const isTotalsCell = (text: string) => /^(grand\s+)?totals?:?$/i.test(text.trim());
const blankish = (text: string | undefined) => {
  const cell = (text ?? "").trim();
  return cell === "" || cell === "-" ? null : cell;
};
const isTruthy = (text: string) => /^(1|yes|y|true|x|partial)$/i.test(text.trim());

const add = (a: BallotCounts, b: BallotCounts): BallotCounts => ({ yes: a.yes + b.yes, no: a.no + b.no, blanks: a.blanks + b.blanks, total: a.total + b.total });
export const ZERO_COUNTS: BallotCounts = { yes: 0, no: 0, blanks: 0, total: 0 };
export const sumCounts = (rows: readonly BallotCounts[]): BallotCounts => rows.reduce<BallotCounts>(add, ZERO_COUNTS);

const describeCounts = (counts: BallotCounts) => `yes ${counts.yes}, no ${counts.no}, blanks ${counts.blanks}, total ${counts.total}`;

/**
 * Read a results table: the header first, then rows (`{ row, fields }` as `parseCsvRecords`
 * gives them). Every problem is one line naming its row; `strict` turns a row whose
 * yes + no + blanks differs from its total into an error rather than a warning.
 */
export function readBallotTable(records: ReadonlyArray<{ row: number; fields: string[] }>, { strict = false }: { strict?: boolean } = {}): BallotTable {
  const [header, ...body] = records;
  const table: BallotTable = { level: "town", rows: [], totals: null, errors: [], warnings: [] };
  if (!header) {
    table.errors.push("the file is empty: it needs a header such as City/Town,Yes,No,Blanks");
    return table;
  }
  const columns = mapBallotColumns(header.fields);
  const missing = (["yes", "no"] as const).filter((column) => columns[column] === undefined);
  if (columns.town === undefined && columns.district === undefined) missing.unshift("town" as never);
  if (columns.blanks === undefined && columns.total === undefined) missing.push("blanks" as never);
  if (missing.length) {
    table.errors.push(
      `row ${header.row}: the header needs ${missing.join(", ")} columns (found ${header.fields.map((field) => `"${field.trim()}"`).join(", ")}); use City/Town,Ward,Pct,Yes,No,Blanks,Total Votes Cast or town,yes,no,blanks`,
    );
    return table;
  }
  table.level = columns.town === undefined ? "district" : columns.precinct !== undefined || columns.ward !== undefined ? "precinct" : "town";
  const seen = new Map<string, number>();
  for (const { row, fields } of body) {
    const cell = (column: keyof typeof COLUMN_NAMES) => (columns[column] === undefined ? undefined : (fields[columns[column]!] ?? ""));
    const place = (table.level === "district" ? cell("district") : cell("town")) ?? "";
    if (fields.every((field) => field.trim() === "")) continue;
    const counts: Partial<BallotCounts> = {};
    const problems: string[] = [];
    for (const column of ["yes", "no", "blanks", "total"] as const) {
      const text = cell(column);
      if (text === undefined) continue;
      const parsed = parseVoteCount(text);
      if ("error" in parsed) problems.push(`${column} ${parsed.error}`);
      else counts[column] = parsed.value;
    }
    const label = `row ${row}${place.trim() ? ` (${place.trim()}${blankish(cell("ward")) ? ` ward ${cell("ward")!.trim()}` : ""}${blankish(cell("precinct")) ? ` pct ${cell("precinct")!.trim()}` : ""})` : ""}`;
    if (problems.length) {
      table.errors.push(`${label}: ${problems.join("; ")}`);
      continue;
    }
    const yes = counts.yes!;
    const no = counts.no!;
    // Without a blanks column, blanks are what the total leaves; without a total, the three add up.
    const blanks = counts.blanks ?? Math.max(0, counts.total! - yes - no);
    const total = counts.total ?? yes + no + blanks;
    if (isTotalsCell(place) || (!place.trim() && isTotalsCell(cell("ward") ?? ""))) {
      table.totals = { row, yes, no, blanks, total };
      continue;
    }
    if (!place.trim()) {
      table.errors.push(`${label}: no ${table.level === "district" ? "district" : "town"} named`);
      continue;
    }
    if (table.totals) table.warnings.push(`${label}: comes after the Totals row (row ${table.totals.row})`);
    if (yes + no + blanks !== total) {
      const line = `${label}: yes + no + blanks = ${yes + no + blanks} but the total is ${total}`;
      (strict ? table.errors : table.warnings).push(line);
    }
    const partial = PARTIAL_SUFFIX.test(place) || isTruthy(cell("partial") ?? "");
    const result: BallotRow = {
      row,
      town: table.level === "district" ? null : place.replace(PARTIAL_SUFFIX, "").trim(),
      ward: blankish(cell("ward")),
      precinct: blankish(cell("precinct")),
      district: blankish(cell("district")),
      state: blankish(cell("state"))?.toUpperCase() ?? null,
      partial,
      yes,
      no,
      blanks,
      total,
    };
    const key = [result.town ? normalizeName(result.town) : "", result.state ?? "", result.ward ?? "", result.precinct ?? "", result.district ?? ""].join("|").toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      table.errors.push(`${label}: the same ${table.level === "precinct" ? "precinct" : table.level} as row ${earlier}`);
      continue;
    }
    seen.set(key, row);
    table.rows.push(result);
  }
  if (!table.rows.length && !table.errors.length) table.errors.push("the file has no result rows under its header");
  if (table.totals && !table.errors.length) {
    const sum = sumCounts(table.rows);
    if (sum.yes !== table.totals.yes || sum.no !== table.totals.no || sum.blanks !== table.totals.blanks || sum.total !== table.totals.total) {
      table.warnings.push(`row ${table.totals.row} (Totals): the file's Totals say ${describeCounts(table.totals)} but its rows add up to ${describeCounts(sum)}`);
    }
  }
  return table;
}

/** `100 × yes / (yes + no)` to one decimal; null when nobody voted yes or no. */
export function percentYes({ yes, no }: Pick<BallotCounts, "yes" | "no">): number | null {
  return yes + no === 0 ? null : Math.round((1000 * yes) / (yes + no)) / 10;
}

/** `100 × yes / total ballots` to one decimal; null without ballots. */
export function percentYesOfBallots({ yes, total }: Pick<BallotCounts, "yes" | "total">): number | null {
  return total === 0 ? null : Math.round((1000 * yes) / total) / 10;
}

/** One town's results: its rows (precincts, or the one town row) added up; partial when any row says so. */
export interface TownResult extends BallotCounts {
  bodyId: number;
  partial: boolean;
}

/** Precinct rows added up to their towns (rows must carry their matched body id). */
export function rollUpTowns(rows: ReadonlyArray<BallotCounts & { bodyId: number; partial: boolean }>): TownResult[] {
  const towns = new Map<number, TownResult>();
  for (const row of rows) {
    const town = towns.get(row.bodyId) ?? { bodyId: row.bodyId, partial: false, ...ZERO_COUNTS };
    towns.set(row.bodyId, { ...town, ...add(town, row), partial: town.partial || row.partial });
  }
  return [...towns.values()];
}

/**
 * A town whose overlap with the district the question ran in covers less than this share of the
 * town is partial: its rows are only the precincts inside the district, never the whole town.
 */
export const WHOLE_TOWN_SHARE = 0.99;
export const isPartialShare = (shareOfBody: number | undefined) => shareOfBody !== undefined && shareOfBody < WHOLE_TOWN_SHARE;

export const ESTIMATE_METHOD = "estimate: each town's results split by the share of the town's area inside the district (town × district overlaps), rounded to whole votes";

/**
 * Results for districts of another plan, estimated through the overlaps: each town's counts are
 * spread over the districts it overlaps in proportion to the share of the town inside each, then
 * rounded. `coverage` is the share of each district's area covered by towns with results.
 */
export function estimateDistricts(
  towns: readonly TownResult[],
  overlaps: ReadonlyArray<{ bodyId: number; districtId: number; shareOfBody: number; shareOfDistrict: number }>,
): Array<BallotCounts & { districtId: number; coverage: number; method: string }> {
  const byBody = new Map(towns.map((town) => [town.bodyId, town]));
  const sums = new Map<number, { yes: number; no: number; blanks: number; total: number; coverage: number }>();
  for (const overlap of overlaps) {
    const town = byBody.get(overlap.bodyId);
    if (!town) continue;
    const sum = sums.get(overlap.districtId) ?? { ...ZERO_COUNTS, coverage: 0 };
    const share = overlap.shareOfBody;
    sums.set(overlap.districtId, {
      yes: sum.yes + town.yes * share,
      no: sum.no + town.no * share,
      blanks: sum.blanks + town.blanks * share,
      total: sum.total + town.total * share,
      coverage: sum.coverage + overlap.shareOfDistrict,
    });
  }
  return [...sums.entries()]
    .map(([districtId, sum]) => ({
      districtId,
      yes: Math.round(sum.yes),
      no: Math.round(sum.no),
      blanks: Math.round(sum.blanks),
      total: Math.round(sum.total),
      coverage: Math.min(1, Math.round(sum.coverage * 1000) / 1000),
      method: ESTIMATE_METHOD,
    }))
    .filter((estimate) => estimate.total > 0)
    .sort((a, b) => a.districtId - b.districtId);
}

const formatCount = (value: number) => value.toLocaleString("en-US");
const formatPercent = (value: number) => value.toFixed(1);

/**
 * The brief's sentence: "In 2018, 71.2 % of voters in this district said yes (9,870 to 3,993)".
 * An estimate says so, and a "no" majority is told as it is.
 */
export function describeBallotResult({ year, yes, no, estimated = false }: { year: number | null; yes: number; no: number; estimated?: boolean }): string {
  const percent = percentYes({ yes, no });
  const when = year === null ? "On the ballot question" : `In ${year}`;
  if (percent === null) return `${when}, no yes or no votes were recorded in this district.`;
  const about = estimated ? "an estimated " : "";
  return `${when}, ${about}${formatPercent(percent)} % of voters in this district said yes (${formatCount(yes)} to ${formatCount(no)})${estimated ? ", estimated from the towns' results" : ""}.`;
}

/** Classes of % yes for the map, centred on 50 %: [from, to) with the top class closed. */
export const PERCENT_YES_CLASSES: ReadonlyArray<{ from: number; to: number; label: string }> = [
  { from: 0, to: 30, label: "under 30 %" },
  { from: 30, to: 40, label: "30–40 %" },
  { from: 40, to: 50, label: "40–50 %" },
  { from: 50, to: 60, label: "50–60 %" },
  { from: 60, to: 70, label: "60–70 %" },
  { from: 70, to: 100.01, label: "70 % and over" },
];

/** The class index of a % yes (0…5), or null without one. */
export function percentYesClass(percent: number | null): number | null {
  if (percent === null) return null;
  const index = PERCENT_YES_CLASSES.findIndex((item) => percent >= item.from && percent < item.to);
  return index < 0 ? PERCENT_YES_CLASSES.length - 1 : index;
}
