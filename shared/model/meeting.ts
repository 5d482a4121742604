import { z } from "zod";
import { rowIdSchema } from "../ids/row-id";
import { ladderStepIdSchema } from "./ladder";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date like 2026-03-05");
const text = (max: number) => z.string().trim().max(max).nullish();

/** Where meetings usually happen; any other place may be typed. */
export const MEETING_PLACES = ["District office", "State House", "Town hall", "Video call"] as const;

/** A meeting with a legislator, as a hub or organizer logs it. */
export const logMeetingInputSchema = z.object({
  campaignId: rowIdSchema,
  legislatorId: rowIdSchema,
  metOn: isoDate,
  hubIds: z.array(rowIdSchema).max(20).default([]),
  constituents: z.number().int().min(0).max(100_000).nullish(),
  place: text(200),
  ask: text(2000),
  answer: text(2000),
  /** The bill the outcome step is on (omitted: the campaign's first bill). */
  billId: rowIdSchema.optional(),
  /** Where the meeting left the legislator on the ladder; moves them there (source: meeting). */
  outcomeStep: ladderStepIdSchema.nullish(),
  /** Follow-ups: each becomes a next action attached to the legislator. */
  followUps: z.array(z.string().trim().min(1).max(300)).max(20).default([]),
  /** Never on a public surface. */
  privateNotes: text(4000),
});
export type LogMeetingInput = z.input<typeof logMeetingInputSchema>;

/** A next action attached to a legislator (private), a meeting's follow-up when `meetingId` is set. */
export interface LegislatorNextAction {
  id: number;
  legislatorId: number;
  meetingId: number | null;
  title: string;
  owner: string | null;
  dueOn: string | null;
  doneAt: string | null;
  createdBy: string;
  createdAt: string;
}

export interface Meeting {
  id: number;
  legislatorId: number;
  metOn: string;
  place: string | null;
  constituents: number | null;
  hubs: Array<{ id: number; name: string }>;
  ask: string | null;
  answer: string | null;
  billId: number | null;
  outcomeStep: string | null;
  privateNotes: string | null;
  createdBy: string;
  createdAt: string;
  followUps: LegislatorNextAction[];
}

export const addLegislatorNextActionInputSchema = z.object({
  campaignId: rowIdSchema,
  legislatorId: rowIdSchema,
  title: z.string().trim().min(1, "a next action needs a title").max(300),
  owner: text(120),
  dueOn: isoDate.nullish(),
});
export type AddLegislatorNextActionInput = z.input<typeof addLegislatorNextActionInputSchema>;
