import { describe, expect, it } from "vitest";
import { defaultStageScheme } from "../model/stage";
import { advancementOrder, allowedMoves, canMoveTo, pathOfMoves } from "./stage-transitions";

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
    ["vote_scheduled", "sent_to_legislators", false],
    ["vote_scheduled", "vetoed", false],
    ["vote_scheduled", "overridden", false],
    ["passed", "sent_to_legislators", true],
    ["passed", "vetoed", true],
    ["passed", "rescinded", true],
    ["passed", "overridden", false],
    ["sent_to_legislators", "rescinded", true],
    ["sent_to_legislators", "vetoed", false],
    ["sent_to_legislators", "passed", false],
    ["vetoed", "overridden", true],
    ["vetoed", "introduced", true],
    ["vetoed", "organizing", true],
    ["vetoed", "passed", false],
    ["vetoed", "sent_to_legislators", false],
    ["overridden", "sent_to_legislators", true],
    ["overridden", "rescinded", true],
    ["overridden", "vetoed", false],
    ["rescinded", "introduced", true],
    ["rescinded", "passed", false],
    ["rescinded", "sent_to_legislators", false],
    ["failed", "vetoed", false],
    ["stalled", "rescinded", false],
    ["organizing", "no_such_stage", false],
    ["no_such_stage", "organizing", false],
  ];

  it.each(table)("%s → %s is %s", (from, to, allowed) => {
    expect(canMoveTo(scheme, from, to)).toBe(allowed);
  });
});

describe("allowedMoves", () => {
  it("lists moves in scheme order", () => {
    expect(allowedMoves(scheme, "introduced").map((stage) => stage.id)).toEqual(["sponsor_found", "in_committee", "vote_scheduled", "passed", "failed", "stalled"]);
  });

  it("offers only the after-passage steps once passed", () => {
    expect(allowedMoves(scheme, "passed").map((stage) => stage.id)).toEqual(["sent_to_legislators", "vetoed", "rescinded"]);
  });

  it("follows the kinds, not the ids, in an edited scheme", () => {
    const edited = {
      stages: [
        ...scheme.stages.filter((stage) => stage.id !== "overridden"),
        { id: "veto_beaten", label: "Veto beaten", color: "#123456", kind: "overridden" as const, opensVote: false, description: "" },
      ],
    };
    expect(canMoveTo(edited, "vetoed", "veto_beaten")).toBe(true);
    expect(canMoveTo(edited, "veto_beaten", "sent_to_legislators")).toBe(true);
    expect(canMoveTo(edited, "passed", "veto_beaten")).toBe(false);
  });

  it("reaches every stage from the first one in a few moves", () => {
    const reached = new Set(["not_started"]);
    let frontier = ["not_started"];
    while (frontier.length > 0) {
      frontier = frontier
        .flatMap((id) => allowedMoves(scheme, id).map((stage) => stage.id))
        .filter((id) => {
          if (reached.has(id)) return false;
          reached.add(id);
          return true;
        });
    }
    expect([...reached].sort()).toEqual(scheme.stages.map((stage) => stage.id).sort());
  });
});

describe("pathOfMoves (how an import reaches a stage)", () => {
  // [from, to, path of stages after `from`, or null when no chain of legal moves reaches it]
  const table: Array<[string, string, string[] | null]> = [
    ["organizing", "organizing", []],
    ["not_started", "introduced", ["introduced"]],
    ["not_started", "passed", ["introduced", "passed"]],
    ["organizing", "failed", ["introduced", "failed"]],
    ["not_started", "stalled", ["organizing", "stalled"]],
    ["in_committee", "organizing", ["introduced", "sponsor_found", "organizing"]],
    ["vote_scheduled", "not_started", ["in_committee", "introduced", "sponsor_found", "organizing", "not_started"]],
    ["failed", "passed", ["introduced", "passed"]],
    ["stalled", "passed", ["introduced", "passed"]],
    ["organizing", "sent_to_legislators", ["introduced", "passed", "sent_to_legislators"]],
    ["vote_scheduled", "overridden", ["passed", "vetoed", "overridden"]],
    ["passed", "rescinded", ["rescinded"]],
    ["vetoed", "sent_to_legislators", ["introduced", "passed", "sent_to_legislators"]],
    ["sent_to_legislators", "vetoed", null],
    ["passed", "failed", null],
    ["passed", "not_started", null],
    ["organizing", "no_such_stage", null],
  ];
  it.each(table)("%s → %s", (from, to, expected) => {
    const path = pathOfMoves(scheme, from, to);
    expect(path).toEqual(expected);
    // Every step is a move the one rule allows.
    if (path) [from, ...path].slice(0, -1).forEach((stage, index) => expect(canMoveTo(scheme, stage, path[index]!)).toBe(true));
  });
});

describe("advancementOrder (the pipeline table's stage sort)", () => {
  it("puts passes first, then the pipeline from the vote back, then setbacks, and untouched bodies last", () => {
    expect(advancementOrder(defaultStageScheme)).toEqual([
      "overridden",
      "sent_to_legislators",
      "passed",
      "vote_scheduled",
      "in_committee",
      "introduced",
      "sponsor_found",
      "organizing",
      "vetoed",
      "rescinded",
      "failed",
      "stalled",
      "not_started",
    ]);
  });

  it("holds every stage of the scheme once", () => {
    expect([...advancementOrder(defaultStageScheme)].sort()).toEqual(defaultStageScheme.stages.map((stage) => stage.id).sort());
  });
});
