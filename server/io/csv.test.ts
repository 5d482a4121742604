import { expect, it } from "vitest";
import { parseCsv, toCsv } from "./csv";

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
  expect(parseCsv("a,b\nc,d")).toEqual([["a", "b"], ["c", "d"]]);
  expect(() => parseCsv('a,"b\n')).toThrow("not closed");
});
