import type { BBox } from "../model/body";
import { pressFrame, unionBBox } from "./bbox";

/**
 * The press map's layout for a national scope, as newsrooms draw the United States: the
 * contiguous states in the main frame, and Alaska, Hawaii, Puerto Rico and the other territories
 * each in an inset of its own (an Albers USA-style layout), so none is cropped off and none shrinks
 * the main map to a speck. Insets appear only when the bodies span the contiguous states and an
 * outlying one; a campaign in Alaska alone gets Alaska as its main frame.
 */

/** States and territories drawn in an inset, in the order newsrooms place them (left to right). */
export const INSET_STATES: ReadonlyArray<{ state: string; label: string }> = [
  { state: "AK", label: "Alaska" },
  { state: "HI", label: "Hawaii" },
  { state: "PR", label: "Puerto Rico" },
  { state: "VI", label: "U.S. Virgin Islands" },
  { state: "GU", label: "Guam" },
  { state: "MP", label: "Northern Mariana Islands" },
  { state: "AS", label: "American Samoa" },
];

export interface PressInset {
  state: string;
  label: string;
  /** The inset's frame; Alaska's runs west of −180° so the Aleutians beyond the antimeridian stay on it. */
  frame: BBox;
  bodies: number;
}

export interface PressLayout {
  main: BBox | null;
  insets: PressInset[];
}

/**
 * A body's box as one side of the antimeridian: Alaska's boxes east of 0° (Attu, the Near
 * Islands), or as wide as the world (a census area straddling 180°), move west of −180°.
 */
function westOfAntimeridian([west, south, east, north]: BBox): BBox {
  if (east - west > 180) return [-188, south, -164, north];
  return west > 0 ? [west - 360, south, east - 360, north] : [west, south, east, north];
}

export function pressLayout(bodies: ReadonlyArray<{ state: string | null; bbox: BBox }>, { scoped }: { scoped: boolean }): PressLayout {
  const outlying = new Set(INSET_STATES.map((entry) => entry.state));
  const main = bodies.filter((body) => body.state === null || !outlying.has(body.state));
  if (main.length === 0)
    return {
      main: pressFrame(
        bodies.map((body) => body.bbox),
        { scoped },
      ),
      insets: [],
    };
  const insets = INSET_STATES.flatMap(({ state, label }) => {
    const boxes = bodies.filter((body) => body.state === state).map((body) => (state === "AK" ? westOfAntimeridian(body.bbox) : body.bbox));
    const frame = unionBBox(boxes);
    return frame ? [{ state, label, frame, bodies: boxes.length }] : [];
  });
  // With the outlying states in insets, the main frame can hold every remaining body, islands included.
  return {
    main: pressFrame(
      main.map((body) => body.bbox),
      { scoped: scoped || insets.length > 0 },
    ),
    insets,
  };
}
