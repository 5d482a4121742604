import { describe, expect, it } from "vitest";
import { DEFAULT_PIPELINE_VIEW, formatPipelineView, parsePipelineView, upcomingWindow, withSort, type PipelineView } from "./pipeline-url";

describe("pipeline view in the URL", () => {
  it("round-trips a full view", () => {
    const view: PipelineView = {
      campaignId: 3,
      view: "board",
      stages: ["passed", "failed"],
      kinds: ["town_meeting", "city_council"],
      county: "44003",
      hubId: 2,
      voteFrom: "2026-01-01",
      voteTo: "2026-06-30",
      sort: "voteDate",
      direction: "desc",
      page: 4,
    };
    const search = formatPipelineView(view);
    expect(search).toBe(
      "?campaign=3&view=board&stages=passed,failed&kinds=town_meeting,city_council&county=44003&hub=2&from=2026-01-01&to=2026-06-30&sort=voteDate&dir=desc&page=4",
    );
    expect(parsePipelineView(search)).toEqual(view);
  });

  it("leaves defaults out and reads an empty query as the default", () => {
    expect(formatPipelineView(DEFAULT_PIPELINE_VIEW)).toBe("");
    expect(parsePipelineView("")).toEqual(DEFAULT_PIPELINE_VIEW);
  });

  it.each([
    ["?campaign=x&page=-2&sort=drop_table&dir=sideways&view=cards", {}],
    ["?kinds=town_meeting,spaceship&county=4400&from=2026-13&hub=0", { kinds: ["town_meeting"] }],
    ["?stages=passed,Robert');DROP", { stages: ["passed"] }],
  ])("ignores malformed values in %s", (search, expected) => {
    expect(parsePipelineView(search)).toEqual({ ...DEFAULT_PIPELINE_VIEW, ...expected });
  });

  it("sorting by a new column starts ascending on page 1; the same column flips", () => {
    const view = { ...DEFAULT_PIPELINE_VIEW, page: 3 };
    expect(withSort(view, "body")).toMatchObject({ sort: "body", direction: "asc", page: 1 });
    expect(withSort({ ...view, sort: "body" }, "body")).toMatchObject({ direction: "desc", page: 1 });
    expect(withSort({ ...view, sort: "body", direction: "desc" }, "body")).toMatchObject({ direction: "asc" });
  });
});

it("the upcoming window runs from the viewer's today through 30 days later, across months and years", () => {
  expect(upcomingWindow(new Date(2026, 11, 15, 23, 30))).toEqual({ from: "2026-12-15", to: "2027-01-14" });
  expect(upcomingWindow(new Date(2028, 1, 1, 0, 5))).toEqual({ from: "2028-02-01", to: "2028-03-02" });
});
