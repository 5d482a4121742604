import type { ExpressionSpecification, LayerSpecification } from "maplibre-gl";
import type { EndorserLadder } from "../../shared/model/endorser";

/**
 * Endorsers on the map: points coloured by their step on the endorser ladder, clustered at low
 * zoom (a cluster is a grey disc sized by how many it holds: no text, so no remote glyphs). Steps
 * before "endorsed" run from slate to amber, public steps are greens, and a step after the last
 * public one (declined) is a muted grey.
 */
export const ENDORSER_SOURCE = "endorsers";
export const ENDORSER_POINT_LAYER = "endorser-point";
export const ENDORSER_CLUSTER_LAYER = "endorser-cluster";

const BEFORE = ["#94a3b8", "#f2b705", "#ee7a14", "#d9480f", "#b02a37"];
const PUBLIC = ["#1f9d55", "#0b6e4f", "#064e3b"];
const AFTER = "#6b7280";

/** A colour per step of the ladder, in ladder order. */
export function endorserStepColors(ladder: EndorserLadder): Array<[string, string]> {
  const lastPublic = ladder.steps.map((step) => step.public).lastIndexOf(true);
  let before = 0;
  let shown = 0;
  return ladder.steps.map((step, index) => {
    if (step.public) return [step.id, PUBLIC[Math.min(shown++, PUBLIC.length - 1)]!];
    if (index > lastPublic) return [step.id, AFTER];
    return [step.id, BEFORE[Math.min(before++, BEFORE.length - 1)]!];
  });
}

/** `circle-color` from the point's `step` property. */
export function endorserColorExpression(colors: ReadonlyArray<[string, string]>): ExpressionSpecification {
  if (!colors.length) return "#94a3b8" as unknown as ExpressionSpecification;
  return ["match", ["get", "step"], ...colors.flat(), AFTER] as unknown as ExpressionSpecification;
}

export function endorserLayers(colors: ReadonlyArray<[string, string]>): LayerSpecification[] {
  return [
    {
      id: ENDORSER_CLUSTER_LAYER,
      type: "circle",
      source: ENDORSER_SOURCE,
      filter: ["has", "point_count"],
      paint: {
        "circle-color": "#334155",
        "circle-opacity": 0.8,
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 2,
        "circle-radius": ["step", ["get", "point_count"], 9, 10, 13, 50, 18, 200, 24],
      },
    },
    {
      id: ENDORSER_POINT_LAYER,
      type: "circle",
      source: ENDORSER_SOURCE,
      filter: ["!", ["has", "point_count"]],
      paint: {
        "circle-color": endorserColorExpression(colors),
        "circle-radius": 6,
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 1.5,
      },
    },
  ];
}

/** Endorsers as the map's point features: the id is the endorser's, `step` colours it (null: not public). */
export function endorserFeatures(endorsers: ReadonlyArray<{ id: number; name: string; lon: number; lat: number; step: string | null }>): GeoJSON.FeatureCollection<GeoJSON.Point> {
  return {
    type: "FeatureCollection",
    features: endorsers.map((endorser) => ({
      type: "Feature",
      id: endorser.id,
      properties: { name: endorser.name, step: endorser.step ?? "" },
      geometry: { type: "Point", coordinates: [endorser.lon, endorser.lat] },
    })),
  };
}
