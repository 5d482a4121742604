import { describe, expect, it } from "vitest";
import { interiorPoint } from "./interior-point";

describe("interiorPoint", () => {
  it("lands inside an L-shaped polygon whose bbox centre is outside it", () => {
    const lShape: GeoJSON.Polygon = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [4, 0],
          [4, 1],
          [1, 1],
          [1, 4],
          [0, 4],
          [0, 0],
        ],
      ],
    };
    const [x, y] = interiorPoint(lShape);
    expect(y).toBe(2);
    expect(x).toBe(0.5);
  });
});
