import { describe, expect, it } from "vitest";
import { parseAuditKind, parseCampaignParam, parseNextParam, parsePrintParams, withAuditKind } from "./url-state";

describe("the other pages' addresses", () => {
  it("reads ?campaign= as an id or a slug on a district page", () => {
    expect(parseCampaignParam("?campaign=3")).toEqual({ campaignId: 3, campaignSlug: null });
    expect(parseCampaignParam("?campaign=m4a-ri")).toEqual({ campaignId: null, campaignSlug: "m4a-ri" });
    expect(parseCampaignParam("?campaign=<script>")).toEqual({ campaignId: null, campaignSlug: null });
  });

  it("keeps the audit filter to plain kind names and writes it back into the address", () => {
    expect(parseAuditKind("?kind=resolution")).toBe("resolution");
    expect(parseAuditKind("?kind=a%20b")).toBe("");
    expect(withAuditKind("http://x/admin/audit?kind=user", "")).toBe("http://x/admin/audit");
    expect(withAuditKind("http://x/admin/audit", "body")).toBe("http://x/admin/audit?kind=body");
  });

  it("reads the print page's bbox only when it is four numbers", () => {
    expect(parsePrintParams("?campaign=1&bbox=-72,41,-71,42&patterns=1")).toMatchObject({ bbox: [-72, 41, -71, 42], patterns: true });
    expect(parsePrintParams("?bbox=1,2,three,4").bbox).toBeNull();
  });

  it("passes ?next= through raw (safeNextPath checks it)", () => {
    expect(parseNextParam("?next=%2Fpipeline")).toBe("/pipeline");
    expect(parseNextParam("")).toBeNull();
  });
});
