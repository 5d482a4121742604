import type { ExpressionSpecification, StyleSpecification } from "maplibre-gl";
import type { StageScheme } from "../../shared/model/stage";
import { patternImageId } from "../lib/stage-patterns";

export const BODY_SOURCE = "bodies";
export const BODY_FILL_LAYER = "body-fill";
export const BODY_OUTLINE_LAYER = "body-outline";
export const BODY_HIGHLIGHT_LAYER = "body-highlight";
export const DISTRICT_SOURCE = "districts";

/**
 * District outlines per chamber. Told apart by dash and width as well as colour, so they read
 * in greyscale and for every colour vision.
 */
export const DISTRICT_LINE_STYLES = {
  state_lower: { color: "#4a1486", width: 1.6, dash: [1] },
  state_upper: { color: "#7f2704", width: 2, dash: [4, 2] },
  congressional: { color: "#000000", width: 3, dash: [1] },
} as const;

export const districtLayerId = (chamber: string) => `district-${chamber}`;

/** Colours of the self-contained style: no remote tiles, glyphs or sprites. */
export const MAP_COLORS = {
  water: "#dbe7ee",
  outline: "#8795a1",
  highlight: "#111827",
  unknownStage: "#f2f0eb",
};

/** `fill-color` from the body's feature-state `stage`: a recolour never touches geometry. */
export function stageColorExpression(scheme: StageScheme): ExpressionSpecification {
  const pairs = scheme.stages.flatMap((stage) => [stage.id, stage.color]);
  return ["match", ["coalesce", ["feature-state", "stage"], ""], ...pairs, MAP_COLORS.unknownStage] as unknown as ExpressionSpecification;
}

/** Muted (filtered out) bodies stay on the map as faint shapes, so the geography still reads. */
const fillOpacity: ExpressionSpecification = [
  "case",
  ["boolean", ["feature-state", "muted"], false],
  0.12,
  ["boolean", ["feature-state", "hover"], false],
  1,
  0.88,
];

export function bodyLayers(scheme: StageScheme): StyleSpecification["layers"] {
  return [
    {
      id: BODY_FILL_LAYER,
      type: "fill",
      source: BODY_SOURCE,
      paint: { "fill-color": stageColorExpression(scheme), "fill-opacity": fillOpacity },
    },
    {
      id: BODY_OUTLINE_LAYER,
      type: "line",
      source: BODY_SOURCE,
      paint: {
        "line-color": MAP_COLORS.outline,
        "line-width": ["interpolate", ["linear"], ["zoom"], 3, 0.2, 7, 0.8, 11, 1.4],
        "line-opacity": ["case", ["boolean", ["feature-state", "muted"], false], 0.3, 0.8],
      },
    },
    ...Object.entries(DISTRICT_LINE_STYLES).map(([chamber, line]) => ({
      id: districtLayerId(chamber),
      type: "line" as const,
      source: DISTRICT_SOURCE,
      filter: ["==", ["get", "chamber"], chamber] as ExpressionSpecification,
      layout: { visibility: "none" as const },
      paint: {
        "line-color": line.color,
        "line-width": ["case", ["boolean", ["feature-state", "selected"], false], line.width * 2.2, line.width] as ExpressionSpecification,
        "line-dasharray": [...line.dash],
        "line-opacity": 0.9,
      },
    })),
    {
      id: BODY_HIGHLIGHT_LAYER,
      type: "line",
      source: BODY_SOURCE,
      paint: {
        "line-color": MAP_COLORS.highlight,
        "line-width": ["case", ["boolean", ["feature-state", "selected"], false], 3, ["boolean", ["feature-state", "hover"], false], 2, 0],
      },
    },
  ];
}

/**
 * One fill layer per stage drawing that stage's pattern (an image added by the controller);
 * its opacity follows feature-state, so patterns too recolour without touching geometry.
 */
export function patternLayers(scheme: StageScheme, visible: boolean): StyleSpecification["layers"] {
  return scheme.stages.map((stage) => ({
    id: patternLayerId(stage.id),
    type: "fill" as const,
    source: BODY_SOURCE,
    layout: { visibility: visible ? ("visible" as const) : ("none" as const) },
    paint: {
      "fill-pattern": patternImageId(stage.id),
      "fill-opacity": [
        "case",
        ["boolean", ["feature-state", "muted"], false],
        0,
        ["==", ["coalesce", ["feature-state", "stage"], ""], stage.id],
        1,
        0,
      ] as ExpressionSpecification,
    },
  }));
}

export const patternLayerId = (stageId: string) => `body-pattern-${stageId}`;

/** The whole style when no basemap is configured: water background, bodies as land. */
export function selfContainedStyle(scheme: StageScheme): StyleSpecification {
  return {
    version: 8,
    sources: {
      [BODY_SOURCE]: { type: "geojson", data: { type: "FeatureCollection", features: [] } },
      [DISTRICT_SOURCE]: { type: "geojson", data: { type: "FeatureCollection", features: [] } },
    },
    layers: [{ id: "background", type: "background", paint: { "background-color": MAP_COLORS.water } }, ...bodyLayers(scheme)],
  };
}
