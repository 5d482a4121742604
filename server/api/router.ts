import { bodyRouter } from "./routers/body";
import { campaignRouter } from "./routers/campaign";
import { districtRouter } from "./routers/district";
import { resolutionRouter } from "./routers/resolution";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  campaign: campaignRouter,
  body: bodyRouter,
  resolution: resolutionRouter,
  district: districtRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
