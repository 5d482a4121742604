import { findStage } from "../../shared/model/stage";
import type { Db } from "../db/connect";
import { findBodyGeometries } from "../db/repositories/body-repository";
import { findSittingRoles } from "../db/repositories/legislator-repository";
import { findAllOverlaps } from "../db/repositories/overlap-repository";
import type { Campaign } from "../../shared/model/campaign";
import type { Stance } from "../../shared/model/legislator";
import { listBodies } from "./bodies";
import { getDistrict } from "./districts";

export interface BodyExportRow {
  body_id: number;
  body_name: string;
  kind: string;
  state: string | null;
  geoid: string | null;
  campaign: string;
  stage: string;
  stage_label: string;
}

/** Every body with its current stage in the campaign, public fields only. */
export async function exportBodies(
  db: Db,
  campaign: Campaign,
  { withGeometry }: { withGeometry: boolean },
): Promise<Array<BodyExportRow & { geometry?: GeoJSON.Geometry }>> {
  const bodies = await listBodies(db, campaign.id);
  const geometries = withGeometry ? new Map((await findBodyGeometries(db)).map((row) => [row.id, row.geometry])) : null;
  return bodies.map((body) => ({
    body_id: body.id,
    body_name: body.name,
    kind: body.kind,
    state: body.state,
    geoid: body.geoid,
    campaign: campaign.name,
    stage: body.stage,
    stage_label: findStage(campaign.stageScheme, body.stage)?.label ?? body.stage,
    ...(geometries ? { geometry: JSON.parse(geometries.get(body.id)!) as GeoJSON.Geometry } : {}),
  }));
}

export interface OverlapExportRow {
  body_id: number;
  body_name: string;
  body_geoid: string | null;
  district_id: number;
  district_chamber: string;
  district_name: string;
  district_geoid: string | null;
  district_state: string | null;
  district_vintage: string;
  share_of_body: number;
  share_of_district: number;
  intersection_km2: number;
  /** The district's sitting legislator ("; "-joined if several), null while none is imported. */
  legislator: string | null;
}

/** One row per stored body × district overlap; shares rounded to 6 decimals. With geometry: the body's shape. */
export async function exportOverlaps(
  db: Db,
  { withGeometry }: { withGeometry: boolean },
): Promise<Array<OverlapExportRow & { geometry?: GeoJSON.Geometry }>> {
  const rows = await findAllOverlaps(db);
  const geometries = withGeometry ? new Map((await findBodyGeometries(db)).map((row) => [row.id, row.geometry])) : null;
  const round = (value: number, digits: number) => Number(value.toFixed(digits));
  const sitting = new Map<number, string[]>();
  for (const role of await findSittingRoles(db)) {
    if (role.districtId !== null) sitting.set(role.districtId, [...(sitting.get(role.districtId) ?? []), role.name]);
  }
  return rows.map((row) => ({
    body_id: row.bodyId,
    body_name: row.bodyName,
    body_geoid: row.bodyGeoid,
    district_id: row.districtId,
    district_chamber: row.chamber,
    district_name: row.districtName,
    district_geoid: row.districtGeoid,
    district_state: row.state,
    district_vintage: row.vintage,
    share_of_body: round(row.shareOfBody, 6),
    share_of_district: round(row.shareOfDistrict, 6),
    intersection_km2: round(row.intersectionAreaM2 / 1e6, 4),
    legislator: sitting.get(row.districtId)?.join("; ") ?? null,
    ...(geometries ? { geometry: JSON.parse(geometries.get(row.bodyId)!) as GeoJSON.Geometry } : {}),
  }));
}

export interface LegislatorExportRow {
  legislator: string;
  party: string | null;
  chamber: string;
  state: string;
  district: string;
  /** The campaign's stance ladder; `unknown` until stances are recorded. */
  stance: Stance;
  bodies_passed: number;
  share_of_area_passed: number;
}

/**
 * One row per sitting legislator's seat, with how far the bodies in their district have moved
 * in `campaign` (bodies passed, share of the district's area inside them). Without a campaign,
 * or for a seat not matched to a current district, the figures are 0.
 */
export async function exportLegislators(db: Db, campaign: Campaign | null): Promise<LegislatorExportRow[]> {
  const roles = await findSittingRoles(db);
  const rows: LegislatorExportRow[] = [];
  for (const role of roles) {
    const detail = campaign && role.districtId !== null ? await getDistrict(db, { campaignId: campaign.id, districtId: role.districtId }) : null;
    const won = new Set(campaign?.stageScheme.stages.filter((stage) => stage.kind === "won").map((stage) => stage.id));
    rows.push({
      legislator: role.name,
      party: role.party,
      chamber: role.chamber,
      state: role.state,
      district: role.matchedDistrictName ?? role.districtName,
      stance: "unknown",
      bodies_passed: detail ? detail.bodies.filter((body) => won.has(body.stage)).length : 0,
      share_of_area_passed: detail ? Number(detail.sharePassed.toFixed(6)) : 0,
    });
  }
  return rows.sort(
    (a, b) =>
      a.state.localeCompare(b.state) ||
      a.chamber.localeCompare(b.chamber) ||
      a.district.localeCompare(b.district, "en", { numeric: true }) ||
      a.legislator.localeCompare(b.legislator),
  );
}
