import { describe, expect, it } from "vitest";
import { tallyOutcome, tallyProblems, type Tally } from "./tally";
import type { VotingSetup } from "./whip";

const tally = (yes: number, no: number, abstain = 0, absent = 0): Tally => ({ yes, no, abstain, absent });

describe("tallyOutcome", () => {
  // [case, tally, setup, outcome]
  const table: Array<[string, Tally, VotingSetup, ReturnType<typeof tallyOutcome>]> = [
    ["a clear majority", tally(5, 4), { seats: 9 }, "passed"],
    ["a tie fails", tally(4, 4), { seats: 8 }, "failed"],
    ["an abstention counts as present", tally(4, 3, 1, 1), { seats: 9 }, "failed"],
    ["absent members lower the majority of those present", tally(4, 2, 0, 3), { seats: 9 }, "passed"],
    ["below quorum", tally(3, 1, 0, 5), { seats: 9 }, "no_quorum"],
    ["an explicit quorum", tally(3, 1, 0, 5), { seats: 9, quorum: 4 }, "passed"],
    ["a majority of the full body", tally(4, 2, 0, 3), { seats: 9, rule: "majority_full" }, "failed"],
    ["two thirds of those present rounds up", tally(6, 4), { seats: 10, rule: "two_thirds_present" }, "failed"],
    ["two thirds of those present, reached", tally(7, 3), { seats: 10, rule: "two_thirds_present" }, "passed"],
    ["two thirds of the full body", tally(8, 1, 0, 3), { seats: 12, rule: "two_thirds_full" }, "passed"],
    ["unknown seats: more yes than no", tally(3, 2), { seats: null }, "passed"],
    ["unknown seats: a tie fails", tally(2, 2, 1), { seats: null }, "failed"],
  ];
  it.each(table)("%s", (_name, votes, setup, outcome) => {
    expect(tallyOutcome(votes, setup)).toBe(outcome);
  });
});

describe("tallyProblems", () => {
  it("accepts a tally that fits the sitting members", () => {
    expect(tallyProblems(tally(5, 3, 1, 0), { seats: 10, vacancies: 1 })).toEqual([]);
  });

  it("refuses more members than sit on the body", () => {
    expect(tallyProblems(tally(5, 4, 1, 0), { seats: 10, vacancies: 1 })).toEqual(["the tally counts 10 members but the body has 9 sitting (10 seats, 1 vacant)"]);
  });

  it("refuses negative or fractional numbers and an empty tally", () => {
    expect(tallyProblems(tally(-1, 2), { seats: 9 })).toEqual(["yes must be a whole number, 0 or more"]);
    expect(tallyProblems(tally(1.5, 2), { seats: 9 })).toEqual(["yes must be a whole number, 0 or more"]);
    expect(tallyProblems(tally(0, 0), { seats: null })).toEqual(["a tally needs at least one member"]);
  });

  it("does not check the total when seats are unknown", () => {
    expect(tallyProblems(tally(40, 3), { seats: null })).toEqual([]);
  });
});
