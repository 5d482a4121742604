import type { ExpressionSpecification, StyleSpecification } from "maplibre-gl";
import { PERCENT_YES_CLASSES } from "../../shared/rules/ballot-results";

/**
 * The "Ballot question" map mode: towns coloured by % yes on a diverging ramp centred on 50 %
 * (ColorBrewer PuOr, safe for every colour vision: orange for no, purple for yes), partial towns
 * hatched, towns where the question did not run in a neutral grey, and the outline of the
 * district(s) it ran in. Colours come from feature-state `ballot` (the class), so switching
 * questions never touches geometry.
 */
export const BALLOT_COLORS = ["#b35806", "#f1a340", "#fee0b6", "#d8daeb", "#998ec3", "#542788"] as const;
export const BALLOT_NEUTRAL = "#f7f7f7";
export const BALLOT_OUTLINE_SOURCE = "ballot-outline";
export const BALLOT_OUTLINE_LAYER = "ballot-outline";
export const BALLOT_PARTIAL_LAYER = "ballot-partial";
export const BALLOT_HATCH_IMAGE = "ballot-hatch";

if (BALLOT_COLORS.length !== PERCENT_YES_CLASSES.length) throw new Error("one colour per class of % yes");

/** `fill-color` from feature-state `ballot` (the class index; -1 or none: did not run there). */
export function ballotColorExpression(): ExpressionSpecification {
  const pairs = BALLOT_COLORS.flatMap((color, index) => [index, color]);
  return ["match", ["coalesce", ["feature-state", "ballot"], -1], ...pairs, BALLOT_NEUTRAL] as unknown as ExpressionSpecification;
}

/** Diagonal hatching for partial towns (8 × 8, dark lines), readable over every class colour. */
export function ballotHatchPixels(): { width: number; height: number; data: Uint8Array } {
  const size = 8;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if ((x + y) % size > 1) continue;
      const offset = (y * size + x) * 4;
      data.set([17, 24, 39, 200], offset);
    }
  }
  return { width: size, height: size, data };
}

/** The hatch over partial towns and the outline of where the question ran; hidden until the mode is on. */
export function ballotLayers(bodySource: string): StyleSpecification["layers"] {
  return [
    {
      id: BALLOT_PARTIAL_LAYER,
      type: "fill",
      source: bodySource,
      layout: { visibility: "none" },
      paint: { "fill-pattern": BALLOT_HATCH_IMAGE, "fill-opacity": ["case", ["boolean", ["feature-state", "partial"], false], 1, 0] },
    },
    {
      id: BALLOT_OUTLINE_LAYER,
      type: "line",
      source: BALLOT_OUTLINE_SOURCE,
      layout: { visibility: "none" },
      paint: { "line-color": "#111827", "line-width": 3, "line-dasharray": [3, 1.5] },
    },
  ];
}
