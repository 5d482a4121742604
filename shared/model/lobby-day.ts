import { z } from "zod";
import { rowIdSchema } from "../ids/row-id";
import { campaignIdSchema } from "./campaign";
import { seatChamberSchema } from "./district";
import { legislatorIdSchema } from "./legislator";
import { logMeetingInputSchema } from "./meeting";
import type { TargetRow } from "./targets";

/**
 * Lobby days: a campaign's day at the State House (date, place, the bills), where hubs sign up to
 * meet their own legislators, the coordinator schedules each office's visit and fills the gaps,
 * and each visit's report-back becomes a logged meeting. Everything here is for signed-in members.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date like 2026-03-05");
/** Wall-clock time at the State House, `HH:MM` (24 h). */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time like 10:30");
const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const lobbyDayIdSchema = rowIdSchema;

export const saveLobbyDayInputSchema = z.object({
  campaignId: campaignIdSchema,
  /** Omitted: a new lobby day. */
  lobbyDayId: lobbyDayIdSchema.optional(),
  name: z.string().trim().min(1, "a lobby day needs a name").max(200),
  heldOn: isoDate,
  /** When the day starts (briefing), if known. */
  startsAt: clockTime.nullish(),
  place: optionalText(200),
  /** The bills the day is about (ids of the campaign's bills); empty: all of them. */
  billIds: z.array(rowIdSchema).max(20).default([]),
  /** Which seats the day visits: the state legislature by default. */
  chambers: z.array(seatChamberSchema).min(1, "choose at least one chamber").max(4).default(["state_lower", "state_upper"]),
  notes: optionalText(4000),
});
export type SaveLobbyDayInput = z.input<typeof saveLobbyDayInputSchema>;

export const lobbySignUpInputSchema = z.object({
  lobbyDayId: lobbyDayIdSchema,
  legislatorId: legislatorIdSchema,
  /** Who is coming: a person's name as the team knows them. */
  name: z.string().trim().min(1, "say who is coming").max(120),
  /** The hub they come with (a hub member: their own hub, always). */
  hubId: rowIdSchema.nullish(),
  /** Lives in the legislator's district: what makes an office visit count. */
  constituent: z.boolean().default(true),
});
export type LobbySignUpInput = z.input<typeof lobbySignUpInputSchema>;

export const withdrawSignUpInputSchema = z.object({ lobbyDayId: lobbyDayIdSchema, signUpId: rowIdSchema });

export const scheduleVisitInputSchema = z.object({
  lobbyDayId: lobbyDayIdSchema,
  legislatorId: legislatorIdSchema,
  /** Null clears the time. */
  time: clockTime.nullable(),
  room: optionalText(120),
});
export type ScheduleVisitInput = z.input<typeof scheduleVisitInputSchema>;

/** The report-back of one visit: a meeting (dated the lobby day, at its place) linked to the visit. */
export const reportBackInputSchema = logMeetingInputSchema.omit({ metOn: true, campaignId: true }).extend({ lobbyDayId: lobbyDayIdSchema });
export type ReportBackInput = z.input<typeof reportBackInputSchema>;

export interface LobbyDay {
  id: number;
  campaignId: number;
  name: string;
  heldOn: string;
  startsAt: string | null;
  place: string | null;
  billIds: number[];
  chambers: Array<z.infer<typeof seatChamberSchema>>;
  notes: string | null;
  createdBy: string;
  updatedAt: string;
}

export interface LobbySignUp {
  id: number;
  legislatorId: number;
  name: string;
  hubId: number | null;
  hubName: string | null;
  constituent: boolean;
  createdBy: string;
}

/** One office the day may visit: the legislator's seat (targets row), its sign-ups, time, room, report-back. */
export interface LobbyVisit {
  seat: TargetRow;
  signUps: LobbySignUp[];
  time: string | null;
  room: string | null;
  /** The meeting logged as this visit's report-back, once there is one. */
  meetingId: number | null;
}

export interface LobbyDayDetail {
  lobbyDay: LobbyDay;
  visits: LobbyVisit[];
}

/** A lobby day in the list: sign-up figures at a glance. */
export interface LobbyDaySummary extends LobbyDay {
  offices: number;
  officesWithConstituent: number;
  signUps: number;
}
