import { countsAsPassed, type StageScheme } from "../model/stage";

/** Count bodies per stage, in scheme order, including stages with zero bodies. */
export function countByStage(scheme: StageScheme, stages: Iterable<string>): Array<{ stageId: string; count: number }> {
  const counts = new Map(scheme.stages.map((stage) => [stage.id, 0]));
  for (const stage of stages) counts.set(stage, (counts.get(stage) ?? 0) + 1);
  return [...counts].map(([stageId, count]) => ({ stageId, count }));
}

/**
 * How many bodies have passed (every stage that counts as passed: adopted, sent on, adopted over a
 * veto) out of all, for the headline "264 of 3,231 passed".
 */
export function countPassed(scheme: StageScheme, counts: ReadonlyArray<{ stageId: string; count: number }>): { passed: number; total: number } {
  const passedIds = new Set(scheme.stages.filter(countsAsPassed).map((stage) => stage.id));
  let passed = 0;
  let total = 0;
  for (const entry of counts) {
    total += entry.count;
    if (passedIds.has(entry.stageId)) passed += entry.count;
  }
  return { passed, total };
}

/** People living in the passed bodies and in every body counted, where populations are known. */
export interface PeopleCovered {
  passed: number;
  total: number;
}

/** Sum the populations of passed and of all bodies; null when no body has a population. */
export function countPeople(scheme: StageScheme, stages: Iterable<[number, string]>, populations: ReadonlyMap<number, number>): PeopleCovered | null {
  if (!populations.size) return null;
  const passedIds = new Set(scheme.stages.filter(countsAsPassed).map((stage) => stage.id));
  let passed = 0;
  let total = 0;
  for (const [bodyId, stage] of stages) {
    const people = populations.get(bodyId) ?? 0;
    total += people;
    if (passedIds.has(stage)) passed += people;
  }
  return total > 0 ? { passed, total } : null;
}

/** "264 of 3,231 passed (31.4 % of the people in scope)": the campaign at a glance. */
export function describeHeadline(tally: { passed: number; total: number }, people: PeopleCovered | null, formatCount: (value: number) => string = String): string {
  const share = people ? ` (${(Math.round((people.passed / people.total) * 1000) / 10).toFixed(1)} % of the people in scope)` : "";
  return `${formatCount(tally.passed)} of ${formatCount(tally.total)} passed${share}`;
}
