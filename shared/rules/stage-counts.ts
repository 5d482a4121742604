import type { StageScheme } from "../model/stage";

/** Count bodies per stage, in scheme order, including stages with zero bodies. */
export function countByStage(
  scheme: StageScheme,
  stages: Iterable<string>,
): Array<{ stageId: string; count: number }> {
  const counts = new Map(scheme.stages.map((stage) => [stage.id, 0]));
  for (const stage of stages) counts.set(stage, (counts.get(stage) ?? 0) + 1);
  return [...counts].map(([stageId, count]) => ({ stageId, count }));
}
