import { ancestorsInDistrict, districtCoverage, type Coverage, type CoverageBody, type DistrictPeople } from "./coverage";

/**
 * Redistricting diff: one district under two plans of its chamber. Pure: the server feeds it the
 * bodies overlapping the district of the older plan and of its counterpart in the newer plan.
 *
 * - **Coverage** under each plan is `districtCoverage` of that plan's overlaps: area, and people
 *   counted from the population layer when it reached both districts (it is placed in every plan's
 *   districts), else estimated by area on both sides, since both must be measured the same way.
 * - **Moving in**: passed bodies that count towards the newer district's coverage (not inside
 *   another passed body there) and do not overlap the older district at all; **moving out**: the
 *   same the other way round. Each with its share of the district it is in.
 */

export interface PlanBody extends CoverageBody {
  name: string;
}

export interface MovingBody {
  bodyId: number;
  name: string;
  /** Share of the district's area inside the body, in the plan where the body overlaps the district. */
  shareOfDistrict: number;
}

export interface PlanDiff {
  older: Coverage;
  newer: Coverage;
  /** Passed bodies in the newer plan's district and not in the older one's, largest share first. */
  movingIn: MovingBody[];
  /** Passed bodies in the older plan's district and not in the newer one's, largest share first. */
  movingOut: MovingBody[];
}

export function comparePlans(
  older: readonly PlanBody[],
  newer: readonly PlanBody[],
  counts: { older: DistrictPeople | null; newer: DistrictPeople | null } = { older: null, newer: null },
): PlanDiff {
  const counted = counts.older !== null && counts.newer !== null;
  return {
    older: districtCoverage(older, counted ? counts.older : null),
    newer: districtCoverage(newer, counted ? counts.newer : null),
    movingIn: passedOnlyIn(newer, older),
    movingOut: passedOnlyIn(older, newer),
  };
}

/** Passed bodies of `here` that count towards its coverage and do not overlap `there`. */
function passedOnlyIn(here: readonly PlanBody[], there: readonly PlanBody[]): MovingBody[] {
  const elsewhere = new Set(there.map((body) => body.bodyId));
  const passed = new Set(here.filter((body) => body.passed).map((body) => body.bodyId));
  const ancestors = ancestorsInDistrict(here);
  return here
    .filter((body) => body.passed && !elsewhere.has(body.bodyId) && !ancestors.get(body.bodyId)!.some((id) => passed.has(id)))
    .map((body) => ({ bodyId: body.bodyId, name: body.name, shareOfDistrict: body.shareOfDistrict }))
    .sort((a, b) => b.shareOfDistrict - a.shareOfDistrict || a.name.localeCompare(b.name));
}
