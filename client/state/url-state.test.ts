import { expect, it } from "vitest";
import { parseUrlState, toSearch } from "./url-state";

it("round-trips a full view", () => {
  const state = {
    campaignId: 2,
    bodyId: 42,
    districtId: 7,
    chambers: ["state_lower", "congressional"],
    stages: ["passed", "failed"],
    view: { center: [-71.41, 41.82] as [number, number], zoom: 6.5 },
  };
  const search = toSearch(state);
  expect(search).toBe("?campaign=2&body=42&district=7&stages=passed,failed&layers=state_lower,congressional&map=6.50/41.8200/-71.4100");
  expect(parseUrlState(search)).toEqual(state);
});

it("ignores malformed or out-of-range values instead of failing", () => {
  expect(parseUrlState("?campaign=x&body=-3&district=0&layers=senate&stages=PASSED;drop&map=99/200/5")).toEqual({
    campaignId: null,
    bodyId: null,
    districtId: null,
    chambers: [],
    stages: null,
    view: null,
  });
  expect(parseUrlState("")).toEqual({ campaignId: null, bodyId: null, districtId: null, chambers: [], stages: null, view: null });
});
