import { expect, it } from "vitest";
import { isNameListHeader, parseNameList } from "./name-list";

it("reads one name per line, skipping blanks and comments", () => {
  expect(parseNameList("\uFEFF# H 5555 cosponsors\nBrandon Potter\r\n\n  Rebecca Kislak  \n", "list.txt")).toEqual(["Brandon Potter", "Rebecca Kislak"]);
});

it("reads the name column of a CSV, whatever its case", () => {
  expect(parseNameList('District,Name\n7,"Potter, Brandon"\n8,\n9,Kislak\n', "list.csv")).toEqual(["Potter, Brandon", "Kislak"]);
});

it("refuses a CSV without a name column, naming what it found", () => {
  expect(() => parseNameList("district,party\n7,D\n", "list.csv")).toThrow('list.csv has no name column (expected a header like "name"; found district, party)');
});

it("tells a CSV of names from a campaign spreadsheet by its header", () => {
  expect(isNameListHeader(["District", "Name"])).toBe(true);
  expect(isNameListHeader(["cosponsor"])).toBe(true);
  expect(isNameListHeader(["name", "body", "state", "position"])).toBe(false);
  expect(isNameListHeader(["district", "party"])).toBe(false);
});
