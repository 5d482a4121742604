import { describe, expect, it } from "vitest";
import { attributeText, compareVintages, districtGeoid, districtNumber, pickField, populationValue, stateFromGeoid, tidyName } from "./import-fields";

describe("pickField", () => {
  it("prefers the requested field and says which fields exist when it is missing", () => {
    expect(pickField(["NAME", "TOWN"], "TOWN", "body name")).toEqual({ field: "TOWN" });
    expect(pickField(["NAME", "TOWN"], "town", "body name")).toEqual({ field: "TOWN" });
    expect(pickField(["NAME", "TOWN"], "MUNI", "body name").error).toBe('no field "MUNI" in this file; its fields are: NAME, TOWN');
  });

  it("finds the usual Census and state GIS fields", () => {
    expect(pickField(["STATEFP", "GEOID", "NAME", "NAMELSAD"], undefined, "body name").field).toBe("NAMELSAD");
    expect(pickField(["STATEFP", "GEOID", "NAME"], undefined, "id").field).toBe("GEOID");
    expect(pickField(["DISTRICT", "DISTRICTN", "ID"], undefined, "district name").field).toBe("DISTRICT");
    expect(pickField(["OBJECTID"], undefined, "id").field).toBeNull();
  });

  it("finds them in any case, as city and state portals spell them", () => {
    expect(pickField(["OBJECTID", "city_town", "county"], undefined, "body name").field).toBe("city_town");
    expect(pickField(["FID", "Town", "Shape_Area"], undefined, "body name").field).toBe("Town");
    expect(pickField(["district", "Name"], undefined, "district name").field).toBe("district");
    expect(pickField(["geoid20", "name20"], undefined, "id").field).toBe("geoid20");
  });
});

it("title-cases names written in capitals only", () => {
  expect(tidyName("NORTH KINGSTOWN")).toBe("North Kingstown");
  expect(tidyName("  WEST   GREENWICH ")).toBe("West Greenwich");
  expect(tidyName("Bel Air-Beverly Crest")).toBe("Bel Air-Beverly Crest");
  expect(tidyName("CANNDU")).toBe("Canndu");
});

it("reads attribute text without control characters, and empty values as null", () => {
  expect(attributeText(" Nul\u0000ville\u0007 ")).toBe("Nul ville");
  expect(attributeText("N\u00001")).toBe("N 1");
  expect(attributeText("\u0000\u0000")).toBeNull();
  expect(attributeText(44030)).toBe("44030");
  expect(attributeText(null)).toBeNull();
});

it("reads the state from a GEOID", () => {
  expect(stateFromGeoid("2300104250")).toBe("ME");
  expect(stateFromGeoid("44")).toBeNull();
  expect(stateFromGeoid("Cambridge")).toBeNull();
});

it("builds Census district GEOIDs for numbered districts only", () => {
  expect(districtNumber("07")).toBe("7");
  expect(districtNumber("District 12")).toBe("12");
  expect(districtNumber("18th Essex")).toBeNull();
  expect(districtGeoid("44", "state_lower", "30")).toBe("44030");
  expect(districtGeoid("44", "congressional", "2")).toBe("4402");
  expect(districtGeoid("25", "state_lower", "18th Essex")).toBeNull();
  expect(districtGeoid(null, "state_upper", "3")).toBeNull();
});

it("orders vintages numerically", () => {
  expect(["2022", "2012", "2022b", "2002"].sort(compareVintages)).toEqual(["2002", "2012", "2022", "2022b"]);
});

describe("population field", () => {
  const cases: Array<[string[], string | null]> = [
    [["NAME", "GEOID", "P0010001", "POP20"], "P0010001"],
    [["NAME", "pop_2010"], "pop_2010"],
    [["NAME", "Population"], "Population"],
    [["NAME", "TOTPOP"], "TOTPOP"],
    [["NAME", "POPDENS", "POP_2020"], "POP_2020"],
    [["NAME", "POPEST"], "POPEST"],
    // ArcGIS and KML exports carry a popup field (LA's neighborhood councils: a URL), and a density or a change is no count.
    [["Name", "FolderPath", "PopupInfo", "Shape_Area"], null],
    [["NAME", "POPUP_URL", "POP_EST"], "POP_EST"],
    [["NAME", "POPDENS"], null],
    [["NAME", "POP_PCT_CHG"], null],
    [["NAME", "AREA"], null],
  ];
  for (const [fields, expected] of cases) it(`${fields.join(",")} → ${expected}`, () => expect(pickField(fields, undefined, "population").field).toBe(expected));
  it("takes the field a person names", () => expect(pickField(["NAME", "POP20", "HOUSEHOLDS"], "households", "population").field).toBe("HOUSEHOLDS"));
});

describe("populationValue", () => {
  const cases: Array<[unknown, number | null]> = [
    [12345, 12345],
    ["12,345", 12345],
    [" 80.5 ", 80.5],
    ["", null],
    [null, null],
    [-1, null],
    ["n/a", null],
  ];
  for (const [value, expected] of cases) it(`${JSON.stringify(value)} → ${expected}`, () => expect(populationValue(value)).toBe(expected));
});
