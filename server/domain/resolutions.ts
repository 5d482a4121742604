import type { ChangeStageInput, ResolutionState, StageEvent } from "../../shared/model/resolution";
import { findStage, initialStage } from "../../shared/model/stage";
import { happenedOnProblem, utcDay } from "../../shared/rules/replay";
import { allowedMoves, canMoveTo } from "../../shared/rules/stage-transitions";
import type { Db } from "../db/connect";
import { findBodyById } from "../db/repositories/body-repository";
import { findLastHappenedOn, findResolution, findResolutionStages, insertResolution, insertStageEvent, updateResolutionDetails } from "../db/repositories/resolution-repository";
import { ConflictError, InputError, NotFoundError } from "../errors";
import type { Actor } from "./actor";
import { getCampaign } from "./campaigns";

/**
 * The day a new stage event of `resolutionId` happened: `given` (checked: not in the future, not
 * before the resolution's previous event), or today. A bad day is an InputError naming the body.
 */
export async function resolveHappenedOn(
  db: Db,
  { resolutionId, given, now, bodyName }: { resolutionId: number | null; given: string | null | undefined; now: Date; bodyName: string },
): Promise<string> {
  const today = utcDay(now);
  const happenedOn = given?.trim() || today;
  const previous = resolutionId === null ? null : await findLastHappenedOn(db, resolutionId);
  const problem = happenedOnProblem(happenedOn, { today, previous });
  if (problem) throw new InputError(`${bodyName}: the change's date ${problem}`);
  return happenedOn;
}

/**
 * Move a body's resolution to another stage, appending one stage event that happened on
 * `input.happenedOn` (a past day the organizer gives) or today.
 * Run it inside a transaction (the caller opens it): a rejected move changes nothing.
 * `expectedVersion` is the version the user saw; a stale one is a ConflictError carrying the
 * current state, so nobody silently overwrites someone else's change.
 */
export async function changeStage(db: Db, input: ChangeStageInput, actor: Actor, now = new Date()): Promise<ResolutionState & { event: StageEvent }> {
  const campaign = await getCampaign(db, input.campaignId);
  const scheme = campaign.stageScheme;
  const body = await findBodyById(db, input.bodyId);
  if (!body) throw new NotFoundError(`No body with id ${input.bodyId}`);
  const target = findStage(scheme, input.toStage);
  if (!target) {
    throw new InputError(`"${input.toStage}" is not a stage of campaign "${campaign.name}"`);
  }

  const resolution = await findResolution(db, campaign.id, body.id);
  const currentStage = resolution?.stage ?? initialStage(scheme).id;
  const currentVersion = resolution?.version ?? 0;
  const conflict = (current: { stage: string; version: number }) =>
    new ConflictError(
      `${body.name} was changed by someone else since you loaded it; it is now "${findStage(scheme, current.stage)?.label ?? current.stage}". Review and try again.`,
      { stage: current.stage, version: current.version },
    );
  // A concurrent writer committed between our read and our write: report its state, not the one we read.
  const conflictWithLatest = async () => {
    const latest = await findResolution(db, campaign.id, body.id);
    return conflict(latest ? { stage: latest.stage, version: latest.version } : { stage: currentStage, version: currentVersion });
  };
  if (currentVersion !== input.expectedVersion) throw conflict({ stage: currentStage, version: currentVersion });
  if (!canMoveTo(scheme, currentStage, target.id)) {
    const from = findStage(scheme, currentStage)?.label ?? currentStage;
    const options = allowedMoves(scheme, currentStage).map((stage) => stage.label);
    throw new InputError(`${body.name} cannot move from "${from}" to "${target.label}"` + (options.length ? `; allowed: ${options.join(", ")}` : `; "${from}" is final`));
  }

  const happenedOn = await resolveHappenedOn(db, { resolutionId: resolution?.id ?? null, given: input.happenedOn, now, bodyName: body.name });
  const occurredAt = now.toISOString();
  let resolutionId: number;
  if (resolution) {
    const updated = await updateResolutionDetails(db, {
      id: resolution.id,
      expectedVersion: currentVersion,
      updatedAt: occurredAt,
      changes: { stage: target.id },
    });
    if (!updated) throw await conflictWithLatest();
    resolutionId = resolution.id;
  } else {
    const inserted = await insertResolution(db, { campaignId: campaign.id, bodyId: body.id, stage: target.id, updatedAt: occurredAt });
    if (inserted === undefined) throw await conflictWithLatest();
    resolutionId = inserted;
  }
  const note = input.note?.trim() || null;
  const eventId = await insertStageEvent(db, {
    resolutionId,
    fromStage: currentStage,
    toStage: target.id,
    actor: actor.name,
    note,
    occurredAt,
    happenedOn,
  });
  return {
    campaignId: campaign.id,
    bodyId: body.id,
    stage: target.id,
    version: currentVersion + 1,
    event: { id: eventId, fromStage: currentStage, toStage: target.id, actor: actor.name, note, occurredAt, happenedOn },
  };
}

/**
 * The map's status payload: `[bodyId, stage, version]` for every body that has a resolution in
 * the campaign. Bodies not listed are at the scheme's first stage, version 0.
 */
export async function listStages(db: Db, campaignId: number): Promise<{ initialStage: string; stages: Array<[number, string, number]> }> {
  const campaign = await getCampaign(db, campaignId);
  const rows = await findResolutionStages(db, campaign.id);
  return { initialStage: initialStage(campaign.stageScheme).id, stages: rows.map((row) => [row.bodyId, row.stage, row.version]) };
}
