import { describe, expect, it } from "vitest";
import { isPublicPosition, pickPublic, PUBLIC_FIELDS } from "./public-fields";

describe("pickPublic", () => {
  it("keeps the listed fields and drops everything else", () => {
    const hub = Object.freeze({
      id: 1,
      name: "North hub",
      slug: "north",
      publicContact: "hello@north.example",
      onboarding: "Come by",
      privateContacts: "555-0100",
      createdAt: "x",
    });
    expect(pickPublic("hub", hub)).toEqual({ id: 1, name: "North hub", slug: "north", publicContact: "hello@north.example", onboarding: "Come by" });
  });

  it("never lists a field whose name says it is private, except a legislator's office email (public record, as Open States publishes it)", () => {
    const publicRecord: Record<string, readonly string[]> = { legislator: ["email"] };
    for (const [table, fields] of Object.entries(PUBLIC_FIELDS)) {
      for (const field of fields.filter((name) => !publicRecord[table]?.includes(name))) {
        expect(field, `${table}.${field}`).not.toMatch(/note|private|internal|email|password|actor|contactedBy|lastContacted|owner|hubId/i);
      }
    }
    expect(PUBLIC_FIELDS.hub).not.toContain("email");
  });

  it("leaves out fields the row does not have instead of inventing them", () => {
    expect(pickPublic("body", { id: 3, name: "Warwick" })).toEqual({ id: 3, name: "Warwick" });
  });

  it("publishes a position only when it is not internal", () => {
    expect(isPublicPosition({ isInternal: 0 })).toBe(true);
    expect(isPublicPosition({ isInternal: 1 })).toBe(false);
  });
});
