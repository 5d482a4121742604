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
    ["Bristol and Plymouth", "bristolplymouth"],
    ["Bristol & Plymouth", "bristolplymouth"],
    ["Bristol&Plymouth", "bristolplymouth"],
    ["Worcester, Hampden, Hampshire and Middlesex", "worcesterhampdenhampshiremiddlesex"],
    ["Chittenden-6-1", "chittenden 6 1"],
    ["At-Large", "atlarge"],
    ["01A", "1a"],
    ["00A", "a"],
    ["Ward 3", "ward 3"],
    ["District", "district"],
  ];
  it.each(cases)("%s → %s", (input, expected) => {
    expect(normalizeDistrictName(input)).toBe(expected);
  });

  it("keeps distinct districts distinct", () => {
    expect(isSameDistrictName("1", "10")).toBe(false);
    expect(isSameDistrictName("First Essex", "Eleventh Essex")).toBe(false);
    expect(isSameDistrictName("2nd Bristol", "Second Bristol")).toBe(true);
    expect(isSameDistrictName("Worcester and Middlesex", "Middlesex and Worcester")).toBe(false);
    expect(isSameDistrictName("Chittenden-6-1", "Chittenden-6-2")).toBe(false);
    expect(isSameDistrictName("Hampden", "Hampden and Hampshire")).toBe(false);
  });

  // The Census's TIGER/Line NAMELSAD (2024 state legislative districts) beside the name Open States
  // gives the same district in its person files: the import must link each legislator to the plan.
  const censusAndOpenStates: Array<[string, string]> = [
    ["1st Barnstable District", "1st Barnstable"],
    ["Barnstable-Dukes-Nantucket District", "Barnstable, Dukes and Nantucket"],
    ["Second Worcester District", "Second Worcester"],
    ["Berkshire-Hampden-Franklin-Hampshire District", "Berkshire, Hampden, Franklin and Hampshire"],
    ["Norfolk-Worcester-Middlesex District", "Norfolk, Worcester and Middlesex"],
    ["Hampden and Hampshire District", "Hampden and Hampshire"],
    ["Hampden District", "Hampden"],
    ["State House District Belknap 01", "Belknap 1"],
    ["Addison-1 State House District", "Addison-1"],
    ["Chittenden South East Senatorial District", "Chittenden-Southeast"],
    ["State Senate District 12", "12"],
    ["Congressional District (at Large)", "At-Large"],
  ];
  it.each(censusAndOpenStates)("%s is %s", (census, openStates) => {
    expect(isSameDistrictName(census, openStates)).toBe(true);
  });
});
