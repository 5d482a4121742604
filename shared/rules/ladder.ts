import { COSPONSOR_STEP, type Ladder, type StepList } from "../model/ladder";

/** A step's rank on the ladder (0 = the lowest); an id the ladder no longer has ranks lowest. */
export function rankOfStep(ladder: StepList, step: string): number {
  return Math.max(
    0,
    ladder.steps.findIndex((candidate) => candidate.id === step),
  );
}

/** The step anyone stands at when nothing is recorded: the ladder's lowest. */
export const firstStepOf = (ladder: StepList): string => ladder.steps[0]!.id;

export const isStepOf = (ladder: StepList, step: string): boolean => ladder.steps.some((candidate) => candidate.id === step);

/** The label of a step, or its id when the ladder no longer has it. */
export const stepLabel = (ladder: StepList, step: string): string => ladder.steps.find((candidate) => candidate.id === step)?.label ?? step;

/**
 * Where a cosponsor list moves a legislator at `current`: up to cosponsor, never down. Null when
 * they already stand at cosponsor or above (a caucus member stays a caucus member).
 */
export function cosponsorListMove(ladder: Ladder, current: string): string | null {
  return rankOfStep(ladder, current) < rankOfStep(ladder, COSPONSOR_STEP) ? COSPONSOR_STEP : null;
}

/** `step_<bill>` export columns: the bill's name with spaces as underscores ("step_H.1239"). */
export const stepColumnOf = (billName: string): `step_${string}` => `step_${billName.trim().replace(/\s+/g, "_")}`;

/** How a step reads at a glance: opposed, not yet supportive, supportive, or cosponsor and above. */
export function ladderTierOf(ladder: Ladder, step: string): "opposed" | "low" | "support" | "high" {
  if (step === "opposed") return "opposed";
  const rank = rankOfStep(ladder, step);
  if (rank >= rankOfStep(ladder, COSPONSOR_STEP)) return "high";
  const supportive = ladder.steps.findIndex((candidate) => candidate.id === "supportive");
  return supportive >= 0 && rank >= supportive ? "support" : "low";
}

/**
 * The ask for a lobby meeting, from where a legislator stands on a bill: the hub model's first
 * goal is to win non-cosponsors as cosponsors, so below cosponsor the ask is always cosponsor;
 * from there, the next step up (caucus, co-host, champion). Null at the top of the ladder.
 */
export function askFor(ladder: Ladder, current: string): { step: string; label: string; description: string } | null {
  const cosponsor = rankOfStep(ladder, COSPONSOR_STEP);
  const rank = rankOfStep(ladder, current);
  const next = rank < cosponsor ? ladder.steps[cosponsor] : ladder.steps[rank + 1];
  return next ? { step: next.id, label: next.label, description: next.description } : null;
}

/**
 * "What to say" to a legislator, in public wording, from their step on a bill and the campaign's
 * ask (`askFor`): below cosponsor, ask them to cosponsor (opposed: tell them why it matters to you
 * first); at cosponsor and above, thank them and ask for the next step; at the top, thank them.
 */
export function describeWhatToSay(ladder: Ladder, { name, step, bill }: { name: string; step: string; bill: string }): string {
  const current = ladder.steps[rankOfStep(ladder, step)];
  const ask = askFor(ladder, step);
  const tier = ladderTierOf(ladder, step);
  if (tier === "opposed") return `Tell ${name} why ${bill} matters to you, and ask them to cosponsor it.`;
  if (tier !== "high") return `Ask ${name} to cosponsor ${bill}.`;
  const thanks = `Thank ${name} for their support of ${bill} (${(current?.label ?? step).toLowerCase()})`;
  return ask ? `${thanks}, and ask them to take the next step: ${ask.label.toLowerCase()}.` : `${thanks}.`;
}
