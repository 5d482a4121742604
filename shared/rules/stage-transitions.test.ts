import { describe, expect, it } from "vitest";
import { defaultStageScheme } from "../model/stage";
import { allowedMoves, canMoveTo } from "./stage-transitions";

const scheme = defaultStageScheme;

describe("canMoveTo on the default scheme", () => {
  // [from, to, allowed]
  const table: Array<[string, string, boolean]> = [
    ["not_started", "organizing", true],
    ["not_started", "sponsor_found", true],
    ["not_started", "vote_scheduled", true],
    ["not_started", "passed", false],
    ["not_started", "stalled", false],
    ["not_started", "not_started", false],
    ["organizing", "not_started", true],
    ["sponsor_found", "organizing", true],
    ["sponsor_found", "not_started", false],
    ["sponsor_found", "passed", false],
    ["sponsor_found", "stalled", true],
    ["introduced", "passed", true],
    ["introduced", "failed", true],
    ["in_committee", "introduced", true],
    ["in_committee", "sponsor_found", false],
    ["vote_scheduled", "in_committee", true],
    ["vote_scheduled", "passed", true],
    ["vote_scheduled", "failed", true],
    ["passed", "failed", false],
    ["passed", "vote_scheduled", false],
    ["failed", "introduced", true],
    ["failed", "organizing", true],
    ["failed", "sponsor_found", false],
    ["failed", "not_started", false],
    ["failed", "passed", false],
    ["stalled", "in_committee", true],
    ["stalled", "not_started", false],
    ["stalled", "passed", false],
    ["organizing", "no_such_stage", false],
    ["no_such_stage", "organizing", false],
  ];

  it.each(table)("%s → %s is %s", (from, to, allowed) => {
    expect(canMoveTo(scheme, from, to)).toBe(allowed);
  });
});

describe("allowedMoves", () => {
  it("lists moves in scheme order", () => {
    expect(allowedMoves(scheme, "introduced").map((stage) => stage.id)).toEqual([
      "sponsor_found",
      "in_committee",
      "vote_scheduled",
      "passed",
      "failed",
      "stalled",
    ]);
  });

  it("offers nothing after passage", () => {
    expect(allowedMoves(scheme, "passed")).toEqual([]);
  });

  it("reaches every stage from the first one in a few moves", () => {
    const reached = new Set(["not_started"]);
    let frontier = ["not_started"];
    while (frontier.length > 0) {
      frontier = frontier.flatMap((id) => allowedMoves(scheme, id).map((stage) => stage.id)).filter((id) => {
        if (reached.has(id)) return false;
        reached.add(id);
        return true;
      });
    }
    expect([...reached].sort()).toEqual(scheme.stages.map((stage) => stage.id).sort());
  });
});
