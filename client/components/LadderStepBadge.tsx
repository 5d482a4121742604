import type { Ladder } from "../../shared/model/ladder";
import { ladderTierOf, stepLabel } from "../../shared/rules/ladder";

/** A legislator's step on a bill, shaded by where it sits on the ladder (opposed, below, supportive, cosponsor and above). */
export function LadderStepBadge({ ladder, step }: { ladder: Ladder; step: string }) {
  return <strong className={`ladder-step ladder-step-${ladderTierOf(ladder, step)}`}>{stepLabel(ladder, step)}</strong>;
}
