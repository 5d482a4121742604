import { pipelineBoardInputSchema, pipelineListInputSchema } from "../../../shared/model/pipeline";
import { pipelineBoardSchema, pipelineFacetsSchema, pipelineListSchema } from "../../../shared/model/public-output";
import { listPipeline, pipelineBoard, pipelineFacets } from "../../domain/pipeline";
import { publicProcedure, router } from "../trpc";

/**
 * The pipeline page: public fields only (stages, dates, tallies, hubs), filtered in SQL. Its
 * "upcoming votes" list is `list` with a vote-date range and sorted by vote date.
 */
export const pipelineRouter = router({
  list: publicProcedure
    .input(pipelineListInputSchema)
    .output(pipelineListSchema)
    .query(({ ctx, input }) => listPipeline(ctx.db, input)),
  board: publicProcedure
    .input(pipelineBoardInputSchema)
    .output(pipelineBoardSchema)
    .query(({ ctx, input }) => pipelineBoard(ctx.db, input)),
  facets: publicProcedure.output(pipelineFacetsSchema).query(({ ctx }) => pipelineFacets(ctx.db)),
});
