import { describe, expect, it } from "vitest";
import { defaultStageScheme } from "../../shared/model/stage";
import { PATTERN_SIZE, stagePatternPixels } from "./stage-patterns";

const key = (pixels: Uint8Array) =>
  Array.from(
    pixels.filter((_, index) => index % 4 === 3),
    (alpha) => (alpha ? 1 : 0),
  ).join("");

describe("stagePatternPixels", () => {
  const stages = defaultStageScheme.stages;
  const tiles = stages.map((stage, index) => stagePatternPixels(index, stage.color));

  it("gives every stage of the default scheme its own mark shape", () => {
    expect(new Set(tiles.map((tile) => key(tile.data))).size).toBe(stages.length);
  });

  it("leaves the first stage plain and marks every other", () => {
    expect(tiles[0]!.data.some((value) => value !== 0)).toBe(false);
    for (const tile of tiles.slice(1)) expect(tile.data.some((value, index) => index % 4 === 3 && value > 0)).toBe(true);
  });

  it("draws white marks on dark fills and black marks on light ones", () => {
    const dark = stagePatternPixels(2, "#045a8d").data;
    const light = stagePatternPixels(2, "#f2f0eb").data;
    const firstMark = (data: Uint8Array) => data.slice(data.findIndex((value, index) => index % 4 === 3 && value > 0) - 3).slice(0, 3);
    expect(Array.from(firstMark(dark))).toEqual([255, 255, 255]);
    expect(Array.from(firstMark(light))).toEqual([0x11, 0x11, 0x11]);
    expect(dark.length).toBe(PATTERN_SIZE * PATTERN_SIZE * 4);
  });
});
