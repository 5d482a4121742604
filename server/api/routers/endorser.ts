import { z } from "zod";
import { campaignIdSchema } from "../../../shared/model/campaign";
import { endorserIdSchema, setEndorserStepInputSchema, undoEndorserStepInputSchema } from "../../../shared/model/endorser";
import { snapshotRow } from "../../db/repositories/audit-repository";
import { getEndorser, listEndorserHistory, listEndorsers, setEndorserStep, undoEndorserStep, type EndorserStepChange } from "../../domain/endorsers";
import { write } from "../../domain/write";
import { bodyEditorProcedure, inHubArea, memberProcedure, router } from "../trpc";

/** A hub member moves only endorsers of towns in their hub's area; one without a town body is for organizers. */
const inEndorserTown = inHubArea(async (db, input: { endorserId: number }) => (await getEndorser(db, input.endorserId).catch(() => null))?.townBodyId ?? -1);

const describeStep = (result: EndorserStepChange) => ({ subjectId: result.endorserId, campaignId: result.campaignId, summary: `Endorser step set to ${result.step}` });

/** Endorsers with their private fields (address, private contact, notes, history): signed-in members. The public reads `public.endorsers`. */
export const endorserRouter = router({
  list: memberProcedure.input(z.object({ campaignId: campaignIdSchema })).query(({ ctx, input }) => listEndorsers(ctx.db, input)),

  /** Every step change with who, when, source, link and private note. */
  history: memberProcedure.input(z.object({ endorserId: endorserIdSchema })).query(({ ctx, input }) => listEndorserHistory(ctx.db, input)),

  setStep: bodyEditorProcedure
    .input(setEndorserStepInputSchema)
    .use(inEndorserTown)
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => setEndorserStep(trx, input, ctx.actor),
        (result) => ({ campaignId: result.campaignId, kind: "endorser", ids: [result.endorserId] }),
        {
          subjectKind: "endorser",
          load: (trx) => snapshotRow(trx, "endorser", { id: input.endorserId }),
          describe: describeStep,
        },
      ),
    ),

  /** Undo the last step change: an event back to where it came from. */
  undoStep: bodyEditorProcedure
    .input(undoEndorserStepInputSchema)
    .use(inEndorserTown)
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => undoEndorserStep(trx, input, ctx.actor),
        (result) => ({ campaignId: result.campaignId, kind: "endorser", ids: [result.endorserId] }),
        {
          subjectKind: "endorser",
          load: (trx) => snapshotRow(trx, "endorser", { id: input.endorserId }),
          describe: describeStep,
        },
      ),
    ),
});
