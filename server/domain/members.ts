import {
  addMemberInputSchema,
  setPositionInputSchema,
  updateMemberInputSchema,
  votingSetupInputSchema,
  type AddMemberInput,
  type BodyVotingSetup,
  type MemberWithPosition,
  type SetPositionInput,
  type SponsorRole,
  type UpdateMemberInput,
  type VotingSetupInput,
  type WhipBoard,
} from "../../shared/model/member";
import { tallyWhipCount, type Position, type VoteRule } from "../../shared/rules/whip";
import type { Db } from "../db/connect";
import {
  deleteMember,
  findLeadSponsors,
  findMemberById,
  findMembersWithPositions,
  findPosition,
  findVotingSetup,
  insertMember,
  lockBody,
  updateMember as updateMemberRow,
  updateVotingSetup as updateVotingSetupRow,
  upsertPosition,
} from "../db/repositories/member-repository";
import { InputError, NotFoundError } from "../errors";
import type { Actor } from "./actor";
import { getCampaign } from "./campaigns";

async function requireBodySetup(db: Db, bodyId: number) {
  const body = await findVotingSetup(db, bodyId);
  if (!body) throw new NotFoundError(`No body with id ${bodyId}`);
  return body;
}

async function requireMember(db: Db, memberId: number) {
  const member = await findMemberById(db, memberId);
  if (!member) throw new NotFoundError(`No member with id ${memberId}`);
  return member;
}

function toSetup(row: Awaited<ReturnType<typeof requireBodySetup>>): BodyVotingSetup {
  return {
    seats: row.seats,
    vacancies: row.vacancies,
    quorum: row.quorum,
    voteRule: row.voteRule as VoteRule | null,
    hasVeto: row.hasVeto === 1,
    overrideRule: row.overrideRule as VoteRule | null,
  };
}

function checkTerm(termStart: string | null | undefined, termEnd: string | null | undefined) {
  if (termStart && termEnd && termEnd < termStart) throw new InputError("A term cannot end before it starts");
}

/**
 * The whip panel of a body in a campaign: its voting setup, members with positions (private
 * fields included: signed-in members only) and the count.
 */
export async function getWhipBoard(db: Db, key: { campaignId: number; bodyId: number }): Promise<WhipBoard> {
  await getCampaign(db, key.campaignId);
  const body = await requireBodySetup(db, key.bodyId);
  const setup = toSetup(body);
  const members: MemberWithPosition[] = (await findMembersWithPositions(db, key)).map((row) => ({
    id: row.id,
    bodyId: row.bodyId,
    name: row.name,
    role: row.role,
    termStart: row.termStart,
    termEnd: row.termEnd,
    publicContact: row.publicContact,
    privateContact: row.privateContact,
    position: (row.position ?? "unknown") as Position,
    sponsorRole: row.sponsorRole as SponsorRole | null,
    isInternal: row.isInternal === 1,
    lastContactedOn: row.lastContactedOn,
    contactedBy: row.contactedBy,
    note: row.note,
  }));
  const whip = tallyWhipCount(
    { seats: setup.seats, vacancies: setup.vacancies, quorum: setup.quorum, rule: setup.voteRule, hasVeto: setup.hasVeto, overrideRule: setup.overrideRule },
    members.map((member) => member.position),
  );
  return { setup, members, whip };
}

export async function addMember(db: Db, rawInput: AddMemberInput, now = new Date()): Promise<{ id: number }> {
  const input = addMemberInputSchema.parse(rawInput);
  await requireBodySetup(db, input.bodyId);
  checkTerm(input.termStart, input.termEnd);
  const stamp = now.toISOString();
  const id = await insertMember(db, {
    bodyId: input.bodyId,
    name: input.name,
    role: input.role ?? null,
    termStart: input.termStart ?? null,
    termEnd: input.termEnd ?? null,
    publicContact: input.publicContact ?? null,
    privateContact: input.privateContact ?? null,
    createdAt: stamp,
    updatedAt: stamp,
  });
  return { id };
}

export async function updateMember(db: Db, rawInput: UpdateMemberInput, now = new Date()): Promise<{ id: number }> {
  const input = updateMemberInputSchema.parse(rawInput);
  const member = await requireMember(db, input.memberId);
  checkTerm(input.changes.termStart !== undefined ? input.changes.termStart : member.termStart, input.changes.termEnd !== undefined ? input.changes.termEnd : member.termEnd);
  await updateMemberRow(db, member.id, { ...input.changes, updatedAt: now.toISOString() });
  return { id: member.id };
}

/** Remove a member from a body (their positions in every campaign go with them). */
export async function removeMember(db: Db, memberId: number): Promise<{ id: number }> {
  if (!(await deleteMember(db, memberId))) throw new NotFoundError(`No member with id ${memberId}`);
  return { id: memberId };
}

/**
 * Record where a member stands in a campaign. Only the fields sent change. A body has at most
 * one lead sponsor per campaign: naming a second is refused with the current lead's name.
 * Recording a contact date without `contactedBy` credits the actor.
 */
export async function setPosition(db: Db, rawInput: SetPositionInput, actor: Actor, now = new Date()): Promise<MemberWithPosition> {
  const input = setPositionInputSchema.parse(rawInput);
  const campaign = await getCampaign(db, input.campaignId);
  const member = await requireMember(db, input.memberId);
  const existing = await findPosition(db, { campaignId: campaign.id, memberId: member.id });
  if (input.sponsorRole === "lead") {
    await lockBody(db, member.bodyId);
    const other = (await findLeadSponsors(db, { campaignId: campaign.id, bodyId: member.bodyId })).find((lead) => lead.id !== member.id);
    if (other) throw new InputError(`${other.name} is already the lead sponsor; make them a cosponsor first`);
  }
  const lastContactedOn = input.lastContactedOn !== undefined ? input.lastContactedOn : (existing?.lastContactedOn ?? null);
  let contactedBy = input.contactedBy !== undefined ? input.contactedBy : (existing?.contactedBy ?? null);
  if (input.lastContactedOn && input.contactedBy === undefined && input.lastContactedOn !== existing?.lastContactedOn) contactedBy = actor.name;
  if (!lastContactedOn) contactedBy = input.contactedBy ?? null;
  await upsertPosition(
    db,
    { campaignId: campaign.id, memberId: member.id },
    {
      position: input.position ?? existing?.position ?? "unknown",
      sponsorRole: input.sponsorRole !== undefined ? input.sponsorRole : (existing?.sponsorRole ?? null),
      isInternal: input.isInternal !== undefined ? (input.isInternal ? 1 : 0) : (existing?.isInternal ?? 0),
      lastContactedOn,
      contactedBy,
      note: input.note !== undefined ? input.note : (existing?.note ?? null),
      updatedAt: now.toISOString(),
    },
  );
  const board = await getWhipBoard(db, { campaignId: campaign.id, bodyId: member.bodyId });
  return board.members.find((candidate) => candidate.id === member.id)!;
}

/** Change how a body votes: seats, vacancies, quorum, rule, veto and override rule. */
export async function updateVotingSetup(db: Db, rawInput: VotingSetupInput): Promise<BodyVotingSetup> {
  const input = votingSetupInputSchema.parse(rawInput);
  await requireBodySetup(db, input.bodyId);
  await updateVotingSetupRow(db, input.bodyId, {
    seats: input.seats,
    vacancies: input.vacancies,
    quorum: input.quorum,
    voteRule: input.voteRule,
    hasVeto: input.hasVeto ? 1 : 0,
    overrideRule: input.hasVeto ? input.overrideRule : null,
  });
  return toSetup(await requireBodySetup(db, input.bodyId));
}
