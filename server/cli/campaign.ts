import type { Config } from "../config";
import { createCampaign } from "../domain/campaigns";
import { write } from "../domain/write";
import { withWriteContext } from "./write-context";

/** `groundswell campaign add <name> [--bill "H.1234"]`. */
export async function addCampaignCommand(config: Config, name: string, options: { bill?: string }, out: (text: string) => void) {
  const campaign = await withWriteContext(config, (ctx) =>
    write(
      ctx,
      (trx) => createCampaign(trx, { name, bill: options.bill ?? null }),
      (created) => ({ campaignId: null, kind: "campaign", ids: [created.id] }),
      {
        action: "campaign add",
        subjectKind: "campaign",
        describe: (created) => ({ subjectId: created.id, campaignId: created.id, summary: `Campaign created: ${created.name}`, after: created }),
      },
    ),
  );
  out(`Created campaign "${campaign.name}" (id ${campaign.id}, slug ${campaign.slug}).\n`);
}
