import { countsAsPassed, type StageScheme } from "../model/stage";

/** Count bodies per stage, in scheme order, including stages with zero bodies. */
export function countByStage(
  scheme: StageScheme,
  stages: Iterable<string>,
): Array<{ stageId: string; count: number }> {
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
