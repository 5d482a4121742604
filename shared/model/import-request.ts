import { z } from "zod";
import { parseStateCode, stateCodeProblem } from "../ids/usps";
import { BODY_KINDS, parseBodyKind, spelling, type BodyKind } from "./body";
import { CHAMBERS, parseChamber, type Chamber } from "./district";

/**
 * One request per import kind: what the CLI's flags, the upload API's commit body and the Import
 * screen's form all parse into before any use case runs (STYLE.md rule 11). Every refusal is an
 * issue on one field, worded with `{field}` where each door puts the field's name in its own
 * words: the flag on the command line, the form label on the web (`IMPORT_FIELD_LABELS`).
 */

export const IMPORT_KINDS = [
  "bodies",
  "districts",
  "legislators",
  "committees",
  "cosponsors",
  "resolutions",
  "members",
  "hubs",
  "ballot-results",
  "endorsers",
  "population",
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The fields of an import request, by their request key. */
export const IMPORT_FIELDS = [
  "as",
  "kind",
  "chamber",
  "state",
  "nameField",
  "idField",
  "populationField",
  "kindField",
  "countField",
  "place",
  "parent",
  "source",
  "vintage",
  "campaign",
  "bill",
  "dryRun",
  "minShare",
  "overlaps",
  "question",
  "text",
  "year",
  "date",
  "district",
  "strict",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** How the web names each field (the Import screen's labels; the CLI names them by flag). */
export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  as: "What the file holds",
  kind: "Kind of body",
  chamber: "Chamber",
  state: "State",
  nameField: "Field with the name",
  idField: "Field with a stable id",
  populationField: "Field with the population",
  kindField: "Field with the kind",
  countField: "Field with the count",
  place: "How polygons are placed",
  parent: "Parent body",
  source: "Boundaries published by",
  vintage: "Plan year (vintage)",
  campaign: "Campaign",
  bill: "Bill",
  dryRun: "Dry run",
  minShare: "Sliver threshold",
  overlaps: "Recompute overlaps",
  question: "Ballot question",
  text: "Question text",
  year: "Election year",
  date: "Election date",
  district: "District it ran in",
  strict: "Refuse rows whose counts do not add up",
};

/** A text field that may be left out; blank counts as left out. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `{field} is longer than ${max} characters` })
    .optional()
    .transform((text) => (text === "" ? undefined : text));

/** A spelled value checked by `parse` (which normalises case, spaces, hyphens and aliases). */
function spelled<T extends string>(parse: (text: string) => T | undefined, problem: (text: string) => string) {
  return z.string({ error: "{field} must be text" }).transform((text, context): T => {
    const value = parse(text);
    if (value === undefined) {
      context.addIssue({ code: "custom", message: problem(text) });
      return z.NEVER;
    }
    return value;
  });
}

export const importKindSchema = spelled<ImportKind>(
  (text) => IMPORT_KINDS.find((kind) => kind.replace(/-/g, "_") === spelling(text)),
  (text) => `{field} must be one of ${IMPORT_KINDS.join(", ")} (got "${text}")`,
);
export const bodyKindInputSchema = spelled<BodyKind>(parseBodyKind, (text) => `{field} "${text}" is not a body kind; use one of ${BODY_KINDS.join(", ")}`);
export const chamberInputSchema = spelled<Chamber>(parseChamber, (text) => `{field} "${text}" is not a chamber; use one of ${CHAMBERS.join(", ")}`);
export const stateInputSchema = spelled<string>(parseStateCode, stateCodeProblem);

/** The sliver threshold: a fraction from 0 to below 1, typed as text on the command line. */
export const minShareSchema = z.union([z.number(), z.string()]).transform((value, context) => {
  const share = typeof value === "number" ? value : value.trim() === "" ? Number.NaN : Number(value);
  if (!Number.isFinite(share) || share < 0 || share >= 1) {
    context.addIssue({ code: "custom", message: `{field} must be a number from 0 to below 1 (got "${value}")` });
    return z.NEVER;
  }
  return share;
});

const required = <T extends z.ZodType>(schema: T, problem: string) =>
  z.unknown().transform((value, context): z.output<T> => {
    if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
      context.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) context.addIssue({ code: "custom", message: issue.message });
      return z.NEVER;
    }
    return parsed.data;
  });

/** Kinds that can be tried first: report what would change, write nothing. */
export const DRY_RUN_KINDS: readonly ImportKind[] = ["legislators", "committees", "cosponsors", "resolutions", "members", "hubs", "ballot-results", "endorsers", "population"];
const noDryRun = z
  .boolean()
  .optional()
  .refine((dryRun) => dryRun !== true, { error: `{field} works with ${DRY_RUN_KINDS.join(", ")}` });
const dryRun = z.boolean().optional().default(false);

const overlapChoices = {
  /** Recompute body × district overlaps after the import (default yes). */
  overlaps: z.boolean().optional().default(true),
  minShare: minShareSchema.optional(),
};

const boundaryFields = {
  state: stateInputSchema.optional(),
  nameField: optionalText(200),
  idField: optionalText(200),
  dryRun: noDryRun,
  ...overlapChoices,
};

export const bodiesImportSchema = z.object({
  as: z.literal("bodies"),
  kind: bodyKindInputSchema.optional().default("city_council"),
  /** A field naming each feature's kind (a file mixing cities and towns: `TYPE` = C or T); wins over `kind`. */
  kindField: optionalText(200),
  /** The body these belong to (ward committees in a city): an id, or a name (narrowed by `state`). */
  parent: optionalText(200),
  populationField: optionalText(200),
  /** Who published the boundaries, credited on press maps; the doors default it to the file's name. */
  source: z
    .string()
    .transform((text) => text.replace(/\s+/g, " ").trim())
    .pipe(
      z
        .string()
        .min(1, { error: '{field} must be 1 to 200 characters, e.g. "RIGIS municipal boundaries"' })
        .max(200, { error: '{field} must be 1 to 200 characters, e.g. "RIGIS municipal boundaries"' }),
    )
    .optional(),
  ...boundaryFields,
});

/** A plan's label (`--vintage 2022`). */
const vintageSchema = z
  .string()
  .trim()
  .regex(/^[\w.-]{1,20}$/, { error: (issue) => `{field} "${String(issue.input)}" should be a short label such as 2022` });

export const districtsImportSchema = z.object({
  as: z.literal("districts"),
  chamber: required(chamberInputSchema, `{field} is required for districts: ${CHAMBERS.join(", ")}`),
  vintage: vintageSchema.optional(),
  ...boundaryFields,
});

export const legislatorsImportSchema = z.object({
  as: z.literal("legislators"),
  /** The state to import; left out, every state the roster's seats name (the federal folder). */
  state: stateInputSchema.optional(),
  dryRun,
});

export const committeesImportSchema = z.object({
  as: z.literal("committees"),
  state: required(stateInputSchema, "{field} is required for committees, e.g. RI"),
  dryRun,
});

export const cosponsorsImportSchema = z.object({
  as: z.literal("cosponsors"),
  campaign: optionalText(120),
  /** The campaign's bill by name ("H.1239"); omitted: the campaign's first bill. */
  bill: optionalText(60),
  /** Only match legislators of this state (optional: the bill's jurisdiction decides the chambers). */
  state: stateInputSchema.optional(),
  dryRun,
});

export const spreadsheetImportSchema = z.object({
  as: z.enum(["resolutions", "members"]),
  /** The campaign's name, slug or id; a new name creates it. */
  campaign: optionalText(120),
  dryRun,
});

export const hubsImportSchema = z.object({
  as: z.literal("hubs"),
  state: stateInputSchema.optional(),
  dryRun,
});

/** A campaign's endorsers (organisations and key people) from a CSV; re-import updates them by name, town and state. */
export const endorsersImportSchema = z.object({
  as: z.literal("endorsers"),
  campaign: required(z.string().trim().max(120, { error: "{field} is longer than 120 characters" }), "{field} is required for endorsers: the campaign they endorse"),
  dryRun,
});

/** An election year, typed as text on the command line. */
const yearSchema = z.union([z.number(), z.string()]).transform((value, context) => {
  const year = typeof value === "number" ? value : /^\s*\d{4}\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(year) || year < 1900 || year > 2200) {
    context.addIssue({ code: "custom", message: `{field} must be a year such as 2018 (got "${value}")` });
    return z.NEVER;
  }
  return year;
});

/** An election day as YYYY-MM-DD. */
const electionDateSchema = z.string().transform((text, context) => {
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!match || !date || date.toISOString().slice(0, 10) !== text.trim()) {
    context.addIssue({ code: "custom", message: `{field} must be a date as YYYY-MM-DD, e.g. 2018-11-06 (got "${text}")` });
    return z.NEVER;
  }
  return text.trim();
});

/** A choice left blank on a form counts as left out. */
const blankIsMissing = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());

/** Results of a ballot question by town, precinct or district; a second import of the question replaces them. */
export const ballotResultsImportSchema = z
  .object({
    as: z.literal("ballot-results"),
    campaign: optionalText(120),
    question: required(z.string().trim().max(120, { error: "{field} is longer than 120 characters" }), '{field} is required for ballot-results, e.g. "2018 Q5"'),
    text: optionalText(5000),
    year: blankIsMissing(yearSchema),
    date: blankIsMissing(electionDateSchema),
    district: optionalText(120),
    chamber: blankIsMissing(chamberInputSchema),
    vintage: blankIsMissing(vintageSchema),
    state: blankIsMissing(stateInputSchema),
    strict: z.boolean().optional().default(false),
    dryRun,
  })
  .superRefine((request, context) => {
    if (request.district && !request.chamber) context.addIssue({ code: "custom", path: ["chamber"], message: `{field} is required with {field:district}: ${CHAMBERS.join(", ")}` });
    if (request.vintage && !request.district) context.addIssue({ code: "custom", path: ["vintage"], message: "{field} names the plan of {field:district}; give the district too" });
    if (request.year !== undefined && request.date && Number(request.date.slice(0, 4)) !== request.year) {
      context.addIssue({ code: "custom", path: ["date"], message: `{field} ${request.date} is not in {field:year} ${request.year}` });
    }
  });

/** A population layer (Census blocks with POP20, precincts…): the numeric field to count, and the state to place it in. */
export const populationImportSchema = z.object({
  as: z.literal("population"),
  countField: required(z.string().trim().min(1).max(200), "{field} is required for population: the numeric field holding the count, e.g. POP20"),
  // area: a polygon's count is shared out by the area of it in each body and district;
  // point: it goes whole to the Census internal point (INTPTLAT/INTPTLON) or a point inside.
  place: z
    .enum(["area", "point"], { error: '{field} is "area" (share each polygon\'s count by area, the default) or "point" (the whole count at its internal point)' })
    .default("area"),
  state: stateInputSchema.optional(),
  dryRun,
});

export const importRequestSchema = z.discriminatedUnion("as", [
  bodiesImportSchema,
  districtsImportSchema,
  legislatorsImportSchema,
  committeesImportSchema,
  cosponsorsImportSchema,
  spreadsheetImportSchema,
  hubsImportSchema,
  ballotResultsImportSchema,
  endorsersImportSchema,
  populationImportSchema,
]);
export type ImportRequest = z.output<typeof importRequestSchema>;
/** What a door hands over before parsing (the web form's choices, as typed). */
export type ImportRequestInput = z.input<typeof importRequestSchema>;
export type BodiesImportRequest = z.output<typeof bodiesImportSchema>;
export type DistrictsImportRequest = z.output<typeof districtsImportSchema>;
export type BoundaryImportRequest = BodiesImportRequest | DistrictsImportRequest;
export type LegislatorsImportRequest = z.output<typeof legislatorsImportSchema>;
export type CommitteesImportRequest = z.output<typeof committeesImportSchema>;
export type CosponsorsImportRequest = z.output<typeof cosponsorsImportSchema>;
export type SpreadsheetImportRequest = z.output<typeof spreadsheetImportSchema>;
export type HubsImportRequest = z.output<typeof hubsImportSchema>;
export type BallotResultsImportRequest = z.output<typeof ballotResultsImportSchema>;
export type EndorsersImportRequest = z.output<typeof endorsersImportSchema>;
export type PopulationImportRequest = z.output<typeof populationImportSchema>;

/** A refused request: the field, and the problem with `{field}` where its name goes. */
export interface ImportRequestProblem {
  field: ImportField;
  template: string;
}

/** A problem in words, with its field (and any other field it mentions as `{field:name}`) named by `nameOf`. */
export function phraseImportProblem(problem: { field: string; template: string }, nameOf: (field: string) => string): string {
  return problem.template.replace(/\{field(?::(\w+))?\}/g, (_match, other: string | undefined) => nameOf(other ?? problem.field));
}

/** How the web names a field: its Import screen label. */
export const importFieldLabel = (field: string) => IMPORT_FIELD_LABELS[field as ImportField] ?? field;

/**
 * Parse what a door collected (flags, a JSON body, form state) into an import request. `as` is
 * read first, so a wrong kind is named as such rather than as a mismatch of every other field.
 */
export function parseImportRequest(input: Record<string, unknown>): { ok: true; request: ImportRequest } | { ok: false; problem: ImportRequestProblem } {
  const as = importKindSchema.safeParse(input.as ?? "");
  if (!as.success) return { ok: false, problem: { field: "as", template: as.error.issues[0]!.message } };
  const parsed = importRequestSchema.safeParse({ ...input, as: as.data });
  if (parsed.success) return { ok: true, request: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = (IMPORT_FIELDS as readonly unknown[]).includes(issue.path[0]) ? (issue.path[0] as ImportField) : "as";
  // Zod's own wording ("Invalid input: expected string") still names the field.
  return { ok: false, problem: { field, template: issue.message.includes("{field}") ? issue.message : `{field}: ${issue.message}` } };
}
