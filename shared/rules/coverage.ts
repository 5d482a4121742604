/**
 * How much of a district is already covered by bodies that passed the resolution, by area and
 * by population. Pure: the server feeds it the district's stored overlaps.
 *
 * The method (also in the README):
 * - **Area.** The share of the district inside passed bodies is the sum of the passed overlaps'
 *   `shareOfDistrict`, capped at 1. Bodies of one layer (towns, places) do not overlap, so the sum
 *   is their union. A body nested in another (a ward committee whose `parentId` is a city, at any
 *   depth) lies inside its parent: when an ancestor that also overlaps the district has passed,
 *   the nested body adds nothing and is left out, so a ward inside a passed city never counts twice.
 * - **Population.** A body's people inside the district are apportioned by area:
 *   `population × shareOfBody` (people spread evenly over the body). The district's population is
 *   the sum over its top-level bodies (those with no ancestor overlapping the district); it is
 *   known only when every top-level body has a population, else population figures are null. A
 *   nested body without a population of its own takes its ancestor's density.
 * - **Counted population.** When a population layer (Census blocks, precincts) reached the
 *   district, its counts replace the estimate: the district's people are the counts inside it, and
 *   the people in passed bodies are the counts inside each counted passed body and the district
 *   (shared/geo/population-assign.ts places them). Split cities then count where their people
 *   live, not where their land is.
 */

export interface CoverageBody {
  bodyId: number;
  parentId: number | null;
  passed: boolean;
  /** Share of the district's area inside the body (0–1). */
  shareOfDistrict: number;
  /** Share of the body's area inside the district (0–1). */
  shareOfBody: number;
  /** People living in the whole body, when known. */
  population: number | null;
}

export interface Coverage {
  /** Share of the district's area inside passed bodies (0–1). */
  areaShare: number;
  /** Share of the district's people living in passed bodies (0–1), null when populations are missing. */
  populationShare: number | null;
  /** People in the district (sum over its top-level bodies), null when unknown. */
  population: number | null;
  /** People in the district living in passed bodies, null when unknown. */
  populationPassed: number | null;
  /** Passed bodies that count (not inside another passed body). */
  bodiesPassed: number;
  /** How the population figures were made: counted from a population layer, estimated by area, or unknown. */
  populationMethod: "counts" | "area" | null;
}

/** A population layer's counts for one district: its people, and each body's people inside it. */
export interface DistrictPeople {
  people: number;
  bodies: ReadonlyMap<number, number>;
}

/** Ids of the ancestors of each body that are themselves in `bodies` (nearest first). */
export function ancestorsInDistrict(bodies: readonly Pick<CoverageBody, "bodyId" | "parentId">[]): Map<number, number[]> {
  const byId = new Map(bodies.map((body) => [body.bodyId, body]));
  const result = new Map<number, number[]>();
  for (const body of bodies) {
    const chain: number[] = [];
    const seen = new Set([body.bodyId]);
    let parentId = body.parentId;
    while (parentId !== null && !seen.has(parentId)) {
      seen.add(parentId);
      const parent = byId.get(parentId);
      if (!parent) break;
      chain.push(parentId);
      parentId = parent.parentId;
    }
    result.set(body.bodyId, chain);
  }
  return result;
}

/** People of `body` inside the district, apportioned by area; null when neither it nor an ancestor has a population. */
export function peopleInDistrict(body: CoverageBody, byId: ReadonlyMap<number, CoverageBody>, ancestors: readonly number[]): number | null {
  if (body.population !== null) return body.population * body.shareOfBody;
  for (const ancestorId of ancestors) {
    const ancestor = byId.get(ancestorId)!;
    if (ancestor.population !== null && ancestor.shareOfDistrict > 0) {
      return ancestor.population * ancestor.shareOfBody * (body.shareOfDistrict / ancestor.shareOfDistrict);
    }
  }
  return null;
}

export function districtCoverage(bodies: readonly CoverageBody[], counts: DistrictPeople | null = null): Coverage {
  const byId = new Map(bodies.map((body) => [body.bodyId, body]));
  const ancestors = ancestorsInDistrict(bodies);
  const counted = bodies.filter((body) => body.passed && !ancestors.get(body.bodyId)!.some((id) => byId.get(id)!.passed));
  const areaShare = Math.min(
    1,
    counted.reduce((sum, body) => sum + body.shareOfDistrict, 0),
  );

  if (counts) {
    const population = counts.people;
    const populationPassed = Math.min(
      population,
      counted.reduce((sum, body) => sum + (counts.bodies.get(body.bodyId) ?? 0), 0),
    );
    return {
      areaShare,
      populationShare: population > 0 ? populationPassed / population : null,
      population,
      populationPassed,
      bodiesPassed: counted.length,
      populationMethod: "counts",
    };
  }
  const topLevel = bodies.filter((body) => ancestors.get(body.bodyId)!.length === 0);
  const known = topLevel.length > 0 && topLevel.every((body) => body.population !== null);
  if (!known) return { areaShare, populationShare: null, population: null, populationPassed: null, bodiesPassed: counted.length, populationMethod: null };
  const population = topLevel.reduce((sum, body) => sum + body.population! * body.shareOfBody, 0);
  const populationPassed = Math.min(
    population,
    counted.reduce((sum, body) => sum + (peopleInDistrict(body, byId, ancestors.get(body.bodyId)!) ?? 0), 0),
  );
  return {
    areaShare,
    populationShare: population > 0 ? Math.min(1, populationPassed / population) : null,
    population,
    populationPassed,
    bodiesPassed: counted.length,
    populationMethod: "area",
  };
}
