import type { Config } from "../config";
import { connect } from "../db/connect";
import { commandLineActor } from "../domain/actor";
import { recordAudit } from "../domain/audit";
import { createCampaign } from "../domain/campaigns";

/** `groundswell campaign add <name> [--bill "H.1234"]`. */
export async function addCampaignCommand(config: Config, name: string, options: { bill?: string }, write: (text: string) => void) {
  const connection = await connect(config.database);
  try {
    const campaign = await connection.db.transaction().execute(async (trx) => {
      const created = await createCampaign(trx, { name, bill: options.bill ?? null });
      await recordAudit(trx, commandLineActor, { action: "campaign add", subjectKind: "campaign", subjectId: created.id, campaignId: created.id, summary: `Campaign created: ${created.name}`, after: created });
      return created;
    });
    write(`Created campaign "${campaign.name}" (id ${campaign.id}, slug ${campaign.slug}).\n`);
  } finally {
    await connection.close();
  }
}
