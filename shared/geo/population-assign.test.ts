import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seedFuzzing } from "../../test/helpers/fuzz-seed";
import { placePopulation, type Area } from "./population-assign";

const box = (west: number, south: number, east: number, north: number): GeoJSON.Polygon => ({
  type: "Polygon",
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});
const point = (lon: number, lat: number): GeoJSON.Point => ({ type: "Point", coordinates: [lon, lat] });

/**
 * Two towns side by side (A: 0…2, B: 2…4) and two districts cutting them differently
 * (D1: 0…1, D2: 1…4), with blocks of known counts: the right answer is known exactly.
 */
const bodies: Area[] = [
  { id: 1, geometry: box(0, 0, 2, 1) },
  { id: 2, geometry: box(2, 0, 4, 1) },
];
const districts: Area[] = [
  { id: 10, geometry: box(0, 0, 1, 1) },
  { id: 20, geometry: box(1, 0, 4, 1) },
];

describe("placePopulation", () => {
  it("puts each block's count whole into the body and district holding it, once", () => {
    const blocks = [
      { geometry: point(0.5, 0.5), count: 700 }, // A ∩ D1
      { geometry: box(1.2, 0.2, 1.4, 0.4), count: 100 }, // A ∩ D2, a polygon block
      { geometry: point(3, 0.5), count: 250 }, // B ∩ D2
      { geometry: point(9, 9), count: 40 }, // outside everything
      { geometry: point(0.7, 0.7), count: 0 },
    ];
    const placed = placePopulation(blocks, { bodies, districts });
    expect(Object.fromEntries(placed.overlaps)).toEqual({ "1:10": 700, "1:20": 100, "2:20": 250 });
    expect(Object.fromEntries(placed.districts)).toEqual({ 10: 700, 20: 350 });
    expect(Object.fromEntries(placed.bodies)).toEqual({ 1: 800, 2: 250 });
    expect([placed.placed, placed.unplaced]).toEqual([1050, 40]);
    // Town A is 7/8 in D1 by people, though half of it by area.
    expect(placed.overlaps.get("1:10")! / placed.bodies.get(1)!).toBe(0.875);
  });

  it("counts a block in no body for its district only", () => {
    const placed = placePopulation([{ geometry: point(0.5, 5), count: 10 }], { bodies, districts: [{ id: 30, geometry: box(0, 0, 4, 10) }] });
    expect(Object.fromEntries(placed.districts)).toEqual({ 30: 10 });
    expect(placed.overlaps.size).toBe(0);
  });
});

describe("placePopulation, the area rule", () => {
  it("shares a precinct cut by a town line by area, and one cut by a town and a district line by the area in both", () => {
    const placed = placePopulation(
      [
        { geometry: box(1.5, 0, 2.5, 1), count: 1000 }, // half in A, half in B, all in D2
        { geometry: box(0.5, 0, 2.5, 1), count: 2000 }, // A 3/4, B 1/4; D1 1/4, D2 3/4
      ],
      { bodies, districts },
    );
    const rounded = (map: Map<string | number, number>) => Object.fromEntries([...map].map(([key, value]) => [key, Math.round(value * 1e6) / 1e6]));
    expect(rounded(placed.bodies)).toEqual({ 1: 500 + 1500, 2: 500 + 500 });
    expect(rounded(placed.districts)).toEqual({ 10: 500, 20: 1000 + 1500 });
    expect(rounded(placed.overlaps)).toEqual({ "1:20": 500 + 1000, "2:20": 500 + 500, "1:10": 500 });
    expect([placed.placed, placed.unplaced].map(Math.round)).toEqual([3000, 0]);
  });

  it("keeps the point rule when asked: a polygon's count goes whole to its given point, else a point on its surface", () => {
    const precinct = box(1.5, 0, 2.5, 1);
    const atCensusPoint = placePopulation([{ geometry: precinct, count: 1000, point: [2.4, 0.5] }], { bodies, districts }, { rule: "point" });
    expect(Object.fromEntries(atCensusPoint.bodies)).toEqual({ 2: 1000 });
    const onSurface = placePopulation([{ geometry: precinct, count: 1000 }], { bodies, districts }, { rule: "point" });
    expect([...onSurface.bodies.values()]).toEqual([1000]);
  });

  it("counts a polygon once as placed when several chambers' districts hold it, and the part outside every district as unplaced", () => {
    const chambers: Area[] = [
      { id: 10, chamber: "state_lower", geometry: box(0, 0, 4, 1) },
      { id: 20, chamber: "state_upper", geometry: box(0, 0, 4, 1) },
    ];
    const placed = placePopulation([{ geometry: box(3, 0, 5, 1), count: 800 }], { bodies, districts: chambers });
    expect([placed.placed, placed.unplaced].map(Math.round)).toEqual([400, 400]);
    expect(Object.fromEntries([...placed.districts].map(([id, people]) => [id, Math.round(people)]))).toEqual({ 10: 400, 20: 400 });
  });

  it("places every count exactly once over tiled bodies and districts, for random precincts (property)", () => {
    seedFuzzing("population-assign.test.ts");
    // Towns and districts tile 0…4 × 0…1; precincts are random boxes inside it. A band of
    // latitude has an area proportional to its width in longitude, so the right shares are exact.
    const edge = fc.integer({ min: 0, max: 40 }).map((tenth) => tenth / 10);
    const precinct = fc.record({ a: edge, b: edge, count: fc.integer({ min: 1, max: 5000 }) }).filter(({ a, b }) => a !== b);
    fc.assert(
      fc.property(fc.array(precinct, { minLength: 1, maxLength: 8 }), (precincts) => {
        const features = precincts.map(({ a, b, count }) => ({ geometry: box(Math.min(a, b), 0, Math.max(a, b), 1), count }));
        const placed = placePopulation(features, { bodies, districts });
        const total = precincts.reduce((sum, { count }) => sum + count, 0);
        const inside = (west: number, east: number) =>
          precincts.reduce((sum, { a, b, count }) => sum + (count * Math.max(0, Math.min(east, Math.max(a, b)) - Math.max(west, Math.min(a, b)))) / Math.abs(a - b), 0);
        const sum = (map: Map<unknown, number>) => [...map.values()].reduce((all, value) => all + value, 0);
        expect(sum(placed.bodies)).toBeCloseTo(total, 6);
        expect(sum(placed.districts)).toBeCloseTo(total, 6);
        expect(sum(placed.overlaps)).toBeCloseTo(total, 6);
        expect(placed.overlaps.get("1:10") ?? 0).toBeCloseTo(inside(0, 1), 6);
        expect(placed.overlaps.get("1:20") ?? 0).toBeCloseTo(inside(1, 2), 6);
        expect(placed.overlaps.get("2:20") ?? 0).toBeCloseTo(inside(2, 4), 6);
      }),
    );
  });
});
