import type { Config } from "../config";
import { connect } from "../db/connect";
import { createCampaign } from "../domain/campaigns";

/** `groundswell campaign add <name> [--bill "H.1234"]`. */
export async function addCampaignCommand(config: Config, name: string, options: { bill?: string }, write: (text: string) => void) {
  const connection = await connect(config.database);
  try {
    const campaign = await connection.db.transaction().execute((trx) => createCampaign(trx, { name, bill: options.bill ?? null }));
    write(`Created campaign "${campaign.name}" (id ${campaign.id}, slug ${campaign.slug}).\n`);
  } finally {
    await connection.close();
  }
}
