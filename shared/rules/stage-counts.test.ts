import { describe, expect, it } from "vitest";
import { defaultStageScheme } from "../model/stage";
import { countByStage, countPassed, countPeople, describeHeadline } from "./stage-counts";

it("counts every stage in scheme order, zeros included", () => {
  const counts = countByStage(defaultStageScheme, ["passed", "organizing", "passed"]);
  expect(counts.map((c) => c.stageId)).toEqual(defaultStageScheme.stages.map((s) => s.id));
  expect(counts.find((c) => c.stageId === "passed")!.count).toBe(2);
  expect(counts.find((c) => c.stageId === "organizing")!.count).toBe(1);
  expect(counts.find((c) => c.stageId === "stalled")!.count).toBe(0);
});

describe("countPassed", () => {
  it("counts every stage that counts as passed (passed, sent, veto overridden), not vetoed or rescinded", () => {
    const counts = defaultStageScheme.stages.map((stage, index) => ({ stageId: stage.id, count: index + 1 }));
    const expected = defaultStageScheme.stages.reduce((sum, stage, index) => sum + (["won", "sent", "overridden"].includes(stage.kind) ? index + 1 : 0), 0);
    const total = counts.reduce((sum, entry) => sum + entry.count, 0);
    expect(countPassed(defaultStageScheme, counts)).toEqual({ passed: expected, total });
    expect(expected).toBeGreaterThan(0);
  });

  it("is 0 of 0 for an empty campaign", () => {
    expect(countPassed(defaultStageScheme, [])).toEqual({ passed: 0, total: 0 });
  });
});

describe("the headline", () => {
  const populations = new Map([
    [1, 1000],
    [2, 3000],
    [3, 500],
  ]);

  it("counts the people of every stage that counts as passed (sent, overridden…) against all in scope", () => {
    const people = countPeople(
      defaultStageScheme,
      [
        [1, "passed"],
        [2, "sent_to_legislators"],
        [3, "organizing"],
        [4, "passed"],
      ],
      populations,
    );
    expect(people).toEqual({ passed: 4000, total: 4500 });
    expect(describeHeadline({ passed: 3, total: 4 }, people)).toBe("3 of 4 passed (88.9 % of the people in scope)");
  });

  it("says nothing of people when no body has a population", () => {
    expect(countPeople(defaultStageScheme, [[1, "passed"]], new Map())).toBeNull();
    expect(describeHeadline({ passed: 1264, total: 3231 }, null, (value) => value.toLocaleString("en-US"))).toBe("1,264 of 3,231 passed");
  });
});
