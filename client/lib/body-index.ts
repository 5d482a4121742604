import type { BBox, BodyKind, BodySummary } from "../../shared/model/body";

export interface StagesPayload {
  initialStage: string;
  stages: Array<[number, string, number]>;
}

/**
 * Join the cached geometry payload (names, kinds, bboxes) with the small stage payload into the
 * summaries the legend, search and panel use. Bodies without a resolution sit at the first stage.
 */
export function toBodySummaries(geometry: GeoJSON.FeatureCollection, payload: StagesPayload): BodySummary[] {
  const byBody = new Map(payload.stages.map(([bodyId, stage, version]) => [bodyId, { stage, version }]));
  return geometry.features.map((feature) => {
    const id = feature.id as number;
    const properties = (feature.properties ?? {}) as { name?: string; kind?: string; state?: string | null; geoid?: string | null };
    const resolution = byBody.get(id);
    return {
      id,
      name: properties.name ?? `Body ${id}`,
      kind: (properties.kind ?? "city_council") as BodyKind,
      state: properties.state ?? null,
      geoid: properties.geoid ?? null,
      bbox: (feature.bbox?.slice(0, 4) ?? [0, 0, 0, 0]) as BBox,
      stage: resolution?.stage ?? payload.initialStage,
      version: resolution?.version ?? 0,
    };
  });
}

/** The stage payload after one successful change, without refetching. */
export function withStageChange(payload: StagesPayload, change: { bodyId: number; stage: string; version: number }): StagesPayload {
  const rest = payload.stages.filter(([bodyId]) => bodyId !== change.bodyId);
  return { ...payload, stages: [...rest, [change.bodyId, change.stage, change.version]] };
}
