import type { RecordRollCallInput } from "../../shared/model/member";
import type { MeetingVote } from "../../shared/rules/meeting-tally";
import { compareProjections, compareTallies, type ProjectionAccuracy, type TallyProjectionEntry, type TallyProjectionRow } from "../../shared/rules/projection";
import type { Db } from "../db/connect";
import { findBodyById } from "../db/repositories/body-repository";
import { findMemberById } from "../db/repositories/member-repository";
import { findResolution } from "../db/repositories/resolution-repository";
import { findRollCallsWithPositions, findTalliesWithPositions, replaceRollCall } from "../db/repositories/roll-call-repository";
import { ConflictError, InputError, NotFoundError } from "../errors";
import { getCampaign } from "./campaigns";
import { getResolutionDetails } from "./resolution-details";

/**
 * Record how each member voted on the body's resolution (replacing an earlier roll call). The
 * resolution must exist (its tally is recorded with it) and every member must sit on the body;
 * with `expectedVersion` (the version its tally saved), a resolution changed since is a conflict.
 */
export async function recordRollCall(db: Db, input: RecordRollCallInput, now = new Date()): Promise<{ campaignId: number; bodyId: number; votes: number }> {
  const campaign = await getCampaign(db, input.campaignId);
  const body = await findBodyById(db, input.bodyId);
  if (!body) throw new NotFoundError(`No body with id ${input.bodyId}`);
  const resolution = await findResolution(db, campaign.id, body.id);
  if (!resolution) throw new InputError(`${body.name} has no resolution in "${campaign.name}" yet: record the vote's tally first`);
  if (input.expectedVersion !== undefined && resolution.version !== input.expectedVersion) {
    throw new ConflictError(
      `${body.name} was changed by someone else since its tally was saved. Review the newer values and re-send the roll call.`,
      await getResolutionDetails(db, { campaignId: campaign.id, bodyId: body.id }),
    );
  }
  const seen = new Set<number>();
  for (const entry of input.votes) {
    const member = await findMemberById(db, entry.memberId);
    if (!member || member.bodyId !== body.id) throw new InputError(`Member ${entry.memberId} does not sit on ${body.name}`);
    if (seen.has(entry.memberId)) throw new InputError(`${member.name} is in the roll call twice`);
    seen.add(entry.memberId);
  }
  await replaceRollCall(db, resolution.id, input.votes, now.toISOString());
  return { campaignId: campaign.id, bodyId: body.id, votes: input.votes.length };
}

/** Every roll call of the campaign against the whip count, per member and overall, and every tally against the yes and no it projected. */
export async function getProjectionAccuracy(db: Db, campaignId: number): Promise<ProjectionAccuracy & { tallies: TallyProjectionRow[] }> {
  const campaign = await getCampaign(db, campaignId);
  const rows = await findRollCallsWithPositions(db, campaign.id);
  // Every tally too, roll call or not: how many yes and no the whip count projected against how many came.
  const tallies = new Map<number, TallyProjectionEntry & { positions: string[] }>();
  for (const row of await findTalliesWithPositions(db, campaign.id)) {
    const tally = tallies.get(row.bodyId) ?? { bodyId: row.bodyId, bodyName: row.bodyName, positions: [], yes: row.tallyYes!, no: row.tallyNo! };
    if (row.memberId !== null) tally.positions.push(row.position ?? "unknown");
    tallies.set(row.bodyId, tally);
  }
  return {
    ...compareProjections(rows.map((row) => ({ ...row, position: row.position ?? "unknown", vote: row.vote as MeetingVote }))),
    tallies: compareTallies([...tallies.values()]),
  };
}
