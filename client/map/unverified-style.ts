import type { ExpressionSpecification, LayerSpecification } from "maplibre-gl";

/**
 * Passes no organizer has verified yet, hatched over their stage colour: white stripes edged in
 * near-black, readable over every passed colour (orange, brown, yellow) and in greyscale, and
 * running the other way from the ballot mode's hatch. Which bodies are hatched comes from
 * feature-state `unverified`, so verifying a pass repaints without touching geometry.
 */
export const UNVERIFIED_LAYER = "body-unverified";
export const UNVERIFIED_HATCH_IMAGE = "unverified-hatch";

const SIZE = 10;

/** One 10 × 10 tile: a 3-pixel white stripe and a 1-pixel dark edge per period, transparent between. */
export function unverifiedHatchPixels(): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const band = (x - y + SIZE) % SIZE;
      const offset = (y * SIZE + x) * 4;
      if (band < 3) data.set([255, 255, 255, 235], offset);
      else if (band === 3) data.set([17, 24, 39, 190], offset);
    }
  }
  return { width: SIZE, height: SIZE, data };
}

/** The hatch layer over the bodies; hidden on muted (filtered out) bodies like the stage patterns. */
export function unverifiedLayer(bodySource: string): LayerSpecification {
  return {
    id: UNVERIFIED_LAYER,
    type: "fill",
    source: bodySource,
    paint: {
      "fill-pattern": UNVERIFIED_HATCH_IMAGE,
      "fill-opacity": ["case", ["boolean", ["feature-state", "muted"], false], 0, ["boolean", ["feature-state", "unverified"], false], 1, 0] as ExpressionSpecification,
    },
  };
}
