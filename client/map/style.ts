import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from "maplibre-gl";
import type { StageScheme } from "../../shared/model/stage";
import { patternImageId } from "../lib/stage-patterns";

export const BODY_SOURCE = "bodies";
export const BODY_FILL_LAYER = "body-fill";
export const BODY_OUTLINE_LAYER = "body-outline";
export const BODY_HIGHLIGHT_LAYER = "body-highlight";
export const DISTRICT_SOURCE = "districts";
export const BODY_LABEL_SOURCE = "body-labels";
export const BODY_LABEL_LAYER = "body-label";
export const REFERENCE_SOURCE = "reference";

/** The label font's name in the style; its files ship with the app (see `labelFontFaces`). */
export const LABEL_FONT = "Groundswell Sans";

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
  land: "#f4f3ef",
  countyBorder: "#a3adb8",
  stateBorder: "#4b5563",
  label: "#1f2937",
  halo: "#ffffff",
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
const fillOpacity: ExpressionSpecification = ["case", ["boolean", ["feature-state", "muted"], false], 0.12, ["boolean", ["feature-state", "hover"], false], 1, 0.88];

export function bodyLayers(scheme: StageScheme): LayerSpecification[] {
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
      "fill-opacity": ["case", ["boolean", ["feature-state", "muted"], false], 0, ["==", ["coalesce", ["feature-state", "stage"], ""], stage.id], 1, 0] as ExpressionSpecification,
    },
  }));
}

export const patternLayerId = (stageId: string) => `body-pattern-${stageId}`;

const emptyCollection = (): GeoJSON.FeatureCollection => ({ type: "FeatureCollection", features: [] });
const referenceLayer = (layer: string): ExpressionSpecification => ["==", ["get", "layer"], layer];

/**
 * Body names: one point per body (`labelPoints`), the biggest placed first (`symbol-sort-key`),
 * any that would collide dropped; they appear from county-sized zooms and grow as you zoom in.
 */
export function bodyLabelLayer(): LayerSpecification {
  return {
    id: BODY_LABEL_LAYER,
    type: "symbol",
    source: BODY_LABEL_SOURCE,
    minzoom: 5,
    layout: {
      "text-field": ["get", "name"],
      "text-font": [LABEL_FONT],
      "text-size": ["interpolate", ["linear"], ["zoom"], 5, 10.5, 9, 12.5, 12, 15],
      "text-max-width": 8,
      "text-padding": 3,
      "symbol-sort-key": ["-", 0, ["get", "size"]],
    },
    paint: { "text-color": MAP_COLORS.label, "text-halo-color": MAP_COLORS.halo, "text-halo-width": 1.5 },
  };
}

/** Land under the bodies (so the sea reads as water), county and state borders, state names. */
function referenceLayers(): { under: LayerSpecification[]; over: LayerSpecification[] } {
  return {
    under: [{ id: "reference-land", type: "fill", source: REFERENCE_SOURCE, filter: referenceLayer("land"), paint: { "fill-color": MAP_COLORS.land } }],
    over: [
      {
        id: "reference-county-border",
        type: "line",
        source: REFERENCE_SOURCE,
        minzoom: 5,
        filter: referenceLayer("county_border"),
        paint: { "line-color": MAP_COLORS.countyBorder, "line-width": ["interpolate", ["linear"], ["zoom"], 5, 0.4, 10, 1.2], "line-dasharray": [3, 2] },
      },
      {
        id: "reference-state-border",
        type: "line",
        source: REFERENCE_SOURCE,
        filter: referenceLayer("state_border"),
        paint: { "line-color": MAP_COLORS.stateBorder, "line-width": ["interpolate", ["linear"], ["zoom"], 3, 0.8, 8, 2, 12, 3] },
      },
    ],
  };
}

function stateLabelLayer(): LayerSpecification {
  return {
    id: "reference-state-label",
    type: "symbol",
    source: REFERENCE_SOURCE,
    maxzoom: 6,
    filter: referenceLayer("state_label"),
    layout: {
      "text-field": ["upcase", ["get", "name"]],
      "text-font": [LABEL_FONT],
      "text-size": ["interpolate", ["linear"], ["zoom"], 3, 10, 6, 14],
      "text-letter-spacing": 0.08,
      "text-max-width": 6,
      "symbol-sort-key": ["-", 0, ["get", "size"]],
    },
    paint: { "text-color": "#374151", "text-halo-color": MAP_COLORS.halo, "text-halo-width": 1.5, "text-opacity": 0.85 },
  };
}

/**
 * The whole style when no basemap is configured: water background, land, the bodies, borders and
 * names over them. Everything comes from the app's own server: the reference geometry
 * (`/geo/reference.geojson`) and the label font (`font-faces`); no glyph or tile server.
 */
export function selfContainedStyle(scheme: StageScheme, assets: { referenceUrl: string; fontFaces: NonNullable<StyleSpecification["font-faces"]> }): StyleSpecification {
  const reference = referenceLayers();
  const layers = bodyLayers(scheme);
  const afterOutline = layers.findIndex((layer) => layer.id === BODY_OUTLINE_LAYER) + 1;
  return {
    version: 8,
    "font-faces": assets.fontFaces,
    sources: {
      [REFERENCE_SOURCE]: { type: "geojson", data: assets.referenceUrl },
      [BODY_SOURCE]: { type: "geojson", data: emptyCollection() },
      [DISTRICT_SOURCE]: { type: "geojson", data: emptyCollection() },
      [BODY_LABEL_SOURCE]: { type: "geojson", data: emptyCollection() },
    },
    layers: [
      { id: "background", type: "background", paint: { "background-color": MAP_COLORS.water } },
      ...reference.under,
      ...layers.slice(0, afterOutline),
      ...reference.over,
      ...layers.slice(afterOutline),
      stateLabelLayer(),
      bodyLabelLayer(),
    ],
  } as StyleSpecification;
}
