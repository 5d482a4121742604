import { describe, expect, it } from "vitest";
import { compareProjections, compareTallies, describeAccuracy, describeTallyProjection, projectedVote, type ProjectionEntry } from "./projection";

const entry = (name: string, position: string, vote: ProjectionEntry["vote"], bodyName = "Ashby"): ProjectionEntry => ({
  memberId: name.length,
  name,
  bodyId: bodyName.length,
  bodyName,
  position,
  vote,
});

describe("projectedVote", () => {
  it.each([
    ["yes", "yes"],
    ["lean_yes", "yes"],
    ["no", "no"],
    ["lean_no", "no"],
    ["undecided", null],
    ["unknown", null],
  ] as const)("%s projects %s", (position, projected) => {
    expect(projectedVote(position)).toBe(projected);
  });
});

describe("compareProjections", () => {
  it("judges projected members who voted: a yes that voted yes holds, a lean yes that abstained or voted no does not", () => {
    const result = compareProjections([
      entry("Ana", "yes", "yes"),
      entry("Bo", "lean_yes", "no"),
      entry("Cy", "lean_yes", "abstain"),
      entry("Di", "no", "no"),
      entry("Ed", "undecided", "yes"),
      entry("Flo", "yes", "absent"),
      entry("Gus", "lean_no", "yes", "Brookfield"),
    ]);
    expect(result.rows.map((row) => [row.name, row.held])).toEqual([
      ["Bo", false],
      ["Cy", false],
      ["Gus", false],
      ["Ana", true],
      ["Di", true],
      ["Ed", null],
      ["Flo", null],
    ]);
    expect(result).toMatchObject({ compared: 5, held: 2, accuracy: 0.4 });
    expect(describeAccuracy(result)).toBe("2 of 5 projections held (40 %)");
  });

  it("says when nothing can be compared", () => {
    const result = compareProjections([entry("Ed", "unknown", "yes")]);
    expect(result).toMatchObject({ compared: 0, held: 0, accuracy: null });
    expect(describeAccuracy(result)).toBe("No roll call to compare with the whip count yet");
  });
});

describe("compareTallies", () => {
  it("sets each tally beside the yes and no its whip count projected, shortest of the count first", () => {
    const rows = compareTallies([
      { bodyId: 1, bodyName: "Ashby", positions: ["yes", "lean_yes", "no", "undecided", "unknown"], yes: 3, no: 2 },
      { bodyId: 2, bodyName: "Brookfield", positions: ["yes", "yes", "lean_yes", "lean_no"], yes: 2, no: 2 },
      { bodyId: 3, bodyName: "Carlton", positions: ["undecided", "unknown"], yes: 4, no: 0 }, // nothing projected
      { bodyId: 4, bodyName: "Dover", positions: ["yes", "no"], yes: 1, no: 1 },
    ]);
    expect(rows.map((row) => [row.bodyName, describeTallyProjection(row)])).toEqual([
      ["Brookfield", "Counted 3 yes, 1 no; voted 2 yes, 2 no: 1 yes short"],
      ["Dover", "Counted 1 yes, 1 no; voted 1 yes, 1 no: yes as counted"],
      ["Ashby", "Counted 2 yes, 1 no (2 undecided); voted 3 yes, 2 no: 1 yes more"],
    ]);
  });
});
