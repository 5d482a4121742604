import { z } from "zod";
import { campaignIdSchema } from "../../../shared/model/campaign";
import { districtIdSchema } from "../../../shared/model/district";
import { legislatorIdSchema, setStanceInputSchema } from "../../../shared/model/legislator";
import { legislatorSummarySchema } from "../../../shared/model/public-output";
import { listLegislators, listStanceHistory, setStance } from "../../domain/stances";
import { snapshotRow } from "../../db/repositories/audit-repository";
import { write } from "../../domain/write";
import { memberProcedure, organizerProcedure, publicProcedure, router } from "../trpc";

export const legislatorRouter = router({
  /** Sitting legislators with their stance on the campaign's bill (public fields only). */
  list: publicProcedure
    .input(z.object({ campaignId: campaignIdSchema, districtId: districtIdSchema.optional() }))
    .output(z.array(legislatorSummarySchema))
    .query(({ ctx, input }) => listLegislators(ctx.db, input)),

  /** A legislator's stance history, with the private notes: members only. */
  stanceHistory: memberProcedure
    .input(z.object({ campaignId: campaignIdSchema, legislatorId: legislatorIdSchema }))
    .query(({ ctx, input }) => listStanceHistory(ctx.db, input)),

  /** Move a legislator on the stance ladder (one event; the note stays private). */
  setStance: organizerProcedure
    .input(setStanceInputSchema)
    .mutation(({ ctx, input }) =>
      write(ctx, (trx) => setStance(trx, input, ctx.actor), () => ({ campaignId: input.campaignId, kind: "legislator", ids: [input.legislatorId] }), {
        subjectKind: "legislatorStance",
        load: (trx) => snapshotRow(trx, "legislatorStance", { campaignId: input.campaignId, legislatorId: input.legislatorId }),
        describe: (result) => ({ subjectId: input.legislatorId, campaignId: input.campaignId, summary: `Stance set to ${result.stance}` }),
      }),
    ),
});
