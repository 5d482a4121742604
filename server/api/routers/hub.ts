import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { rowIdSchema } from "../../../shared/ids/row-id";
import { campaignIdSchema } from "../../../shared/model/campaign";
import { chamberSchema } from "../../../shared/model/district";
import { hubIdSchema, hubInputSchema, hubUpdateSchema } from "../../../shared/model/hub";
import { allySchema, hubCoverageSchema, hubFindingSchema, recruitingGapsSchema } from "../../../shared/model/public-output";
import { createHub, findAllies, findMyHub, getHub, getHubCoverage, getRecruitingGaps, listHubs, updateHub } from "../../domain/hubs";
import { listHubDistrictShares } from "../../domain/permissions";
import { write } from "../../domain/write";
import { bodyEditorProcedure, memberProcedure, organizerProcedure, publicProcedure, middleware, router } from "../trpc";

/** A hub member may edit only their own hub, and not the area it covers (organizers draw areas). */
const ownHub = middleware(({ ctx, input, next }) => {
  if (ctx.actor.role === "hub") {
    const update = input as { hubId: number; districtIds?: unknown; bodyIds?: unknown };
    if (update.hubId !== ctx.actor.hubId) throw new TRPCError({ code: "FORBIDDEN", message: "You can edit only your own hub" });
    if (update.districtIds !== undefined || update.bodyIds !== undefined) throw new TRPCError({ code: "FORBIDDEN", message: "Only organizers change the area a hub covers" });
  }
  return next();
});

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const hubRouter = router({
  /** Every hub with its districts, bodies and private contacts: signed-in members only. */
  list: memberProcedure.query(({ ctx }) => listHubs(ctx.db)),

  get: memberProcedure.input(z.object({ hubId: hubIdSchema })).query(({ ctx, input }) => getHub(ctx.db, input.hubId)),

  /** For a hub member: the current districts their hub covers by geography, with the share (empty for other roles). */
  area: memberProcedure.query(({ ctx }) => listHubDistrictShares(ctx.db, ctx.actor)),

  create: organizerProcedure.input(hubInputSchema).mutation(({ ctx, input }) =>
    write(
      ctx,
      (trx) => createHub(trx, input, ctx.actor),
      (hub) => ({ campaignId: null, kind: "hub", ids: [hub.id] }),
      {
        subjectKind: "hub",
        describe: (hub) => ({ subjectId: hub.id, summary: `Hub created: ${hub.name}` }),
      },
    ),
  ),

  /** Organizers edit any hub; a hub member edits their own hub's contacts and onboarding text. */
  update: bodyEditorProcedure
    .input(hubUpdateSchema)
    .use(ownHub)
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => updateHub(trx, input, ctx.actor),
        (hub) => ({ campaignId: null, kind: "hub", ids: [hub.id] }),
        {
          subjectKind: "hub",
          load: (trx) => getHub(trx, input.hubId).catch(() => undefined),
          describe: (hub) => ({ subjectId: hub.id, summary: `Hub edited: ${hub.name}` }),
        },
      ),
    ),

  /** The recruiting map: current districts with their hubs (public fields) and those without. */
  coverage: publicProcedure
    .input(z.object({ chamber: chamberSchema.optional() }).optional())
    .output(hubCoverageSchema)
    .query(({ ctx, input }) => getHubCoverage(ctx.db, input ?? {})),

  /** The recruiting gap list of a chamber: districts no hub covers whole, people not covered, towns to recruit in, the sitting legislator's step. */
  gaps: publicProcedure
    .input(z.object({ campaignId: campaignIdSchema, chamber: chamberSchema }))
    .output(recruitingGapsSchema)
    .query(({ ctx, input }) => getRecruitingGaps(ctx.db, input)),

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
        bodyId: rowIdSchema.optional(),
        districtId: rowIdSchema.optional(),
        withinKm: z.number().min(0).max(200).default(5),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .output(z.array(allySchema))
    .query(({ ctx, input }) => findAllies(ctx.db, input)),
});
