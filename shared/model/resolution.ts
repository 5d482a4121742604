import { z } from "zod";
import { bodyIdSchema } from "./body";
import { campaignIdSchema } from "./campaign";
import { stageIdSchema } from "./stage";

export const changeStageInputSchema = z.object({
  campaignId: campaignIdSchema,
  bodyId: bodyIdSchema,
  toStage: stageIdSchema,
  /** The resolution version the user saw; 0 when the body had no resolution yet. */
  expectedVersion: z.number().int().min(0),
  note: z.string().trim().max(2000).optional(),
});
export type ChangeStageInput = z.infer<typeof changeStageInputSchema>;

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
