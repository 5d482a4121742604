import {
  addLegislatorNextActionInputSchema,
  logMeetingInputSchema,
  type AddLegislatorNextActionInput,
  type LegislatorNextAction,
  type LogMeetingInput,
  type Meeting,
} from "../../shared/model/meeting";
import type { Db } from "../db/connect";
import { findExistingIds } from "../db/repositories/hub-repository";
import { findLegislatorById } from "../db/repositories/ladder-repository";
import {
  findLegislatorTask,
  findLegislatorTasks,
  findMeetingHubs,
  findMeetings,
  insertLegislatorTask,
  insertMeeting,
  setLegislatorTaskDone,
} from "../db/repositories/meeting-repository";
import { InputError, NotFoundError } from "../errors";
import type { Actor } from "./actor";
import { getBill } from "./bills";
import { getCampaign } from "./campaigns";
import { setStep } from "./ladder";

async function checkLegislator(db: Db, legislatorId: number) {
  const legislator = await findLegislatorById(db, legislatorId);
  if (!legislator) throw new NotFoundError(`No legislator with id ${legislatorId}`);
  return legislator;
}

/**
 * Log a meeting with a legislator: who met them (hubs, how many constituents), where, the ask and
 * the answer, private notes. An outcome step moves the legislator on the bill's ladder (source:
 * meeting); each follow-up becomes a next action attached to the legislator. One transaction,
 * opened by the caller. A meeting dated after today is refused.
 */
export async function logMeeting(db: Db, rawInput: LogMeetingInput, actor: Actor, now = new Date()): Promise<Meeting> {
  const input = logMeetingInputSchema.parse(rawInput);
  const campaign = await getCampaign(db, input.campaignId);
  const legislator = await checkLegislator(db, input.legislatorId);
  if (input.metOn > now.toISOString().slice(0, 10)) throw new InputError(`A meeting on ${input.metOn} has not happened yet: log it afterwards`);
  const hubIds = [...new Set(input.hubIds)];
  const found = await findExistingIds(db, "hub", hubIds);
  const missing = hubIds.filter((id) => !found.has(id));
  if (missing.length) throw new NotFoundError(`No hub with id ${missing.join(", ")}`);
  const bill = await getBill(db, campaign.id, input.billId);
  const stamp = now.toISOString();
  const id = await insertMeeting(
    db,
    {
      campaignId: campaign.id,
      legislatorId: legislator.id,
      metOn: input.metOn,
      place: input.place?.trim() || null,
      constituents: input.constituents ?? null,
      ask: input.ask?.trim() || null,
      answer: input.answer?.trim() || null,
      billId: input.outcomeStep ? bill.id : null,
      outcomeStep: input.outcomeStep ?? null,
      privateNotes: input.privateNotes?.trim() || null,
      createdBy: actor.name,
      createdAt: stamp,
    },
    hubIds,
  );
  if (input.outcomeStep) {
    await setStep(
      db,
      { campaignId: campaign.id, billId: bill.id, legislatorId: legislator.id, step: input.outcomeStep, source: "meeting", note: `Meeting of ${input.metOn}` },
      actor,
      now,
    );
  }
  for (const title of input.followUps) {
    await insertLegislatorTask(db, {
      campaignId: campaign.id,
      legislatorId: legislator.id,
      meetingId: id,
      title,
      owner: null,
      dueOn: null,
      doneAt: null,
      createdBy: actor.name,
      createdAt: stamp,
    });
  }
  const meeting = (await listMeetings(db, { campaignId: campaign.id, legislatorId: legislator.id })).find((entry) => entry.id === id);
  return meeting!;
}

/** A legislator's meetings in a campaign, newest first, with hubs and follow-ups (members only: private notes). */
export async function listMeetings(db: Db, { campaignId, legislatorId }: { campaignId: number; legislatorId: number }): Promise<Meeting[]> {
  await getCampaign(db, campaignId);
  await checkLegislator(db, legislatorId);
  const rows = await findMeetings(db, campaignId, legislatorId);
  const hubs = await findMeetingHubs(
    db,
    rows.map((row) => row.id),
  );
  const tasks = await listLegislatorNextActions(db, { campaignId, legislatorId });
  return rows.map((row) => ({
    ...row,
    hubs: hubs.filter((hub) => hub.meetingId === row.id).map((hub) => ({ id: hub.id, name: hub.name })),
    followUps: tasks.filter((task) => task.meetingId === row.id),
  }));
}

/** Next actions attached to a legislator (members only), open first, then by when they were added. */
export async function listLegislatorNextActions(db: Db, { campaignId, legislatorId }: { campaignId: number; legislatorId: number }): Promise<LegislatorNextAction[]> {
  const rows = await findLegislatorTasks(db, campaignId, legislatorId);
  return rows.sort((a, b) => Number(a.doneAt !== null) - Number(b.doneAt !== null) || a.id - b.id).map(({ campaignId: _campaignId, ...task }) => task);
}

export async function addLegislatorNextAction(db: Db, rawInput: AddLegislatorNextActionInput, actor: Actor, now = new Date()): Promise<LegislatorNextAction> {
  const input = addLegislatorNextActionInputSchema.parse(rawInput);
  await getCampaign(db, input.campaignId);
  await checkLegislator(db, input.legislatorId);
  const id = await insertLegislatorTask(db, {
    campaignId: input.campaignId,
    legislatorId: input.legislatorId,
    meetingId: null,
    title: input.title,
    owner: input.owner?.trim() || null,
    dueOn: input.dueOn ?? null,
    doneAt: null,
    createdBy: actor.name,
    createdAt: now.toISOString(),
  });
  return (await listLegislatorNextActions(db, input)).find((task) => task.id === id)!;
}

/** Mark a legislator's next action done (or open again). */
export async function completeLegislatorNextAction(db: Db, { nextActionId, done }: { nextActionId: number; done: boolean }, now = new Date()): Promise<LegislatorNextAction> {
  const task = await findLegislatorTask(db, nextActionId);
  if (!task) throw new NotFoundError(`No next action with id ${nextActionId}`);
  await setLegislatorTaskDone(db, task.id, done ? now.toISOString() : null);
  return (await listLegislatorNextActions(db, task)).find((entry) => entry.id === task.id)!;
}

/** The legislator a next action is attached to (for the hub-area check), or null when there is none. */
export async function legislatorOfNextAction(db: Db, nextActionId: number): Promise<number | null> {
  return (await findLegislatorTask(db, nextActionId))?.legislatorId ?? null;
}
