import { describe, expect, it } from "vitest";
import { placePopulation, type Area } from "./population-assign";

const box = (west: number, south: number, east: number, north: number): GeoJSON.Polygon => ({
  type: "Polygon",
  coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]],
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
