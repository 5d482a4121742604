import type { Db } from "../connect";
import type { CampaignRow } from "../schema";

const columns = ["id", "name", "slug", "bill", "isDemo", "stageScheme", "createdAt", "modelText", "ladder", "endorserLadder", "scope", "countVerifiedOnly"] as const;

export function findCampaigns(db: Db): Promise<CampaignRow[]> {
  return db.selectFrom("campaign").select(columns).orderBy("id").execute();
}

export function findCampaignById(db: Db, id: number): Promise<CampaignRow | undefined> {
  return db.selectFrom("campaign").select(columns).where("id", "=", id).executeTakeFirst();
}

export function findCampaignByNameOrSlug(db: Db, nameOrSlug: string): Promise<CampaignRow | undefined> {
  return db
    .selectFrom("campaign")
    .select(columns)
    .where((eb) => eb.or([eb("name", "=", nameOrSlug), eb("slug", "=", nameOrSlug)]))
    .executeTakeFirst();
}

export async function insertCampaign(
  db: Db,
  campaign: { name: string; slug: string; bill: string | null; isDemo: boolean; stageScheme: string; createdAt: string; scope: string | null },
): Promise<number> {
  const row = await db
    .insertInto("campaign")
    .values({ ...campaign, isDemo: campaign.isDemo ? 1 : 0 })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCampaignRow(
  db: Db,
  id: number,
  changes: Partial<{
    name: string;
    slug: string;
    bill: string | null;
    modelText: string | null;
    stageScheme: string;
    ladder: string;
    endorserLadder: string;
    scope: string | null;
    countVerifiedOnly: number;
  }>,
): Promise<void> {
  await db.updateTable("campaign").set(changes).where("id", "=", id).execute();
}
