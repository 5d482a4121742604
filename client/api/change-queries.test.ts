import { describe, expect, it } from "vitest";
import { CHANGE_KINDS } from "../../shared/model/change";
import { queryKeysForChange, queryKeysForStagePatch, stagePatchOf } from "./change-queries";

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

describe("a live stage change patched in place (issue 19)", () => {
  it("reads the body, stage and version a live message carries", () => {
    expect(stagePatchOf({ campaignId: 1, kind: "resolution", ids: [7], version: 3, stage: "passed" })).toEqual({ campaignId: 1, bodyId: 7, stage: "passed", version: 3 });
  });

  it("is no patch without a stage, a version, a campaign or with several bodies", () => {
    expect(stagePatchOf({ campaignId: 1, kind: "resolution", ids: [7], version: 3 })).toBeNull();
    expect(stagePatchOf({ campaignId: 1, kind: "resolution", ids: [7], stage: "passed" })).toBeNull();
    expect(stagePatchOf({ campaignId: null, kind: "resolution", ids: [7], version: 3, stage: "passed" })).toBeNull();
    expect(stagePatchOf({ campaignId: 1, kind: "resolution", ids: [7, 8], version: 3, stage: "passed" })).toBeNull();
    expect(stagePatchOf({ campaignId: 1, kind: "member", ids: [7], version: 3, stage: "passed" })).toBeNull();
  });

  it("refetches the one body's panels at once, but not the public map, hubs or campaigns that every open page shows", () => {
    const keys = queryKeysForStagePatch();
    expect(keys).toEqual(expect.arrayContaining([[["body"]], [["resolution"]], [["pipeline"]], [["public", "body"]]]));
    expect(keys).not.toContainEqual([["public"]]);
    expect(keys).not.toContainEqual([["public", "map"]]);
  });
});
