import { computeOverlapsReport, DEFAULT_MIN_SHARE, type OverlapGeometry } from "../../shared/geo/overlaps";
import { countsAsPassed, initialStage } from "../../shared/model/stage";
import type { Coverage } from "../../shared/rules/coverage";
import { comparePlans, type MovingBody, type PlanBody } from "../../shared/rules/plan-comparison";
import type { Db } from "../db/connect";
import { findBodiesInBox } from "../db/repositories/body-repository";
import { findDistrictById, findDistrictsOfAllPlans } from "../db/repositories/district-repository";
import { findOverlapsOfDistrict } from "../db/repositories/overlap-repository";
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
  const otherVintages = [...new Set(all.map((row) => row.vintage))].filter((vintage) => vintage !== district.vintage).sort(byVintage);
  if (otherVintages.length === 0) return null;
  const otherVintage = district.isCurrent === 1 ? otherVintages.at(-1)! : (all.find((row) => row.isCurrent === 1)?.vintage ?? otherVintages.at(-1)!);
  const counterpart = findCounterpart(self, all.filter((row) => row.vintage === otherVintage));
  if (!counterpart) return null;

  const scheme = campaign.stageScheme;
  const stages = new Map((await findResolutionStages(db, campaign.id)).map((row) => [row.bodyId, row.stage]));
  const won = new Set(scheme.stages.filter(countsAsPassed).map((stage) => stage.id));
  const passed = (bodyId: number) => won.has(stages.get(bodyId) ?? initialStage(scheme).id);
  const [selfBodies, counterpartBodies] = [await bodiesOf(db, self, passed), await bodiesOf(db, counterpart, passed)];
  const [older, newer] = byVintage(self.vintage, counterpart.vintage) < 0 ? [self, counterpart] : [counterpart, self];
  const diff = comparePlans(older === self ? selfBodies : counterpartBodies, newer === self ? selfBodies : counterpartBodies);
  const side = (row: PlanDistrict, coverage: Coverage): PlanSide => ({
    districtId: row.id,
    name: row.name,
    vintage: row.vintage,
    isCurrent: row.isCurrent === 1,
    label: `${row.vintage} plan${row.isCurrent === 1 ? " (current)" : ""}`,
    coverage,
  });
  return { older: side(older, diff.older), newer: side(newer, diff.newer), movingIn: diff.movingIn, movingOut: diff.movingOut };
}

/** The other plan's district of the same name, else the one sharing the most area with `district`. */
function findCounterpart(district: PlanDistrict, plan: readonly PlanDistrict[]): PlanDistrict | undefined {
  const named = plan.find((row) => row.name === district.name);
  if (named) return named;
  const report = computeOverlapsReport(
    [{ id: district.id, geometry: JSON.parse(district.geometry) as OverlapGeometry }],
    plan.map((row) => ({ id: row.id, geometry: JSON.parse(row.geometry) as OverlapGeometry })),
    { minShare: 0 },
  );
  const largest = report.overlaps.reduce<(typeof report.overlaps)[number] | undefined>(
    (best, overlap) => (!best || overlap.intersectionArea > best.intersectionArea ? overlap : best),
    undefined,
  );
  return largest && plan.find((row) => row.id === largest.districtId);
}

/** The bodies overlapping a district: stored for a current district, computed on demand for another plan's. */
async function bodiesOf(db: Db, district: PlanDistrict, passed: (bodyId: number) => boolean): Promise<PlanBody[]> {
  if (district.isCurrent === 1) {
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
  const candidates = (await findBodiesInBox(db, [district.minLon, district.minLat, district.maxLon, district.maxLat]))
    .map((row) => ({ ...row, shape: JSON.parse(row.geometry) as GeoJSON.Geometry }))
    .filter((row): row is typeof row & { shape: OverlapGeometry } => row.shape.type === "Polygon" || row.shape.type === "MultiPolygon");
  const byId = new Map(candidates.map((row) => [row.id, row]));
  const report = computeOverlapsReport(
    candidates.map((row) => ({ id: row.id, geometry: row.shape })),
    [{ id: district.id, geometry: JSON.parse(district.geometry) as OverlapGeometry }],
    { minShare: DEFAULT_MIN_SHARE },
  );
  return report.overlaps
    .map((overlap) => {
      const body = byId.get(overlap.bodyId)!;
      return {
        bodyId: body.id,
        name: body.name,
        parentId: body.parentId,
        population: body.population,
        passed: passed(body.id),
        shareOfBody: overlap.shareOfBody,
        shareOfDistrict: overlap.shareOfDistrict,
      };
    })
    .sort((a, b) => b.shareOfDistrict - a.shareOfDistrict);
}
