import type { Db } from "../connect";
import type { Insertable } from "kysely";
import type { EvidenceTable, VerificationEventTable } from "../schema";

/** Evidence rows without their bytes: lists never read a file's content. */
const EVIDENCE_COLUMNS = [
  "evidence.id",
  "evidence.resolutionId",
  "evidence.kind",
  "evidence.category",
  "evidence.title",
  "evidence.url",
  "evidence.fileName",
  "evidence.contentType",
  "evidence.byteSize",
  "evidence.sha256",
  "evidence.isPublic",
  "evidence.addedBy",
  "evidence.createdAt",
] as const;

export async function insertEvidence(db: Db, values: Insertable<EvidenceTable>, content?: Uint8Array): Promise<number> {
  const { id } = await db.insertInto("evidence").values(values).returning("id").executeTakeFirstOrThrow();
  if (content) await db.insertInto("evidenceFile").values({ evidenceId: id, content }).execute();
  return id;
}

export async function findEvidenceOfResolution(db: Db, resolutionId: number) {
  return db.selectFrom("evidence").select(EVIDENCE_COLUMNS).where("evidence.resolutionId", "=", resolutionId).orderBy("evidence.id").execute();
}

/** One piece of evidence with the campaign and body of its resolution. */
export async function findEvidenceById(db: Db, evidenceId: number) {
  return db
    .selectFrom("evidence")
    .innerJoin("resolution", "resolution.id", "evidence.resolutionId")
    .select([...EVIDENCE_COLUMNS, "resolution.campaignId", "resolution.bodyId"])
    .where("evidence.id", "=", evidenceId)
    .executeTakeFirst();
}

export async function findEvidenceContent(db: Db, evidenceId: number): Promise<Uint8Array | undefined> {
  const row = await db.selectFrom("evidenceFile").select("content").where("evidenceId", "=", evidenceId).executeTakeFirst();
  return row?.content;
}

export async function countEvidence(db: Db, resolutionId: number): Promise<number> {
  const row = await db
    .selectFrom("evidence")
    .select((eb) => eb.fn.countAll().as("count"))
    .where("resolutionId", "=", resolutionId)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function updateEvidencePublic(db: Db, evidenceId: number, isPublic: boolean): Promise<void> {
  await db
    .updateTable("evidence")
    .set({ isPublic: isPublic ? 1 : 0 })
    .where("id", "=", evidenceId)
    .execute();
}

export async function deleteEvidence(db: Db, evidenceId: number): Promise<void> {
  await db.deleteFrom("evidenceFile").where("evidenceId", "=", evidenceId).execute();
  await db.deleteFrom("evidence").where("id", "=", evidenceId).execute();
}

/**
 * Move a resolution's verification state from `from` to `to`; false when another writer moved it
 * first (the row no longer stands at `from`).
 */
export async function updateVerification(
  db: Db,
  { resolutionId, from, to, verifiedBy, verifiedAt }: { resolutionId: number; from: string; to: string; verifiedBy?: string | null; verifiedAt?: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable("resolution")
    .set({ verification: to, ...(verifiedBy === undefined ? {} : { verifiedBy }), ...(verifiedAt === undefined ? {} : { verifiedAt }) })
    .where("id", "=", resolutionId)
    .where("verification", "=", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertVerificationEvent(db: Db, event: Insertable<VerificationEventTable>): Promise<number> {
  const { id } = await db.insertInto("verificationEvent").values(event).returning("id").executeTakeFirstOrThrow();
  return id;
}

export async function findVerificationHistory(db: Db, resolutionId: number) {
  return db
    .selectFrom("verificationEvent")
    .select(["id", "fromState", "toState", "actor", "note", "occurredAt"])
    .where("resolutionId", "=", resolutionId)
    .orderBy("id", "desc")
    .execute();
}

/** Bodies of a campaign whose pass is verified (or transmitted), with the instant it was verified. */
export async function findVerifiedResolutions(db: Db, campaignId: number): Promise<Array<{ bodyId: number; verifiedAt: string | null }>> {
  return db.selectFrom("resolution").select(["bodyId", "verifiedAt"]).where("campaignId", "=", campaignId).where("verification", "in", ["verified", "transmitted"]).execute();
}

/** Evidence marked public on one body's resolution (no adder, no hash). */
export async function findPublicEvidenceOfBody(db: Db, campaignId: number, bodyId: number) {
  return db
    .selectFrom("evidence")
    .innerJoin("resolution", "resolution.id", "evidence.resolutionId")
    .select(["evidence.id", "evidence.kind", "evidence.category", "evidence.title", "evidence.url", "evidence.fileName", "evidence.contentType", "evidence.byteSize"])
    .where("resolution.campaignId", "=", campaignId)
    .where("resolution.bodyId", "=", bodyId)
    .where("evidence.isPublic", "=", 1)
    .orderBy("evidence.id")
    .execute();
}

/** A body's resolution with its stage and verification state. */
export async function findResolutionVerification(db: Db, campaignId: number, bodyId: number) {
  return db
    .selectFrom("resolution")
    .select(["id", "stage", "verification", "verifiedBy", "verifiedAt"])
    .where("campaignId", "=", campaignId)
    .where("bodyId", "=", bodyId)
    .executeTakeFirst();
}
