import { z } from "zod";
import { bodyIdSchema } from "../../../shared/model/body";
import {
  publicBodyDetailSchema,
  publicBodyHitSchema,
  publicCampaignSchema,
  publicHubSchema,
  publicMapSchema,
} from "../../../shared/model/public-output";
import { asOfDateSchema, campaignKeySchema } from "../../../shared/model/public-view";
import {
  findPublicCampaign,
  getPublicBody,
  getPublicMap,
  listPublicCampaigns,
  listPublicHubs,
  searchPublicBodies,
} from "../../domain/public-view";
import { publicProcedure, router } from "../trpc";

/**
 * What anyone may read, signed in or not: the public page, the embed and the print page call
 * only these. Every answer is built from shared/model/public-fields.ts. GET answers carry an
 * ETag (server/http/public-cache.ts).
 */
export const publicRouter = router({
  campaigns: publicProcedure.output(z.array(publicCampaignSchema)).query(({ ctx }) => listPublicCampaigns(ctx.db)),

  campaign: publicProcedure
    .input(z.object({ campaign: campaignKeySchema }))
    .output(publicCampaignSchema)
    .query(({ ctx, input }) => findPublicCampaign(ctx.db, input.campaign)),

  /** Stages of every body now, or at the end of `asOf`; with counts and the replay range. */
  map: publicProcedure
    .input(z.object({ campaign: campaignKeySchema, asOf: asOfDateSchema.nullish() }))
    .output(publicMapSchema)
    .query(({ ctx, input }) => getPublicMap(ctx.db, input)),

  body: publicProcedure
    .input(z.object({ campaign: campaignKeySchema, bodyId: bodyIdSchema, asOf: asOfDateSchema.nullish() }))
    .output(publicBodyDetailSchema)
    .query(({ ctx, input }) => getPublicBody(ctx.db, input)),

  search: publicProcedure
    .input(z.object({ query: z.string().trim().min(1).max(100), limit: z.number().int().min(1).max(50).default(20) }))
    .output(z.array(publicBodyHitSchema))
    .query(({ ctx, input }) => searchPublicBodies(ctx.db, input)),

  hubs: publicProcedure.output(z.array(publicHubSchema)).query(({ ctx }) => listPublicHubs(ctx.db)),
});
