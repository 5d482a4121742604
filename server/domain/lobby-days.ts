import {
  lobbySignUpInputSchema,
  reportBackInputSchema,
  saveLobbyDayInputSchema,
  scheduleVisitInputSchema,
  type LobbyDay,
  type LobbyDayDetail,
  type LobbyDaySummary,
  type LobbySignUp,
  type LobbySignUpInput,
  type LobbyVisit,
  type ReportBackInput,
  type SaveLobbyDayInput,
  type ScheduleVisitInput,
} from "../../shared/model/lobby-day";
import type { Meeting } from "../../shared/model/meeting";
import type { SeatChamber } from "../../shared/model/district";
import { hasConstituent } from "../../shared/rules/lobby-day";
import type { Db } from "../db/connect";
import type { LobbyDayTable } from "../db/schema";
import type { Selectable } from "kysely";
import {
  deleteLobbySignup,
  findLobbyDay,
  findLobbyDays,
  findLobbySignup,
  findLobbySignups,
  findLobbyVisits,
  insertLobbyDay,
  insertLobbySignup,
  updateLobbyDay,
  upsertLobbyVisit,
} from "../db/repositories/lobby-day-repository";
import { findExistingIds } from "../db/repositories/hub-repository";
import { ConflictError, ForbiddenError, InputError, NotFoundError } from "../errors";
import type { Actor } from "./actor";
import { listBills } from "./bills";
import { getCampaign } from "./campaigns";
import { logMeeting } from "./meetings";
import { listTargets } from "./targets";

const today = (now: Date) => now.toISOString().slice(0, 10);

const toLobbyDay = (row: Selectable<LobbyDayTable>): LobbyDay => ({
  id: row.id,
  campaignId: row.campaignId,
  name: row.name,
  heldOn: row.heldOn,
  startsAt: row.startsAt,
  place: row.place,
  billIds: JSON.parse(row.billIds) as number[],
  chambers: JSON.parse(row.chambers) as SeatChamber[],
  notes: row.notes,
  createdBy: row.createdBy,
  updatedAt: row.updatedAt,
});

async function loadLobbyDay(db: Db, lobbyDayId: number): Promise<LobbyDay> {
  const row = await findLobbyDay(db, lobbyDayId);
  if (!row) throw new NotFoundError(`No lobby day with id ${lobbyDayId}`);
  return toLobbyDay(row);
}

/** Create a lobby day, or change one (`lobbyDayId`): its bills must be the campaign's own. */
export async function saveLobbyDay(db: Db, rawInput: SaveLobbyDayInput, actor: Actor, now = new Date()): Promise<LobbyDay> {
  const input = saveLobbyDayInputSchema.parse(rawInput);
  await getCampaign(db, input.campaignId);
  const billIds = [...new Set(input.billIds)];
  const bills = new Set((await listBills(db, input.campaignId)).map((bill) => bill.id));
  const foreign = billIds.filter((id) => !bills.has(id));
  if (foreign.length) throw new InputError(`Bill ${foreign.join(", ")} is not one of this campaign's bills`);
  const values = {
    name: input.name,
    heldOn: input.heldOn,
    startsAt: input.startsAt ?? null,
    place: input.place?.trim() || null,
    billIds: JSON.stringify(billIds),
    chambers: JSON.stringify([...new Set(input.chambers)]),
    notes: input.notes?.trim() || null,
    updatedAt: now.toISOString(),
  };
  if (input.lobbyDayId === undefined) {
    return loadLobbyDay(db, await insertLobbyDay(db, { ...values, campaignId: input.campaignId, createdBy: actor.name, createdAt: now.toISOString() }));
  }
  const existing = await loadLobbyDay(db, input.lobbyDayId);
  if (existing.campaignId !== input.campaignId) throw new NotFoundError(`No lobby day with id ${input.lobbyDayId} in this campaign`);
  await updateLobbyDay(db, existing.id, values);
  return loadLobbyDay(db, existing.id);
}

/** A campaign's lobby days, the next first and then the past ones, with their sign-up figures. */
export async function listLobbyDays(db: Db, { campaignId }: { campaignId: number }, now = new Date()): Promise<LobbyDaySummary[]> {
  const days = (await findLobbyDays(db, campaignId)).map(toLobbyDay);
  const summaries = [];
  for (const day of days) {
    const { visits } = await detailOf(db, day);
    summaries.push({
      ...day,
      offices: visits.length,
      officesWithConstituent: visits.filter(hasConstituent).length,
      signUps: visits.reduce((sum, visit) => sum + visit.signUps.length, 0),
    });
  }
  const upcoming = (day: LobbyDay) => day.heldOn >= today(now);
  return summaries.sort((a, b) => Number(upcoming(b)) - Number(upcoming(a)) || (upcoming(a) ? a.heldOn.localeCompare(b.heldOn) : b.heldOn.localeCompare(a.heldOn)));
}

/**
 * Every office the day visits: the sitting legislators of its chambers in the campaign's states
 * (targets rows: steps, committees, hubs covering the district, last contact), each with who
 * signed up, the time and room, and the report-back meeting.
 */
export async function getLobbyDay(db: Db, { lobbyDayId }: { lobbyDayId: number }): Promise<LobbyDayDetail> {
  return detailOf(db, await loadLobbyDay(db, lobbyDayId));
}

async function detailOf(db: Db, lobbyDay: LobbyDay): Promise<LobbyDayDetail> {
  const campaign = await getCampaign(db, lobbyDay.campaignId);
  const states = campaign.scope.states;
  const { rows } = await listTargets(db, { campaignId: campaign.id, withContacts: true });
  const seats = rows.filter((row) => lobbyDay.chambers.includes(row.chamber) && (states.length === 0 || states.includes(row.state)));
  const visits = new Map((await findLobbyVisits(db, [lobbyDay.id])).map((visit) => [visit.legislatorId, visit]));
  const signUps = await findLobbySignups(db, [lobbyDay.id]);
  return {
    lobbyDay,
    visits: seats.map((seat): LobbyVisit => ({
      seat,
      signUps: signUps
        .filter((signUp) => signUp.legislatorId === seat.legislatorId)
        .map((signUp) => ({
          id: signUp.id,
          legislatorId: signUp.legislatorId,
          name: signUp.name,
          hubId: signUp.hubId,
          hubName: signUp.hubName,
          constituent: signUp.isConstituent === 1,
          createdBy: signUp.createdBy,
        })),
      time: visits.get(seat.legislatorId)?.time ?? null,
      room: visits.get(seat.legislatorId)?.room ?? null,
      meetingId: visits.get(seat.legislatorId)?.meetingId ?? null,
    })),
  };
}

async function visitOf(db: Db, lobbyDayId: number, legislatorId: number): Promise<{ detail: LobbyDayDetail; visit: LobbyVisit }> {
  const detail = await getLobbyDay(db, { lobbyDayId });
  const visit = detail.visits.find((entry) => entry.seat.legislatorId === legislatorId);
  if (!visit) throw new NotFoundError(`Legislator ${legislatorId} holds no seat this lobby day visits`);
  return { detail, visit };
}

/**
 * Sign someone up to meet a legislator. A hub member signs up with their own hub; nobody signs
 * up twice for the same office, nor for a day that is over.
 */
export async function signUp(db: Db, rawInput: LobbySignUpInput, actor: Actor, now = new Date()): Promise<LobbySignUp> {
  const input = lobbySignUpInputSchema.parse(rawInput);
  const { detail, visit } = await visitOf(db, input.lobbyDayId, input.legislatorId);
  if (detail.lobbyDay.heldOn < today(now)) throw new InputError(`${detail.lobbyDay.name} was on ${detail.lobbyDay.heldOn}: sign-ups are closed`);
  let hubId = input.hubId ?? null;
  if (actor.role === "hub") {
    if (hubId !== null && hubId !== actor.hubId) throw new ForbiddenError("Hub members sign up with their own hub");
    hubId = actor.hubId ?? null;
  }
  if (hubId !== null && !(await findExistingIds(db, "hub", [hubId])).has(hubId)) throw new NotFoundError(`No hub with id ${hubId}`);
  if (visit.signUps.some((entry) => entry.name.toLocaleLowerCase() === input.name.toLocaleLowerCase())) {
    throw new ConflictError(`${input.name} is already signed up to meet ${visit.seat.name}`);
  }
  const id = await insertLobbySignup(db, {
    lobbyDayId: input.lobbyDayId,
    legislatorId: input.legislatorId,
    name: input.name,
    hubId,
    isConstituent: input.constituent ? 1 : 0,
    createdBy: actor.name,
    createdAt: now.toISOString(),
  });
  return (await visitOf(db, input.lobbyDayId, input.legislatorId)).visit.signUps.find((entry) => entry.id === id)!;
}

/** Take a sign-up back: a hub member only their own hub's. */
export async function withdrawSignUp(db: Db, { lobbyDayId, signUpId }: { lobbyDayId: number; signUpId: number }, actor: Actor): Promise<{ legislatorId: number }> {
  const row = await findLobbySignup(db, signUpId);
  if (!row || row.lobbyDayId !== lobbyDayId) throw new NotFoundError(`No sign-up with id ${signUpId} on this lobby day`);
  if (actor.role === "hub" && row.hubId !== actor.hubId) throw new ForbiddenError("Hub members take back only their own hub's sign-ups");
  await deleteLobbySignup(db, row.id);
  return { legislatorId: row.legislatorId };
}

/** The coordinator sets (or clears) an office's time and room. */
export async function scheduleVisit(db: Db, rawInput: ScheduleVisitInput): Promise<LobbyVisit> {
  const input = scheduleVisitInputSchema.parse(rawInput);
  await visitOf(db, input.lobbyDayId, input.legislatorId);
  await upsertLobbyVisit(db, input, { time: input.time, room: input.room?.trim() || null });
  return (await visitOf(db, input.lobbyDayId, input.legislatorId)).visit;
}

/**
 * A visit's report-back: a meeting dated the lobby day, at the visit's room and the day's place,
 * with the hubs and constituents signed up unless the form says otherwise, its outcome moving
 * the ladder and its follow-ups becoming next actions (as any logged meeting). Once per visit.
 */
export async function reportBack(db: Db, rawInput: ReportBackInput, actor: Actor, now = new Date()): Promise<Meeting> {
  const input = reportBackInputSchema.parse(rawInput);
  const { detail, visit } = await visitOf(db, input.lobbyDayId, input.legislatorId);
  const day = detail.lobbyDay;
  if (visit.meetingId !== null) throw new ConflictError(`The visit to ${visit.seat.name} on ${day.heldOn} is already reported back`);
  if (day.heldOn > today(now)) throw new InputError(`${day.name} is on ${day.heldOn}: report back after the visit`);
  const { lobbyDayId: _lobbyDayId, ...meeting } = input;
  const hubIds = meeting.hubIds.length ? meeting.hubIds : [...new Set(visit.signUps.flatMap((signUp) => (signUp.hubId === null ? [] : [signUp.hubId])))];
  const logged = await logMeeting(
    db,
    {
      ...meeting,
      campaignId: day.campaignId,
      metOn: day.heldOn,
      hubIds,
      constituents: meeting.constituents ?? visit.signUps.filter((signUp) => signUp.constituent).length,
      place: meeting.place ?? ([visit.room, day.place].filter(Boolean).join(", ") || `${day.name}`),
      ...(meeting.billId === undefined && day.billIds[0] !== undefined ? { billId: day.billIds[0] } : {}),
    },
    actor,
    now,
  );
  await upsertLobbyVisit(db, { lobbyDayId: day.id, legislatorId: input.legislatorId }, { meetingId: logged.id });
  return logged;
}
