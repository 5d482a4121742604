import { z } from "zod";
import { canReadPrivate } from "../../../shared/model/account";
import { campaignIdSchema } from "../../../shared/model/campaign";
import { districtIdSchema } from "../../../shared/model/district";
import { setStepInputSchema, undoStepInputSchema } from "../../../shared/model/ladder";
import { legislatorIdSchema } from "../../../shared/model/legislator";
import { addLegislatorNextActionInputSchema, logMeetingInputSchema } from "../../../shared/model/meeting";
import { rowIdSchema } from "../../../shared/ids/row-id";
import { addLegislatorNextAction, completeLegislatorNextAction, legislatorOfNextAction, listLegislatorNextActions, listMeetings, logMeeting } from "../../domain/meetings";
import { legislatorSummarySchema } from "../../../shared/model/public-output";
import { legislatorPageSchema, targetListSchema } from "../../../shared/model/targets";
import { uspsCodeSchema } from "../../../shared/ids/usps";
import { getLegislatorPage, listTargets } from "../../domain/targets";
import { getBill } from "../../domain/bills";
import { listLegislators, listStepHistory, setStep, undoLastStep, type StepChange } from "../../domain/ladder";
import { snapshotRow } from "../../db/repositories/audit-repository";
import { write } from "../../domain/write";
import type { Db } from "../../db/connect";
import { bodyEditorProcedure, forHubLegislator, memberProcedure, publicProcedure, router } from "../trpc";

/** The audit log's view of one legislator's step on one bill (the default bill when none is named). */
const stepSnapshot = async (db: Db, input: { campaignId: number; billId?: number | undefined; legislatorId: number }) =>
  snapshotRow(db, "legislatorStep", { billId: (await getBill(db, input.campaignId, input.billId)).id, legislatorId: input.legislatorId });

const describeStep = (campaignId: number) => (result: StepChange) => ({
  subjectId: result.legislatorId,
  campaignId,
  summary: `Ladder step on bill ${result.billId} set to ${result.step}`,
});

export const legislatorRouter = router({
  /** One legislator's page: public contacts, seats with coverage, committees, step per bill. */
  page: publicProcedure
    .input(z.object({ campaignId: campaignIdSchema, legislatorId: legislatorIdSchema }))
    .output(legislatorPageSchema)
    .query(({ ctx, input }) => getLegislatorPage(ctx.db, input)),

  /** The targets view: every sitting legislator (of one state, optionally) with steps, coverage and committees. */
  targets: publicProcedure
    .input(z.object({ campaignId: campaignIdSchema, state: uspsCodeSchema.optional() }))
    .output(targetListSchema)
    .query(({ ctx, input }) => listTargets(ctx.db, { ...input, withContacts: canReadPrivate(ctx.actor.role) })),

  /** Sitting legislators with their step on each of the campaign's bills (public fields only). */
  list: publicProcedure
    .input(z.object({ campaignId: campaignIdSchema, districtId: districtIdSchema.optional() }))
    .output(z.array(legislatorSummarySchema))
    .query(({ ctx, input }) => listLegislators(ctx.db, input)),

  /** A legislator's ladder history on every bill, with who, the source and the private notes: members only. */
  stepHistory: memberProcedure.input(z.object({ campaignId: campaignIdSchema, legislatorId: legislatorIdSchema })).query(({ ctx, input }) => listStepHistory(ctx.db, input)),

  /** Move a legislator on the ladder for one bill (one event: source, link, private note): organizers, and hub members for their hub's legislators. */
  setStep: bodyEditorProcedure
    .input(setStepInputSchema)
    .use(forHubLegislator((_db, input: { legislatorId: number }) => input.legislatorId))
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => setStep(trx, input, ctx.actor),
        () => ({ campaignId: input.campaignId, kind: "legislator", ids: [input.legislatorId] }),
        {
          subjectKind: "legislatorStep",
          load: (trx) => stepSnapshot(trx, input),
          describe: describeStep(input.campaignId),
        },
      ),
    ),

  /** Undo the last step change on a bill: an event back to where it came from. */
  undoStep: bodyEditorProcedure
    .input(undoStepInputSchema)
    .use(forHubLegislator((_db, input: { legislatorId: number }) => input.legislatorId))
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => undoLastStep(trx, input, ctx.actor),
        () => ({ campaignId: input.campaignId, kind: "legislator", ids: [input.legislatorId] }),
        {
          subjectKind: "legislatorStep",
          load: (trx) => stepSnapshot(trx, input),
          describe: describeStep(input.campaignId),
        },
      ),
    ),

  /** A legislator's meetings (hubs, constituents, place, ask, answer, outcome, follow-ups, private notes): members only. */
  meetings: memberProcedure.input(z.object({ campaignId: campaignIdSchema, legislatorId: legislatorIdSchema })).query(({ ctx, input }) => listMeetings(ctx.db, input)),

  /** Log a meeting: its outcome step moves the ladder, its follow-ups become next actions. */
  logMeeting: bodyEditorProcedure
    .input(logMeetingInputSchema)
    .use(forHubLegislator((_db, input: { legislatorId: number }) => input.legislatorId))
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => logMeeting(trx, input, ctx.actor),
        () => ({ campaignId: input.campaignId, kind: "legislator", ids: [input.legislatorId] }),
        {
          subjectKind: "meeting",
          describe: (meeting) => ({
            subjectId: input.legislatorId,
            campaignId: input.campaignId,
            summary: `Meeting of ${meeting.metOn} logged`,
            after: { meetingId: meeting.id, outcomeStep: meeting.outcomeStep },
          }),
        },
      ),
    ),

  /** Next actions attached to a legislator (private): members only. */
  nextActions: memberProcedure
    .input(z.object({ campaignId: campaignIdSchema, legislatorId: legislatorIdSchema }))
    .query(({ ctx, input }) => listLegislatorNextActions(ctx.db, input)),

  addNextAction: bodyEditorProcedure
    .input(addLegislatorNextActionInputSchema)
    .use(forHubLegislator((_db, input: { legislatorId: number }) => input.legislatorId))
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => addLegislatorNextAction(trx, input, ctx.actor),
        () => ({ campaignId: input.campaignId, kind: "legislator", ids: [input.legislatorId] }),
        {
          subjectKind: "meeting",
          describe: (task) => ({ subjectId: input.legislatorId, campaignId: input.campaignId, summary: `Next action added: ${task.title}`, after: { id: task.id } }),
        },
      ),
    ),

  /** Mark a legislator's next action done, or open it again. */
  completeNextAction: bodyEditorProcedure
    .input(z.object({ campaignId: campaignIdSchema, nextActionId: rowIdSchema, done: z.boolean().default(true) }))
    .use(forHubLegislator((db, input: { nextActionId: number }) => legislatorOfNextAction(db, input.nextActionId)))
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => completeLegislatorNextAction(trx, input),
        (task) => ({ campaignId: input.campaignId, kind: "legislator", ids: [task.legislatorId] }),
        {
          subjectKind: "meeting",
          describe: (task) => ({ subjectId: task.legislatorId, campaignId: input.campaignId, summary: `Next action ${task.doneAt ? "done" : "reopened"}: ${task.title}` }),
        },
      ),
    ),
});
