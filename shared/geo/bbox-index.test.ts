import { describe, expect, it } from "vitest";
import type { BBox } from "../model/body";
import { buildBBoxIndex, candidatePairs } from "./bbox-index";

describe("buildBBoxIndex", () => {
  it("finds boxes that overlap or touch, and only those", () => {
    const boxes: BBox[] = [
      [0, 0, 1, 1],
      [2, 2, 3, 3],
      [1, 1, 2, 2], // touches both at a corner
      [10, 10, 11, 11],
    ];
    const index = buildBBoxIndex(boxes);
    expect(index.size).toBe(4);
    expect(index.search([0.5, 0.5, 0.6, 0.6]).sort()).toEqual([0]);
    expect(index.search([1, 1, 1, 1]).sort()).toEqual([0, 2]);
    expect(index.search([-5, -5, 5, 5]).sort()).toEqual([0, 1, 2]);
    expect(index.search([20, 20, 21, 21])).toEqual([]);
  });

  it("accepts an empty list", () => {
    const index = buildBBoxIndex([]);
    expect(index.size).toBe(0);
    expect(index.search([0, 0, 1, 1])).toEqual([]);
  });
});

describe("candidatePairs", () => {
  it("lists every intersecting pair once, grouped by the left side, right ascending", () => {
    const bodies: BBox[] = [
      [0, 0, 1.5, 1],
      [5, 5, 6, 6],
    ];
    const districts: BBox[] = [
      [1, 0, 2, 1],
      [-1, -1, 0.5, 0.5],
      [5.5, 5.5, 7, 7],
    ];
    const { left, right } = candidatePairs(bodies, districts);
    expect([...left]).toEqual([0, 0, 1]);
    expect([...right]).toEqual([0, 1, 2]);
  });

  it("agrees with a brute-force loop on random boxes", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    const box = (size: number): BBox => {
      const x = random() * 100;
      const y = random() * 100;
      return [x, y, x + random() * size, y + random() * size];
    };
    const bodies = Array.from({ length: 300 }, () => box(3));
    const districts = Array.from({ length: 80 }, () => box(15));
    const { left, right } = candidatePairs(bodies, districts);
    const expected: string[] = [];
    bodies.forEach((b, i) =>
      districts.forEach((d, j) => {
        if (b[0] <= d[2] && b[2] >= d[0] && b[1] <= d[3] && b[3] >= d[1]) expected.push(`${i}:${j}`);
      }),
    );
    expect([...left].map((i, k) => `${i}:${right[k]}`)).toEqual(expected);
  });
});
