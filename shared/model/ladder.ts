import { z } from "zod";
import { rowIdSchema } from "../ids/row-id";
import { chamberSchema } from "./district";

/**
 * The ladder: where a legislator stands on one of the campaign's bills, lowest step first. Each
 * campaign can edit its ladder like its stage scheme (rename, reorder, add); the default follows
 * the statewide hub model: win non-cosponsors as cosponsors, then move cosponsors into leadership.
 */
export const ladderStepIdSchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "a step id is lower_snake_case, at most 40 characters");
export type LadderStepId = z.infer<typeof ladderStepIdSchema>;

export const ladderStepSchema = z.object({
  id: ladderStepIdSchema,
  label: z.string().trim().min(1).max(60),
  /** What reaching the step means, shown beside the picker. */
  description: z.string().max(300).default(""),
});
export type LadderStep = z.infer<typeof ladderStepSchema>;

/** The step cosponsor lists move legislators up to; every ladder keeps it. */
export const COSPONSOR_STEP = "cosponsor";

/** What every ladder is (legislators' per bill, endorsers' per campaign): steps lowest first, ids unique. */
export interface StepList {
  steps: ReadonlyArray<{ id: string; label: string; description: string }>;
}

/** A ladder of `step`s, 2 to 20 of them, ids unique: the shape both ladders share. */
export const stepListSchema = <S extends z.ZodType<{ id: string }>>(step: S) =>
  z
    .object({ steps: z.array(step).min(2).max(20) })
    .refine((ladder) => new Set(ladder.steps.map((one) => one.id)).size === ladder.steps.length, { message: "step ids must be unique" });

export const ladderSchema = stepListSchema(ladderStepSchema).refine((ladder) => ladder.steps.some((step) => step.id === COSPONSOR_STEP), {
  message: `the ladder must keep the "${COSPONSOR_STEP}" step (cosponsor lists move legislators to it)`,
});
export type Ladder = z.infer<typeof ladderSchema>;

export const defaultLadder: Ladder = {
  steps: [
    { id: "unknown", label: "Unknown", description: "Not yet asked, or nothing on record" },
    { id: "opposed", label: "Opposed", description: "Said or voted against the bill" },
    { id: "undecided", label: "Undecided", description: "Asked, and has not made up their mind" },
    { id: "supportive", label: "Supportive", description: "Said in public that they support the bill" },
    { id: "cosponsor", label: "Cosponsor", description: "On the bill's cosponsor list" },
    { id: "caucus_member", label: "Caucus member", description: "Joined the bill's caucus" },
    { id: "co_host", label: "Co-host", description: "Hosted or co-hosted an event in the district" },
    { id: "champion", label: "Champion", description: "Persuades colleagues, above all on the committee holding the bill" },
  ],
};

/** Where a step change comes from. */
export const STEP_SOURCES = ["meeting", "public_statement", "cosponsor_list", "news", "other"] as const;
export type StepSource = (typeof STEP_SOURCES)[number] | "undo";
export const stepSourceSchema = z.enum(STEP_SOURCES);
export const STEP_SOURCE_LABELS: Record<StepSource, string> = {
  meeting: "Meeting",
  public_statement: "Public statement",
  cosponsor_list: "Cosponsor list",
  news: "News",
  other: "Other",
  undo: "Undo",
};

export const BILL_JURISDICTIONS = ["state", "federal"] as const;
export type BillJurisdiction = (typeof BILL_JURISDICTIONS)[number];
export const billJurisdictionSchema = z.enum(BILL_JURISDICTIONS);

/** The chambers whose legislators can cosponsor a bill of the jurisdiction. */
export const JURISDICTION_CHAMBERS: Record<BillJurisdiction, readonly string[]> = {
  state: ["state_lower", "state_upper"],
  federal: ["congressional", "us_senate"],
};

export const billIdSchema = rowIdSchema;
export const billNameSchema = z.string().trim().min(1, "a bill needs a name, e.g. H.1239").max(60);

export interface Bill {
  id: number;
  campaignId: number;
  name: string;
  jurisdiction: BillJurisdiction;
  chamber: z.infer<typeof chamberSchema> | null;
  position: number;
}

export const billSchema = z.object({
  id: billIdSchema,
  campaignId: rowIdSchema,
  name: z.string(),
  jurisdiction: billJurisdictionSchema,
  chamber: chamberSchema.nullable(),
  position: z.number().int(),
}) satisfies z.ZodType<Bill, unknown>;

export const addBillInputSchema = z.object({
  campaignId: rowIdSchema,
  name: billNameSchema,
  jurisdiction: billJurisdictionSchema.default("state"),
  chamber: chamberSchema.nullish(),
});
export type AddBillInput = z.input<typeof addBillInputSchema>;

export const updateBillInputSchema = z.object({
  billId: billIdSchema,
  name: billNameSchema.optional(),
  jurisdiction: billJurisdictionSchema.optional(),
  chamber: chamberSchema.nullish(),
});
export type UpdateBillInput = z.input<typeof updateBillInputSchema>;

/** Move a bill one place up (-1) or down (1); the first is the campaign's default bill. */
export const moveBillInputSchema = z.object({
  billId: billIdSchema,
  by: z
    .number()
    .int()
    .min(-1)
    .max(1)
    .refine((by) => by !== 0, "move a bill by -1 (up) or 1 (down)"),
});
export type MoveBillInput = z.input<typeof moveBillInputSchema>;

export const optionalLink = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/\S+$/i, "a link starts with http:// or https://")
  .nullish()
  .or(z.literal("").transform(() => null));

export const setStepInputSchema = z.object({
  campaignId: rowIdSchema,
  /** Omitted: the campaign's first bill. */
  billId: billIdSchema.optional(),
  legislatorId: rowIdSchema,
  step: ladderStepIdSchema,
  source: stepSourceSchema.default("other"),
  link: optionalLink,
  /** Private: who said what, when. Never shown on a public surface. */
  note: z.string().trim().max(2000).nullish(),
  /** The step the user saw; a different current step is a conflict. */
  expectedStep: ladderStepIdSchema.optional(),
});
export type SetStepInput = z.input<typeof setStepInputSchema>;

export const undoStepInputSchema = z.object({
  campaignId: rowIdSchema,
  /** Omitted: the campaign's first bill. */
  billId: billIdSchema.optional(),
  legislatorId: rowIdSchema,
  /** The last event the user saw; another one since is a conflict. */
  expectedEventId: rowIdSchema,
});
export type UndoStepInput = z.input<typeof undoStepInputSchema>;

/** One move on any ladder (a legislator's on a bill, an endorser's): `actor` and `note` are private. */
export interface LadderMove {
  fromStep: string | null;
  toStep: string;
  source: StepSource;
  link: string | null;
  actor: string;
  note: string | null;
  occurredAt: string;
}

/** One change of a legislator's step on a bill; `actor` and `note` are private. */
export interface StepEvent extends LadderMove {
  id: number;
  billId: number;
}

/** A legislator's current step on one bill (public). */
export interface BillStep {
  billId: number;
  step: string;
  updatedAt: string | null;
}

/** What a cosponsor list import did (or, in a dry run, would do) to one bill. */
export interface CosponsorImportSummary {
  campaign: string;
  bill: string;
  state: string | null;
  names: number;
  /** Moved up to cosponsor by this import. */
  updated: string[];
  /** Already cosponsors. */
  unchanged: string[];
  /** Already above cosponsor (caucus member, co-host, champion…): the ladder never goes down on import. */
  keptHigher: string[];
  /** Names that match no legislator of the bill's jurisdiction, or several: reported, not imported. */
  unmatched: string[];
}

/** The Import screen's answer for a cosponsor list: the summary, the file and whether it was a dry run. */
export interface CosponsorImportReport extends CosponsorImportSummary {
  fileName: string;
  dryRun: boolean;
}

/** An uploaded list of names (.txt, or a .csv of names only): how many, and the first few. */
export interface NameListUploadPreview {
  token: string;
  expiresAt: string;
  fileName: string;
  bytes: number;
  format: "names";
  names: number;
  samples: string[];
}
