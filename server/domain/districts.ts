import type { Chamber, DistrictSummary } from "../../shared/model/district";
import { initialStage } from "../../shared/model/stage";
import type { Db } from "../db/connect";
import { findCurrentDistricts, findDistrictById } from "../db/repositories/district-repository";
import { findOverlapsOfDistrict } from "../db/repositories/overlap-repository";
import { findResolutionStages } from "../db/repositories/resolution-repository";
import { NotFoundError } from "../errors";
import { getCampaign } from "./campaigns";

/** The current districts of every chamber (the layers the map can outline). */
export async function listDistricts(db: Db): Promise<DistrictSummary[]> {
  return (await findCurrentDistricts(db)).map((row) => ({
    id: row.id,
    chamber: row.chamber as Chamber,
    state: row.state,
    name: row.name,
    geoid: row.geoid,
    vintage: row.vintage,
  }));
}

export interface DistrictDetail extends DistrictSummary {
  isCurrent: boolean;
  areaKm2: number;
  /** Bodies overlapping the district, largest share of the district first, with their stage. */
  bodies: Array<{ bodyId: number; name: string; kind: string; state: string | null; stage: string; shareOfBody: number; shareOfDistrict: number }>;
  /** Share of the district's area inside bodies whose resolution passed (the hub's leverage). */
  sharePassed: number;
}

export async function getDistrict(db: Db, { campaignId, districtId }: { campaignId: number; districtId: number }): Promise<DistrictDetail> {
  const campaign = await getCampaign(db, campaignId);
  const district = await findDistrictById(db, districtId);
  if (!district) throw new NotFoundError(`No district with id ${districtId}`);
  const stages = new Map((await findResolutionStages(db, campaign.id)).map((row) => [row.bodyId, row.stage]));
  const firstStage = initialStage(campaign.stageScheme).id;
  const won = new Set(campaign.stageScheme.stages.filter((stage) => stage.kind === "won").map((stage) => stage.id));
  const bodies = (await findOverlapsOfDistrict(db, districtId)).map((row) => ({
    bodyId: row.bodyId,
    name: row.name,
    kind: row.kind,
    state: row.state,
    stage: stages.get(row.bodyId) ?? firstStage,
    shareOfBody: row.shareOfBody,
    shareOfDistrict: row.shareOfDistrict,
  }));
  const sharePassed = Math.min(1, bodies.filter((body) => won.has(body.stage)).reduce((sum, body) => sum + body.shareOfDistrict, 0));
  return {
    id: district.id,
    chamber: district.chamber as Chamber,
    state: district.state,
    name: district.name,
    geoid: district.geoid,
    vintage: district.vintage,
    isCurrent: district.isCurrent === 1,
    areaKm2: district.areaM2 / 1e6,
    bodies,
    sharePassed,
  };
}
