import { describe, expect, it } from "vitest";
import { importFieldLabel, parseImportRequest, phraseImportProblem } from "./import-request";

/** What the web says for a refused request (the CLI's wording is tested through the bin in test/integration). */
const onTheWeb = (input: Record<string, unknown>) => {
  const parsed = parseImportRequest(input);
  return parsed.ok ? parsed.request : phraseImportProblem(parsed.problem, importFieldLabel);
};

describe("parseImportRequest", () => {
  it("parses each kind's spellings into enums and USPS codes, with defaults", () => {
    expect(onTheWeb({ as: "Bodies", kind: "town", state: " ri " })).toEqual({ as: "bodies", kind: "town_meeting", state: "RI", overlaps: true });
    expect(onTheWeb({ as: "districts", chamber: "state-upper", vintage: "2022" })).toEqual({ as: "districts", chamber: "state_upper", vintage: "2022", overlaps: true });
    expect(onTheWeb({ as: "legislators", state: "ma" })).toEqual({ as: "legislators", state: "MA", dryRun: false });
    expect(onTheWeb({ as: "members", campaign: "  Spring drive " })).toEqual({ as: "members", campaign: "Spring drive", dryRun: false });
    expect(onTheWeb({ as: "cosponsors", bill: " H.1239 ", dryRun: true })).toEqual({ as: "cosponsors", bill: "H.1239", dryRun: true });
    expect(onTheWeb({ as: "bodies", minShare: "0.02", overlaps: false })).toMatchObject({ minShare: 0.02, overlaps: false });
  });

  it("refuses one field at a time, named by the form's label and never by a flag", () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [
        { as: "district" },
        'What the file holds must be one of bodies, districts, legislators, committees, cosponsors, resolutions, members, hubs, ballot-results, endorsers, population (got "district")',
      ],
      [
        { as: "bodies", kind: "parliament" },
        'Kind of body "parliament" is not a body kind; use one of city_council, town_meeting, select_board, board_of_aldermen, county_board, ward_committee, neighborhood_council, school_committee',
      ],
      [{ as: "districts" }, "Chamber is required for districts: state_lower, state_upper, congressional"],
      [{ as: "hubs", state: "ZZ" }, 'State "ZZ" is not a USPS state code (e.g. MA, RI)'],
      [{ as: "cosponsors", state: "ZZ" }, 'State "ZZ" is not a USPS state code (e.g. MA, RI)'],
      [{ as: "cosponsors", bill: "x".repeat(61) }, "Bill is longer than 60 characters"],
      [{ as: "bodies", dryRun: true }, "Dry run works with legislators, committees, cosponsors, resolutions, members, hubs, ballot-results, endorsers, population"],
      [{ as: "bodies", minShare: 1 }, 'Sliver threshold must be a number from 0 to below 1 (got "1")'],
      [{ as: "bodies", nameField: 5 }, "Field with the name: Invalid input: expected string, received number"],
    ];
    for (const [input, message] of cases) {
      expect(onTheWeb(input), JSON.stringify(input)).toBe(message);
      expect(message).not.toMatch(/--/);
    }
  });

  it("names other fields a problem mentions", () => {
    expect(phraseImportProblem({ field: "parent", template: '{field} "X" names 2 bodies; give {field:state}' }, (field) => `--${field}`)).toBe(
      '--parent "X" names 2 bodies; give --state',
    );
  });
});

describe("ballot-results requests", () => {
  const parse = (input: Record<string, unknown>) => {
    const parsed = parseImportRequest(input);
    return parsed.ok ? parsed.request : phraseImportProblem(parsed.problem, importFieldLabel);
  };
  it("reads the contract's flags: question, text, year, date, district with chamber and vintage, state, strict", () => {
    expect(
      parse({
        as: "ballot_results",
        question: " 2018 Q5 ",
        year: "2018",
        date: "2018-11-06",
        district: "2nd Berkshire",
        chamber: "state-lower",
        vintage: "2011",
        state: "ma",
        strict: true,
      }),
    ).toEqual({
      as: "ballot-results",
      question: "2018 Q5",
      year: 2018,
      date: "2018-11-06",
      district: "2nd Berkshire",
      chamber: "state_lower",
      vintage: "2011",
      state: "MA",
      strict: true,
      dryRun: false,
    });
  });
  it.each([
    [{ as: "ballot-results" }, 'Ballot question is required for ballot-results, e.g. "2018 Q5"'],
    [{ as: "ballot-results", question: "Q", year: "18" }, 'Election year must be a year such as 2018 (got "18")'],
    [{ as: "ballot-results", question: "Q", date: "2018-02-30" }, 'Election date must be a date as YYYY-MM-DD, e.g. 2018-11-06 (got "2018-02-30")'],
    [{ as: "ballot-results", question: "Q", district: "1" }, "Chamber is required with District it ran in: state_lower, state_upper, congressional"],
    [{ as: "ballot-results", question: "Q", year: 2016, date: "2018-11-06" }, "Election date 2018-11-06 is not in Election year 2016"],
  ])("%j is refused: %s", (input, message) => expect(parse(input)).toBe(message));
});
