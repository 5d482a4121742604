import type { ResolutionDetails, ResolutionUpdateResult, StageEvent, UndoStageInput, UpdateResolutionInput } from "../../shared/model/resolution";
import { RESOLUTION_COPIED_FIELDS, updateResolutionInputSchema } from "../../shared/model/resolution";
import { findStage, initialStage, type StageScheme } from "../../shared/model/stage";
import { utcDay } from "../../shared/rules/replay";
import { tallyOutcome, tallyProblems, type Tally } from "../../shared/rules/tally";
import { canMoveTo } from "../../shared/rules/stage-transitions";
import type { VoteRule } from "../../shared/rules/whip";
import type { Db } from "../db/connect";
import { findVotingSetup } from "../db/repositories/member-repository";
import {
  findLastHappenedOn,
  findLatestStageEvent,
  findResolutionDetails,
  hubExists,
  insertResolution,
  insertStageEvent,
  updateResolutionDetails,
  type ResolutionDetailsRow,
  type ResolutionDetailsUpdate,
} from "../db/repositories/resolution-repository";
import { ConflictError, InputError, NotFoundError } from "../errors";
import type { Actor } from "./actor";
import { getCampaign } from "./campaigns";

function toDetails(row: ResolutionDetailsRow | undefined, key: { campaignId: number; bodyId: number }, scheme: StageScheme): ResolutionDetails {
  const tally: Tally | null =
    row && row.tallyYes !== null && row.tallyNo !== null ? { yes: row.tallyYes, no: row.tallyNo, abstain: row.tallyAbstain ?? 0, absent: row.tallyAbsent ?? 0 } : null;
  return {
    campaignId: key.campaignId,
    bodyId: key.bodyId,
    stage: row?.stage ?? initialStage(scheme).id,
    version: row?.version ?? 0,
    introducedOn: row?.introducedOn ?? null,
    voteDate: row?.voteDate ?? null,
    voteTime: row?.voteTime ?? null,
    voteLocation: row?.voteLocation ?? null,
    voteCancelled: row?.voteCancelled === 1,
    hearingDate: row?.hearingDate ?? null,
    hearingTime: row?.hearingTime ?? null,
    hearingLocation: row?.hearingLocation ?? null,
    tally,
    agendaUrl: row?.agendaUrl ?? null,
    minutesUrl: row?.minutesUrl ?? null,
    adoptedTextUrl: row?.adoptedTextUrl ?? null,
    hubId: row?.hubId ?? null,
    note: row?.note ?? null,
    updatedAt: row?.updatedAt ?? null,
  };
}

/** Everything about one resolution, including the private note: for signed-in members only. */
export async function getResolutionDetails(db: Db, key: { campaignId: number; bodyId: number }): Promise<ResolutionDetails> {
  const campaign = await getCampaign(db, key.campaignId);
  if (!(await findVotingSetup(db, key.bodyId))) throw new NotFoundError(`No body with id ${key.bodyId}`);
  return toDetails(await findResolutionDetails(db, key.campaignId, key.bodyId), key, campaign.stageScheme);
}

type Changes = NonNullable<ReturnType<typeof updateResolutionInputSchema.parse>["changes"]>;

/** The columns a set of changes writes, with only the values that differ from `current`. */
function changedColumns(changes: Changes, current: ResolutionDetails): ResolutionDetailsUpdate {
  const columns: ResolutionDetailsUpdate = {};
  const simple = RESOLUTION_COPIED_FIELDS;
  for (const field of simple) {
    const value = changes[field];
    if (value !== undefined && value !== current[field]) (columns as Record<string, unknown>)[field] = value;
  }
  if (changes.voteCancelled !== undefined && changes.voteCancelled !== current.voteCancelled) {
    columns.voteCancelled = changes.voteCancelled ? 1 : 0;
  }
  if (changes.tally !== undefined && JSON.stringify(changes.tally) !== JSON.stringify(current.tally)) {
    columns.tallyYes = changes.tally?.yes ?? null;
    columns.tallyNo = changes.tally?.no ?? null;
    columns.tallyAbstain = changes.tally?.abstain ?? null;
    columns.tallyAbsent = changes.tally?.absent ?? null;
  }
  return columns;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/**
 * Save vote, hearing, tally, links, hub and note of a resolution in one compare-and-set on its
 * version. Only the fields in `changes` are written, so after a conflict the same changes can be
 * re-applied on top of the newer values. A new tally moves the stage to the scheme's passed or
 * failed stage when the stage rule allows it from where the resolution stands, with a stage
 * event; otherwise the stage stays and `notice` says why.
 * Run it inside a transaction (the caller opens it): a refused save changes nothing.
 */
export async function updateResolution(db: Db, rawInput: UpdateResolutionInput, actor: Actor, now = new Date()): Promise<ResolutionUpdateResult> {
  const input = updateResolutionInputSchema.parse(rawInput);
  const campaign = await getCampaign(db, input.campaignId);
  const scheme = campaign.stageScheme;
  const body = await findVotingSetup(db, input.bodyId);
  if (!body) throw new NotFoundError(`No body with id ${input.bodyId}`);
  const key = { campaignId: campaign.id, bodyId: body.id };
  const row = await findResolutionDetails(db, campaign.id, body.id);
  const current = toDetails(row, key, scheme);
  const conflict = (latest: ResolutionDetails) =>
    new ConflictError(`${body.name} was changed by someone else since you loaded it. Review the newer values and re-apply your change.`, latest);
  const conflictWithLatest = async () => conflict(toDetails(await findResolutionDetails(db, campaign.id, body.id), key, scheme));
  if (current.version !== input.expectedVersion) throw conflict(current);

  const { changes } = input;
  const merged = { ...current, ...changes };
  if (merged.voteTime && !merged.voteDate) throw new InputError("A vote time needs a vote date");
  if (merged.hearingTime && !merged.hearingDate) throw new InputError("A hearing time needs a hearing date");
  if (changes.hubId !== undefined && changes.hubId !== null && !(await hubExists(db, changes.hubId))) {
    throw new NotFoundError(`No hub with id ${changes.hubId}`);
  }
  const setup = {
    seats: body.seats,
    vacancies: body.vacancies,
    quorum: body.quorum,
    rule: body.voteRule as VoteRule | null,
  };
  if (changes.tally) {
    const problems = tallyProblems(changes.tally, setup);
    if (problems.length) throw new InputError(`Tally not saved: ${problems.join("; ")}`);
    if (merged.voteDate && merged.voteDate > utcDay(now)) {
      throw new InputError(`Tally not saved: the vote is dated ${merged.voteDate}, after today (${utcDay(now)}); record the tally once the vote has happened`);
    }
  }

  const columns = changedColumns(changes, current);
  if (Object.keys(columns).length === 0) return { ...current, stageEvent: null, notice: "Nothing changed" };

  // A new tally decides the vote: move to the first passed / failed stage when the rule allows.
  let target: string | null = null;
  let notice: string | null = null;
  if (changes.tally && columns.tallyYes !== undefined) {
    const outcome = tallyOutcome(changes.tally, setup);
    const tallyText = `${changes.tally.yes}–${changes.tally.no}`;
    if (outcome === "no_quorum") {
      notice = `Tally saved; ${plural(changes.tally.yes + changes.tally.no + changes.tally.abstain, "member")} present is below the quorum, so the stage stays as it is`;
    } else {
      const stage = scheme.stages.find((candidate) => candidate.kind === (outcome === "passed" ? "won" : "lost"));
      const currentLabel = findStage(scheme, current.stage)?.label ?? current.stage;
      if (!stage) notice = `Tally saved; the campaign has no ${outcome} stage`;
      else if (stage.id === current.stage) notice = null;
      else if (canMoveTo(scheme, current.stage, stage.id)) target = stage.id;
      else notice = `Tally saved (${tallyText}, ${outcome}); the stage stays "${currentLabel}" because it cannot move to "${stage.label}" from there`;
    }
  }
  if (target) columns.stage = target;

  const updatedAt = now.toISOString();
  let resolutionId: number;
  if (row) {
    if (!(await updateResolutionDetails(db, { id: row.id, expectedVersion: current.version, updatedAt, changes: columns }))) {
      throw await conflictWithLatest();
    }
    resolutionId = row.id;
  } else {
    const inserted = await insertResolution(db, { ...key, stage: current.stage, updatedAt, ...columns });
    if (inserted === undefined) throw await conflictWithLatest();
    resolutionId = inserted;
  }

  let stageEvent: StageEvent | null = null;
  if (target) {
    const tally = changes.tally!;
    // The vote decided it, so the change happened on the vote's day (kept in order after an earlier-recorded move).
    const previous = row ? await findLastHappenedOn(db, row.id) : null;
    const voteDay = merged.voteDate ?? utcDay(now);
    const event = {
      resolutionId,
      fromStage: current.stage,
      toStage: target,
      actor: actor.name,
      note: `Tally recorded: ${tally.yes} yes, ${tally.no} no, ${tally.abstain} abstain, ${tally.absent} absent`,
      occurredAt: updatedAt,
      happenedOn: previous && previous > voteDay ? previous : voteDay,
    };
    const id = await insertStageEvent(db, event);
    stageEvent = { id, fromStage: event.fromStage, toStage: event.toStage, actor: event.actor, note: event.note, occurredAt: event.occurredAt, happenedOn: event.happenedOn };
  }
  const saved = toDetails(await findResolutionDetails(db, campaign.id, body.id), key, scheme);
  return { ...saved, stageEvent, notice };
}

/**
 * Undo the last stage change by appending a new event back to the stage it came from. Nothing is
 * deleted; undo bypasses the transition rule (it corrects a mistake, e.g. a "passed" recorded on
 * the wrong body). Undoing an undo moves forward again.
 */
export async function undoStage(db: Db, input: UndoStageInput, actor: Actor, now = new Date()) {
  const campaign = await getCampaign(db, input.campaignId);
  const scheme = campaign.stageScheme;
  const body = await findVotingSetup(db, input.bodyId);
  if (!body) throw new NotFoundError(`No body with id ${input.bodyId}`);
  const row = await findResolutionDetails(db, campaign.id, body.id);
  if (!row) throw new InputError(`${body.name} has no stage change to undo`);
  const label = (stageId: string) => findStage(scheme, stageId)?.label ?? stageId;
  if (row.version !== input.expectedVersion) {
    throw new ConflictError(`${body.name} was changed by someone else since you loaded it; it is now "${label(row.stage)}". Review and try again.`, {
      stage: row.stage,
      version: row.version,
    });
  }
  const latest = await findLatestStageEvent(db, row.id);
  if (!latest || latest.toStage !== row.stage) throw new InputError(`${body.name} has no stage change to undo`);
  const back = latest.fromStage ?? initialStage(scheme).id;
  if (!findStage(scheme, back)) throw new InputError(`"${back}" is no longer a stage of campaign "${campaign.name}"`);
  const occurredAt = now.toISOString();
  if (!(await updateResolutionDetails(db, { id: row.id, expectedVersion: row.version, updatedAt: occurredAt, changes: { stage: back } }))) {
    const fresh = await findResolutionDetails(db, campaign.id, body.id);
    throw new ConflictError(`${body.name} was changed by someone else since you loaded it. Review and try again.`, {
      stage: fresh?.stage ?? row.stage,
      version: fresh?.version ?? row.version,
    });
  }
  const extra = input.note?.trim();
  const note = `Undo of "${label(latest.toStage)}"${extra ? `: ${extra}` : ""}`;
  // Dated on the day of the change it undoes, so the as-of map never shows the mistake.
  const event = { resolutionId: row.id, fromStage: row.stage, toStage: back, actor: actor.name, note, occurredAt, happenedOn: latest.happenedOn };
  const id = await insertStageEvent(db, event);
  return {
    campaignId: campaign.id,
    bodyId: body.id,
    stage: back,
    version: row.version + 1,
    event: { id, fromStage: event.fromStage, toStage: back, actor: actor.name, note, occurredAt, happenedOn: event.happenedOn } satisfies StageEvent,
  };
}
