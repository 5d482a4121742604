import { describe, expect, it } from "vitest";
import type { BBox } from "../model/body";
import { featuresWithin, insetReach, pressLayout } from "./press-layout";

const body = (state: string | null, bbox: BBox) => ({ state, bbox });

describe("pressLayout", () => {
  const maine = body("ME", [-71, 43, -67, 47.5]);
  const keyWest = body("FL", [-82, 24.5, -81.7, 24.7]);
  const anchorage = body("AK", [-150.5, 61, -149, 61.5]);
  const attu = body("AK", [172.4, 52.7, 173.3, 53]);
  const honolulu = body("HI", [-158.3, 21.2, -157.6, 21.7]);
  const sanJuan = body("PR", [-66.2, 18.3, -66, 18.5]);

  it("frames the contiguous states whole and gives Alaska, Hawaii and Puerto Rico an inset each, in newsroom order", () => {
    const layout = pressLayout([sanJuan, maine, honolulu, anchorage, keyWest, attu], { scoped: false });
    expect(layout.main).toEqual([-82, 24.5, -67, 47.5]);
    expect(layout.insets.map((inset) => [inset.label, inset.bodies])).toEqual([
      ["Alaska", 2],
      ["Hawaii", 1],
      ["Puerto Rico", 1],
    ]);
    // Attu, east of 180°, joins Alaska's frame west of −180° instead of stretching it round the world.
    expect(layout.insets[0]!.frame).toEqual([172.4 - 360, 52.7, -149, 61.5]);
  });

  it("keeps a census area straddling the antimeridian on Alaska's side", () => {
    const aleutians = body("AK", [-179.9, 51.2, 179.9, 53]);
    expect(pressLayout([maine, aleutians], { scoped: true }).insets[0]!.frame).toEqual([-188, 51.2, -164, 53]);
  });

  it("has no inset without the contiguous states or without an outlying one", () => {
    expect(pressLayout([maine, keyWest], { scoped: true })).toEqual({ main: [-82, 24.5, -67, 47.5], insets: [] });
    expect(pressLayout([honolulu], { scoped: true })).toEqual({ main: [-158.3, 21.2, -157.6, 21.7], insets: [] });
    expect(pressLayout([], { scoped: false })).toEqual({ main: null, insets: [] });
  });
});

describe("insetReach and featuresWithin", () => {
  const feature = (name: string, bbox?: BBox) => ({ name, ...(bbox ? { bbox } : {}) });
  const size = { width: 260, height: 180, padding: 12 };

  it("reaches past the frame on every side, farther along the inset's long side", () => {
    const frame: BBox = [-67.3, 17.9, -65.2, 18.5];
    const [west, south, east, north] = insetReach(frame, size);
    expect(west).toBeLessThan(-67.3);
    expect(east).toBeGreaterThan(-65.2);
    expect(south).toBeLessThan(17.9);
    expect(north).toBeGreaterThan(18.5);
    // A wide, flat frame in a 260 × 180 inset: the view is taller than the frame, not wider.
    expect(north - south).toBeGreaterThan(2 * (18.5 - 17.9));
  });

  it("gives an inset its own bodies and the neighbours at its edge, never the far ones", () => {
    const puertoRico: BBox = [-67.3, 17.9, -65.2, 18.5];
    const vieques = feature("Vieques", [-65.6, 18.1, -65.2, 18.2]);
    const stCroix = feature("St. Croix", [-64.9, 17.7, -64.6, 17.8]);
    const maine = feature("Maine", [-71, 43, -67, 47.5]);
    const noBox = feature("unknown");
    expect(featuresWithin([vieques, stCroix, maine, noBox], insetReach(puertoRico, size)).map((entry) => entry.name)).toEqual(["Vieques", "St. Croix", "unknown"]);
  });

  it("finds Attu, east of 180°, in Alaska's frame west of −180°", () => {
    const alaska: BBox = [172.4 - 360, 51.2, -130, 71.4];
    const attu = feature("Attu", [172.4, 52.7, 173.3, 53]);
    const juneau = feature("Juneau", [-135, 58, -133.5, 59]);
    const honolulu = feature("Honolulu", [-158.3, 21.2, -157.6, 21.7]);
    expect(featuresWithin([attu, juneau, honolulu], insetReach(alaska, size)).map((entry) => entry.name)).toEqual(["Attu", "Juneau"]);
  });
});
