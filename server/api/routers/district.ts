import { z } from "zod";
import { campaignIdSchema } from "../../../shared/model/campaign";
import { districtIdSchema, districtSummarySchema } from "../../../shared/model/district";
import { districtDetailSchema, districtShapesSchema, planComparisonSchema } from "../../../shared/model/public-output";
import { getDistrict, getDistrictShapes, listDistricts } from "../../domain/districts";
import { getPlanComparison } from "../../domain/plan-comparison";
import { publicProcedure, router } from "../trpc";

export const districtRouter = router({
  /** Current districts of every chamber. */
  list: publicProcedure.output(z.array(districtSummarySchema)).query(({ ctx }) => listDistricts(ctx.db)),

  /** One district with the bodies it overlaps, their stages and the share already passed. */
  get: publicProcedure
    .input(z.object({ campaignId: campaignIdSchema, districtId: districtIdSchema }))
    .output(districtDetailSchema)
    .query(({ ctx, input }) => getDistrict(ctx.db, input)),

  /** The district under the other plan of its chamber (redistricting): coverage under each, passed bodies moving in or out; null with one plan. */
  planComparison: publicProcedure
    .input(z.object({ campaignId: campaignIdSchema, districtId: districtIdSchema }))
    .output(planComparisonSchema)
    .query(({ ctx, input }) => getPlanComparison(ctx.db, input)),

  /** Outlines of the district and its bodies for the district page's map. */
  shapes: publicProcedure
    .input(z.object({ districtId: districtIdSchema }))
    .output(districtShapesSchema)
    .query(({ ctx, input }) => getDistrictShapes(ctx.db, input.districtId)),
});
