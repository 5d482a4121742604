import { z } from "zod";
import { campaignIdSchema } from "../../../shared/model/campaign";
import { chamberSchema } from "../../../shared/model/district";
import { hubIdSchema, hubInputSchema, hubUpdateSchema } from "../../../shared/model/hub";
import { allySchema, hubCoverageSchema, hubFindingSchema } from "../../../shared/model/public-output";
import { createHub, findAllies, findMyHub, getHub, getHubCoverage, listHubs, updateHub } from "../../domain/hubs";
import { memberProcedure, organizerProcedure, publicProcedure, router } from "../trpc";

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const hubRouter = router({
  /** Every hub with its districts, bodies and private contacts: signed-in members only. */
  list: memberProcedure.query(({ ctx }) => listHubs(ctx.db)),

  get: memberProcedure.input(z.object({ hubId: hubIdSchema })).query(({ ctx, input }) => getHub(ctx.db, input.hubId)),

  create: organizerProcedure.input(hubInputSchema).mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => createHub(trx, input, ctx.actor))),

  update: organizerProcedure.input(hubUpdateSchema).mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => updateHub(trx, input, ctx.actor))),

  /** The recruiting map: current districts with their hubs (public fields) and those without. */
  coverage: publicProcedure
    .input(z.object({ chamber: chamberSchema.optional() }).optional())
    .output(hubCoverageSchema)
    .query(({ ctx, input }) => getHubCoverage(ctx.db, input ?? {})),

  /** Find my hub: a point or a town name → the districts there and the hubs to join (public fields). */
  find: publicProcedure
    .input(z.object({ point: lonLat.optional(), query: z.string().trim().max(100).optional() }))
    .output(hubFindingSchema)
    .query(({ ctx, input }) => findMyHub(ctx.db, input)),

  /** Neighbouring allies: nearby bodies that passed, with sponsors and hubs (public fields). */
  allies: publicProcedure
    .input(
      z.object({
        campaignId: campaignIdSchema,
        bodyId: z.number().int().positive().optional(),
        districtId: z.number().int().positive().optional(),
        withinKm: z.number().min(0).max(200).default(5),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .output(z.array(allySchema))
    .query(({ ctx, input }) => findAllies(ctx.db, input)),
});
