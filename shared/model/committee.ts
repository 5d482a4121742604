import { z } from "zod";

/** Which house a committee belongs to; `joint` for the legislature's joint committees. */
export const COMMITTEE_CHAMBERS = ["state_lower", "state_upper", "joint"] as const;
export type CommitteeChamber = (typeof COMMITTEE_CHAMBERS)[number];

export const COMMITTEE_CHAMBER_LABELS: Record<CommitteeChamber, string> = { state_lower: "House", state_upper: "Senate", joint: "Joint" };

/** Open States committee `chamber` values → ours; null for anything else. */
export function committeeChamberOf(text: string): CommitteeChamber | null {
  const key = text.trim().toLowerCase();
  if (key === "lower") return "state_lower";
  if (key === "upper") return "state_upper";
  if (key === "legislature" || key === "joint") return "joint";
  return null;
}

/** A member's role as written ("Chair", "vice-chair", "Ranking Member") → one spelling; other roles kept as written. */
export function committeeRoleOf(text: string): string {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
  if (key === "chairman" || key === "chairwoman" || key === "chairperson" || key === "chair") return "chair";
  if (key === "vice chairman" || key === "vice chairwoman" || key === "vice chairperson" || key === "vice chair") return "vice chair";
  // "Ranking Minority Member", and Massachusetts' "Ranking Republican Member".
  if (/^ranking( (minority|majority|republican|democratic|democrat))? member$/.test(key)) return "ranking member";
  return key || "member";
}

/** Roles that lead a committee, listed first and flagged in the targets view. */
export const LEADING_COMMITTEE_ROLES: readonly string[] = ["chair", "vice chair", "ranking member"];

/** One committee as read from an Open States committee file. */
export const committeeRecordSchema = z.object({
  ocdOrgId: z.string().regex(/^ocd-organization\/[0-9a-f-]{36}$/, "expected an id like ocd-organization/<uuid>"),
  state: z.string().regex(/^[A-Z]{2}$/),
  chamber: z.enum(COMMITTEE_CHAMBERS),
  name: z.string().trim().min(1, "a committee needs a name"),
  otherNames: z.array(z.string().trim().min(1)),
  members: z.array(
    z.object({
      name: z.string().trim().min(1, "a member needs a name"),
      role: z.string().trim().min(1),
      /** Open States person id; some files name a member without one. */
      personId: z.string().nullable(),
    }),
  ),
});
export type CommitteeRecord = z.infer<typeof committeeRecordSchema>;

/** A legislator's seat on a committee, as the legislator page and exports show it. */
export interface CommitteeSeat {
  committeeId: number;
  name: string;
  chamber: CommitteeChamber;
  role: string;
}

/** "Health and Human Services (chair)": a seat in a list; plain members get no role. */
export const describeCommitteeSeat = (seat: { name: string; role: string }) => (seat.role === "member" ? seat.name : `${seat.name} (${seat.role})`);

/** What an uploaded committee file or zip holds, before the import (the Import screen's preview). */
export interface CommitteeUploadPreview {
  token: string;
  expiresAt: string;
  fileName: string;
  bytes: number;
  format: "committees";
  source: "folder" | "committee file";
  committees: number;
  members: number;
  /** The state their jurisdiction names (all of them, when one), else null. */
  state: string | null;
  samples: string[];
}

/** What a committee import did, or (dry run) would do. */
export interface CommitteeImportReport {
  as: "committees";
  fileName: string;
  dryRun: boolean;
  state: string;
  committees: number;
  created: string[];
  updated: number;
  changed: Array<{ committee: string; joined: string[]; left: string[] }>;
  memberships: number;
  chairs: number;
}
