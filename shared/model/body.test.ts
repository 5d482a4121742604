import { describe, expect, it } from "vitest";
import { bodyKindOfValue, parseBodyKind } from "./body";

describe("body kinds as people and files write them", () => {
  it("reads a kind in any case, with spaces or hyphens, and the documented alias town", () => {
    expect(parseBodyKind("Select Board")).toBe("select_board");
    expect(parseBodyKind("town-meeting")).toBe("town_meeting");
    expect(parseBodyKind("town")).toBe("town_meeting");
    expect(parseBodyKind("parliament")).toBeUndefined();
  });

  it("reads a kind field's values: C and T as state GIS layers write them, city and town, or any kind", () => {
    expect(["C", "t", "City", " TOWN ", "ward committee"].map(bodyKindOfValue)).toEqual(["city_council", "town_meeting", "city_council", "town_meeting", "ward_committee"]);
    expect([null, 3, "", "Village"].map(bodyKindOfValue)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
