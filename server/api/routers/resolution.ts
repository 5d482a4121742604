import { z } from "zod";
import { bodyIdSchema } from "../../../shared/model/body";
import { campaignIdSchema } from "../../../shared/model/campaign";
import { isoDateSchema } from "../../../shared/model/fields";
import { upcomingDateSchema } from "../../../shared/model/public-output";
import { changeStageInputSchema, stagesPayloadSchema, undoStageInputSchema, updateResolutionInputSchema } from "../../../shared/model/resolution";
import { getResolutionDetails, undoStage, updateResolution } from "../../domain/resolution-details";
import { changeStage, listStages } from "../../domain/resolutions";
import { isoDay, upcomingDates } from "../../domain/tasks";
import type { ChangeInput } from "../../domain/changes";
import { commitAndPublish } from "../commit";
import { memberProcedure, organizerProcedure, publicProcedure, router } from "../trpc";

/** What a resolution write announces: the body whose resolution changed, and its new version. */
const resolutionChanged = (state: { campaignId: number; bodyId: number; version: number }): ChangeInput => ({
  campaignId: state.campaignId,
  kind: "resolution",
  ids: [state.bodyId],
  version: state.version,
});

export const resolutionRouter = router({
  /** Compact stage of every body with a resolution: what the map polls (geometry never changes here). */
  stages: publicProcedure
    .input(z.object({ campaignId: campaignIdSchema }))
    .output(stagesPayloadSchema)
    .query(({ ctx, input }) => listStages(ctx.db, input.campaignId)),

  changeStage: organizerProcedure
    .input(changeStageInputSchema)
    .mutation(({ ctx, input }) => commitAndPublish(ctx, (trx) => changeStage(trx, input, ctx.actor), resolutionChanged)),

  /** Vote, hearing, tally, links, hub and the private note of one resolution. */
  get: memberProcedure
    .input(z.object({ campaignId: campaignIdSchema, bodyId: bodyIdSchema }))
    .query(({ ctx, input }) => getResolutionDetails(ctx.db, input)),

  /** Save details with optimistic concurrency; a tally may move the stage to passed or failed. */
  update: organizerProcedure
    .input(updateResolutionInputSchema)
    .mutation(({ ctx, input }) => commitAndPublish(ctx, (trx) => updateResolution(trx, input, ctx.actor), resolutionChanged)),

  /** Undo the last stage change with a new event back to the previous stage. */
  undoStage: organizerProcedure
    .input(undoStageInputSchema)
    .mutation(({ ctx, input }) => commitAndPublish(ctx, (trx) => undoStage(trx, input, ctx.actor), resolutionChanged)),

  /** Scheduled votes and hearings in the next `days` days (public facts: no notes). */
  upcoming: publicProcedure
    .input(z.object({ campaignId: campaignIdSchema, today: isoDateSchema.optional(), days: z.number().int().min(1).max(366).default(30) }))
    .output(z.array(upcomingDateSchema))
    .query(({ ctx, input }) => upcomingDates(ctx.db, { campaignId: input.campaignId, today: input.today ?? isoDay(new Date()), days: input.days })),
});
