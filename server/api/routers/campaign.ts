import { z } from "zod";
import { campaignSchema, createCampaignInputSchema, updateCampaignInputSchema } from "../../../shared/model/campaign";
import { createCampaign, listCampaigns, updateCampaign } from "../../domain/campaigns";
import { snapshotRow } from "../../db/repositories/audit-repository";
import { write } from "../../domain/write";
import { adminProcedure, publicProcedure, router } from "../trpc";

export const campaignRouter = router({
  list: publicProcedure.output(z.array(campaignSchema)).query(({ ctx }) => listCampaigns(ctx.db)),

  /** A new campaign with the default stages (the first run offers it in the app). */
  create: adminProcedure
    .input(createCampaignInputSchema)
    .output(campaignSchema)
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => createCampaign(trx, { name: input.name, bill: input.bill ?? null }),
        (campaign) => ({ campaignId: campaign.id, kind: "campaign", ids: [campaign.id] }),
        {
          subjectKind: "campaign",
          describe: (campaign) => ({ subjectId: campaign.id, campaignId: campaign.id, summary: `Campaign ${campaign.name} created` }),
        },
      ),
    ),

  /** Name, bill, model text (Markdown) and the stage scheme (rename, recolour, reorder, add). */
  update: adminProcedure.input(updateCampaignInputSchema).mutation(({ ctx, input }) =>
    write(
      ctx,
      (trx) => updateCampaign(trx, input),
      (campaign) => ({ campaignId: campaign.id, kind: "campaign", ids: [campaign.id] }),
      {
        subjectKind: "campaign",
        load: (trx) => snapshotRow(trx, "campaign", { id: input.campaignId }),
        describe: (campaign) => ({ subjectId: campaign.id, campaignId: campaign.id, summary: `Campaign settings of ${campaign.name} saved` }),
      },
    ),
  ),
});
