import type { BBox, BodyKind, BodySummary } from "../../shared/model/body";
import type { StageEvent } from "../../shared/model/resolution";
import { initialStage } from "../../shared/model/stage";
import type { Db } from "../db/connect";
import { findBodyById, findBodySummaries } from "../db/repositories/body-repository";
import { findOverlapsOfBody } from "../db/repositories/overlap-repository";
import { findResolution, findStageEvents } from "../db/repositories/resolution-repository";
import type { Chamber } from "../../shared/model/district";
import { NotFoundError } from "../errors";
import { getCampaign } from "./campaigns";

/** Round a bbox outwards to 4 decimals (about 10 m): plenty for flying to a body, and a smaller payload. */
function roundBBoxOutwards([west, south, east, north]: BBox): BBox {
  const down = (value: number) => Math.floor(value * 1e4) / 1e4;
  const up = (value: number) => Math.ceil(value * 1e4) / 1e4;
  return [down(west), down(south), up(east), up(north)];
}

/** Every body with its current stage in the campaign: the small status payload of the map. */
export async function listBodies(db: Db, campaignId: number): Promise<BodySummary[]> {
  const campaign = await getCampaign(db, campaignId);
  const firstStage = initialStage(campaign.stageScheme).id;
  const rows = await findBodySummaries(db, campaignId, campaign.scope);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind as BodyKind,
    state: row.state,
    geoid: row.geoid,
    bbox: roundBBoxOutwards([row.minLon, row.minLat, row.maxLon, row.maxLat]),
    stage: row.stage ?? firstStage,
    version: row.version ?? 0,
  }));
}

export interface BodyDetail extends BodySummary {
  ocdDivisionId: string | null;
  parentId: number | null;
  /** Newest first. */
  history: StageEvent[];
  /** Current districts overlapping the body, by chamber, largest share of the body first. */
  districts: Array<{ districtId: number; chamber: Chamber; state: string | null; name: string; geoid: string | null; shareOfBody: number; shareOfDistrict: number }>;
}

export async function getBody(db: Db, { campaignId, bodyId }: { campaignId: number; bodyId: number }): Promise<BodyDetail> {
  const campaign = await getCampaign(db, campaignId);
  const body = await findBodyById(db, bodyId);
  if (!body) throw new NotFoundError(`No body with id ${bodyId}`);
  const resolution = await findResolution(db, campaignId, bodyId);
  const history = resolution ? await findStageEvents(db, resolution.id) : [];
  const districts = (await findOverlapsOfBody(db, bodyId)).map((row) => ({
    districtId: row.districtId,
    chamber: row.chamber as Chamber,
    state: row.state,
    name: row.name,
    geoid: row.geoid,
    shareOfBody: row.shareOfBody,
    shareOfDistrict: row.shareOfDistrict,
  }));
  return {
    id: body.id,
    name: body.name,
    kind: body.kind as BodyKind,
    state: body.state,
    geoid: body.geoid,
    ocdDivisionId: body.ocdDivisionId,
    parentId: body.parentId,
    bbox: [body.minLon, body.minLat, body.maxLon, body.maxLat],
    stage: resolution?.stage ?? initialStage(campaign.stageScheme).id,
    version: resolution?.version ?? 0,
    history,
    districts,
  };
}
