import { bodyRouter } from "./routers/body";
import { campaignRouter } from "./routers/campaign";
import { resolutionRouter } from "./routers/resolution";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  campaign: campaignRouter,
  body: bodyRouter,
  resolution: resolutionRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
