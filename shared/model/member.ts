import { z } from "zod";
import { MAX_ROW_ID, rowIdSchema } from "../ids/row-id";
import { MEETING_VOTES } from "../rules/meeting-tally";
import { POSITIONS, VOTE_RULES, type Position, type VoteRule, type WhipCount } from "../rules/whip";
import { bodyIdSchema } from "./body";
import { campaignIdSchema } from "./campaign";
import { isoDateSchema, optionalLine, optionalText } from "./fields";

/** A person on a body (PRODUCT.md glossary "Member"). `privateContact` is private. */
export const memberIdSchema = rowIdSchema;

export const memberFieldsSchema = z.object({
  name: z.string().trim().min(1, "a member needs a name").max(120),
  role: optionalLine(80),
  termStart: isoDateSchema.nullable(),
  termEnd: isoDateSchema.nullable(),
  publicContact: optionalLine(300),
  privateContact: optionalLine(300),
});

export const addMemberInputSchema = memberFieldsSchema.partial({ role: true, termStart: true, termEnd: true, publicContact: true, privateContact: true }).extend({
  bodyId: bodyIdSchema,
});
export type AddMemberInput = z.input<typeof addMemberInputSchema>;

export const updateMemberInputSchema = z.object({ memberId: memberIdSchema, changes: memberFieldsSchema.partial() });
export type UpdateMemberInput = z.input<typeof updateMemberInputSchema>;

export const positionSchema = z.enum(POSITIONS);
export const sponsorRoleSchema = z.enum(["lead", "cosponsor"]);
export type SponsorRole = z.infer<typeof sponsorRoleSchema>;

export const SPONSOR_ROLE_LABELS: Record<SponsorRole, string> = { lead: "Lead sponsor", cosponsor: "Cosponsor" };

/**
 * A member's stand on one campaign's resolution. Only the fields sent change. `isInternal`
 * keeps the position out of every public surface; `note` is always private. `contactedBy`
 * defaults to whoever records a new `lastContactedOn`.
 */
export const setPositionInputSchema = z.object({
  campaignId: campaignIdSchema,
  memberId: memberIdSchema,
  position: positionSchema.optional(),
  sponsorRole: sponsorRoleSchema.nullable().optional(),
  isInternal: z.boolean().optional(),
  lastContactedOn: isoDateSchema.nullable().optional(),
  contactedBy: optionalLine(120).optional(),
  note: optionalText(2000).optional(),
});
export type SetPositionInput = z.input<typeof setPositionInputSchema>;

/** A member as signed-in members see them; also the columns of the `member` table (server/db/schema.ts). */
export interface Member {
  id: number;
  bodyId: number;
  name: string;
  role: string | null;
  termStart: string | null;
  termEnd: string | null;
  publicContact: string | null;
  privateContact: string | null;
}

export interface MemberWithPosition extends Member {
  position: Position;
  sponsorRole: SponsorRole | null;
  isInternal: boolean;
  lastContactedOn: string | null;
  contactedBy: string | null;
  note: string | null;
}

/** How a body votes (stored on the body; used by the whip count and the tally). */
export const votingSetupInputSchema = z
  .object({
    bodyId: bodyIdSchema,
    seats: z.number().int().min(1).max(1000).nullable(),
    vacancies: z.number().int().min(0).max(1000).nullable(),
    quorum: z.number().int().min(1).max(1000).nullable(),
    voteRule: z.enum(VOTE_RULES).nullable(),
    hasVeto: z.boolean(),
    overrideRule: z.enum(VOTE_RULES).nullable(),
  })
  .refine((setup) => setup.seats !== null || (setup.vacancies === null && setup.quorum === null), {
    message: "set the number of seats before vacancies or quorum",
  })
  .refine((setup) => setup.seats === null || (setup.vacancies ?? 0) < setup.seats, { message: "vacancies must be fewer than the seats" })
  .refine((setup) => setup.seats === null || setup.quorum === null || setup.quorum <= setup.seats, { message: "quorum cannot exceed the seats" });
export type VotingSetupInput = z.input<typeof votingSetupInputSchema>;

export interface BodyVotingSetup {
  seats: number | null;
  vacancies: number | null;
  quorum: number | null;
  voteRule: VoteRule | null;
  hasVeto: boolean;
  overrideRule: VoteRule | null;
}

/** The whip panel: the body's voting setup, its members with positions, and the count. */
export interface WhipBoard {
  setup: BodyVotingSetup;
  members: MemberWithPosition[];
  whip: WhipCount;
}

/** A roll call as meeting mode records it: each listed member's vote on the body's resolution. */
export const recordRollCallInputSchema = z.object({
  campaignId: campaignIdSchema,
  bodyId: bodyIdSchema,
  votes: z.array(z.object({ memberId: memberIdSchema, vote: z.enum(MEETING_VOTES) })).max(500),
  /** The resolution's version after the tally this roll call belongs to: a newer one is a conflict (meeting mode's retries send it). */
  expectedVersion: z.number().int().min(1).max(MAX_ROW_ID).optional(),
});
export type RecordRollCallInput = z.infer<typeof recordRollCallInputSchema>;
