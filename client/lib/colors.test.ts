import { describe, expect, it } from "vitest";
import { defaultStageScheme } from "../../shared/model/stage";
import { colorDistance, contrastRatio, textColorOn, type ColorVision } from "./colors";

const stages = defaultStageScheme.stages;
const visions: ColorVision[] = ["normal", "protanopia", "deuteranopia", "tritanopia"];

describe("contrast", () => {
  it("matches the WCAG reference values", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
  });

  it("picks readable text (AA, 4.5:1) on every default stage colour", () => {
    for (const stage of stages) {
      expect(contrastRatio(stage.color, textColorOn(stage.color)), stage.id).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe("the default stage palette", () => {
  it("keeps neighbouring pipeline steps apart for every colour vision", () => {
    const pipeline = stages.filter((stage) => stage.kind === "pipeline");
    for (const vision of visions) {
      for (let i = 1; i < pipeline.length; i++) {
        const distance = colorDistance(pipeline[i - 1]!.color, pipeline[i]!.color, vision);
        expect(distance, `${pipeline[i - 1]!.id}/${pipeline[i]!.id} (${vision})`).toBeGreaterThan(8);
      }
    }
  });

  it("keeps every outcome distinct from every other stage for every colour vision", () => {
    const outcomes = stages.filter((stage) => stage.kind !== "pipeline");
    for (const vision of visions) {
      for (const outcome of outcomes) {
        for (const other of stages) {
          if (other.id === outcome.id) continue;
          const distance = colorDistance(outcome.color, other.color, vision);
          expect(distance, `${outcome.id}/${other.id} (${vision})`).toBeGreaterThan(12);
        }
      }
    }
  });

  it("is actually checked: a red/green pair fails for deuteranopia", () => {
    expect(colorDistance("#d62728", "#2ca02c", "normal")).toBeGreaterThan(40);
    expect(colorDistance("#8c8c00", "#a0761c", "deuteranopia")).toBeLessThan(12);
  });
});
