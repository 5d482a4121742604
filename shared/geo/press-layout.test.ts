import { describe, expect, it } from "vitest";
import type { BBox } from "../model/body";
import { pressLayout } from "./press-layout";

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
