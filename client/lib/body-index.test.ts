import { expect, it } from "vitest";
import { toBodySummaries, withStageChange } from "./body-index";

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
