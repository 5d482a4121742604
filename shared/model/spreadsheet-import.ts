/**
 * Spreadsheet (CSV) imports of a campaign's resolutions and members: the columns, and the plan a
 * dry run shows (what would be created, updated or left unchanged, and every row's errors).
 * The CLI (`groundswell import x.csv --as resolutions`) and the Import screen share it.
 */

import { RESOLUTION_DETAIL_FIELDS, resolutionSheetColumn, type ResolutionSheetColumn } from "./resolution";

export const SPREADSHEET_TARGETS = ["resolutions", "members"] as const;
export type SpreadsheetTarget = (typeof SPREADSHEET_TARGETS)[number];

/** How a row names its body: any one of id, GEOID, or name + state (name alone when unique). */
export const BODY_REFERENCE_COLUMNS = ["body_id", "body_geoid", "body_name", "state"] as const;

/**
 * Columns of `export resolutions --format csv`, in order; the importer reads the same ones, so a
 * round trip is lossless. Only a body reference is required; a column left out of the file
 * leaves that field as it is, an empty cell clears it.
 */
export const RESOLUTION_COLUMNS: ReadonlyArray<(typeof BODY_REFERENCE_COLUMNS)[number] | "stage" | "stage_date" | ResolutionSheetColumn | "sponsors"> = [
  ...BODY_REFERENCE_COLUMNS,
  "stage",
  // The day the body reached its stage (its last change happened); on import, the day of the row's last stage change.
  "stage_date",
  ...RESOLUTION_DETAIL_FIELDS.filter((field) => field !== "note").map(resolutionSheetColumn),
  // The body's sponsors (members), then the note last, where a long text reads best.
  "sponsors",
  resolutionSheetColumn("note"),
];
export type ResolutionColumn = (typeof RESOLUTION_COLUMNS)[number];

/** Columns of a members sheet: one row per person on a body, with their stand in the campaign. */
export const MEMBER_COLUMNS = [
  ...BODY_REFERENCE_COLUMNS,
  "name",
  "role",
  "term_start",
  "term_end",
  "public_contact",
  "private_contact",
  "position",
  "position_internal",
  "sponsor_role",
] as const;
export type MemberColumn = (typeof MEMBER_COLUMNS)[number];

/** What the importer reads: the export's columns, and `date` as another name for `stage_date`. */
export function columnsOf(target: SpreadsheetTarget): readonly string[] {
  return target === "resolutions" ? [...RESOLUTION_COLUMNS, "date"] : MEMBER_COLUMNS;
}

/** A problem with one row. `row` counts like a spreadsheet: the header is row 1. */
export interface RowError {
  row: number;
  message: string;
}

/** One record the import touches: who it is, and which fields change ("stage: organizing → introduced"). */
export interface PlannedRecord {
  row: number;
  label: string;
  changes: string[];
}

export interface SpreadsheetPlan {
  as: SpreadsheetTarget;
  /** `id` is null on a dry run into a campaign the import would create. */
  campaign: { id: number | null; name: string; isNew: boolean };
  /** Data rows read (the header not counted). */
  rows: number;
  created: PlannedRecord[];
  updated: PlannedRecord[];
  unchanged: PlannedRecord[];
  /** Every error of every row; when any exists, nothing is written. */
  errors: RowError[];
  /** Stage events the import writes (one per legal move along the way). */
  stageEvents: number;
  /** True when the plan was written to the database. */
  committed: boolean;
}

/** "3 created, 1 updated, 12 unchanged" */
export function describePlanCounts(plan: SpreadsheetPlan): string {
  return `${plan.created.length} created, ${plan.updated.length} updated, ${plan.unchanged.length} unchanged`;
}

/** All row errors in one line (the CLI's refusal), at most `limit` of them spelled out. */
export function describeRowErrors(errors: readonly RowError[], limit = 25): string {
  const shown = errors.slice(0, limit).map((error) => `row ${error.row}: ${error.message}`);
  const more = errors.length > limit ? `; and ${errors.length - limit} more` : "";
  const count = errors.length === 1 ? "1 error" : `${errors.length} errors`;
  return `${count}, nothing was imported: ${shown.join("; ")}${more}`;
}

/** A CSV read with its header: each data row's cells by (normalised) column name. */
export interface SpreadsheetTable {
  columns: string[];
  records: Array<{ row: number; cells: Record<string, string> }>;
}

/** The Import screen's answer to an uploaded .csv: what the sheet holds, before choosing what it is. */
export interface SpreadsheetUploadPreview {
  token: string;
  expiresAt: string;
  fileName: string;
  bytes: number;
  format: "csv";
  /** Columns as read (normalised to snake_case). */
  columns: string[];
  rows: number;
  /** What the columns suggest: a `name` column means members. */
  guess: SpreadsheetTarget;
}

/** A spreadsheet's commit answers this with a 400 when any row is bad: the message and the whole plan. */
export interface SpreadsheetRefusal {
  error: string;
  plan: SpreadsheetPlan;
}
