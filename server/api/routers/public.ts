import { z } from "zod";
import { bodyIdSchema } from "../../../shared/model/body";
import {
  publicBodyDetailSchema,
  publicBodyHitSchema,
  publicCampaignSchema,
  publicHubSchema,
  publicLegislatorsHereSchema,
  publicMapSchema,
} from "../../../shared/model/public-output";
import { asOfDateSchema, campaignKeySchema } from "../../../shared/model/public-view";
import { findPublicCampaign, getPublicBody, listCampaignPublicEndorsers, getPublicMap, listPublicCampaigns, listPublicHubs, searchPublicBodies } from "../../domain/public-view";
import { findPublicLegislatorsHere } from "../../domain/legislators-here";
import { publicProcedure, router } from "../trpc";
import { ballotMapSchema, ballotQuestionIdSchema, ballotQuestionSummarySchema, districtBallotResultSchema } from "../../../shared/model/ballot-question";
import { districtIdSchema } from "../../../shared/model/district";
import { publicEndorserSchema } from "../../../shared/model/endorser";
import { getBallotMap, listBallotQuestions, listDistrictBallotResults } from "../../domain/ballot-questions";

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

  /** "Contact your legislator": from a town name or a point, who represents it, their public contacts and step per bill, and what to say. */
  legislatorsHere: publicProcedure
    .input(
      z.object({
        campaign: campaignKeySchema,
        point: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).optional(),
        query: z.string().trim().max(100).optional(),
      }),
    )
    .output(publicLegislatorsHereSchema)
    .query(({ ctx, input }) => findPublicLegislatorsHere(ctx.db, input)),

  /** Endorsers who agreed to be listed: name, category, town, point, website, public contact; their step only when it is public. */
  endorsers: publicProcedure
    .input(z.object({ campaign: campaignKeySchema }))
    .output(z.array(publicEndorserSchema))
    .query(({ ctx, input }) => listCampaignPublicEndorsers(ctx.db, input.campaign)),

  /** The campaign's ballot questions with their district results (public facts from election statistics). */
  ballotQuestions: publicProcedure
    .input(z.object({ campaign: campaignKeySchema }))
    .output(z.array(ballotQuestionSummarySchema))
    .query(({ ctx, input }) => listBallotQuestions(ctx.db, input)),

  /** One ballot question for the map: results by town and the outline of where it ran. */
  ballotMap: publicProcedure
    .input(z.object({ campaign: campaignKeySchema, questionId: ballotQuestionIdSchema }))
    .output(ballotMapSchema)
    .query(({ ctx, input }) => getBallotMap(ctx.db, input)),

  /** Each ballot question's result in one district, with the brief's sentence. */
  ballotDistrict: publicProcedure
    .input(z.object({ campaign: campaignKeySchema, districtId: districtIdSchema }))
    .output(z.array(districtBallotResultSchema))
    .query(({ ctx, input }) => listDistrictBallotResults(ctx.db, input)),
});
