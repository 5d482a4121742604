import { describe, expect, it } from "vitest";
import type { PublicMap } from "../../shared/model/public-view";
import { toBodySummaries, withPublicStageChange, withStageChange } from "./body-index";

const geometry: GeoJSON.FeatureCollection = {
  type: "FeatureCollection",
  features: [1, 2].map((id) => ({
    type: "Feature",
    id,
    bbox: [id, 0, id + 1, 1],
    properties: { name: `Town ${id}`, kind: "select_board", state: "RI", geoid: null },
    geometry: { type: "Point", coordinates: [id, 0] },
  })),
};

it("joins names and bboxes with stages; missing resolutions sit at the first stage", () => {
  const summaries = toBodySummaries(geometry, { initialStage: "not_started", stages: [[2, "passed", 4]] });
  expect(summaries).toEqual([
    { id: 1, name: "Town 1", kind: "select_board", state: "RI", geoid: null, bbox: [1, 0, 2, 1], stage: "not_started", version: 0 },
    { id: 2, name: "Town 2", kind: "select_board", state: "RI", geoid: null, bbox: [2, 0, 3, 1], stage: "passed", version: 4 },
  ]);
});

it("applies a stage change to the payload, replacing any previous entry", () => {
  const payload = withStageChange({ initialStage: "not_started", stages: [[2, "introduced", 3]] }, { bodyId: 2, stage: "passed", version: 4 });
  expect(payload.stages).toEqual([[2, "passed", 4]]);
  expect(withStageChange(payload, { bodyId: 1, stage: "organizing", version: 1 }).stages).toHaveLength(2);
});

it("ignores a stage change older than the one the payload holds (a live message after this page's own save)", () => {
  const payload = { initialStage: "not_started", stages: [[2, "passed", 4]] as Array<[number, string, number]> };
  expect(withStageChange(payload, { bodyId: 2, stage: "introduced", version: 3 })).toBe(payload);
  expect(withStageChange(payload, { bodyId: 2, stage: "introduced", version: 4 })).toBe(payload);
});

describe("withPublicStageChange", () => {
  const now: PublicMap = {
    campaignId: 1,
    asOf: null,
    initialStage: "not_started",
    stages: [
      [2, "introduced"],
      [5, "passed"],
    ],
    counts: [
      { stageId: "not_started", count: 8 },
      { stageId: "introduced", count: 1 },
      { stageId: "passed", count: 1 },
    ],
    range: { first: "2025-01-01", last: "2025-02-01" },
    people: null,
    verified: [5],
  };

  it("sets the body's stage in the sorted list and leaves the server's aggregates alone", () => {
    const patched = withPublicStageChange(now, { bodyId: 3, stage: "organizing" });
    expect(patched.stages).toEqual([
      [2, "introduced"],
      [3, "organizing"],
      [5, "passed"],
    ]);
    expect(withPublicStageChange(patched, { bodyId: 2, stage: "passed" }).stages).toEqual([
      [2, "passed"],
      [3, "organizing"],
      [5, "passed"],
    ]);
    expect(patched.counts).toBe(now.counts);
    expect(now.stages).toHaveLength(2);
  });

  it("drops a body back at the first stage, as the server's list does", () => {
    expect(withPublicStageChange(now, { bodyId: 2, stage: "not_started" }).stages).toEqual([[5, "passed"]]);
    expect(withPublicStageChange(now, { bodyId: 9, stage: "not_started" })).toBe(now);
  });

  it("leaves a past day's map alone: a change now is not part of it", () => {
    const past = { ...now, asOf: "2025-01-15" };
    expect(withPublicStageChange(past, { bodyId: 3, stage: "organizing" })).toBe(past);
  });
});
