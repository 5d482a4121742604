import { describe, expect, it } from "vitest";
import { describeBoundaryCredit, guessBoundaryPublisher } from "./boundary-credit";

describe("describeBoundaryCredit", () => {
  it("credits the publisher of the bodies shown, not the Census by default", () => {
    expect(describeBoundaryCredit(["RIGIS municipalities", "RIGIS municipalities"])).toBe("Boundaries: RIGIS municipalities");
  });
  it("names the biggest sources first and counts the rest", () => {
    const sources = ["b.geojson", "US Census Bureau TIGER/Line 2024", "US Census Bureau TIGER/Line 2024", "a.geojson", null, "c.geojson"];
    expect(describeBoundaryCredit(sources)).toBe("Boundaries: US Census Bureau TIGER/Line 2024, a.geojson, b.geojson and 2 more sources");
    expect(describeBoundaryCredit([null])).toBe("Boundaries: imported boundary files");
  });
  it("says nothing when no body is shown", () => expect(describeBoundaryCredit([])).toBeNull());
});

describe("guessBoundaryPublisher", () => {
  it("names the publisher of files it knows by their name", () => {
    expect(guessBoundaryPublisher("tl_2019_23_cousub.zip")).toBe("US Census Bureau TIGER/Line 2019");
    expect(guessBoundaryPublisher("/tmp/uploads/cb_2023_us_county_500k.zip")).toBe("US Census Bureau cartographic boundary files 2023");
    expect(guessBoundaryPublisher("ri_municipalities_rigis.geojson")).toBe("RIGIS (Rhode Island Geographic Information System)");
    expect(guessBoundaryPublisher("MASSGIS_TOWNS_POLY.shp")).toBe("MassGIS (Bureau of Geographic Information)");
  });
  it("falls back to the file's own name, without its folder", () => {
    expect(guessBoundaryPublisher("vt-more.geojson")).toBe("vt-more.geojson");
    expect(guessBoundaryPublisher("C:\\data\\towns.geojson")).toBe("towns.geojson");
  });
});
