import type { BBox, BodyKind, BodySummary } from "../../shared/model/body";
import { countedBodies, type CampaignScope } from "../../shared/model/campaign-scope";
import type { PublicMap } from "../../shared/model/public-view";

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
    const properties = (feature.properties ?? {}) as FeatureProperties;
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

/**
 * The stage payload after one committed change, without refetching. A change older than what the
 * payload holds (a live message arriving after this page's own save, or after a refetch that
 * already saw it) leaves the payload as it is.
 */
export function withStageChange(payload: StagesPayload, change: { bodyId: number; stage: string; version: number }): StagesPayload {
  const held = payload.stages.find(([bodyId]) => bodyId === change.bodyId);
  if (held && held[2] >= change.version) return payload;
  const rest = payload.stages.filter(([bodyId]) => bodyId !== change.bodyId);
  return { ...payload, stages: [...rest, [change.bodyId, change.stage, change.version]] };
}

/**
 * The public map's stage list (`public.map` now) after one committed change: the body's entry is
 * set, or dropped when it is back at the first stage (the list leaves those out). Only the list
 * is patched: counts, people and the date range are the server's to recompute (refetched later).
 */
export function withPublicStageChange(map: PublicMap, change: { bodyId: number; stage: string }): PublicMap {
  if (map.asOf !== null) return map;
  const rest = map.stages.filter(([bodyId]) => bodyId !== change.bodyId);
  if (change.stage === map.initialStage) return rest.length === map.stages.length ? map : { ...map, stages: rest };
  return { ...map, stages: [...rest, [change.bodyId, change.stage] as [number, string]].sort(([a], [b]) => a - b) };
}

interface FeatureProperties {
  name?: string;
  kind?: string;
  state?: string | null;
  geoid?: string | null;
  parentId?: number;
}

/**
 * The geometry payload narrowed to the bodies a campaign counts (its states, and each place once
 * at the level it counts: wards instead of their city only where it counts wards). The same rule
 * as the server's counts (`countedBodies`), so the map never draws a body its legend leaves out.
 */
export function scopeGeometry(geometry: GeoJSON.FeatureCollection, scope: CampaignScope): GeoJSON.FeatureCollection {
  const bodies = geometry.features.map((feature, index) => {
    const properties = (feature.properties ?? {}) as FeatureProperties;
    return {
      id: feature.id as number,
      kind: properties.kind ?? "",
      state: properties.state ?? null,
      geoid: properties.geoid ?? null,
      parentId: properties.parentId ?? null,
      index,
    };
  });
  const counted = countedBodies(scope, bodies);
  if (counted.length === bodies.length) return geometry;
  return { ...geometry, features: counted.map((body) => geometry.features[body.index]!) };
}
