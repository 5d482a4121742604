import { createHash } from "node:crypto";
import { canEditSomeBodies, canReadPrivate, REFUSALS } from "../../shared/model/account";
import {
  addEvidenceLinkInputSchema,
  changeVerificationInputSchema,
  type AddEvidenceLinkInput,
  type ChangeVerificationInput,
  type Evidence,
  type EvidenceCategory,
  type EvidenceDetails,
  type PublicEvidence,
  type VerificationState,
} from "../../shared/model/evidence";
import { pickPublic } from "../../shared/model/public-fields";
import { countsAsPassed, findStage } from "../../shared/model/stage";
import { checkEvidenceFile, isVerified, verificationMoveProblem } from "../../shared/rules/verification";
import type { Db } from "../db/connect";
import { findBodyById } from "../db/repositories/body-repository";
import {
  countEvidence,
  deleteEvidence,
  findEvidenceById,
  findEvidenceContent,
  findEvidenceOfResolution,
  findPublicEvidenceOfBody,
  findResolutionVerification,
  findVerificationHistory,
  findVerifiedResolutions,
  insertEvidence,
  insertVerificationEvent,
  updateEvidencePublic,
  updateVerification,
} from "../db/repositories/evidence-repository";
import { ConflictError, ForbiddenError, InputError, NotFoundError, UnauthorizedError } from "../errors";
import type { Actor } from "./actor";
import { getCampaign } from "./campaigns";
import { canEditBody } from "./permissions";

/** What an evidence or verification write changed: the resolution, its state, and the evidence touched. */
export interface EvidenceWrite {
  campaignId: number;
  bodyId: number;
  verification: VerificationState;
  evidence?: Evidence;
}

type EvidenceRow = Awaited<ReturnType<typeof findEvidenceOfResolution>>[number];

const toEvidence = (row: EvidenceRow): Evidence => ({
  id: row.id,
  kind: row.kind === "file" ? "file" : "link",
  category: row.category as EvidenceCategory,
  title: row.title,
  url: row.url,
  fileName: row.fileName,
  contentType: row.contentType,
  byteSize: row.byteSize === null ? null : Number(row.byteSize),
  isPublic: row.isPublic === 1,
  addedBy: row.addedBy,
  createdAt: row.createdAt,
});

/** The body's resolution in the campaign, which must stand at a passed stage (passed, sent, overridden). */
async function passedResolution(db: Db, campaignId: number, bodyId: number) {
  const campaign = await getCampaign(db, campaignId);
  const body = await findBodyById(db, bodyId);
  if (!body) throw new NotFoundError(`No body with id ${bodyId}`);
  const resolution = await findResolutionVerification(db, campaign.id, body.id);
  const stage = resolution ? findStage(campaign.stageScheme, resolution.stage) : undefined;
  if (!resolution || !stage || !countsAsPassed(stage)) {
    throw new InputError(`${body.name} has not passed: evidence and verification belong to passed resolutions`);
  }
  return { campaign, body, resolution: { ...resolution, verification: resolution.verification as VerificationState } };
}

/** Move the verification state, with its history event; a concurrent move is a ConflictError. */
async function moveVerification(
  db: Db,
  { resolutionId, from, to, actor, note, now }: { resolutionId: number; from: VerificationState; to: VerificationState; actor: Actor; note: string | null; now: Date },
): Promise<void> {
  const occurredAt = now.toISOString();
  const verifiedStamp = to === "verified" ? { verifiedBy: actor.name, verifiedAt: occurredAt } : isVerified(to) ? {} : { verifiedBy: null, verifiedAt: null };
  if (!(await updateVerification(db, { resolutionId, from, to, ...verifiedStamp }))) {
    throw new ConflictError("Someone else changed this resolution's verification first; reload and try again");
  }
  await insertVerificationEvent(db, { resolutionId, fromState: from, toState: to, actor: actor.name, note, occurredAt });
}

/** May this actor attach evidence to the body: organizers and admins anywhere, hub members in their area. */
export async function assertCanAttachEvidence(db: Db, actor: Actor, bodyId: number): Promise<void> {
  if (actor.role === "public") throw new UnauthorizedError(REFUSALS.signInToChange);
  if (!canEditSomeBodies(actor.role)) throw new ForbiddenError(REFUSALS.viewer);
  if (!(await canEditBody(db, actor, bodyId))) throw new ForbiddenError(REFUSALS.outsideHubArea);
}

/** Attach evidence (its bytes for a file) and, on the first, move `reported` → `evidence_attached`. */
async function attach(
  db: Db,
  { campaignId, bodyId, values, content }: { campaignId: number; bodyId: number; values: Omit<Parameters<typeof insertEvidence>[1], "resolutionId">; content?: Uint8Array },
  actor: Actor,
  now: Date,
): Promise<EvidenceWrite> {
  const { campaign, body, resolution } = await passedResolution(db, campaignId, bodyId);
  const id = await insertEvidence(db, { ...values, resolutionId: resolution.id }, content);
  let verification = resolution.verification;
  if (verification === "reported") {
    await moveVerification(db, { resolutionId: resolution.id, from: "reported", to: "evidence_attached", actor, note: null, now });
    verification = "evidence_attached";
  }
  const row = (await findEvidenceOfResolution(db, resolution.id)).find((entry) => entry.id === id)!;
  return { campaignId: campaign.id, bodyId: body.id, verification, evidence: toEvidence(row) };
}

/** A link (http or https only) to the minutes, the adopted text, a signed copy or a news article. */
export async function addEvidenceLink(db: Db, rawInput: AddEvidenceLinkInput, actor: Actor, now = new Date()): Promise<EvidenceWrite> {
  const parsed = addEvidenceLinkInputSchema.safeParse(rawInput);
  if (!parsed.success) throw new InputError(parsed.error.issues[0]?.message ?? "not a valid link");
  const input = parsed.data;
  return attach(
    db,
    {
      campaignId: input.campaignId,
      bodyId: input.bodyId,
      values: { kind: "link", category: input.category, title: input.title ?? null, url: input.url, addedBy: actor.name, createdAt: now.toISOString() },
    },
    actor,
    now,
  );
}

/**
 * An uploaded file (PDF, PNG or JPEG by its first bytes, at most `maxBytes`), stored in the
 * database beside its SHA-256. A refused file is one InputError naming it, and nothing is written.
 */
export async function addEvidenceFile(
  db: Db,
  input: { campaignId: number; bodyId: number; category: EvidenceCategory; fileName: string; title?: string | null; bytes: Uint8Array; maxBytes: number },
  actor: Actor,
  now = new Date(),
): Promise<EvidenceWrite> {
  const checked = checkEvidenceFile(input.fileName, input.bytes, input.maxBytes);
  if ("problem" in checked) throw new InputError(checked.problem);
  return attach(
    db,
    {
      campaignId: input.campaignId,
      bodyId: input.bodyId,
      values: {
        kind: "file",
        category: input.category,
        title: input.title ?? null,
        fileName: input.fileName,
        contentType: checked.contentType,
        byteSize: input.bytes.length,
        sha256: createHash("sha256").update(input.bytes).digest("hex"),
        addedBy: actor.name,
        createdAt: now.toISOString(),
      },
      content: input.bytes,
    },
    actor,
    now,
  );
}

async function evidenceOrThrow(db: Db, evidenceId: number) {
  const row = await findEvidenceById(db, evidenceId);
  if (!row) throw new NotFoundError(`No evidence with id ${evidenceId}`);
  return row;
}

/** An organizer shows a piece of evidence on the public page, or hides it again. */
export async function setEvidencePublic(db: Db, input: { evidenceId: number; isPublic: boolean }): Promise<EvidenceWrite> {
  const row = await evidenceOrThrow(db, input.evidenceId);
  await updateEvidencePublic(db, row.id, input.isPublic);
  const resolution = await findResolutionVerification(db, row.campaignId, row.bodyId);
  return {
    campaignId: row.campaignId,
    bodyId: row.bodyId,
    verification: resolution!.verification as VerificationState,
    evidence: toEvidence({ ...row, isPublic: input.isPublic ? 1 : 0 }),
  };
}

/** Remove a piece of evidence (not from a verified pass: take the verification back first); the last one returns to `reported`. */
export async function removeEvidence(db: Db, input: { evidenceId: number }, actor: Actor, now = new Date()): Promise<EvidenceWrite> {
  const row = await evidenceOrThrow(db, input.evidenceId);
  const resolution = (await findResolutionVerification(db, row.campaignId, row.bodyId))!;
  let verification = resolution.verification as VerificationState;
  if (isVerified(verification)) throw new InputError("This pass is verified: take the verification back before removing its evidence");
  await deleteEvidence(db, row.id);
  if (verification === "evidence_attached" && (await countEvidence(db, resolution.id)) === 0) {
    await moveVerification(db, { resolutionId: resolution.id, from: verification, to: "reported", actor, note: "Last evidence removed", now });
    verification = "reported";
  }
  return { campaignId: row.campaignId, bodyId: row.bodyId, verification, evidence: toEvidence(row) };
}

/**
 * An organizer verifies a pass from its evidence, marks it transmitted to the legislators, or takes
 * the verification back (to `evidence_attached`). Moves follow `verificationMoveProblem`.
 */
export async function changeVerification(db: Db, rawInput: ChangeVerificationInput, actor: Actor, now = new Date()): Promise<EvidenceWrite> {
  const input = changeVerificationInputSchema.parse(rawInput);
  const { campaign, body, resolution } = await passedResolution(db, input.campaignId, input.bodyId);
  const problem = verificationMoveProblem(resolution.verification, input.toState, { evidenceCount: await countEvidence(db, resolution.id), passed: true });
  if (problem) throw new InputError(`${body.name}: ${problem}`);
  await moveVerification(db, { resolutionId: resolution.id, from: resolution.verification, to: input.toState, actor, note: input.note ?? null, now });
  return { campaignId: campaign.id, bodyId: body.id, verification: input.toState };
}

/** A resolution's evidence, verification state and its history, for signed-in members. */
export async function getEvidenceDetails(db: Db, input: { campaignId: number; bodyId: number }): Promise<EvidenceDetails> {
  const campaign = await getCampaign(db, input.campaignId);
  const resolution = await findResolutionVerification(db, campaign.id, input.bodyId);
  if (!resolution) return { campaignId: campaign.id, bodyId: input.bodyId, verification: "reported", verifiedBy: null, verifiedAt: null, evidence: [], history: [] };
  return {
    campaignId: campaign.id,
    bodyId: input.bodyId,
    verification: resolution.verification as VerificationState,
    verifiedBy: resolution.verifiedBy,
    verifiedAt: resolution.verifiedAt,
    evidence: (await findEvidenceOfResolution(db, resolution.id)).map(toEvidence),
    history: (await findVerificationHistory(db, resolution.id)).map((event) => ({
      ...event,
      fromState: event.fromState as VerificationState,
      toState: event.toState as VerificationState,
    })),
  };
}

/** Evidence an organizer marked public on a body's resolution, as anyone may see it. */
export async function listPublicEvidence(db: Db, campaignId: number, bodyId: number): Promise<PublicEvidence[]> {
  return (await findPublicEvidenceOfBody(db, campaignId, bodyId)).map((row) => {
    const picked = pickPublic("evidence", row);
    return {
      ...picked,
      kind: picked.kind === "file" ? "file" : "link",
      category: picked.category as EvidenceCategory,
      byteSize: picked.byteSize === null ? null : Number(picked.byteSize),
    };
  });
}

/**
 * Bodies whose pass was verified by the end of `asOf` (now when absent): the public verified mark
 * and the verified counts.
 */
export async function findVerifiedBodyIds(db: Db, campaignId: number, asOf?: string | null): Promise<Set<number>> {
  const rows = await findVerifiedResolutions(db, campaignId);
  return new Set(rows.filter((row) => !asOf || (row.verifiedAt ?? "").slice(0, 10) <= asOf).map((row) => row.bodyId));
}

/**
 * An uploaded evidence file to download: members read any; anyone else only a public one. A
 * private file is "not found" to the public, so its existence is never confirmed.
 */
export async function readEvidenceFile(db: Db, evidenceId: number, actor: Actor): Promise<{ fileName: string; contentType: string; content: Uint8Array; isPublic: boolean }> {
  const row = await findEvidenceById(db, evidenceId);
  const hidden = !row || row.kind !== "file" || (row.isPublic !== 1 && !canReadPrivate(actor.role));
  if (hidden) throw new NotFoundError(`No evidence file with id ${evidenceId}`);
  const content = await findEvidenceContent(db, row.id);
  if (!content || !row.fileName || !row.contentType) throw new NotFoundError(`No evidence file with id ${evidenceId}`);
  return { fileName: row.fileName, contentType: row.contentType, content, isPublic: row.isPublic === 1 };
}
