import { describe, expect, it } from "vitest";
import { tallyWhipCount, votesNeeded, type Position, type VoteRule, type VotingSetup } from "./whip";

/** Positions from a compact spec: { yes: 3, no: 1 } → ["yes","yes","yes","no"]. */
function positions(spec: Partial<Record<Position, number>>): Position[] {
  return Object.entries(spec).flatMap(([position, count]) => Array.from({ length: count }, () => position as Position));
}

describe("votesNeeded", () => {
  // [rule, seats, present, needed]
  const table: Array<[VoteRule, number, number, number]> = [
    ["majority_present", 9, 9, 5],
    ["majority_present", 8, 8, 5], // 4–4 is a tie and fails
    ["majority_present", 9, 6, 4],
    ["majority_full", 9, 6, 5],
    ["majority_full", 10, 7, 6],
    ["two_thirds_present", 9, 9, 6],
    ["two_thirds_present", 10, 10, 7], // 6.67 rounds up
    ["two_thirds_present", 7, 7, 5], // 4.67 rounds up
    ["two_thirds_full", 12, 9, 8],
    ["two_thirds_full", 3, 3, 2],
  ];
  it.each(table)("%s with %i seats and %i present needs %i", (rule, seats, present, needed) => {
    expect(votesNeeded(rule, { seats, present })).toBe(needed);
  });
});

describe("tallyWhipCount", () => {
  // [case, setup, positions, expected subset]
  const table: Array<[string, VotingSetup, Partial<Record<Position, number>>, Record<string, unknown>]> = [
    [
      "the issue's example",
      { seats: 13 },
      { yes: 5, lean_yes: 1, undecided: 2, no: 5 },
      { needed: 7, sitting: 13, secured: false, possible: true, short: 2, summary: "7 of 13 needed: 5 yes, 1 lean yes, 2 undecided, 5 no — 2 more needed" },
    ],
    ["secured with a bare majority", { seats: 9 }, { yes: 5, no: 4 }, { needed: 5, secured: true, possible: true, short: 0, summary: "5 of 9 needed: 5 yes, 4 no — secured" }],
    ["a tie is not enough", { seats: 8 }, { yes: 4, no: 4 }, { needed: 5, secured: false, possible: false, short: 1 }],
    [
      "vacancies lower the sitting count for _present rules",
      { seats: 9, vacancies: 2 },
      { yes: 4, no: 3 },
      { sitting: 7, needed: 4, secured: true, summary: "4 of 7 needed (2 seats vacant): 4 yes, 3 no — secured" },
    ],
    ["vacancies do not lower a _full rule", { seats: 9, vacancies: 2, rule: "majority_full" }, { yes: 4, no: 3 }, { needed: 5, secured: false, possible: false }],
    ["two thirds rounds up", { seats: 10, rule: "two_thirds_present" }, { yes: 6, undecided: 4 }, { needed: 7, secured: false, possible: true, short: 1 }],
    [
      "sitting seats with nobody listed count as unknown",
      { seats: 7 },
      { yes: 2 },
      { counts: { yes: 2, lean_yes: 0, undecided: 0, lean_no: 0, no: 0, unknown: 5 }, possible: true, summary: "4 of 7 needed: 2 yes, 5 unknown — 2 more needed" },
    ],
    [
      "leaning no does not make passage possible",
      { seats: 5 },
      { yes: 2, lean_no: 3 },
      { needed: 3, possible: false, summary: "3 of 5 needed: 2 yes, 3 lean no — cannot pass as counted" },
    ],
    [
      "too many vacancies to make quorum",
      { seats: 9, vacancies: 5 },
      { yes: 4 },
      { sitting: 4, quorum: 5, secured: false, possible: false, summary: "3 of 4 needed (5 seats vacant): 4 yes — cannot vote: 4 sitting, quorum is 5" },
    ],
    ["an explicit quorum", { seats: 9, vacancies: 3, quorum: 6 }, { yes: 4, no: 2 }, { quorum: 6, needed: 4, secured: true, neededAtQuorum: 4 }],
    ["a bare quorum lowers what _present rules need", { seats: 15 }, { yes: 8 }, { needed: 8, quorum: 8, neededAtQuorum: 5 }],
    ["_full rules have no quorum discount", { seats: 15, rule: "two_thirds_full" }, { yes: 8 }, { needed: 10, neededAtQuorum: null }],
    [
      "a full-body rule can be out of reach",
      { seats: 9, vacancies: 4, quorum: 5, rule: "two_thirds_full" },
      { yes: 5 },
      { needed: 6, secured: false, possible: false, summary: "6 of 5 needed (4 seats vacant): 5 yes — cannot pass: 6 needed but only 5 sitting" },
    ],
    [
      "a veto with the default override (two thirds of the full body)",
      { seats: 9, hasVeto: true },
      { yes: 5, no: 4 },
      { secured: true, vetoProofNeeded: 6, vetoProof: false, summary: "5 of 9 needed: 5 yes, 4 no — secured; 6 to override a veto" },
    ],
    [
      "a veto-proof count",
      { seats: 9, hasVeto: true, overrideRule: "two_thirds_present" },
      { yes: 6, no: 3 },
      { vetoProofNeeded: 6, vetoProof: true, summary: "5 of 9 needed: 6 yes, 3 no — secured; 6 to override a veto (veto-proof)" },
    ],
    ["no veto, no override figure", { seats: 9 }, { yes: 9 }, { vetoProofNeeded: null, vetoProof: null }],
    [
      "unknown seats: counts only",
      { seats: null },
      { yes: 3, undecided: 1 },
      { needed: null, secured: null, possible: null, sitting: null, summary: "Seats unknown: 3 yes, 1 undecided" },
    ],
    ["no members and unknown seats", { seats: null }, {}, { summary: "Seats unknown: no positions yet" }],
  ];

  it.each(table)("%s", (_name, setup, spec, expected) => {
    expect(tallyWhipCount(Object.freeze(setup), Object.freeze(positions(spec)))).toMatchObject(expected);
  });

  it("counts every position", () => {
    const result = tallyWhipCount({ seats: 6 }, ["yes", "lean_yes", "undecided", "lean_no", "no", "unknown"]);
    expect(result.counts).toEqual({ yes: 1, lean_yes: 1, undecided: 1, lean_no: 1, no: 1, unknown: 1 });
  });
});
