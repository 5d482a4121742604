import type { StageDefinition, StageKind, StageScheme } from "../../shared/model/stage";

/** Pure edits of a stage scheme for the campaign settings screen (the server validates the result). */

/** A lower_snake_case id from a label, unique in the scheme ("Town vote" → "town_vote", then "town_vote_2"). */
export function stageIdFor(label: string, scheme: StageScheme): string {
  return uniqueIdFor(label, new Set(scheme.stages.map((stage) => stage.id)), "stage");
}

/** A lower_snake_case id from a label that is not in `taken` (stages, ladder steps). */
export function uniqueIdFor(label: string, taken: ReadonlySet<string>, fallback: string): string {
  const base =
    label
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^[^a-z]+|_+$/g, "")
      .slice(0, 34) || fallback;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

export function moveStage(scheme: StageScheme, index: number, by: -1 | 1): StageScheme {
  const target = index + by;
  return target < 0 || target >= scheme.stages.length ? scheme : { stages: moveItem(scheme.stages, index, by) };
}

/** The list with the item at `index` swapped with its neighbour above (-1) or below (1). */
export function moveItem<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (target < 0 || target >= items.length) return [...items];
  const moved = [...items];
  [moved[index], moved[target]] = [moved[target]!, moved[index]!];
  return moved;
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
