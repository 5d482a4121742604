import { parseRowIdText } from "../../shared/ids/row-id";
import { slugify, updateCampaignInputSchema, type Campaign, type UpdateCampaignInput } from "../../shared/model/campaign";
import { defaultLadder, ladderSchema, type StepList } from "../../shared/model/ladder";
import { defaultEndorserLadder, endorserLadderSchema } from "../../shared/model/endorser";
import { campaignScopeSchema, EVERY_BODY, readStateList, type CampaignScope } from "../../shared/model/campaign-scope";
import { defaultStageScheme, stageSchemeSchema, type StageScheme } from "../../shared/model/stage";
import type { Db } from "../db/connect";
import { findCampaignById, findCampaignByNameOrSlug, findCampaigns, insertCampaign, updateCampaignRow } from "../db/repositories/campaign-repository";
import { countResolutionsByStage } from "../db/repositories/resolution-repository";
import { countStepsInUse, insertBill } from "../db/repositories/ladder-repository";
import { countEndorserStepsInUse } from "../db/repositories/endorser-repository";
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
    modelText: row.modelText,
    ladder: row.ladder ? ladderSchema.parse(JSON.parse(row.ladder)) : defaultLadder,
    endorserLadder: row.endorserLadder ? endorserLadderSchema.parse(JSON.parse(row.endorserLadder)) : defaultEndorserLadder,
    scope: row.scope ? campaignScopeSchema.parse(JSON.parse(row.scope)) : EVERY_BODY,
    countVerifiedOnly: row.countVerifiedOnly === 1,
  };
}

/** USPS codes as a person typed them (`ma`, `MA,NH`): each checked; an unknown one is an InputError. */
export function parseScopeStates(states: readonly string[]): string[] {
  const { states: codes, bad } = readStateList(states.join(","));
  if (bad !== null) throw new InputError(`"${bad}" is not a USPS state code (e.g. MA, RI); the campaign was not created`);
  return codes;
}

const storedScope = (scope: CampaignScope) => JSON.stringify(campaignScopeSchema.parse(scope));

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
  const id = parseRowIdText(nameOrId);
  const row = (await findCampaignByNameOrSlug(db, nameOrId)) ?? (id !== null ? await findCampaignById(db, id) : undefined);
  if (!row) throw new NotFoundError(`No campaign named "${nameOrId}"`);
  return toCampaign(row);
}

export async function createCampaign(
  db: Db,
  input: { name: string; bill?: string | null; isDemo?: boolean; stageScheme?: StageScheme; states?: readonly string[]; scope?: CampaignScope },
  now = new Date(),
): Promise<Campaign> {
  const name = input.name.trim();
  if (!name) throw new InputError("A campaign needs a name");
  const states = parseScopeStates(input.states ?? []);
  const scope = input.scope ?? (states.length ? { ...EVERY_BODY, states } : null);
  if (await findCampaignByNameOrSlug(db, name)) throw new InputError(`A campaign named "${name}" already exists`);
  const scheme = input.stageScheme ?? defaultStageScheme;
  const id = await insertCampaign(db, {
    name,
    slug: await freeSlug(db, slugify(name)),
    bill: input.bill ?? null,
    isDemo: input.isDemo ?? false,
    stageScheme: JSON.stringify(scheme),
    createdAt: now.toISOString(),
    scope: scope ? storedScope(scope) : null,
  });
  // Every campaign has a first bill: the default of `--as cosponsors` without `--bill`.
  await insertBill(db, { campaignId: id, name: input.bill?.trim() || "The bill", jurisdiction: "state", chamber: null, position: 0, createdAt: now.toISOString() });
  return getCampaign(db, id);
}

/** The slug, or the first of `slug-2`, `slug-3`… no campaign has: "Y" and "ⓨ" both slugify to "y". */
async function freeSlug(db: Db, slug: string, ownId?: number): Promise<string> {
  for (let suffix = 1; ; suffix += 1) {
    const candidate = suffix === 1 ? slug : `${slug.slice(0, 76)}-${suffix}`;
    const holder = await findCampaignByNameOrSlug(db, candidate);
    if (!holder || holder.id === ownId) return candidate;
  }
}

/** A ladder may be edited freely, but steps someone stands at stay (move them first). */
function keepStepsInUse(current: StepList, next: StepList, inUse: ReadonlyArray<{ step: string; count: number | string | bigint }>, who: string): void {
  const kept = new Set(next.steps.map((step) => step.id));
  const removed = inUse.filter((row) => !kept.has(row.step));
  if (removed.length) {
    const described = removed.map((row) => `"${current.steps.find((step) => step.id === row.step)?.label ?? row.step}" (${Number(row.count)})`);
    throw new InputError(`Cannot remove ladder steps that ${who} stand at: ${described.join(", ")}; move them first`);
  }
}

/**
 * Edit a campaign's name, bill, model text, stage scheme or ladders (steps legislators or endorsers stand at stay). A new scheme must keep every stage
 * a resolution stands at (rename, recolour, reorder and add freely; remove only unused stages).
 */
export async function updateCampaign(db: Db, rawInput: UpdateCampaignInput): Promise<Campaign> {
  const input = updateCampaignInputSchema.parse(rawInput);
  const campaign = await getCampaign(db, input.campaignId);
  const changes: Parameters<typeof updateCampaignRow>[2] = {};
  if (input.name !== undefined && input.name !== campaign.name) {
    const other = await findCampaignByNameOrSlug(db, input.name);
    if (other && other.id !== campaign.id) throw new InputError(`A campaign named "${input.name}" already exists`);
    changes.name = input.name;
    changes.slug = await freeSlug(db, slugify(input.name), campaign.id);
  }
  if (input.bill !== undefined) changes.bill = input.bill || null;
  if (input.modelText !== undefined) changes.modelText = input.modelText?.trim() ? input.modelText : null;
  if (input.stageScheme !== undefined) {
    const kept = new Set(input.stageScheme.stages.map((stage) => stage.id));
    const first = campaign.stageScheme.stages[0]!;
    if (!kept.has(first.id)) throw new InputError(`Cannot remove "${first.label}": every body without a resolution stands at it`);
    const inUse = (await countResolutionsByStage(db, campaign.id)).filter((row) => !kept.has(row.stage));
    if (inUse.length) {
      const described = inUse.map((row) => `"${campaign.stageScheme.stages.find((stage) => stage.id === row.stage)?.label ?? row.stage}" (${Number(row.count)})`);
      throw new InputError(`Cannot remove stages that resolutions stand at: ${described.join(", ")}; move them first`);
    }
    changes.stageScheme = JSON.stringify(input.stageScheme);
  }
  if (input.ladder !== undefined) {
    keepStepsInUse(campaign.ladder, input.ladder, await countStepsInUse(db, campaign.id), "legislators");
    changes.ladder = JSON.stringify(input.ladder);
  }
  if (input.endorserLadder !== undefined) {
    keepStepsInUse(campaign.endorserLadder, input.endorserLadder, await countEndorserStepsInUse(db, campaign.id), "endorsers");
    changes.endorserLadder = JSON.stringify(input.endorserLadder);
  }
  if (input.scope !== undefined) changes.scope = storedScope(input.scope);
  if (input.countVerifiedOnly !== undefined) changes.countVerifiedOnly = input.countVerifiedOnly ? 1 : 0;
  if (Object.keys(changes).length) await updateCampaignRow(db, campaign.id, changes);
  return getCampaign(db, campaign.id);
}
