import { formatFileSize } from "../model/import-upload";
import { EVIDENCE_TYPES, VERIFICATION_LABELS, type EvidenceContentType, type VerificationState } from "../model/evidence";
import { countsAsPassed, type StageScheme } from "../model/stage";
import { describeHeadline, type PeopleCovered } from "./stage-counts";

/** Verified and transmitted passes are the verified ones. */
export const isVerified = (state: VerificationState | string | null | undefined): boolean => state === "verified" || state === "transmitted";

/** The type a file's first bytes say it is (PDF, PNG or JPEG), or null: the name and the declared type are not trusted. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceContentType | null {
  const starts = (...signature: number[]) => bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "application/pdf"; // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  return null;
}

/** The refusal of a file too big to be evidence (decided from its length alone, before reading it), or null. */
export function evidenceSizeProblem(fileName: string, byteSize: number, maxBytes: number): string | null {
  if (byteSize <= maxBytes) return null;
  // "is 10 MB: … at most 10 MB" would read as no reason at all: say "over the limit" then.
  const size = formatFileSize(byteSize) === formatFileSize(maxBytes) ? "over the limit" : formatFileSize(byteSize);
  return `${fileName} is ${size}: evidence files may be at most ${formatFileSize(maxBytes)}; nothing was saved`;
}

/**
 * Check an uploaded file: not empty, not over the cap, a PDF, PNG or JPEG by its first bytes, and
 * named like what it is (`minutes.pdf` holding a PNG is refused). One line naming the file, or
 * the type to store and serve it as.
 */
export function checkEvidenceFile(fileName: string, bytes: Uint8Array, maxBytes: number): { contentType: EvidenceContentType } | { problem: string } {
  if (bytes.length === 0) return { problem: `${fileName} is empty; nothing was saved` };
  const tooBig = evidenceSizeProblem(fileName, bytes.length, maxBytes);
  if (tooBig) return { problem: tooBig };
  const contentType = sniffEvidenceType(bytes);
  if (!contentType) return { problem: `${fileName} is not a PDF, PNG or JPEG file (its contents say otherwise); nothing was saved` };
  const lower = fileName.toLowerCase();
  const expected = EVIDENCE_TYPES[contentType];
  if (!expected.extensions.some((extension) => lower.endsWith(extension))) {
    return { problem: `${fileName} holds a ${expected.label} file but is not named ${expected.extensions.join(" or ")}; nothing was saved` };
  }
  return { contentType };
}

/**
 * Why a resolution cannot move from one verification state to another, or null when it may:
 * evidence attached needs evidence; verified needs evidence and a pass; transmitted follows
 * verified; an organizer may take a verification back (to evidence attached); removing the last
 * evidence returns to reported, never from a verified pass.
 */
export function verificationMoveProblem(from: VerificationState, to: VerificationState, { evidenceCount, passed }: { evidenceCount: number; passed: boolean }): string | null {
  const label = (state: VerificationState) => `"${VERIFICATION_LABELS[state]}"`;
  if (from === to) return `it is already ${label(to)}`;
  switch (to) {
    case "reported":
      return from === "evidence_attached" && evidenceCount === 0 ? null : `it cannot go back to ${label(to)} from ${label(from)}`;
    case "evidence_attached":
      return evidenceCount === 0 ? "attach a link or a file first" : null;
    case "verified":
      if (!passed) return "only a passed resolution can be verified";
      if (evidenceCount === 0) return "attach a link or a file before verifying";
      return from === "evidence_attached" ? null : `it cannot be verified from ${label(from)}`;
    case "transmitted":
      if (!passed) return "only a passed resolution can be transmitted";
      return from === "verified" ? null : "verify it before marking it transmitted";
  }
}

/** Passes among `stages`, and how many of them are verified. */
export interface PassCount {
  passed: number;
  verified: number;
  /** Every body counted. */
  total: number;
  /** The campaign counts verified passes only. */
  countVerifiedOnly: boolean;
}

export function countPasses(scheme: StageScheme, stages: Iterable<readonly [number, string]>, verified: ReadonlySet<number>, countVerifiedOnly: boolean): PassCount {
  const passedIds = new Set(scheme.stages.filter(countsAsPassed).map((stage) => stage.id));
  const count: PassCount = { passed: 0, verified: 0, total: 0, countVerifiedOnly };
  for (const [bodyId, stage] of stages) {
    count.total += 1;
    if (!passedIds.has(stage)) continue;
    count.passed += 1;
    if (verified.has(bodyId)) count.verified += 1;
  }
  return count;
}

/** Stands in for the stage of an unverified pass when only verified passes count: not a passed stage. */
export const UNVERIFIED_PASS = "(unverified pass)";

/** The stages to count passes and people by: unverified passes set aside when only verified ones count. */
export function stagesCounted(
  scheme: StageScheme,
  stages: Iterable<readonly [number, string]>,
  verified: ReadonlySet<number>,
  countVerifiedOnly: boolean,
): Array<[number, string]> {
  const passedIds = new Set(scheme.stages.filter(countsAsPassed).map((stage) => stage.id));
  return [...stages].map(([bodyId, stage]) => [bodyId, countVerifiedOnly && passedIds.has(stage) && !verified.has(bodyId) ? UNVERIFIED_PASS : stage]);
}

/**
 * The campaign at a glance, verification included: "12 of 3,231 passed, of which 5 verified", or
 * with verified passes only "5 of 3,231 passed (verified passes only; 7 more reported)"; a
 * campaign that verified none and counts every pass says only "12 of 3,231 passed". The share
 * of people (when known) follows the same rule: pass `people` counted with `stagesCounted`.
 */
export function describePassHeadline(passes: PassCount, people: PeopleCovered | null, formatCount: (value: number) => string = String): string {
  const unverified = passes.passed - passes.verified;
  if (passes.countVerifiedOnly) {
    const more = unverified > 0 ? `; ${formatCount(unverified)} more reported, not yet verified` : "";
    return `${describeHeadline({ passed: passes.verified, total: passes.total }, people, formatCount)} (verified passes only${more})`;
  }
  // A campaign that has verified nothing yet says nothing about it: "of which 0 verified" reads as a warning it is not.
  const ofWhich = passes.verified > 0 ? `, of which ${formatCount(passes.verified)} verified` : "";
  return `${describeHeadline({ passed: passes.passed, total: passes.total }, people, formatCount)}${ofWhich}`;
}

/**
 * Whether maps and legends mark unverified passes: once the campaign verifies passes (one is
 * verified) or counts verified ones only. A campaign that never verifies is not told that all its
 * passes are "unverified".
 */
export const marksUnverifiedPasses = (passes: PassCount): boolean => passes.countVerifiedOnly || passes.verified > 0;

/** The bodies whose stage counts as passed but whose pass no organizer has verified: the map hatches them. */
export function unverifiedPasses(scheme: StageScheme, stages: Iterable<readonly [number, string]>, verified: ReadonlySet<number>): Set<number> {
  const passedIds = new Set(scheme.stages.filter(countsAsPassed).map((stage) => stage.id));
  const ids = new Set<number>();
  for (const [bodyId, stage] of stages) if (passedIds.has(stage) && !verified.has(bodyId)) ids.add(bodyId);
  return ids;
}

/** The legend's entry for hatched bodies, the same on the campaign map, the public map, the embed and the press map. */
export const UNVERIFIED_PASS_LABEL = "Passed, not yet verified";

/** Why some passes are hatched, in one sentence under the legend's entry. */
export function describeUnverifiedMark(passes: PassCount): string {
  return passes.countVerifiedOnly
    ? "Hatched: reported passed, but no organizer has checked its minutes or signed copy yet; not counted as passed in the headline."
    : "Hatched: reported passed, but no organizer has checked its minutes or signed copy yet; still counted as passed.";
}
