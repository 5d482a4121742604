import { z } from "zod";
import { campaignSchema, updateCampaignInputSchema } from "../../../shared/model/campaign";
import { listCampaigns, updateCampaign } from "../../domain/campaigns";
import { commitAndPublish } from "../commit";
import { organizerProcedure, publicProcedure, router } from "../trpc";

export const campaignRouter = router({
  list: publicProcedure.output(z.array(campaignSchema)).query(({ ctx }) => listCampaigns(ctx.db)),

  /** Name, bill, model text (Markdown) and the stage scheme (rename, recolour, reorder, add). */
  update: organizerProcedure
    .input(updateCampaignInputSchema)
    .mutation(({ ctx, input }) =>
      commitAndPublish(ctx, (trx) => updateCampaign(trx, input), (campaign) => ({ campaignId: campaign.id, kind: "campaign", ids: [campaign.id] })),
    ),
});
