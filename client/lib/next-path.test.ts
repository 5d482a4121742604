import { describe, expect, it } from "vitest";
import { safeNextPath, signInHref } from "./next-path";

describe("safeNextPath", () => {
  it("keeps a path on this site with its query and hash", () => {
    expect(safeNextPath("/pipeline?stages=passed#top")).toBe("/pipeline?stages=passed#top");
    expect(safeNextPath("/?body=42")).toBe("/?body=42");
  });

  it.each([null, "", "pipeline", "//evil.example/x", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "/\u0000x", "/login", "/login?next=/x"])(
    "sends %j to the map instead",
    (raw) => {
      expect(safeNextPath(raw)).toBe("/");
    },
  );
});

describe("signInHref", () => {
  it("names the page to come back to", () => {
    expect(signInHref("/admin/users")).toBe("/login?next=%2Fadmin%2Fusers");
    expect(signInHref("/?body=3&stages=passed")).toBe("/login?next=%2F%3Fbody%3D3%26stages%3Dpassed");
  });

  it("leaves out the map and unsafe places", () => {
    expect(signInHref("/")).toBe("/login");
    expect(signInHref("//evil.example")).toBe("/login");
  });
});
