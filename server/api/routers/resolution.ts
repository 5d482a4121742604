import { z } from "zod";
import { campaignIdSchema } from "../../../shared/model/campaign";
import { changeStageInputSchema } from "../../../shared/model/resolution";
import { changeStage, listStages } from "../../domain/resolutions";
import { organizerProcedure, publicProcedure, router } from "../trpc";

export const resolutionRouter = router({
  /** Compact stage of every body with a resolution: what the map polls (geometry never changes here). */
  stages: publicProcedure
    .input(z.object({ campaignId: campaignIdSchema }))
    .query(({ ctx, input }) => listStages(ctx.db, input.campaignId)),

  changeStage: organizerProcedure
    .input(changeStageInputSchema)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => changeStage(trx, input, ctx.actor))),
});
