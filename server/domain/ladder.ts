import { parseStateCode, stateCodeProblem } from "../../shared/ids/usps";
import {
  JURISDICTION_CHAMBERS,
  setStepInputSchema,
  type Bill,
  type CosponsorImportSummary,
  type SetStepInput,
  type StepEvent,
  type StepSource,
  type UndoStepInput,
} from "../../shared/model/ladder";
import type { LegislatorSummary } from "../../shared/model/legislator";
import { cosponsorListMove, firstStepOf } from "../../shared/rules/ladder";
import { matchPersonName } from "../../shared/rules/person-names";
import type { Db } from "../db/connect";
import { findSittingRoles } from "../db/repositories/legislator-repository";
import { otherNamesOf } from "./legislators";
import { findLastStepEvent, findLegislatorById, findStep, findStepEvents, findSteps, writeStep } from "../db/repositories/ladder-repository";
import { FieldError, InputError, NotFoundError } from "../errors";
import { moveOnLadder, undoOnLadder, type LadderMoveResult, type LadderTrack } from "./ladder-track";
import type { Actor } from "./actor";
import { getBill, listBills, resolveBill } from "./bills";
import { getCampaign } from "./campaigns";

export type { CosponsorImportSummary };

export interface StepChange extends LadderMoveResult {
  billId: number;
  legislatorId: number;
}

/** A legislator's step on one bill, as a track on the campaign's ladder. */
async function legislatorTrack(db: Db, campaignId: number, billId: number | undefined, legislatorId: number) {
  const campaign = await getCampaign(db, campaignId);
  const bill = await getBill(db, campaign.id, billId);
  const legislator = await findLegislatorById(db, legislatorId);
  if (!legislator) throw new NotFoundError(`No legislator with id ${legislatorId}`);
  const track: LadderTrack = {
    what: `${legislator.name}'s step on ${bill.name}`,
    current: async () => (await findStep(db, bill.id, legislator.id))?.step,
    last: () => findLastStepEvent(db, bill.id, legislator.id),
    write: (move, exists) => writeStep(db, { billId: bill.id, legislatorId: legislator.id, ...move }, exists),
  };
  return { ladder: campaign.ladder, track, ids: { billId: bill.id, legislatorId: legislator.id } };
}

/**
 * Move a legislator on the campaign's ladder for one bill (the first bill when none is named),
 * appending one event: who, when, from, to, source, link and private note. Run it in a
 * transaction. Setting the step they already stand at changes nothing.
 */
export async function setStep(db: Db, rawInput: SetStepInput, actor: Actor, now = new Date()): Promise<StepChange> {
  const input = setStepInputSchema.parse(rawInput);
  const { ladder, track, ids } = await legislatorTrack(db, input.campaignId, input.billId, input.legislatorId);
  return { ...ids, ...(await moveOnLadder(track, ladder, input, actor, now)) };
}

/**
 * Undo the last step change of a legislator on a bill: appends an event back to where it came
 * from (nothing is deleted), like the stage history's undo. Refused when someone changed it since.
 */
export async function undoLastStep(db: Db, input: UndoStepInput, actor: Actor, now = new Date()): Promise<StepChange> {
  const { ladder, track, ids } = await legislatorTrack(db, input.campaignId, input.billId, input.legislatorId);
  return { ...ids, ...(await undoOnLadder(track, ladder, input.expectedEventId, actor, now)) };
}

/** A legislator's ladder history on every bill of a campaign, oldest first. Actor and notes are private: member-only. */
export async function listStepHistory(db: Db, { campaignId, legislatorId }: { campaignId: number; legislatorId: number }): Promise<StepEvent[]> {
  await getCampaign(db, campaignId);
  if (!(await findLegislatorById(db, legislatorId))) throw new NotFoundError(`No legislator with id ${legislatorId}`);
  return (await findStepEvents(db, campaignId, legislatorId)).map((row) => ({ ...row, source: row.source as StepSource }));
}

/** Every sitting legislator (one row per seat) with their step on each bill of `campaignId` (public fields only). */
export async function listLegislators(db: Db, { campaignId, districtId }: { campaignId: number; districtId?: number | undefined }): Promise<LegislatorSummary[]> {
  const campaign = await getCampaign(db, campaignId);
  const bills = await listBills(db, campaignId);
  const steps = new Map((await findSteps(db, campaignId)).map((row) => [`${row.billId}:${row.legislatorId}`, row]));
  const first = firstStepOf(campaign.ladder);
  return (await findSittingRoles(db))
    .filter((role) => districtId === undefined || role.districtId === districtId)
    .map((role) => ({
      legislatorId: role.legislatorId,
      name: role.name,
      party: role.party,
      chamber: role.chamber as LegislatorSummary["chamber"],
      state: role.state,
      districtId: role.districtId,
      districtName: role.matchedDistrictName ?? role.districtName,
      steps: bills.map((bill) => {
        const step = steps.get(`${bill.id}:${role.legislatorId}`);
        return { billId: bill.id, step: step?.step ?? first, updatedAt: step?.updatedAt ?? null };
      }),
    }));
}

/**
 * Mark a bill's cosponsors: every name is matched (normalised: titles, initials, "Last, First",
 * accents) against the sitting legislators of the bill's jurisdiction (state: the state's two
 * chambers; federal: Members of Congress and Senators), and each moves up to `cosponsor`, never
 * down. Names left unmatched or ambiguous are reported; a list matching nobody is refused.
 */
export async function importCosponsors(
  db: Db,
  { campaignId, bill: billName, state, names, source }: { campaignId: number; bill?: string | undefined; state?: string | undefined; names: string[]; source: string },
  actor: Actor,
  now = new Date(),
): Promise<CosponsorImportSummary> {
  const campaign = await getCampaign(db, campaignId);
  const bill: Bill = await resolveBill(db, campaign.id, billName);
  const code = state === undefined ? null : (parseStateCode(state) ?? null);
  if (state !== undefined && !code) throw new FieldError("state", stateCodeProblem(state));
  const list = names.map((name) => name.trim()).filter(Boolean);
  if (list.length === 0) throw new InputError(`${source} lists no names`);
  const chambers = JURISDICTION_CHAMBERS[bill.jurisdiction];
  const seats = (await findSittingRoles(db)).filter((role) => chambers.includes(role.chamber) && (code === null || role.state === code));
  const [one, many] = bill.jurisdiction === "federal" ? ["member of Congress", "members of Congress"] : ["legislator", "legislators"];
  const who = code ? `${code} ${one}` : one;
  if (seats.length === 0) throw new NotFoundError(`No sitting ${code ? `${code} ` : ""}${many} for ${bill.name}: import them first with --as legislators`);
  const people = [...new Map(seats.map((seat) => [seat.legislatorId, seat])).values()];

  const summary: CosponsorImportSummary = { campaign: campaign.name, bill: bill.name, state: code, names: list.length, updated: [], unchanged: [], keptHigher: [], unmatched: [] };
  const matched = new Map<number, string>();
  for (const name of list) {
    const match = matchPersonName(name, people, (person) => [person.name, ...otherNamesOf(person)]);
    if (match.status === "unmatched") summary.unmatched.push(`"${name}" matches no sitting ${who}`);
    else if (match.status === "ambiguous") summary.unmatched.push(`"${name}" could be ${match.items.map((item) => item.name).join(" or ")}`);
    else matched.set(match.item.legislatorId, match.item.name);
  }
  if (matched.size === 0) throw new InputError(`None of the ${list.length} names in ${source} is a sitting ${who}, nothing imported: ${summary.unmatched.join("; ")}`);

  const current = new Map((await findSteps(db, campaign.id)).filter((row) => row.billId === bill.id).map((row) => [row.legislatorId, row.step]));
  for (const [legislatorId, name] of matched) {
    const step = current.get(legislatorId) ?? firstStepOf(campaign.ladder);
    const target = cosponsorListMove(campaign.ladder, step);
    if (target === null) (step === "cosponsor" ? summary.unchanged : summary.keptHigher).push(name);
    else {
      await setStep(db, { campaignId: campaign.id, billId: bill.id, legislatorId, step: target, source: "cosponsor_list", note: `On the cosponsor list ${source}` }, actor, now);
      summary.updated.push(name);
    }
  }
  return summary;
}
