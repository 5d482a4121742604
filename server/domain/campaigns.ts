import { slugify, type Campaign } from "../../shared/model/campaign";
import { defaultStageScheme, stageSchemeSchema, type StageScheme } from "../../shared/model/stage";
import type { Db } from "../db/connect";
import {
  findCampaignById,
  findCampaignByNameOrSlug,
  findCampaigns,
  insertCampaign,
} from "../db/repositories/campaign-repository";
import type { CampaignRow } from "../db/schema";
import { InputError, NotFoundError } from "../errors";

function toCampaign(row: CampaignRow): Campaign {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    bill: row.bill,
    isDemo: row.isDemo === 1,
    stageScheme: stageSchemeSchema.parse(JSON.parse(row.stageScheme)),
  };
}

export async function listCampaigns(db: Db): Promise<Campaign[]> {
  return (await findCampaigns(db)).map(toCampaign);
}

export async function getCampaign(db: Db, id: number): Promise<Campaign> {
  const row = await findCampaignById(db, id);
  if (!row) throw new NotFoundError(`No campaign with id ${id}`);
  return toCampaign(row);
}

/** For `--campaign NAME`: by exact name, slug or numeric id; the only campaign when none is named. */
export async function resolveCampaign(db: Db, nameOrId: string | undefined): Promise<Campaign> {
  if (nameOrId === undefined) {
    const campaigns = await listCampaigns(db);
    if (campaigns.length === 1) return campaigns[0]!;
    if (campaigns.length === 0) throw new NotFoundError("There is no campaign yet: create one with `groundswell campaign add NAME`");
    throw new InputError(`Several campaigns exist; name one with --campaign (${campaigns.map((c) => `"${c.name}"`).join(", ")})`);
  }
  const row =
    (await findCampaignByNameOrSlug(db, nameOrId)) ??
    (/^\d+$/.test(nameOrId) ? await findCampaignById(db, Number(nameOrId)) : undefined);
  if (!row) throw new NotFoundError(`No campaign named "${nameOrId}"`);
  return toCampaign(row);
}

export async function createCampaign(
  db: Db,
  input: { name: string; bill?: string | null; isDemo?: boolean; stageScheme?: StageScheme },
  now = new Date(),
): Promise<Campaign> {
  const name = input.name.trim();
  if (!name) throw new InputError("A campaign needs a name");
  if (await findCampaignByNameOrSlug(db, name)) throw new InputError(`A campaign named "${name}" already exists`);
  const scheme = input.stageScheme ?? defaultStageScheme;
  const id = await insertCampaign(db, {
    name,
    slug: slugify(name),
    bill: input.bill ?? null,
    isDemo: input.isDemo ?? false,
    stageScheme: JSON.stringify(scheme),
    createdAt: now.toISOString(),
  });
  return getCampaign(db, id);
}
