import { z } from "zod";
import type { StageScheme } from "./stage";

export const campaignIdSchema = z.number().int().positive();
export type CampaignId = z.infer<typeof campaignIdSchema>;

export const campaignNameSchema = z.string().trim().min(1, "a campaign needs a name").max(120);

export interface Campaign {
  id: CampaignId;
  name: string;
  slug: string;
  bill: string | null;
  isDemo: boolean;
  stageScheme: StageScheme;
}

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
