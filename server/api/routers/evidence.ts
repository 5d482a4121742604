import { z } from "zod";
import { bodyIdSchema } from "../../../shared/model/body";
import { campaignIdSchema } from "../../../shared/model/campaign";
import {
  addEvidenceLinkInputSchema,
  changeVerificationInputSchema,
  removeEvidenceInputSchema,
  setEvidencePublicInputSchema,
  VERIFICATION_LABELS,
} from "../../../shared/model/evidence";
import type { Db } from "../../db/connect";
import { snapshotRow } from "../../db/repositories/audit-repository";
import type { ChangeInput } from "../../domain/changes";
import { addEvidenceLink, changeVerification, getEvidenceDetails, removeEvidence, setEvidencePublic, type EvidenceWrite } from "../../domain/evidence";
import { write, type AuditSpec } from "../../domain/write";
import { bodyEditorProcedure, inHubArea, memberProcedure, organizerProcedure, router } from "../trpc";

/** Evidence and verification hang off a body's resolution: open panels and maps refetch it. */
export const evidenceChanged = (result: EvidenceWrite): ChangeInput => ({ campaignId: result.campaignId, kind: "resolution", ids: [result.bodyId] });

/** How an evidence write reads in the audit log: the evidence (never its bytes) and the resolution's state. */
export const evidenceAudit = (summary: (result: EvidenceWrite) => string): AuditSpec<EvidenceWrite> => ({
  subjectKind: "evidence",
  describe: (result) => ({ subjectId: result.bodyId, campaignId: result.campaignId, summary: summary(result) }),
});

/** The label of a piece of evidence for the log: its file name or link. */
const named = (result: EvidenceWrite) => result.evidence?.fileName ?? result.evidence?.url ?? "evidence";

const inputBody = inHubArea((_db: Db, input: { bodyId: number }) => input.bodyId);

export const evidenceRouter = router({
  /** A passed resolution's evidence, verification state and history (members: who added and verified). */
  get: memberProcedure.input(z.object({ campaignId: campaignIdSchema, bodyId: bodyIdSchema })).query(({ ctx, input }) => getEvidenceDetails(ctx.db, input)),

  /** Attach a link (http or https); files go through `POST /api/evidence`. The link is checked in the domain, so a bad one reads as one line. */
  addLink: bodyEditorProcedure
    .input(addEvidenceLinkInputSchema.extend({ url: z.string().trim().min(1).max(2000) }))
    .use(inputBody)
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => addEvidenceLink(trx, input, ctx.actor),
        evidenceChanged,
        evidenceAudit((result) => `Evidence linked: ${named(result)}`),
      ),
    ),

  /** Show a piece of evidence on the public page, or hide it (organizers). */
  setPublic: organizerProcedure.input(setEvidencePublicInputSchema).mutation(({ ctx, input }) =>
    write(ctx, (trx) => setEvidencePublic(trx, input), evidenceChanged, {
      ...evidenceAudit((result) => `Evidence ${named(result)} made ${input.isPublic ? "public" : "private"}`),
      load: (trx) => snapshotRow(trx, "evidence", { id: input.evidenceId }),
    }),
  ),

  /** Remove a piece of evidence from a pass not (yet) verified (organizers). */
  remove: organizerProcedure.input(removeEvidenceInputSchema).mutation(({ ctx, input }) =>
    write(
      ctx,
      (trx) => removeEvidence(trx, input, ctx.actor),
      evidenceChanged,
      evidenceAudit((result) => `Evidence removed: ${named(result)}`),
    ),
  ),

  /** Verify a pass, mark it transmitted to the legislators, or take the verification back (organizers). */
  changeVerification: organizerProcedure.input(changeVerificationInputSchema).mutation(({ ctx, input }) =>
    write(ctx, (trx) => changeVerification(trx, input, ctx.actor), evidenceChanged, {
      ...evidenceAudit((result) => `Verification: ${VERIFICATION_LABELS[result.verification]}`),
      load: (trx) => snapshotRow(trx, "resolution", { campaignId: input.campaignId, bodyId: input.bodyId }),
    }),
  ),
});
