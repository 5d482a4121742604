import { z } from "zod";
import { bodyIdSchema } from "../../../shared/model/body";
import { campaignIdSchema } from "../../../shared/model/campaign";
import { isoDateSchema } from "../../../shared/model/fields";
import { upcomingDateSchema } from "../../../shared/model/public-output";
import { changeStageInputSchema, stagesPayloadSchema, undoStageInputSchema, updateResolutionInputSchema } from "../../../shared/model/resolution";
import type { Db } from "../../db/connect";
import { snapshotRow } from "../../db/repositories/audit-repository";
import { getResolutionDetails, undoStage, updateResolution } from "../../domain/resolution-details";
import { changeStage, listStages } from "../../domain/resolutions";
import { isoDay, upcomingDates } from "../../domain/tasks";
import type { ChangeInput } from "../../domain/changes";
import { write, type AuditSpec } from "../../domain/write";
import { bodyEditorProcedure, inHubArea, memberProcedure, publicProcedure, router } from "../trpc";

interface ResolutionState {
  campaignId: number;
  bodyId: number;
  version: number;
  stage?: string;
}

/** What a resolution write announces: the body whose resolution changed, its new version and stage. */
const resolutionChanged = (state: ResolutionState): ChangeInput => ({
  campaignId: state.campaignId,
  kind: "resolution",
  ids: [state.bodyId],
  version: state.version,
  ...(state.stage === undefined ? {} : { stage: state.stage }),
});

/** The resolution row before and after, keyed by campaign and body. */
const resolutionAudit = (key: { campaignId: number; bodyId: number }, summary: (state: ResolutionState) => string): AuditSpec<ResolutionState> => ({
  subjectKind: "resolution",
  load: (trx) => snapshotRow(trx, "resolution", { campaignId: key.campaignId, bodyId: key.bodyId }),
  describe: (state) => ({ subjectId: state.bodyId, campaignId: state.campaignId, summary: summary(state) }),
});

const inputBody = inHubArea((_db: Db, input: { bodyId: number }) => input.bodyId);

export const resolutionRouter = router({
  /** Compact stage of every body with a resolution: what the map polls (geometry never changes here). */
  stages: publicProcedure
    .input(z.object({ campaignId: campaignIdSchema }))
    .output(stagesPayloadSchema)
    .query(({ ctx, input }) => listStages(ctx.db, input.campaignId)),

  changeStage: bodyEditorProcedure
    .input(changeStageInputSchema)
    .use(inputBody)
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => changeStage(trx, input, ctx.actor),
        resolutionChanged,
        resolutionAudit(input, () => `Stage changed to ${input.toStage}`),
      ),
    ),

  /** Vote, hearing, tally, links, hub and the private note of one resolution. */
  get: memberProcedure.input(z.object({ campaignId: campaignIdSchema, bodyId: bodyIdSchema })).query(({ ctx, input }) => getResolutionDetails(ctx.db, input)),

  /** Save details with optimistic concurrency; a tally may move the stage to passed or failed. */
  update: bodyEditorProcedure
    .input(updateResolutionInputSchema)
    .use(inputBody)
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => updateResolution(trx, input, ctx.actor),
        resolutionChanged,
        resolutionAudit(input, () => "Resolution details saved"),
      ),
    ),

  /** Undo the last stage change with a new event back to the previous stage. */
  undoStage: bodyEditorProcedure
    .input(undoStageInputSchema)
    .use(inputBody)
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => undoStage(trx, input, ctx.actor),
        resolutionChanged,
        resolutionAudit(input, () => "Last stage change undone"),
      ),
    ),

  /** Scheduled votes and hearings in the next `days` days (public facts: no notes). */
  upcoming: publicProcedure
    .input(z.object({ campaignId: campaignIdSchema, today: isoDateSchema.optional(), days: z.number().int().min(1).max(366).default(30) }))
    .output(z.array(upcomingDateSchema))
    .query(({ ctx, input }) => upcomingDates(ctx.db, { campaignId: input.campaignId, today: input.today ?? isoDay(new Date()), days: input.days })),
});
