import { z } from "zod";
import { rowIdSchema } from "../ids/row-id";
import { ladderSchema, type Ladder } from "./ladder";
import { endorserLadderSchema, type EndorserLadder } from "./endorser";
import { campaignScopeSchema, type CampaignScope } from "./campaign-scope";
import { stageSchemeSchema, type StageScheme } from "./stage";

export const campaignIdSchema = rowIdSchema;
export type CampaignId = z.infer<typeof campaignIdSchema>;

export const campaignNameSchema = z.string().trim().min(1, "a campaign needs a name").max(120);

export interface Campaign {
  id: CampaignId;
  name: string;
  slug: string;
  bill: string | null;
  isDemo: boolean;
  stageScheme: StageScheme;
  /** Model resolution text, Markdown. */
  modelText: string | null;
  /** Where legislators stand on each bill, lowest step first. */
  ladder: Ladder;
  /** Where endorsers stand, lowest step first; steps marked public may be shown to anyone. */
  endorserLadder: EndorserLadder;
  /** The bodies it works with and the level it counts them at (see campaign-scope.ts). */
  scope: CampaignScope;
  /** Public counts and press exports count verified passes only (unverified ones are still shown, marked). */
  countVerifiedOnly: boolean;
}

/** campaign.list's output, checked on the way out. */
export const campaignSchema = z.object({
  id: campaignIdSchema,
  name: z.string(),
  slug: z.string(),
  bill: z.string().nullable(),
  isDemo: z.boolean(),
  stageScheme: stageSchemeSchema,
  modelText: z.string().nullable(),
  ladder: ladderSchema,
  endorserLadder: endorserLadderSchema,
  scope: campaignScopeSchema,
  countVerifiedOnly: z.boolean(),
}) satisfies z.ZodType<Campaign, unknown>;

/** URL-safe slug for `/public/<campaign>` and `--campaign` lookups. */
export function slugify(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "campaign"
  );
}

/** A new campaign from the app (the first run's "Create a campaign"), like `groundswell campaign add`. */
export const createCampaignInputSchema = z.object({
  name: campaignNameSchema,
  bill: z.string().trim().max(120).nullable().optional(),
  /** USPS codes of the campaign's states; none = every state. */
  states: z.array(z.string()).max(60).optional(),
});
export type CreateCampaignInput = z.input<typeof createCampaignInputSchema>;

/**
 * Editing a campaign: only the fields sent change. The stage scheme is replaced as a whole
 * (rename, recolour, reorder, add); stages that resolutions stand at cannot be removed.
 */
export const updateCampaignInputSchema = z.object({
  campaignId: campaignIdSchema,
  name: campaignNameSchema.optional(),
  bill: z.string().trim().max(120).nullable().optional(),
  /** Model resolution text, Markdown (rendered without raw HTML). */
  modelText: z.string().max(50_000).nullable().optional(),
  stageScheme: stageSchemeSchema.optional(),
  /** The ladder, replaced as a whole (rename, reorder, add); steps legislators stand at stay. */
  ladder: ladderSchema.optional(),
  /** The endorser ladder, replaced as a whole; steps endorsers stand at stay. */
  endorserLadder: endorserLadderSchema.optional(),
  scope: campaignScopeSchema.optional(),
  /** Count verified passes only on the public page and in press exports. */
  countVerifiedOnly: z.boolean().optional(),
});
export type UpdateCampaignInput = z.input<typeof updateCampaignInputSchema>;
