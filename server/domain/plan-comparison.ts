import { computeOverlapsReport, DEFAULT_MIN_SHARE, type OverlapGeometry } from "../../shared/geo/overlaps";
import { countsAsPassed, initialStage } from "../../shared/model/stage";
import type { Campaign } from "../../shared/model/campaign";
import { districtCoverage, type Coverage } from "../../shared/rules/coverage";
import { comparePlans, type MovingBody, type PlanBody } from "../../shared/rules/plan-comparison";
import type { Db } from "../db/connect";
import { findBodiesInBox } from "../db/repositories/body-repository";
import { findDistrictById, findDistrictsOfAllPlans } from "../db/repositories/district-repository";
import { findOverlapsOfDistrict } from "../db/repositories/overlap-repository";
import { findDistrictPeople } from "../db/repositories/population-repository";
import { findResolutionStages } from "../db/repositories/resolution-repository";
import { NotFoundError } from "../errors";
import { getCampaign } from "./campaigns";

export interface PlanSide {
  districtId: number;
  name: string;
  vintage: string;
  isCurrent: boolean;
  /** "2022 plan (current)", "2032 plan". */
  label: string;
  coverage: Coverage;
}

export interface PlanComparison {
  /** The older plan's district and the newer plan's, whichever of them is current. */
  older: PlanSide;
  newer: PlanSide;
  /** Passed bodies in the newer plan's district and not in the older one's. */
  movingIn: MovingBody[];
  /** Passed bodies in the older plan's district and not in the newer one's. */
  movingOut: MovingBody[];
}

type PlanDistrict = Awaited<ReturnType<typeof findDistrictsOfAllPlans>>[number];

const byVintage = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

/**
 * A district under two plans of its chamber (redistricting): this district and its counterpart in
 * the other plan (the current plan when this district is not current, else the newest other
 * vintage): the district of the same name, else the one sharing the most area with it. Coverage
 * under each and the passed bodies moving in or out (shared/rules/plan-comparison.ts). Overlaps
 * are stored for current districts only, so a non-current district's are computed here, on
 * demand, with the default sliver threshold, and not stored. Null when the chamber has one plan
 * or no district of the other plan meets this one.
 */
export async function getPlanComparison(db: Db, { campaignId, districtId }: { campaignId: number; districtId: number }): Promise<PlanComparison | null> {
  const campaign = await getCampaign(db, campaignId);
  const district = await findDistrictById(db, districtId);
  if (!district) throw new NotFoundError(`No district with id ${districtId}`);
  const all = await findDistrictsOfAllPlans(db, { chamber: district.chamber, state: district.state });
  const self = all.find((row) => row.id === district.id)!;
  const otherVintage = otherPlanOf(self, all);
  if (otherVintage === null) return null;
  const counterpart = findCounterparts(
    [self],
    all.filter((row) => row.vintage === otherVintage),
  ).get(self.id);
  if (!counterpart) return null;

  const passed = await passedReader(db, campaign);
  const bodiesOf = async (row: PlanDistrict) => (row.isCurrent === 1 ? await storedBodiesOf(db, row, passed) : (await computedBodiesOf(db, [row], passed)).get(row.id)!);
  const [older, newer] = byVintage(self.vintage, counterpart.vintage) < 0 ? [self, counterpart] : [counterpart, self];
  const diff = comparePlans(await bodiesOf(older), await bodiesOf(newer), { older: await findDistrictPeople(db, older.id), newer: await findDistrictPeople(db, newer.id) });
  return { older: planSide(older, diff.older), newer: planSide(newer, diff.newer), movingIn: diff.movingIn, movingOut: diff.movingOut };
}

/** A current district's coverage under the chamber's other plan (the targets view's column). */
export interface OtherPlanCoverage {
  /** The other plan's district ("2032 plan", district "7"). */
  label: string;
  districtId: number;
  districtName: string;
  areaShare: number;
}

/**
 * For the targets view: each current district's coverage under its counterpart in the chamber's
 * newest other plan. One overlap computation per chamber and state (every counterpart at once),
 * cached for the reader's life (one request). Null when the chamber has one plan.
 */
export function otherPlanCoverageReader(db: Db, campaign: Campaign) {
  const groups = new Map<string, Promise<Map<number, OtherPlanCoverage>>>();
  let passed: Promise<(bodyId: number) => boolean> | undefined;
  return async ({ districtId, chamber, state }: { districtId: number | null; chamber: string; state: string | null }): Promise<OtherPlanCoverage | null> => {
    if (districtId === null) return null;
    const key = `${chamber}|${state ?? ""}`;
    let group = groups.get(key);
    if (!group) {
      passed ??= passedReader(db, campaign);
      group = coverageUnderOtherPlan(db, { chamber, state }, passed);
      groups.set(key, group);
    }
    return (await group).get(districtId) ?? null;
  };
}

async function coverageUnderOtherPlan(
  db: Db,
  { chamber, state }: { chamber: string; state: string | null },
  passedPromise: Promise<(bodyId: number) => boolean>,
): Promise<Map<number, OtherPlanCoverage>> {
  const all = await findDistrictsOfAllPlans(db, { chamber, state });
  const current = all.filter((row) => row.isCurrent === 1);
  const otherVintage = current[0] ? otherPlanOf(current[0], all) : null;
  if (otherVintage === null) return new Map();
  const counterparts = findCounterparts(
    current,
    all.filter((row) => row.vintage === otherVintage),
  );
  const bodies = await computedBodiesOf(db, [...new Map([...counterparts.values()].map((row) => [row.id, row])).values()], await passedPromise);
  return new Map(
    [...counterparts].map(([districtId, other]) => [
      districtId,
      { label: `${other.vintage} plan`, districtId: other.id, districtName: other.name, areaShare: districtCoverage(bodies.get(other.id) ?? []).areaShare },
    ]),
  );
}

/** The vintage to compare `district` with: the current plan for an older district, else the newest other vintage; null with one plan. */
function otherPlanOf(district: PlanDistrict, all: readonly PlanDistrict[]): string | null {
  const others = [...new Set(all.map((row) => row.vintage))].filter((vintage) => vintage !== district.vintage).sort(byVintage);
  if (others.length === 0) return null;
  if (district.isCurrent === 1) return others.at(-1)!;
  return all.find((row) => row.isCurrent === 1)?.vintage ?? others.at(-1)!;
}

function planSide(row: PlanDistrict, coverage: Coverage): PlanSide {
  return {
    districtId: row.id,
    name: row.name,
    vintage: row.vintage,
    isCurrent: row.isCurrent === 1,
    label: `${row.vintage} plan${row.isCurrent === 1 ? " (current)" : ""}`,
    coverage,
  };
}

async function passedReader(db: Db, campaign: Campaign): Promise<(bodyId: number) => boolean> {
  const scheme = campaign.stageScheme;
  const stages = new Map((await findResolutionStages(db, campaign.id)).map((row) => [row.bodyId, row.stage]));
  const won = new Set(scheme.stages.filter(countsAsPassed).map((stage) => stage.id));
  const first = initialStage(scheme).id;
  return (bodyId) => won.has(stages.get(bodyId) ?? first);
}

const parseShape = (geometry: string) => JSON.parse(geometry) as OverlapGeometry;

/** Each district's counterpart in `plan`: the district of the same name, else the one sharing the most area with it (one overlap run for all the unnamed). */
function findCounterparts(districts: readonly PlanDistrict[], plan: readonly PlanDistrict[]): Map<number, PlanDistrict> {
  const byName = new Map(plan.map((row) => [row.name, row]));
  const result = new Map<number, PlanDistrict>();
  const unnamed = districts.filter((row) => !byName.has(row.name));
  for (const row of districts) if (byName.has(row.name)) result.set(row.id, byName.get(row.name)!);
  if (unnamed.length === 0) return result;
  const report = computeOverlapsReport(
    unnamed.map((row) => ({ id: row.id, geometry: parseShape(row.geometry) })),
    plan.map((row) => ({ id: row.id, geometry: parseShape(row.geometry) })),
    { minShare: 0 },
  );
  const largest = new Map<number, { districtId: number; area: number }>();
  for (const overlap of report.overlaps) {
    const best = largest.get(overlap.bodyId);
    if (!best || overlap.intersectionArea > best.area) largest.set(overlap.bodyId, { districtId: overlap.districtId, area: overlap.intersectionArea });
  }
  const byId = new Map(plan.map((row) => [row.id, row]));
  for (const [districtId, best] of largest) result.set(districtId, byId.get(best.districtId)!);
  return result;
}

/** A current district's bodies, from the stored overlaps. */
async function storedBodiesOf(db: Db, district: PlanDistrict, passed: (bodyId: number) => boolean): Promise<PlanBody[]> {
  return (await findOverlapsOfDistrict(db, district.id)).map((row) => ({
    bodyId: row.bodyId,
    name: row.name,
    parentId: row.parentId,
    population: row.population,
    passed: passed(row.bodyId),
    shareOfBody: row.shareOfBody,
    shareOfDistrict: row.shareOfDistrict,
  }));
}

/** Other-plan districts' bodies, computed on demand in one overlap run (default sliver threshold) and not stored; by district id. */
async function computedBodiesOf(db: Db, districts: readonly PlanDistrict[], passed: (bodyId: number) => boolean): Promise<Map<number, PlanBody[]>> {
  const result = new Map<number, PlanBody[]>(districts.map((row) => [row.id, []]));
  if (districts.length === 0) return result;
  const box: [number, number, number, number] = [
    Math.min(...districts.map((row) => row.minLon)),
    Math.min(...districts.map((row) => row.minLat)),
    Math.max(...districts.map((row) => row.maxLon)),
    Math.max(...districts.map((row) => row.maxLat)),
  ];
  const candidates = (await findBodiesInBox(db, box))
    .map((row) => ({ ...row, shape: JSON.parse(row.geometry) as GeoJSON.Geometry }))
    .filter((row): row is typeof row & { shape: OverlapGeometry } => row.shape.type === "Polygon" || row.shape.type === "MultiPolygon");
  const byId = new Map(candidates.map((row) => [row.id, row]));
  const report = computeOverlapsReport(
    candidates.map((row) => ({ id: row.id, geometry: row.shape })),
    districts.map((row) => ({ id: row.id, geometry: parseShape(row.geometry) })),
    { minShare: DEFAULT_MIN_SHARE },
  );
  for (const overlap of report.overlaps) {
    const body = byId.get(overlap.bodyId)!;
    result.get(overlap.districtId)!.push({
      bodyId: body.id,
      name: body.name,
      parentId: body.parentId,
      population: body.population,
      passed: passed(body.id),
      shareOfBody: overlap.shareOfBody,
      shareOfDistrict: overlap.shareOfDistrict,
    });
  }
  for (const bodies of result.values()) bodies.sort((a, b) => b.shareOfDistrict - a.shareOfDistrict);
  return result;
}
