import { auditRouter, authRouter, userRouter } from "./routers/auth";
import { bodyRouter } from "./routers/body";
import { campaignRouter } from "./routers/campaign";
import { changesRouter } from "./routers/changes";
import { districtRouter } from "./routers/district";
import { endorserRouter } from "./routers/endorser";
import { evidenceRouter } from "./routers/evidence";
import { memberRouter } from "./routers/member";
import { publicRouter } from "./routers/public";
import { hubRouter } from "./routers/hub";
import { billRouter } from "./routers/bill";
import { legislatorRouter } from "./routers/legislator";
import { lobbyDayRouter } from "./routers/lobby-day";
import { pipelineRouter } from "./routers/pipeline";
import { resolutionRouter } from "./routers/resolution";
import { taskRouter } from "./routers/task";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  user: userRouter,
  audit: auditRouter,
  campaign: campaignRouter,
  body: bodyRouter,
  resolution: resolutionRouter,
  district: districtRouter,
  changes: changesRouter,
  member: memberRouter,
  task: taskRouter,
  public: publicRouter,
  legislator: legislatorRouter,
  lobbyDay: lobbyDayRouter,
  bill: billRouter,
  pipeline: pipelineRouter,
  hub: hubRouter,
  endorser: endorserRouter,
  evidence: evidenceRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
