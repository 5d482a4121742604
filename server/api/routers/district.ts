import { z } from "zod";
import { campaignIdSchema } from "../../../shared/model/campaign";
import { getDistrict, listDistricts } from "../../domain/districts";
import { publicProcedure, router } from "../trpc";

export const districtRouter = router({
  /** Current districts of every chamber. */
  list: publicProcedure.query(({ ctx }) => listDistricts(ctx.db)),

  /** One district with the bodies it overlaps, their stages and the share already passed. */
  get: publicProcedure
    .input(z.object({ campaignId: campaignIdSchema, districtId: z.number().int().positive() }))
    .query(({ ctx, input }) => getDistrict(ctx.db, input)),
});
