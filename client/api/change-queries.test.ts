import { describe, expect, it } from "vitest";
import { CHANGE_KINDS } from "../../shared/model/change";
import { queryKeysForChange } from "./change-queries";

describe("queryKeysForChange", () => {
  it("refetches the map's stages, the body panel and district panels when a resolution changes", () => {
    const keys = queryKeysForChange({ campaignId: 1, kind: "resolution", ids: [4] });
    expect(keys).toEqual(expect.arrayContaining([[["resolution"]], [["body"]], [["district"]]]));
    expect(keys).not.toContainEqual(["geometry"]);
  });

  it("refetches body geometry only when bodies themselves change", () => {
    expect(queryKeysForChange({ campaignId: null, kind: "body", ids: [] })).toContainEqual(["geometry"]);
    expect(queryKeysForChange({ campaignId: null, kind: "district", ids: [] })).toContainEqual(["district-geometry"]);
  });

  it("refetches everything after an import", () => {
    expect(queryKeysForChange({ campaignId: null, kind: "import", ids: [] })).toBe("everything");
  });

  it.each(CHANGE_KINDS)("knows what to refetch for %s", (kind) => {
    const keys = queryKeysForChange({ campaignId: 1, kind, ids: [] });
    expect(keys === "everything" || keys.length > 0).toBe(true);
  });
});

describe("the one invalidation table, for this page's own writes", () => {
  it("refetches upcoming votes after a stage change (resolution.upcoming sits under the resolution router)", () => {
    expect(queryKeysForChange({ kind: "resolution" })).toContainEqual([["resolution"]]);
  });

  it("refreshes the users list and the audit log after an account change, which never travels on the live stream", () => {
    expect(queryKeysForChange({ kind: "user" })).toEqual([[["user"]], [["audit"]]]);
  });
});
