import { describe, expect, it } from "vitest";
import { describeBoundaryCredit } from "./boundary-credit";

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
