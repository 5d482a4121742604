import type { Ladder } from "../model/ladder";
import { rankOfStep } from "./ladder";

/**
 * The recruiting gap list: districts of one chamber that no hub covers whole, worst gap first.
 *
 * - **People not covered**: the people of the towns in the district that lie in no hub's area,
 *   each town counted for the share of it inside the district (population × share of the body).
 *   Null when no such town has a population (the boundary file carried none): then the uncovered
 *   share of the district's area ranks it instead.
 * - **Leverage order**: most people not covered first; among equals, the legislator furthest
 *   from the top of the ladder (the hub would start there); then by district, numbers as numbers.
 * - **Towns to recruit in**: the uncovered towns with the most people in the district (by area
 *   share when populations are unknown), top ones first. A body nested in another (a ward in a
 *   city) is left out: its parent is the place to recruit.
 */

export interface GapTown {
  bodyId: number;
  name: string;
  parentId: number | null;
  population: number | null;
  shareOfBody: number;
  shareOfDistrict: number;
  /** Lies in some hub's area already. */
  hasHub: boolean;
}

export interface GapDistrict {
  id: number;
  label: string;
  /** The largest share of the district any hub covers (0–1). */
  hubShare: number;
  towns: GapTown[];
  legislators: Array<{ legislatorId: number; name: string; party: string | null; step: string }>;
}

export interface RecruitingGap {
  districtId: number;
  label: string;
  /** Share of the district's area no hub covers (0–1). */
  uncoveredShare: number;
  /** People in towns no hub covers (an estimate: population × share of each town inside). */
  peopleNotCovered: number | null;
  legislators: GapDistrict["legislators"];
  townsToRecruit: Array<{ bodyId: number; name: string; people: number | null; shareOfDistrict: number }>;
}

/** How many towns each gap names. */
export const TOWNS_PER_GAP = 5;

export function rankRecruitingGaps(districts: readonly GapDistrict[], ladder: Ladder): RecruitingGap[] {
  const gaps = districts
    .filter((district) => district.hubShare < 1)
    .map((district): RecruitingGap => {
      const present = new Set(district.towns.map((town) => town.bodyId));
      const open = district.towns.filter((town) => !town.hasHub && !(town.parentId !== null && present.has(town.parentId)));
      const people = (town: GapTown) => (town.population === null ? null : Math.round(town.population * town.shareOfBody));
      const known = open.filter((town) => town.population !== null);
      return {
        districtId: district.id,
        label: district.label,
        uncoveredShare: Math.max(0, 1 - district.hubShare),
        peopleNotCovered: known.length ? known.reduce((sum, town) => sum + people(town)!, 0) : null,
        legislators: district.legislators,
        townsToRecruit: open
          .map((town) => ({ bodyId: town.bodyId, name: town.name, people: people(town), shareOfDistrict: town.shareOfDistrict }))
          .sort((a, b) => (b.people ?? -1) - (a.people ?? -1) || b.shareOfDistrict - a.shareOfDistrict || a.name.localeCompare(b.name))
          .slice(0, TOWNS_PER_GAP),
      };
    });
  const lowestStep = (gap: RecruitingGap) => Math.min(...gap.legislators.map((legislator) => rankOfStep(ladder, legislator.step)), Number.MAX_SAFE_INTEGER);
  return gaps.sort(
    (a, b) =>
      (b.peopleNotCovered ?? -1) - (a.peopleNotCovered ?? -1) ||
      b.uncoveredShare - a.uncoveredShare ||
      lowestStep(a) - lowestStep(b) ||
      a.label.localeCompare(b.label, "en", { numeric: true }),
  );
}
