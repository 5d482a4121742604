import { describe, expect, it } from "vitest";
import { bodyEditRefusal, canAdminister, canChangeAccessOf, canEditBodyInArea, canEditCampaignWide, REFUSALS, sessionRole, type Role, type Session } from "./account";

const user = (role: "admin" | "organizer" | "hub" | "viewer", hubId: number | null = null): Session => ({
  user: { id: 7, email: `${role}@example.org`, name: role, role, hubId, hubName: hubId ? "North RI Hub" : null },
  demo: false,
});

describe("sessionRole", () => {
  it("is the user's role, a viewer in the read-only demo, else the public (also before the session is known)", () => {
    expect(sessionRole(user("organizer"))).toBe("organizer");
    expect(sessionRole({ user: null, demo: true })).toBe("viewer");
    expect(sessionRole({ user: null, demo: false })).toBe("public");
    expect(sessionRole(undefined)).toBe("public");
  });
});

describe("canEditBodyInArea", () => {
  const area = Object.freeze({ districtIds: Object.freeze([30, 31]), bodyIds: Object.freeze([5]) });
  const named = { id: 5, districtIds: [] };
  const inDistrict = { id: 6, districtIds: [12, 31] };
  const outside = { id: 8, districtIds: [12] };

  it.each<[Role, boolean, boolean, boolean]>([
    ["admin", true, true, true],
    ["organizer", true, true, true],
    ["hub", true, true, false],
    ["viewer", false, false, false],
    ["public", false, false, false],
  ])("%s: a body the hub names %s, one in its districts %s, one outside %s", (role, first, second, third) => {
    expect([canEditBodyInArea(role, named, area), canEditBodyInArea(role, inDistrict, area), canEditBodyInArea(role, outside, area)]).toEqual([first, second, third]);
  });

  it("gives a hub member nothing until the hub's area is known", () => {
    expect(canEditBodyInArea("hub", named, null)).toBe(false);
  });
});

describe("the other rules", () => {
  it("lets admins administer, organizers and admins work campaign-wide", () => {
    expect((["admin", "organizer", "hub", "viewer", "public"] as Role[]).map((role) => [canAdminister(role), canEditCampaignWide(role)])).toEqual([
      [true, true],
      [false, true],
      [false, false],
      [false, false],
      [false, false],
    ]);
  });

  it("never lets an admin change their own access", () => {
    expect([canChangeAccessOf(7, 7), canChangeAccessOf(7, 8), canChangeAccessOf(undefined, 8)]).toEqual([false, true, true]);
  });
});

describe("bodyEditRefusal", () => {
  it("says why in the server's words: demo, sign in, viewer, outside the hub's area", () => {
    expect(bodyEditRefusal({ user: null, demo: true })).toBe(REFUSALS.demo);
    expect(bodyEditRefusal({ user: null, demo: false })).toBe(REFUSALS.signInToChange);
    expect(bodyEditRefusal(user("viewer"))).toBe(REFUSALS.viewer);
    expect(bodyEditRefusal(user("hub", 3))).toBe(REFUSALS.outsideHubArea);
  });
});
