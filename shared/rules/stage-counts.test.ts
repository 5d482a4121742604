import { expect, it } from "vitest";
import { defaultStageScheme } from "../model/stage";
import { countByStage } from "./stage-counts";

it("counts every stage in scheme order, zeros included", () => {
  const counts = countByStage(defaultStageScheme, ["passed", "organizing", "passed"]);
  expect(counts.map((c) => c.stageId)).toEqual(defaultStageScheme.stages.map((s) => s.id));
  expect(counts.find((c) => c.stageId === "passed")!.count).toBe(2);
  expect(counts.find((c) => c.stageId === "organizing")!.count).toBe(1);
  expect(counts.find((c) => c.stageId === "stalled")!.count).toBe(0);
});
