import { describe, expect, it } from "vitest";
import { parseCsv, parseCsvRecords, readCsvTable, toCsv } from "./csv";

it("quotes commas, quotes and newlines, and leaves plain fields alone", () => {
  const csv = toCsv(
    [
      { id: 1, name: 'Springfield, "the" town', note: "line one\nline two" },
      { id: 2, name: "Shelbyville", note: null },
    ],
    ["id", "name", "note"],
  );
  expect(csv).toBe('id,name,note\r\n1,"Springfield, ""the"" town","line one\nline two"\r\n2,Shelbyville,\r\n');
});

it("writes numbers without float noise", () => {
  expect(toCsv([{ share: 0.1 + 0.2 }], ["share"])).toBe("share\r\n0.3\r\n");
});

it("parses what it writes: quoted commas, doubled quotes, newlines, CRLF and a BOM", () => {
  const rows = [
    { id: 1, name: 'Springfield, "the" town', note: "line one\nline two" },
    { id: 2, name: "Shelbyville", note: null },
  ];
  expect(parseCsv(`\uFEFF${toCsv(rows, ["id", "name", "note"])}`)).toEqual([
    ["id", "name", "note"],
    ["1", 'Springfield, "the" town', "line one\nline two"],
    ["2", "Shelbyville", ""],
  ]);
  expect(parseCsv("a,b\nc,d")).toEqual([
    ["a", "b"],
    ["c", "d"],
  ]);
  expect(() => parseCsv('a,"b\n')).toThrow("not closed");
});

describe("parseCsvRecords and readCsvTable", () => {
  it("numbers rows as a spreadsheet does: quoted newlines stay in one row, blank lines count", () => {
    expect(parseCsvRecords('a,b\r\n"x\r\ny",1\r\n\r\nz,2\n')).toEqual([
      { row: 1, fields: ["a", "b"] },
      { row: 2, fields: ["x\r\ny", "1"] },
      { row: 4, fields: ["z", "2"] },
    ]);
  });

  it("reads cells by column, forgiving case and spaces in the header, filling short rows", () => {
    expect(readCsvTable("\uFEFFBody ID,Vote Date\n4,2026-01-02\n5\n", ["body_id", "vote_date"])).toEqual({
      columns: ["body_id", "vote_date"],
      records: [
        { row: 2, cells: { body_id: "4", vote_date: "2026-01-02" } },
        { row: 3, cells: { body_id: "5", vote_date: "" } },
      ],
    });
  });

  it.each([
    ["", "the file is empty: the first row must name the columns"],
    ["body_id,stag\n1,x\n", 'unknown column "stag"; the columns are body_id, stage'],
    ["body_id,Body_ID\n1,1\n", 'the column "body_id" appears twice'],
    ["body_id\n1,2\n", "row 2 has 2 cells but the header names 1 columns"],
    ['body_id\n"1\n', "row 2: a quoted field is not closed"],
  ])("refuses %j", (text, message) => {
    expect(() => readCsvTable(text, ["body_id", "stage"])).toThrow(message);
  });
});
