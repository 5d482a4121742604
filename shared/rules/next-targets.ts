import type { StageScheme } from "../model/stage";
import { ancestorsInDistrict, peopleInDistrict, type CoverageBody, type DistrictPeople } from "./coverage";

/**
 * Best next targets for a district: bodies that have not passed, ranked by what winning them
 * would add and how far along they already are.
 *
 *   gain     = the share of the district's people the body would add (its people in the
 *              district, less those of its nested bodies that already passed, over the
 *              district's population); the share of the district's AREA, the same way, when
 *              population is unknown. A body inside a passed body adds nothing and is not listed.
 *              With a population layer's counts for the district, its people are those counted.
 *   progress = position of its stage among the scheme's pipeline stages, 0 for the first and 1
 *              for the last (vote scheduled); `lost` and `paused` stages count as 0.
 *   score    = gain × (0.5 + 0.5 × progress)
 *
 * So a body with a vote scheduled counts its gain in full, an untouched one counts half: a body
 * one step from a vote beats a slightly bigger one nobody is working on, but not a much bigger one.
 */

export interface TargetCandidate extends CoverageBody {
  name: string;
  stage: string;
}

export interface NextTarget {
  bodyId: number;
  name: string;
  stage: string;
  /** Share of the district it would add (0–1), by `basis`. */
  gain: number;
  basis: "population" | "area";
  progress: number;
  score: number;
}

/** 0 for the first pipeline stage … 1 for the last; 0 for lost, paused or unknown stages. */
export function stageProgress(scheme: StageScheme, stageId: string): number {
  const pipeline = scheme.stages.filter((stage) => stage.kind === "pipeline");
  const index = pipeline.findIndex((stage) => stage.id === stageId);
  if (index < 0 || pipeline.length < 2) return 0;
  return index / (pipeline.length - 1);
}

export function targetScore(gain: number, progress: number): number {
  return gain * (0.5 + 0.5 * progress);
}

export function rankNextTargets(
  bodies: readonly TargetCandidate[],
  scheme: StageScheme,
  { limit = 10, counts = null }: { limit?: number; counts?: DistrictPeople | null } = {},
): NextTarget[] {
  const byId = new Map<number, CoverageBody>(bodies.map((body) => [body.bodyId, body]));
  const ancestors = ancestorsInDistrict(bodies);
  const topLevel = bodies.filter((body) => ancestors.get(body.bodyId)!.length === 0);
  const byPopulation = counts !== null || (topLevel.length > 0 && topLevel.every((body) => body.population !== null));
  const districtPeople = counts ? counts.people : byPopulation ? topLevel.reduce((sum, body) => sum + body.population! * body.shareOfBody, 0) : 0;
  const basis: NextTarget["basis"] = byPopulation && districtPeople > 0 ? "population" : "area";
  const peopleOf = (body: TargetCandidate) => (counts ? (counts.bodies.get(body.bodyId) ?? 0) : (peopleInDistrict(body, byId, ancestors.get(body.bodyId)!) ?? 0));
  const amount = (body: TargetCandidate) => (basis === "population" ? peopleOf(body) / districtPeople : body.shareOfDistrict);

  const targets: NextTarget[] = [];
  for (const body of bodies) {
    if (body.passed || ancestors.get(body.bodyId)!.some((id) => byId.get(id)!.passed)) continue;
    // Nested bodies that already passed are part of this body's area: winning it adds only the rest.
    const passedInside = bodies.filter(
      (other) =>
        other.passed &&
        ancestors.get(other.bodyId)!.includes(body.bodyId) &&
        !ancestors.get(other.bodyId)!.some((id) => id !== body.bodyId && byId.get(id)!.passed && ancestors.get(id)!.includes(body.bodyId)),
    );
    const gain = Math.max(0, Math.min(1, amount(body) - passedInside.reduce((sum, other) => sum + amount(other), 0)));
    if (gain <= 0) continue;
    const progress = stageProgress(scheme, body.stage);
    targets.push({ bodyId: body.bodyId, name: body.name, stage: body.stage, gain, basis, progress, score: targetScore(gain, progress) });
  }
  return targets.sort((a, b) => b.score - a.score || b.gain - a.gain || a.name.localeCompare(b.name)).slice(0, limit);
}
