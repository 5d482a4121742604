import { describe, expect, it } from "vitest";
import { campaignScopeSchema, countedBodies, describeScope, EVERY_BODY, readCountyList, readStateList, type ScopedBody } from "./campaign-scope";

const body = (id: number, state: string | null, extra: Partial<ScopedBody> = {}): ScopedBody => ({ id, kind: "town_meeting", state, geoid: null, parentId: null, ...extra });
const boston = body(1, "MA", { kind: "city_council", geoid: "2502507000" });
const wards = [2, 3, 4].map((id) => body(id, "MA", { kind: "ward_committee", parentId: 1 }));
const salem = body(5, "MA", { geoid: "2500959000" });
const concord = body(6, "NH", { geoid: "3301314200" });
const everyone = Object.freeze([boston, ...wards, salem, concord]) as readonly ScopedBody[];
const ids = (bodies: readonly ScopedBody[]) => bodies.map((b) => b.id);

describe("countedBodies", () => {
  it("counts every top-level body when the campaign chose nothing: wards are left to their city", () => {
    expect(ids(countedBodies(EVERY_BODY, everyone))).toEqual([1, 5, 6]);
  });

  it("counts the wards instead of the city when the campaign counts ward committees", () => {
    const scope = campaignScopeSchema.parse({ countedChildKinds: ["ward_committee"] });
    expect(ids(countedBodies(scope, everyone))).toEqual([2, 3, 4, 5, 6]);
  });

  it("keeps to the campaign's states, and counties or listed bodies narrow it", () => {
    expect(ids(countedBodies(campaignScopeSchema.parse({ states: ["MA"] }), everyone))).toEqual([1, 5]);
    expect(ids(countedBodies(campaignScopeSchema.parse({ states: ["MA", "NH"], counties: ["25009"] }), everyone))).toEqual([5]);
    expect(ids(countedBodies(campaignScopeSchema.parse({ states: ["MA"], bodyIds: [1] }), everyone))).toEqual([1]);
  });

  it("never counts a place twice across levels, whatever the choice (property over the example)", () => {
    for (const countedChildKinds of [[], ["ward_committee"]] as const) {
      const counted = new Set(ids(countedBodies(campaignScopeSchema.parse({ countedChildKinds }), everyone)));
      for (const child of wards) expect(counted.has(child.id) && counted.has(child.parentId!)).toBe(false);
    }
  });

  it("refuses an unknown state code", () => {
    expect(campaignScopeSchema.safeParse({ states: ["ZZ"] }).success).toBe(false);
  });
});

describe("describeScope", () => {
  it("says what the counts include", () => {
    expect(describeScope(EVERY_BODY)).toBe("Every body; a body inside another (a ward in a city) is counted through the body it belongs to.");
    expect(describeScope(campaignScopeSchema.parse({ states: ["MA"], countedChildKinds: ["ward_committee"] }))).toBe(
      "Bodies in MA; ward committees are counted instead of the body they belong to.",
    );
  });
});

describe("lists typed in the settings or on the command line", () => {
  it("reads state codes in any case and separator, sorted and distinct, and names the first that is none", () => {
    expect(readStateList(" nh, MA;ma\nri ")).toEqual({ states: ["MA", "NH", "RI"], bad: null });
    expect(readStateList("")).toEqual({ states: [], bad: null });
    expect(readStateList("NH, Z1, QQ")).toEqual({ states: ["NH"], bad: "Z1" });
  });

  it("reads five-digit county GEOIDs in the order typed, and names the first that is none", () => {
    expect(readCountyList("25025 25017, 25025")).toEqual({ counties: ["25025", "25017"], bad: null });
    expect(readCountyList("25025, 2501")).toEqual({ counties: ["25025"], bad: "2501" });
  });

  it("names counted kinds in the plural, boards of aldermen too", () => {
    expect(describeScope({ ...EVERY_BODY, countedChildKinds: ["board_of_aldermen", "ward_committee"] })).toBe(
      "Every body; boards of aldermen and ward committees are counted instead of the body they belong to.",
    );
  });
});
