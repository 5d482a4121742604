import type { StageDefinition, StageKind, StageScheme } from "../../shared/model/stage";

/** Pure edits of a stage scheme for the campaign settings screen (the server validates the result). */

/** A lower_snake_case id from a label, unique in the scheme ("Town vote" → "town_vote", then "town_vote_2"). */
export function stageIdFor(label: string, scheme: StageScheme): string {
  const base =
    label
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^[^a-z]+|_+$/g, "")
      .slice(0, 34) || "stage";
  const taken = new Set(scheme.stages.map((stage) => stage.id));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

export function moveStage(scheme: StageScheme, index: number, by: -1 | 1): StageScheme {
  const target = index + by;
  if (target < 0 || target >= scheme.stages.length) return scheme;
  const stages = [...scheme.stages];
  [stages[index], stages[target]] = [stages[target]!, stages[index]!];
  return { stages };
}

export function updateStage(scheme: StageScheme, index: number, change: Partial<Omit<StageDefinition, "id">>): StageScheme {
  return { stages: scheme.stages.map((stage, at) => (at === index ? { ...stage, ...change } : stage)) };
}

export function removeStage(scheme: StageScheme, index: number): StageScheme {
  return { stages: scheme.stages.filter((_, at) => at !== index) };
}

/** Add a stage: pipeline steps go after the last pipeline step, others at the end. */
export function addStage(scheme: StageScheme, label: string, kind: StageKind, color: string): StageScheme {
  const stage: StageDefinition = { id: stageIdFor(label, scheme), label: label.trim(), color, kind, opensVote: false, description: "" };
  const stages = [...scheme.stages];
  const lastPipeline = stages.map((entry) => entry.kind).lastIndexOf("pipeline");
  stages.splice(kind === "pipeline" ? lastPipeline + 1 : stages.length, 0, stage);
  return { stages };
}
