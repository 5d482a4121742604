import { z } from "zod";
import { MAX_ROW_ID, rowIdSchema } from "../ids/row-id";
import { bodyIdSchema } from "./body";
import { campaignIdSchema } from "./campaign";
import { clockTimeSchema, isoDateSchema, optionalLine, optionalText, webUrlSchema } from "./fields";
import { stageIdSchema } from "./stage";

export const changeStageInputSchema = z.object({
  campaignId: campaignIdSchema,
  bodyId: bodyIdSchema,
  toStage: stageIdSchema,
  /** The resolution version the user saw; 0 when the body had no resolution yet. */
  expectedVersion: z.number().int().min(0).max(MAX_ROW_ID),
  note: z.string().trim().max(2000).optional(),
  /** The day the change happened (`YYYY-MM-DD`); today when absent. Not in the future, not before the previous change. */
  happenedOn: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
    .optional(),
});
export type ChangeStageInput = z.infer<typeof changeStageInputSchema>;

/** resolution.stages' output: `[bodyId, stage, version]` for every body with a resolution. */
export const stagesPayloadSchema = z.object({
  initialStage: stageIdSchema,
  stages: z.array(z.tuple([bodyIdSchema, z.string(), z.number().int().min(0)])),
});
export type StagesPayload = z.infer<typeof stagesPayloadSchema>;

export interface StageEvent {
  id: number;
  fromStage: string | null;
  toStage: string;
  actor: string;
  note: string | null;
  /** When it was recorded: ISO 8601, UTC. */
  occurredAt: string;
  /** The day it happened, `YYYY-MM-DD` (may be before the day it was recorded). */
  happenedOn: string;
}

export interface ResolutionState {
  campaignId: number;
  bodyId: number;
  stage: string;
  version: number;
}

/** A recorded vote. Present members are yes + no + abstain. */
export const tallySchema = z.object({
  yes: z.number().int().min(0).max(10_000),
  no: z.number().int().min(0).max(10_000),
  abstain: z.number().int().min(0).max(10_000),
  absent: z.number().int().min(0).max(10_000),
});

/**
 * Every detail column of a resolution besides its keys and stage, declared once, in the campaign
 * spreadsheet's order. The repositories' select list, the empty row a new resolution starts from,
 * the fields an edit compares and the spreadsheet's columns are all derived from it, so a new
 * column is added here (and in a migration, `schema.ts` and the zod schema below, which the
 * compiler then asks for).
 */
export const RESOLUTION_DETAIL_FIELDS = [
  "introducedOn",
  "hearingDate",
  "hearingTime",
  "hearingLocation",
  "voteDate",
  "voteTime",
  "voteLocation",
  "voteCancelled",
  "tallyYes",
  "tallyNo",
  "tallyAbstain",
  "tallyAbsent",
  "agendaUrl",
  "minutesUrl",
  "adoptedTextUrl",
  "hubId",
  "note",
] as const;
export type ResolutionDetailField = (typeof RESOLUTION_DETAIL_FIELDS)[number];

/** Stored as a 0/1 flag, and as four counts: the fields that are not copied as they are. */
export const RESOLUTION_FLAG_FIELDS = ["voteCancelled"] as const satisfies readonly ResolutionDetailField[];
export const RESOLUTION_TALLY_FIELDS = ["tallyYes", "tallyNo", "tallyAbstain", "tallyAbsent"] as const satisfies readonly ResolutionDetailField[];
type CopiedField = Exclude<ResolutionDetailField, (typeof RESOLUTION_FLAG_FIELDS)[number] | (typeof RESOLUTION_TALLY_FIELDS)[number]>;
/** The detail fields an edit copies as they are (dates, times, places, links, hub, note). */
export const RESOLUTION_COPIED_FIELDS = RESOLUTION_DETAIL_FIELDS.filter(
  (field): field is CopiedField => !(RESOLUTION_FLAG_FIELDS as readonly string[]).includes(field) && !(RESOLUTION_TALLY_FIELDS as readonly string[]).includes(field),
);

type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}` ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}` : S;
/** A detail field's spreadsheet column: snake_case, and the hub by name (`hub`). */
export type ResolutionSheetColumn<F extends ResolutionDetailField = ResolutionDetailField> = F extends "hubId" ? "hub" : SnakeCase<F>;
export function resolutionSheetColumn<F extends ResolutionDetailField>(field: F): ResolutionSheetColumn<F> {
  return (field === "hubId" ? "hub" : field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)) as ResolutionSheetColumn<F>;
}

/**
 * The editable details of a resolution. In `updateDetails` every field is optional: only the
 * fields sent change, so a conflicting save can be re-applied on top of the newer values.
 * `note` is private (signed-in members only).
 */
export const resolutionDetailsSchema = z.object({
  introducedOn: isoDateSchema.nullable(),
  voteDate: isoDateSchema.nullable(),
  voteTime: clockTimeSchema.nullable(),
  voteLocation: optionalLine(200),
  voteCancelled: z.boolean(),
  hearingDate: isoDateSchema.nullable(),
  hearingTime: clockTimeSchema.nullable(),
  hearingLocation: optionalLine(200),
  tally: tallySchema.nullable(),
  agendaUrl: webUrlSchema.nullable(),
  minutesUrl: webUrlSchema.nullable(),
  adoptedTextUrl: webUrlSchema.nullable(),
  hubId: rowIdSchema.nullable(),
  note: optionalText(5000),
});
export type ResolutionDetailsInput = z.input<typeof resolutionDetailsSchema>;

export const updateResolutionInputSchema = z.object({
  campaignId: campaignIdSchema,
  bodyId: bodyIdSchema,
  /** The resolution version the user saw; 0 when the body had no resolution yet. */
  expectedVersion: z.number().int().min(0).max(MAX_ROW_ID),
  changes: resolutionDetailsSchema.partial(),
});
export type UpdateResolutionInput = z.input<typeof updateResolutionInputSchema>;

export const undoStageInputSchema = z.object({
  campaignId: campaignIdSchema,
  bodyId: bodyIdSchema,
  expectedVersion: z.number().int().min(1).max(MAX_ROW_ID),
  note: z.string().trim().max(2000).optional(),
});
export type UndoStageInput = z.infer<typeof undoStageInputSchema>;

/** Everything about one resolution that a signed-in member may see (includes the private note). */
export interface ResolutionDetails {
  campaignId: number;
  bodyId: number;
  stage: string;
  version: number;
  introducedOn: string | null;
  voteDate: string | null;
  voteTime: string | null;
  voteLocation: string | null;
  voteCancelled: boolean;
  hearingDate: string | null;
  hearingTime: string | null;
  hearingLocation: string | null;
  tally: z.infer<typeof tallySchema> | null;
  agendaUrl: string | null;
  minutesUrl: string | null;
  adoptedTextUrl: string | null;
  hubId: number | null;
  note: string | null;
  updatedAt: string | null;
}

/** What `updateDetails` did besides saving: a stage change the tally caused, or why it caused none. */
export interface ResolutionUpdateResult extends ResolutionDetails {
  stageEvent: StageEvent | null;
  notice: string | null;
}
