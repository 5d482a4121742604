import { describe, expect, it } from "vitest";
import {
  describeBallotResult,
  estimateDistricts,
  isPartialShare,
  parseVoteCount,
  percentYes,
  percentYesClass,
  percentYesOfBallots,
  readBallotTable,
  rollUpTowns,
  sumCounts,
} from "./ballot-results";

/** Lines of CSV-like text into records as parseCsvRecords gives them (no quoting needed here). */
const records = (...lines: string[]) => lines.map((line, index) => ({ row: index + 1, fields: line.split(";") }));

describe("parseVoteCount", () => {
  it.each([
    ["9,870", 9870],
    ["1 234 567", 1234567],
    ["0", 0],
    [" 42 ", 42],
  ])("%s → %d", (text, value) => expect(parseVoteCount(text)).toEqual({ value }));
  it.each([
    ["-3", "-3 is negative"],
    ["abc", '"abc" is not a whole number'],
    ["1,23", '"1,23" is not a whole number'],
    ["", "is empty"],
    ["4.5", '"4.5" is not a whole number'],
  ])("%s is refused: %s", (text, error) => expect(parseVoteCount(text)).toEqual({ error }));
});

describe("readBallotTable", () => {
  it("reads the election-statistics export with wards, precincts, thousands separators and its Totals row", () => {
    const table = readBallotTable(
      records(
        "City/Town;Ward;Pct;Yes;No;Blanks;Total Votes Cast",
        "Ashby;-;1;1,200;300;50;1,550",
        "Brookfield (part);1;2;800;400;25;1,225",
        "Brookfield (part);1;3;10;5;0;15",
        "Totals;;;2,010;705;75;2,790",
      ),
    );
    expect(table.errors).toEqual([]);
    expect(table.warnings).toEqual([]);
    expect(table.level).toBe("precinct");
    expect(table.totals).toEqual({ row: 5, yes: 2010, no: 705, blanks: 75, total: 2790 });
    expect(table.rows.map((row) => [row.town, row.ward, row.precinct, row.partial, row.yes])).toEqual([
      ["Ashby", null, "1", false, 1200],
      ["Brookfield", "1", "2", true, 800],
      ["Brookfield", "1", "3", true, 10],
    ]);
  });

  it("reads plain town,yes,no,blanks with blanks counted into the total", () => {
    const table = readBallotTable(records("town;yes;no;blanks", "Dover;10;5;1"));
    expect(table).toMatchObject({ level: "town", errors: [], warnings: [], totals: null });
    expect(table.rows[0]).toMatchObject({ town: "Dover", yes: 10, no: 5, blanks: 1, total: 16, partial: false });
  });

  it("warns, naming both figures, when the Totals row disagrees with the rows", () => {
    const table = readBallotTable(records("City/Town;Yes;No;Blanks;Total Votes Cast", "Ashby;10;5;1;16", "TOTALS;11;5;1;17"));
    expect(table.errors).toEqual([]);
    expect(table.warnings).toEqual(["row 3 (Totals): the file's Totals say yes 11, no 5, blanks 1, total 17 but its rows add up to yes 10, no 5, blanks 1, total 16"]);
  });

  it("names each bad row once: negative, non-numeric, duplicate, no town", () => {
    const table = readBallotTable(records("town;yes;no;blanks", "Ashby;-4;5;1", "Dover;x;5;1", "Dover;1;1;1", "dover;2;2;2", ";1;1;1"));
    expect(table.errors).toEqual([
      "row 2 (Ashby): yes -4 is negative",
      'row 3 (Dover): yes "x" is not a whole number',
      "row 5 (dover): the same town as row 4",
      "row 6: no town named",
    ]);
  });

  it("warns on yes + no + blanks ≠ total, and refuses it when strict", () => {
    const lines = records("City/Town;Yes;No;Blanks;Total Votes Cast", "Ashby;10;5;1;20");
    expect(readBallotTable(lines).warnings).toEqual(["row 2 (Ashby): yes + no + blanks = 16 but the total is 20"]);
    expect(readBallotTable(lines, { strict: true }).errors).toEqual(["row 2 (Ashby): yes + no + blanks = 16 but the total is 20"]);
  });

  it("refuses a header without the needed columns, naming what it found", () => {
    expect(readBallotTable(records("place;for;against")).errors[0]).toMatch(/^row 1: the header needs town, yes, no, blanks columns \(found "place", "for", "against"\)/);
  });

  it("reads rows by district", () => {
    const table = readBallotTable(records("District;Yes;No;Blanks", "1st Berkshire;100;50;5"));
    expect(table.level).toBe("district");
    expect(table.rows[0]).toMatchObject({ district: "1st Berkshire", town: null, total: 155 });
  });
});

describe("percentages", () => {
  it("pct yes is 100 × yes / (yes + no) to one decimal; of ballots is yes / total", () => {
    expect(percentYes({ yes: 9870, no: 3993 })).toBe(71.2);
    expect(percentYes({ yes: 1, no: 2 })).toBe(33.3);
    expect(percentYes({ yes: 2, no: 1 })).toBe(66.7);
    expect(percentYes({ yes: 0, no: 0 })).toBeNull();
    expect(percentYesOfBallots({ yes: 50, total: 200 })).toBe(25);
    expect(percentYesOfBallots({ yes: 1, total: 0 })).toBeNull();
  });

  it("classes centre on 50 %", () => {
    expect([0, 29.9, 30, 49.9, 50, 69.9, 70, 100, null].map(percentYesClass)).toEqual([0, 0, 1, 2, 3, 4, 5, 5, null]);
  });
});

describe("roll-up and estimate", () => {
  it("adds precincts to towns and towns to a district, keeping partial", () => {
    const towns = rollUpTowns([
      { bodyId: 1, partial: false, yes: 5, no: 1, blanks: 0, total: 6 },
      { bodyId: 2, partial: true, yes: 3, no: 3, blanks: 1, total: 7 },
      { bodyId: 2, partial: false, yes: 2, no: 0, blanks: 0, total: 2 },
    ]);
    expect(towns).toEqual([
      { bodyId: 1, partial: false, yes: 5, no: 1, blanks: 0, total: 6 },
      { bodyId: 2, partial: true, yes: 5, no: 3, blanks: 1, total: 9 },
    ]);
    expect(sumCounts(towns)).toEqual({ yes: 10, no: 4, blanks: 1, total: 15 });
    expect(isPartialShare(0.5)).toBe(true);
    expect(isPartialShare(1)).toBe(false);
    expect(isPartialShare(undefined)).toBe(false);
  });

  it("estimates another plan's districts by the share of each town inside them", () => {
    const towns = [
      { bodyId: 1, partial: false, yes: 100, no: 50, blanks: 10, total: 160 },
      { bodyId: 2, partial: false, yes: 40, no: 40, blanks: 0, total: 80 },
    ];
    const estimates = estimateDistricts(towns, [
      { bodyId: 1, districtId: 7, shareOfBody: 1, shareOfDistrict: 0.6 },
      { bodyId: 2, districtId: 7, shareOfBody: 0.25, shareOfDistrict: 0.1 },
      { bodyId: 2, districtId: 8, shareOfBody: 0.75, shareOfDistrict: 0.3 },
      { bodyId: 3, districtId: 9, shareOfBody: 1, shareOfDistrict: 1 },
    ]);
    expect(estimates.map(({ method: _method, ...rest }) => rest)).toEqual([
      { districtId: 7, yes: 110, no: 60, blanks: 10, total: 180, coverage: 0.7 },
      { districtId: 8, yes: 30, no: 30, blanks: 0, total: 60, coverage: 0.3 },
    ]);
    expect(estimates[0]!.method).toMatch(/^estimate: /);
  });
});

describe("describeBallotResult", () => {
  it("is the brief's sentence", () => {
    expect(describeBallotResult({ year: 2018, yes: 9870, no: 3993 })).toBe("In 2018, 71.2 % of voters in this district said yes (9,870 to 3,993).");
    expect(describeBallotResult({ year: 2018, yes: 10, no: 30, estimated: true })).toBe(
      "In 2018, an estimated 25.0 % of voters in this district said yes (10 to 30), estimated from the towns' results.",
    );
    expect(describeBallotResult({ year: null, yes: 0, no: 0 })).toBe("On the ballot question, no yes or no votes were recorded in this district.");
  });
});
