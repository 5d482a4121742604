import { z } from "zod";

/**
 * The default stage scheme of a campaign (PRODUCT.md, glossary "Stage").
 * `pipeline` stages are ordered steps towards a vote; `outcome` stages end (or pause) the drive.
 */
export const DEFAULT_STAGES = [
  "not_started",
  "organizing",
  "sponsor_found",
  "introduced",
  "in_committee",
  "vote_scheduled",
  "passed",
  "sent_to_legislators",
  "vetoed",
  "overridden",
  "rescinded",
  "failed",
  "stalled",
] as const;

export const STAGE_KINDS = ["pipeline", "won", "lost", "paused", "sent", "vetoed", "overridden", "rescinded"] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export const STAGE_KIND_LABELS: Record<StageKind, string> = {
  pipeline: "Step towards a vote",
  won: "Passed",
  lost: "Failed",
  paused: "Stalled",
  sent: "Sent to legislators (after passage)",
  vetoed: "Vetoed (after passage)",
  overridden: "Veto overridden",
  rescinded: "Rescinded",
};

export const stageIdSchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "a stage id is lower_snake_case, at most 40 characters");
export type StageId = z.infer<typeof stageIdSchema>;

export const stageDefinitionSchema = z.object({
  id: stageIdSchema,
  label: z.string().min(1).max(60),
  /** Fill colour on the map, `#rrggbb`. */
  color: z.string().regex(/^#[0-9a-f]{6}$/i),
  /**
   * `pipeline`: a step on the way to a vote, in order.
   * `won`: the body adopted the resolution.
   * `lost`: the vote failed (can be revived by reintroducing).
   * `paused`: the drive stalled (can be revived at any pipeline step).
   * After passage: `sent` (sent to the legislators), `vetoed` (a mayor vetoed it), `overridden`
   * (the body overrode the veto), `rescinded` (the body took it back). `won`, `sent` and
   * `overridden` count as passed (`countsAsPassed`).
   */
  kind: z.enum(STAGE_KINDS),
  /** A vote can only happen once the resolution is at least at this pipeline step. */
  opensVote: z.boolean().default(false),
  description: z.string().max(300).default(""),
});
export type StageDefinition = z.infer<typeof stageDefinitionSchema>;

export const stageSchemeSchema = z
  .object({ stages: z.array(stageDefinitionSchema).min(2).max(20) })
  .refine((scheme) => new Set(scheme.stages.map((s) => s.id)).size === scheme.stages.length, {
    message: "stage ids must be unique",
  })
  .refine((scheme) => scheme.stages[0]?.kind === "pipeline", {
    message: "the first stage must be a pipeline stage",
  });
export type StageScheme = z.infer<typeof stageSchemeSchema>;

/**
 * Colours: the pipeline is a light-to-dark blue ramp (ColorBrewer PuBu), the outcomes use
 * hues that stay apart from blue for every common colour-vision deficiency (Okabe–Ito orange,
 * reddish purple and a neutral grey; after passage a dark brown, Okabe–Ito vermillion and
 * yellow, and near-black). `client/lib/colors.test.ts` checks the distances.
 */
export const defaultStageScheme: StageScheme = {
  stages: [
    { id: "not_started", label: "Not started", color: "#f2f0eb", kind: "pipeline", opensVote: false, description: "No organizing yet." },
    { id: "organizing", label: "Organizing", color: "#d0d1e6", kind: "pipeline", opensVote: false, description: "Volunteers are building support." },
    { id: "sponsor_found", label: "Sponsor found", color: "#a6bddb", kind: "pipeline", opensVote: false, description: "A member agreed to sponsor the resolution." },
    { id: "introduced", label: "Introduced", color: "#74a9cf", kind: "pipeline", opensVote: true, description: "Filed or on the agenda." },
    { id: "in_committee", label: "In committee", color: "#2b8cbe", kind: "pipeline", opensVote: true, description: "Referred to a committee." },
    { id: "vote_scheduled", label: "Vote scheduled", color: "#045a8d", kind: "pipeline", opensVote: true, description: "A vote date is set." },
    { id: "passed", label: "Passed", color: "#e69f00", kind: "won", opensVote: false, description: "The body adopted the resolution." },
    {
      id: "sent_to_legislators",
      label: "Sent to legislators",
      color: "#7a4a00",
      kind: "sent",
      opensVote: false,
      description: "The adopted resolution went to the district's legislators.",
    },
    { id: "vetoed", label: "Vetoed", color: "#d55e00", kind: "vetoed", opensVote: false, description: "The mayor vetoed the adopted resolution." },
    { id: "overridden", label: "Veto overridden", color: "#f0e442", kind: "overridden", opensVote: false, description: "The body overrode the veto." },
    { id: "rescinded", label: "Rescinded", color: "#1a1a1a", kind: "rescinded", opensVote: false, description: "The body took the resolution back." },
    { id: "failed", label: "Failed", color: "#cc79a7", kind: "lost", opensVote: false, description: "The body voted it down." },
    { id: "stalled", label: "Stalled", color: "#6e6e6e", kind: "paused", opensVote: false, description: "Blocked or tabled; waiting for a new opening." },
  ],
};

/** Stages that count as passed: adopted, sent on, or adopted over a veto. */
export function countsAsPassed(stage: StageDefinition): boolean {
  return stage.kind === "won" || stage.kind === "sent" || stage.kind === "overridden";
}

export function findStage(scheme: StageScheme, stageId: string): StageDefinition | undefined {
  return scheme.stages.find((stage) => stage.id === stageId);
}

export function initialStage(scheme: StageScheme): StageDefinition {
  const first = scheme.stages[0];
  if (!first) throw new Error("a stage scheme has at least two stages");
  return first;
}
