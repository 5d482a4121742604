import { z } from "zod";
import { bodyIdSchema, bodySummarySchema, neighborSchema } from "../../../shared/model/body";
import { campaignIdSchema } from "../../../shared/model/campaign";
import { getBody, listBodies } from "../../domain/bodies";
import { findNeighbors } from "../../domain/neighbors";
import { memberProcedure, publicProcedure, router } from "../trpc";

export const bodyRouter = router({
  /** Every body with its stage in the campaign (no geometry: that is `/geo/bodies.geojson`). */
  list: publicProcedure
    .input(z.object({ campaignId: campaignIdSchema }))
    .output(z.array(bodySummarySchema))
    .query(({ ctx, input }) => listBodies(ctx.db, input.campaignId)),

  /** One body with its full stage history (history notes are member-only). */
  get: memberProcedure.input(z.object({ campaignId: campaignIdSchema, bodyId: bodyIdSchema })).query(({ ctx, input }) => getBody(ctx.db, input)),

  /** Bodies touching this one, or within `withinKm` of it, nearest first. */
  neighbors: publicProcedure
    .input(z.object({ bodyId: bodyIdSchema, withinKm: z.number().min(0).max(200).default(0), limit: z.number().int().min(1).max(200).default(50) }))
    .output(z.array(neighborSchema))
    .query(({ ctx, input }) => findNeighbors(ctx.db, input)),
});
