import { describeCommitteeSeat } from "../../shared/model/committee";
import { jurisdictionOfChamber, type SeatChamber } from "../../shared/model/district";
import { committeeSeatsByLegislator } from "./committees";
import { findStage } from "../../shared/model/stage";
import type { Db } from "../db/connect";
import { findBodiesWithParents, findBodyGeometries } from "../db/repositories/body-repository";
import { findSittingRoles } from "../db/repositories/legislator-repository";
import { findAllOverlaps } from "../db/repositories/overlap-repository";
import { findAllPeople } from "../db/repositories/population-repository";
import { findBills, findSteps } from "../db/repositories/ladder-repository";
import { firstStepOf, stepColumnOf } from "../../shared/rules/ladder";
import type { Campaign } from "../../shared/model/campaign";
import { listBodies } from "./bodies";
import { getDistrict } from "./districts";

export interface BodyExportRow {
  body_id: number;
  body_name: string;
  kind: string;
  state: string | null;
  geoid: string | null;
  /** Empty (null) when no campaign exists yet, like the stage columns. */
  campaign: string | null;
  stage: string | null;
  stage_label: string | null;
  parent_id: number | null;
  parent_name: string | null;
}

export const BODY_EXPORT_COLUMNS = ["body_id", "body_name", "kind", "state", "geoid", "campaign", "stage", "stage_label", "parent_id", "parent_name"] as const;

/** Every body with its current stage in the campaign, public fields only. */
export async function exportBodies(
  db: Db,
  campaign: Campaign | null,
  { withGeometry }: { withGeometry: boolean },
): Promise<Array<BodyExportRow & { geometry?: GeoJSON.Geometry }>> {
  const bodies = await findBodiesWithParents(db);
  const stages = campaign ? new Map((await listBodies(db, campaign.id)).map((body) => [body.id, body.stage])) : null;
  const geometries = withGeometry ? new Map((await findBodyGeometries(db)).map((row) => [row.id, row.geometry])) : null;
  // A campaign's export lists the bodies it counts (its scope); without a campaign, every body.
  return bodies
    .filter((body) => !stages || stages.has(body.id))
    .map((body) => {
      const stage = stages?.get(body.id) ?? null;
      return {
        body_id: body.id,
        body_name: body.name,
        kind: body.kind,
        state: body.state,
        geoid: body.geoid,
        campaign: campaign?.name ?? null,
        stage,
        stage_label: campaign && stage !== null ? (findStage(campaign.stageScheme, stage)?.label ?? stage) : null,
        parent_id: body.parentId,
        parent_name: body.parentName,
        ...(geometries ? { geometry: JSON.parse(geometries.get(body.id)!) as GeoJSON.Geometry } : {}),
      };
    });
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
  /** From the population layer (empty without one): people counted inside the overlap, and their share of the body's and the district's people. */
  people: number | null;
  share_of_body_people: number | null;
  share_of_district_people: number | null;
}

/** One row per stored body × district overlap; shares rounded to 6 decimals. With geometry: the body's shape. */
export async function exportOverlaps(db: Db, { withGeometry }: { withGeometry: boolean }): Promise<Array<OverlapExportRow & { geometry?: GeoJSON.Geometry }>> {
  const rows = await findAllOverlaps(db);
  const geometries = withGeometry ? new Map((await findBodyGeometries(db)).map((row) => [row.id, row.geometry])) : null;
  const round = (value: number, digits: number) => Number(value.toFixed(digits));
  const sitting = new Map<number, string[]>();
  for (const role of await findSittingRoles(db)) {
    if (role.districtId !== null) sitting.set(role.districtId, [...(sitting.get(role.districtId) ?? []), role.name]);
  }
  const counted = await findAllPeople(db);
  // A district the layer reached counts every overlap in it (0 where no one was counted); others stay empty.
  const peopleOf = (bodyId: number, districtId: number) => (counted.districts.has(districtId) ? (counted.overlaps.get(`${bodyId}:${districtId}`) ?? 0) : null);
  const shareOf = (part: number | null, whole: number | undefined) => (part === null || !whole ? null : round(part / whole, 6));
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
    people: peopleOf(row.bodyId, row.districtId),
    share_of_body_people: shareOf(peopleOf(row.bodyId, row.districtId), counted.bodies.get(row.bodyId)),
    share_of_district_people: shareOf(peopleOf(row.bodyId, row.districtId), counted.districts.get(row.districtId)),
    ...(geometries ? { geometry: JSON.parse(geometries.get(row.bodyId)!) as GeoJSON.Geometry } : {}),
  }));
}

export interface LegislatorExportRow {
  legislator: string;
  party: string | null;
  chamber: string;
  state: string;
  district: string;
  /** The legislator's step on the campaign's first bill (the column kept from before bills); the ladder's first step until recorded. */
  stance: string;
  bodies_passed: number;
  /** Share of the district's area inside passed bodies (shared/rules/coverage.ts). */
  share_area_passed: number;
  /** Share of the district's people in passed bodies; null when the body layer has no population. */
  share_population_passed: number | null;
  /** "state" or "federal" (US House and Senate). */
  jurisdiction: "state" | "federal";
  /** Committee seats, semicolon-separated, leading roles first ("Finance (chair); Judiciary"). */
  committees: string;
  /** One `step_<bill>` per bill of the campaign: the step on that bill. */
  [stepColumn: `step_${string}`]: string;
}

/** The `step_<bill>` columns of `export legislators`, one per bill of the campaign, in the bills' order. */
export async function legislatorStepColumns(db: Db, campaign: Campaign | null): Promise<`step_${string}`[]> {
  return campaign ? (await findBills(db, campaign.id)).map((bill) => stepColumnOf(bill.name)) : [];
}

/**
 * One row per sitting legislator's seat, with their step on each bill of `campaign` and how far the bodies in
 * their district have moved (bodies passed, share of area and of population inside them). Without
 * a campaign, or for a seat not matched to a current district, the figures are 0 (population: empty).
 */
export async function exportLegislators(db: Db, campaign: Campaign | null): Promise<LegislatorExportRow[]> {
  const roles = await findSittingRoles(db);
  const bills = campaign ? await findBills(db, campaign.id) : [];
  const steps = new Map(campaign ? (await findSteps(db, campaign.id)).map((row) => [`${row.billId}:${row.legislatorId}`, row.step]) : []);
  const first = campaign ? firstStepOf(campaign.ladder) : "unknown";
  const stepOn = (billId: number | undefined, legislatorId: number) => (billId === undefined ? first : (steps.get(`${billId}:${legislatorId}`) ?? first));
  const details = new Map<number, Awaited<ReturnType<typeof getDistrict>>>();
  const committees = await committeeSeatsByLegislator(db);
  const rows: LegislatorExportRow[] = [];
  for (const role of roles) {
    let detail = null;
    if (campaign && role.districtId !== null) {
      detail = details.get(role.districtId) ?? (await getDistrict(db, { campaignId: campaign.id, districtId: role.districtId }));
      details.set(role.districtId, detail);
    }
    const populationShare = detail?.coverage.populationShare ?? null;
    rows.push({
      legislator: role.name,
      party: role.party,
      chamber: role.chamber,
      state: role.state,
      district: role.matchedDistrictName ?? role.districtName,
      stance: stepOn(bills[0]?.id, role.legislatorId),
      bodies_passed: detail ? detail.coverage.bodiesPassed : 0,
      share_area_passed: detail ? Number(detail.coverage.areaShare.toFixed(6)) : 0,
      share_population_passed: populationShare === null ? null : Number(populationShare.toFixed(6)),
      jurisdiction: jurisdictionOfChamber(role.chamber as SeatChamber),
      committees: (committees.get(role.legislatorId) ?? []).map(describeCommitteeSeat).join("; "),
      ...Object.fromEntries(bills.map((bill) => [stepColumnOf(bill.name), stepOn(bill.id, role.legislatorId)])),
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
