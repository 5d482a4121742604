import { z } from "zod";
import { rowIdSchema } from "../ids/row-id";
import { bodyIdSchema } from "./body";
import { campaignIdSchema } from "./campaign";
import { optionalLine, webUrlSchema } from "./fields";

/** What a piece of evidence shows. */
export const EVIDENCE_CATEGORIES = ["minutes", "adopted_text", "signed_copy", "news_article", "other"] as const;
export const evidenceCategorySchema = z.enum(EVIDENCE_CATEGORIES);
export type EvidenceCategory = z.infer<typeof evidenceCategorySchema>;

export const EVIDENCE_CATEGORY_LABELS: Record<EvidenceCategory, string> = {
  minutes: "Minutes",
  adopted_text: "Adopted text",
  signed_copy: "Signed copy",
  news_article: "News article",
  other: "Other",
};

/**
 * Where a passed resolution stands on being proven: `reported` (someone said it passed),
 * `evidence_attached` (a link or file is on it), `verified` (an organizer checked the evidence),
 * `transmitted` (the verified resolution went to the legislators). Verified and transmitted
 * passes are the verified ones.
 */
export const VERIFICATION_STATES = ["reported", "evidence_attached", "verified", "transmitted"] as const;
export const verificationStateSchema = z.enum(VERIFICATION_STATES);
export type VerificationState = z.infer<typeof verificationStateSchema>;

export const VERIFICATION_LABELS: Record<VerificationState, string> = {
  reported: "Reported",
  evidence_attached: "Evidence attached",
  verified: "Verified",
  transmitted: "Transmitted to legislators",
};

/** The file types evidence may be: PDF, PNG and JPEG, recognised by their first bytes. */
export const EVIDENCE_TYPES = {
  "application/pdf": { label: "PDF", extensions: [".pdf"] },
  "image/png": { label: "PNG", extensions: [".png"] },
  "image/jpeg": { label: "JPEG", extensions: [".jpg", ".jpeg"] },
} as const;
export type EvidenceContentType = keyof typeof EVIDENCE_TYPES;

/** Default cap of one uploaded evidence file (GROUNDSWELL_EVIDENCE_MAX_BYTES changes it). */
export const DEFAULT_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

const resolutionKey = { campaignId: campaignIdSchema, bodyId: bodyIdSchema };

export const addEvidenceLinkInputSchema = z.object({
  ...resolutionKey,
  category: evidenceCategorySchema,
  url: webUrlSchema,
  title: optionalLine(200).optional(),
});
export type AddEvidenceLinkInput = z.input<typeof addEvidenceLinkInputSchema>;

/** The upload's query string (`POST /api/evidence?campaignId=1&bodyId=42&category=minutes&fileName=minutes.pdf`). */
export const evidenceUploadQuerySchema = z.object({
  campaignId: z.coerce.number().pipe(campaignIdSchema),
  bodyId: z.coerce.number().pipe(bodyIdSchema),
  category: evidenceCategorySchema,
  fileName: z.string().trim().min(1, "name the file").max(200),
  title: optionalLine(200).optional(),
});
export type EvidenceUploadQuery = z.infer<typeof evidenceUploadQuerySchema>;

export const evidenceIdSchema = rowIdSchema;
export const setEvidencePublicInputSchema = z.object({ evidenceId: evidenceIdSchema, isPublic: z.boolean() });
export const removeEvidenceInputSchema = z.object({ evidenceId: evidenceIdSchema });

/** An organizer's move of the verification state (attaching evidence moves reported → evidence attached by itself). */
export const changeVerificationInputSchema = z.object({
  ...resolutionKey,
  toState: z.enum(["evidence_attached", "verified", "transmitted"]),
  note: optionalLine(2000).optional(),
});
export type ChangeVerificationInput = z.input<typeof changeVerificationInputSchema>;

/** One piece of evidence as members see it. */
export interface Evidence {
  id: number;
  kind: "link" | "file";
  category: EvidenceCategory;
  title: string | null;
  url: string | null;
  fileName: string | null;
  contentType: string | null;
  byteSize: number | null;
  isPublic: boolean;
  addedBy: string;
  createdAt: string;
}

export interface VerificationEvent {
  id: number;
  fromState: VerificationState;
  toState: VerificationState;
  actor: string;
  note: string | null;
  occurredAt: string;
}

/** A resolution's evidence and verification, for signed-in members. */
export interface EvidenceDetails {
  campaignId: number;
  bodyId: number;
  verification: VerificationState;
  verifiedBy: string | null;
  verifiedAt: string | null;
  evidence: Evidence[];
  history: VerificationEvent[];
}

/** Evidence an organizer marked public: what anyone may see (no adder, no private evidence). */
export interface PublicEvidence {
  id: number;
  kind: "link" | "file";
  category: EvidenceCategory;
  title: string | null;
  url: string | null;
  fileName: string | null;
  contentType: string | null;
  byteSize: number | null;
}

export const publicEvidenceSchema = z.object({
  id: rowIdSchema,
  kind: z.enum(["link", "file"]),
  category: evidenceCategorySchema,
  title: z.string().nullable(),
  url: z.string().nullable(),
  fileName: z.string().nullable(),
  contentType: z.string().nullable(),
  byteSize: z.number().int().min(0).nullable(),
}) satisfies z.ZodType<PublicEvidence>;

/** Where an uploaded file is downloaded (members; anyone when it is public). */
export const evidenceFileUrl = (evidenceId: number) => `/api/evidence/${evidenceId}/file`;
