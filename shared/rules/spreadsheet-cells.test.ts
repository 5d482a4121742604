import { describe, expect, it } from "vitest";
import {
  normalizeBodyName,
  parseChoiceCell,
  parseCountCell,
  parseDateCell,
  parseFlagCell,
  parseNameListCell,
  parseTextCell,
  parseTimeCell,
  parseUrlCell,
  type CellResult,
} from "./spreadsheet-cells";

type Case<T> = [input: string, expected: CellResult<T>];

function table<T>(name: string, parse: (text: string) => CellResult<T>, cases: Array<Case<T>>) {
  describe(name, () => {
    it.each(cases)("%j", (input, expected) => expect(parse(input)).toEqual(expected));
  });
}

table("parseDateCell", parseDateCell, [
  ["", { value: null }],
  ["  ", { value: null }],
  ["2026-02-10", { value: "2026-02-10" }],
  ["2026-2-3", { value: "2026-02-03" }],
  ["2/3/2026", { value: "2026-02-03" }],
  ["2024-02-29", { value: "2024-02-29" }],
  ["2026-02-29", { error: '"2026-02-29" is not a real date' }],
  ["2026-02-30", { error: '"2026-02-30" is not a real date' }],
  ["2026-13-01", { error: '"2026-13-01" is not a real date' }],
  ["1800-01-01", { error: '"1800-01-01" is not a real date' }],
  ["next week", { error: '"next week" is not a date (use YYYY-MM-DD)' }],
  ["2026-02-10T19:00", { error: '"2026-02-10T19:00" is not a date (use YYYY-MM-DD)' }],
]);

table("parseTimeCell", parseTimeCell, [
  ["", { value: null }],
  ["19:00", { value: "19:00" }],
  ["7:05", { value: "07:05" }],
  ["7:00 pm", { value: "19:00" }],
  ["7pm", { value: "19:00" }],
  ["12 am", { value: "00:00" }],
  ["12:30 P.M.", { value: "12:30" }],
  ["24:00", { error: '"24:00" is not a time' }],
  ["13 pm", { error: '"13 pm" is not a time' }],
  ["19", { error: '"19" is not a time (use HH:MM, e.g. 19:00)' }],
  ["evening", { error: '"evening" is not a time (use HH:MM, e.g. 19:00)' }],
]);

table("parseCountCell", parseCountCell, [
  ["", { value: null }],
  ["0", { value: 0 }],
  [" 12 ", { value: 12 }],
  ["-3", { error: "-3 is negative" }],
  ["2.5", { error: '"2.5" is not a whole number' }],
  ["nine", { error: '"nine" is not a whole number' }],
]);

table("parseFlagCell", parseFlagCell, [
  ["", { value: false }],
  ["no", { value: false }],
  ["Yes", { value: true }],
  ["1", { value: true }],
  ["x", { value: true }],
  ["maybe", { error: '"maybe" is not yes or no' }],
]);

table("parseUrlCell", parseUrlCell, [
  ["", { value: null }],
  ["https://city.example/agenda?id=4", { value: "https://city.example/agenda?id=4" }],
  ["javascript:alert(1)", { error: '"javascript:alert(1)" is not an http(s) link' }],
  ["city.example", { error: '"city.example" is not a link (it must start with https://)' }],
]);

table("parseTextCell", (text) => parseTextCell(text, 10), [
  ["", { value: null }],
  ["  a\nb  ", { value: "a\nb" }],
  ["01234567890", { error: "is longer than 10 characters" }],
]);

table("parseChoiceCell (positions)", (text) => parseChoiceCell(text, ["yes", "lean_yes", "no"] as const), [
  ["", { value: null }],
  ["yes", { value: "yes" }],
  ["Lean yes", { value: "lean_yes" }],
  ["lean-yes", { value: "lean_yes" }],
  ["perhaps", { error: '"perhaps" is not one of yes, lean_yes, no' }],
]);

table("parseNameListCell", parseNameListCell, [
  ["", { value: [] }],
  ["Ana Ruiz", { value: ["Ana Ruiz"] }],
  [" Ana  Ruiz ; Bo Chen;; ", { value: ["Ana Ruiz", "Bo Chen"] }],
  ["Ana Ruiz; ana ruiz", { error: 'names "ana ruiz" twice' }],
]);

describe("normalizeBodyName", () => {
  it.each([
    ["Providence", "providence"],
    ["City of Providence", "providence"],
    ["Providence City Council", "providence"],
    ["  St. Johnsbury  Select Board", "st johnsbury"],
    ["Montréal", "montreal"],
    ["Kent County", "kent county"],
  ])("%s → %s", (input, expected) => expect(normalizeBodyName(input)).toBe(expected));
});
