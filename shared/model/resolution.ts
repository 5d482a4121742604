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
  /** ISO 8601, UTC. */
  occurredAt: string;
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
