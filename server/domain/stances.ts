import { parseStateCode, stateCodeProblem } from "../../shared/ids/usps";
import { STANCES, type LegislatorSummary, type SetStanceInput, type Stance, type StanceEvent } from "../../shared/model/legislator";
import { matchPersonName } from "../../shared/rules/person-names";
import { otherNamesOf } from "./legislators";
import type { Db } from "../db/connect";
import { findSittingRoles } from "../db/repositories/legislator-repository";
import { findLegislatorById, findStance, findStanceEvents, findStances, writeStance } from "../db/repositories/stance-repository";
import { ConflictError, FieldError, InputError, NotFoundError } from "../errors";
import type { Actor } from "./actor";
import { getCampaign } from "./campaigns";

const asStance = (value: string): Stance => ((STANCES as readonly string[]).includes(value) ? (value as Stance) : "unknown");

/**
 * Move a legislator on the campaign's stance ladder, appending one event (who, when, from, to,
 * private note). Run it in a transaction. Setting the stance it already has changes nothing.
 */
export async function setStance(db: Db, input: SetStanceInput, actor: Actor, now = new Date()): Promise<{ stance: Stance; changed: boolean }> {
  const campaign = await getCampaign(db, input.campaignId);
  const legislator = await findLegislatorById(db, input.legislatorId);
  if (!legislator) throw new NotFoundError(`No legislator with id ${input.legislatorId}`);
  if (!(STANCES as readonly string[]).includes(input.stance)) throw new InputError(`"${input.stance}" is not a stance (${STANCES.join(", ")})`);
  const current = await findStance(db, campaign.id, legislator.id);
  const from = current ? asStance(current.stance) : "unknown";
  if (input.expectedStance !== undefined && input.expectedStance !== from) {
    throw new ConflictError(`${legislator.name}'s stance was changed by someone else; it is now "${from}". Review and try again.`, { stance: from });
  }
  if (from === input.stance && current) return { stance: from, changed: false };
  await writeStance(
    db,
    {
      campaignId: campaign.id,
      legislatorId: legislator.id,
      fromStance: current ? from : null,
      toStance: input.stance,
      actor: actor.name,
      note: input.note?.trim() || null,
      occurredAt: now.toISOString(),
    },
    current !== undefined,
  );
  return { stance: input.stance, changed: true };
}

/** The stance history of a legislator in a campaign, oldest first. Notes are private: member-only. */
export async function listStanceHistory(db: Db, { campaignId, legislatorId }: { campaignId: number; legislatorId: number }): Promise<StanceEvent[]> {
  await getCampaign(db, campaignId);
  if (!(await findLegislatorById(db, legislatorId))) throw new NotFoundError(`No legislator with id ${legislatorId}`);
  return (await findStanceEvents(db, campaignId, legislatorId)).map((row) => ({
    id: row.id,
    fromStance: row.fromStance === null ? null : asStance(row.fromStance),
    toStance: asStance(row.toStance),
    actor: row.actor,
    note: row.note,
    occurredAt: row.occurredAt,
  }));
}

/** Every sitting legislator (one row per seat) with the stance in `campaignId` (public fields only). */
export async function listLegislators(db: Db, { campaignId, districtId }: { campaignId: number; districtId?: number | undefined }): Promise<LegislatorSummary[]> {
  await getCampaign(db, campaignId);
  const stances = new Map((await findStances(db, campaignId)).map((row) => [row.legislatorId, row]));
  return (await findSittingRoles(db))
    .filter((role) => districtId === undefined || role.districtId === districtId)
    .map((role) => {
      const stance = stances.get(role.legislatorId);
      return {
        legislatorId: role.legislatorId,
        name: role.name,
        party: role.party,
        chamber: role.chamber as LegislatorSummary["chamber"],
        state: role.state,
        districtId: role.districtId,
        districtName: role.matchedDistrictName ?? role.districtName,
        stance: stance ? asStance(stance.stance) : "unknown",
        stanceUpdatedAt: stance?.updatedAt ?? null,
      };
    });
}

export interface CosponsorImportSummary {
  campaign: string;
  state: string;
  names: number;
  /** Set to cosponsor by this import. */
  updated: string[];
  /** Already cosponsors. */
  unchanged: string[];
  /** Champions stay champions: the ladder never goes down on import. */
  keptChampion: string[];
}

/**
 * Mark the bill's cosponsors: every name is matched (normalised: titles, initials, "Last, First",
 * accents) against the state's sitting legislators, and each becomes a `cosponsor` unless already
 * a champion. All or nothing: an unmatched or ambiguous name refuses the whole list, naming them.
 */
export async function importCosponsors(
  db: Db,
  { campaignId, state, names, source }: { campaignId: number; state: string; names: string[]; source: string },
  actor: Actor,
  now = new Date(),
): Promise<CosponsorImportSummary> {
  const campaign = await getCampaign(db, campaignId);
  const code = parseStateCode(state);
  if (!code) throw new FieldError("state", stateCodeProblem(state));
  const list = names.map((name) => name.trim()).filter(Boolean);
  if (list.length === 0) throw new InputError(`${source} lists no names`);
  const seats = (await findSittingRoles(db)).filter((role) => role.state === code);
  if (seats.length === 0) throw new NotFoundError(`No sitting ${code} legislators: import them first with --as legislators --state ${code}`);
  const people = [...new Map(seats.map((seat) => [seat.legislatorId, seat])).values()];

  const problems: string[] = [];
  const matched = new Map<number, string>();
  for (const name of list) {
    const match = matchPersonName(name, people, (person) => [person.name, ...otherNamesOf(person)]);
    if (match.status === "unmatched") problems.push(`"${name}" matches no sitting ${code} legislator`);
    else if (match.status === "ambiguous") problems.push(`"${name}" could be ${match.items.map((item) => item.name).join(" or ")}`);
    else matched.set(match.item.legislatorId, match.item.name);
  }
  if (problems.length) throw new InputError(`${problems.length} of ${list.length} names not matched, nothing imported: ${problems.join("; ")}`);

  const summary: CosponsorImportSummary = { campaign: campaign.name, state: code, names: list.length, updated: [], unchanged: [], keptChampion: [] };
  const current = new Map((await findStances(db, campaign.id)).map((row) => [row.legislatorId, asStance(row.stance)]));
  for (const [legislatorId, name] of matched) {
    const stance = current.get(legislatorId) ?? "unknown";
    if (stance === "champion") summary.keptChampion.push(name);
    else if (stance === "cosponsor") summary.unchanged.push(name);
    else {
      await setStance(db, { campaignId: campaign.id, legislatorId, stance: "cosponsor", note: `On the cosponsor list ${source}` }, actor, now);
      summary.updated.push(name);
    }
  }
  return summary;
}
