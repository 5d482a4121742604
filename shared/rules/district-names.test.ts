import { describe, expect, it } from "vitest";
import { isSameDistrictName, normalizeDistrictName } from "./district-names";

describe("normalizeDistrictName", () => {
  const cases: Array<[string, string]> = [
    ["7", "7"],
    ["District 7", "7"],
    ["district 07", "7"],
    ["007", "7"],
    ["District No. 7", "7"],
    ["  30 ", "30"],
    ["Eighteenth Essex", "18 essex"],
    ["18th Essex", "18 essex"],
    ["18TH   essex", "18 essex"],
    ["Twenty-First Middlesex", "21 middlesex"],
    ["Twenty First Middlesex", "21 middlesex"],
    ["21st Middlesex", "21 middlesex"],
    ["First Suffolk", "1 suffolk"],
    ["Thirtieth Middlesex", "30 middlesex"],
    ["Bristol and Plymouth", "bristol and plymouth"],
    ["Bristol & Plymouth", "bristol and plymouth"],
    ["Bristol&Plymouth", "bristol and plymouth"],
    ["Worcester, Hampden, Hampshire and Middlesex", "worcester hampden hampshire and middlesex"],
    ["Chittenden-6-1", "chittenden-6-1"],
    ["At-Large", "at-large"],
  ];
  it.each(cases)("%s → %s", (input, expected) => {
    expect(normalizeDistrictName(input)).toBe(expected);
  });

  it("keeps distinct districts distinct", () => {
    expect(isSameDistrictName("1", "10")).toBe(false);
    expect(isSameDistrictName("First Essex", "Eleventh Essex")).toBe(false);
    expect(isSameDistrictName("2nd Bristol", "Second Bristol")).toBe(true);
  });
});
