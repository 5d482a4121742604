import { describe, expect, it } from "vitest";
import { matchAppPage } from "./app-pages";

describe("matchAppPage", () => {
  it("finds the map at the root", () => {
    expect(matchAppPage("/")).toEqual({ page: "map", params: {} });
  });

  it("knows no page for an unknown path", () => {
    expect(matchAppPage("/no-such-page")).toBeNull();
  });
});
