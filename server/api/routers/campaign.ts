import { listCampaigns } from "../../domain/campaigns";
import { publicProcedure, router } from "../trpc";

export const campaignRouter = router({
  list: publicProcedure.query(({ ctx }) => listCampaigns(ctx.db)),
});
