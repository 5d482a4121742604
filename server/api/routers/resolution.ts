import { changeStageInputSchema } from "../../../shared/model/resolution";
import { changeStage } from "../../domain/resolutions";
import { organizerProcedure, router } from "../trpc";

export const resolutionRouter = router({
  changeStage: organizerProcedure
    .input(changeStageInputSchema)
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => changeStage(trx, input, ctx.actor))),
});
