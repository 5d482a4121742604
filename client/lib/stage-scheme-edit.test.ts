import { describe, expect, it } from "vitest";
import { defaultStageScheme, stageSchemeSchema } from "../../shared/model/stage";
import { addStage, moveStage, removeStage, stageIdFor, updateStage } from "./stage-scheme-edit";

const scheme = Object.freeze({ stages: Object.freeze([...defaultStageScheme.stages]) }) as typeof defaultStageScheme;

describe("stage scheme edits", () => {
  it("derives unique snake_case ids from labels", () => {
    expect(stageIdFor("Town vote!", scheme)).toBe("town_vote");
    expect(stageIdFor("Passed", scheme)).toBe("passed_2");
    expect(stageIdFor("2nd reading", scheme)).toBe("nd_reading");
    expect(stageIdFor("###", scheme)).toBe("stage");
  });

  it("adds a pipeline step after the last pipeline step, and other kinds at the end; the result is a valid scheme", () => {
    const added = addStage(scheme, "Petition drive", "pipeline", "#123456");
    expect(added.stages.map((stage) => stage.id).indexOf("petition_drive")).toBe(6);
    const outcome = addStage(scheme, "Tabled forever", "paused", "#654321");
    expect(outcome.stages.at(-1)!.id).toBe("tabled_forever");
    expect(stageSchemeSchema.safeParse(added).success).toBe(true);
  });

  it("moves, renames, recolours and removes without touching the original", () => {
    const moved = moveStage(scheme, 1, 1);
    expect(moved.stages.slice(0, 3).map((stage) => stage.id)).toEqual(["not_started", "sponsor_found", "organizing"]);
    expect(moveStage(scheme, 0, -1)).toBe(scheme);
    const renamed = updateStage(scheme, 1, { label: "Building a team", color: "#abcdef" });
    expect(renamed.stages[1]).toMatchObject({ id: "organizing", label: "Building a team", color: "#abcdef" });
    expect(removeStage(scheme, 1).stages).toHaveLength(scheme.stages.length - 1);
    expect(scheme.stages[1]!.label).toBe("Organizing");
  });
});
