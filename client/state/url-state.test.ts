import { expect, it } from "vitest";
import { parsePublicPanelParam, parseUrlState, toSearch } from "./url-state";

const empty = {
  campaignId: null,
  campaignSlug: null,
  bodyId: null,
  districtId: null,
  chambers: [],
  stages: null,
  view: null,
  asOf: null,
  table: false,
  patterns: false,
  ballot: null,
  endorsers: false,
};

it("round-trips a full view", () => {
  const state = {
    campaignId: 2,
    campaignSlug: null,
    bodyId: 42,
    districtId: 7,
    chambers: ["state_lower", "congressional"],
    stages: ["passed", "failed"],
    view: { center: [-71.41, 41.82] as [number, number], zoom: 6.5 },
    asOf: "2026-03-01",
    table: true,
    patterns: true,
    ballot: 12,
    endorsers: true,
  };
  const search = toSearch(state);
  expect(search).toBe(
    "?campaign=2&body=42&district=7&stages=passed,failed&layers=state_lower,congressional&map=6.50/41.8200/-71.4100&asof=2026-03-01&show=table&patterns=1&ballot=12&endorsers=1",
  );
  expect(parseUrlState(search)).toEqual(state);
});

it("carries a campaign slug for public pages and the embed", () => {
  expect(parseUrlState("?campaign=medicare-for-all-2026")).toEqual({ ...empty, campaignSlug: "medicare-for-all-2026" });
  expect(toSearch({ ...empty, campaignSlug: "medicare-for-all-2026" })).toBe("?campaign=medicare-for-all-2026");
});

it("ignores malformed or out-of-range values instead of failing", () => {
  expect(parseUrlState("?campaign=X!&body=-3&district=0&layers=senate&stages=PASSED;drop&map=99/200/5&asof=2026-02-30&show=list&patterns=yes&ballot=-1&endorsers=yes")).toEqual(
    empty,
  );
  expect(parseUrlState("")).toEqual(empty);
});

it("reads the public page's panel to open from the embed's calls to action, and nothing else", () => {
  expect(parsePublicPanelParam("?open=hubs")).toBe("hubs");
  expect(parsePublicPanelParam("?campaign=x&open=contact")).toBe("contact");
  expect(parsePublicPanelParam("?open=admin")).toBeNull();
  expect(parsePublicPanelParam("")).toBeNull();
});
