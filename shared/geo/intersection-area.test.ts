import { area, feature, featureCollection, intersect } from "@turf/turf";
import { describe, expect, it } from "vitest";
import { createRandom, jitteredGrid, smoothRing, starRing } from "../../test/fixtures/geo/synthetic";
import { intersectionArea, newIntersectionStats } from "./intersection-area";
import { cleanPolygons } from "./polygon-repair";
import { buildPreparedPolygon, polygonsOf } from "./prepared-polygon";

type Geometry = GeoJSON.Polygon | GeoJSON.MultiPolygon;

const prepare = (geometry: Geometry) => buildPreparedPolygon(cleanPolygons(polygonsOf(geometry)));

const square = (west: number, south: number, size: number): GeoJSON.Position[] => [
  [west, south],
  [west + size, south],
  [west + size, south + size],
  [west, south + size],
  [west, south],
];

/** The obvious answer: turf.intersect (polyclip-ts) and turf.area. */
function naiveArea(a: Geometry, b: Geometry): number {
  const result = intersect(featureCollection([feature(a), feature(b)]));
  return result ? area(result) : 0;
}

describe("intersectionArea", () => {
  it("agrees with turf.intersect + turf.area on random shapes with holes and parts", () => {
    const random = createRandom(42);
    for (let i = 0; i < 60; i++) {
      const cx = -100 + random() * 0.2;
      const cy = 40 + random() * 0.2;
      const a: Geometry =
        i % 2 === 0
          ? { type: "Polygon", coordinates: [starRing(random, [cx, cy], 0.1, 30), starRing(random, [cx, cy], 0.03, 9).reverse()] }
          : { type: "Polygon", coordinates: [starRing(random, [cx, cy], 0.1, 45)] };
      const dx = cx + (random() - 0.5) * 0.2;
      const dy = cy + (random() - 0.5) * 0.2;
      const b: Geometry =
        i % 3 === 0
          ? { type: "MultiPolygon", coordinates: [[starRing(random, [dx, dy], 0.06, 20)], [starRing(random, [dx + 0.13, dy], 0.06, 20)]] }
          : { type: "Polygon", coordinates: [starRing(random, [dx, dy], 0.12, 40)] };
      const expected = naiveArea(a, b);
      const pa = prepare(a);
      const pb = prepare(b);
      const tolerance = 1e-9 * Math.min(pa.area, pb.area);
      expect(Math.abs(intersectionArea(pa, pb) - expected)).toBeLessThanOrEqual(tolerance);
      // Same answer with the levers off, and with the operands swapped (the shift then moves A).
      expect(Math.abs(intersectionArea(pa, pb, { shortcuts: false, preClip: false }) - expected)).toBeLessThanOrEqual(tolerance);
      expect(Math.abs(intersectionArea(pb, pa) - expected)).toBeLessThanOrEqual(tolerance);
    }
  });

  it("handles boundaries that coincide exactly (shared edges, shared vertices, identical shapes)", () => {
    const big = prepare({ type: "Polygon", coordinates: [square(-100, 40, 0.2)] });
    const left = prepare({
      type: "Polygon",
      coordinates: [
        [
          [-100, 40],
          [-99.9, 40],
          [-99.9, 40.2],
          [-100, 40.2],
          [-100, 40],
        ],
      ],
    });
    const right = prepare({
      type: "Polygon",
      coordinates: [
        [
          [-99.9, 40],
          [-99.8, 40],
          [-99.8, 40.2],
          [-99.9, 40.2],
          [-99.9, 40],
        ],
      ],
    });
    // Neighbours share a side: nothing in common.
    expect(intersectionArea(left, right)).toBeLessThan(1e-3);
    expect(intersectionArea(right, left)).toBeLessThan(1e-3);
    // Halves share three sides with the whole: each is all inside.
    expect(intersectionArea(big, left)).toBeCloseTo(left.area, 3);
    expect(intersectionArea(right, big)).toBeCloseTo(right.area, 3);
    // Identical shapes, both ways.
    expect(intersectionArea(big, big)).toBeCloseTo(big.area, 3);
    // A shape whose vertices sit on the other's edges (a diamond in a square).
    const diamond = prepare({
      type: "Polygon",
      coordinates: [
        [
          [-99.9, 40],
          [-99.8, 40.1],
          [-99.9, 40.2],
          [-100, 40.1],
          [-99.9, 40],
        ],
      ],
    });
    expect(intersectionArea(big, diamond)).toBeCloseTo(diamond.area, 3);
    expect(intersectionArea(diamond, big)).toBeCloseTo(diamond.area, 3);
    expect(intersectionArea(diamond, left)).toBeCloseTo(diamond.area / 2, 3);
  });

  it("agrees with turf.intersect exactly on grid-aligned shapes full of shared edges and touching corners", () => {
    // Rectilinear shapes on a 0.01° grid: every degenerate case at once (collinear overlaps,
    // vertices on edges, shared corners, touching parts). Horizontal and vertical edges make
    // turf's area blind to where a clipper cuts or merges them, so both answers must agree
    // to rounding.
    const random = createRandom(17);
    const cell = (n: number) => Math.floor(random() * n);
    const grid = ([x, y]: number[]): GeoJSON.Position => [-100 + x! * 0.01, 40 + y! * 0.01];
    const rectangle = (x: number, y: number, w: number, h: number) =>
      [
        [x, y],
        [x + w, y],
        [x + w, y + h],
        [x, y + h],
        [x, y],
      ].map(grid);
    const skyline = (): GeoJSON.Position[] => {
      const [x0, y0] = [cell(6), cell(6)];
      const tops: number[][] = [];
      let x = x0;
      for (let i = 2 + cell(5); i > 0; i--) {
        const [height, width] = [1 + cell(6), 1 + cell(3)];
        tops.push([x, y0 + height], [x + width, y0 + height]);
        x += width;
      }
      const turn = cell(4);
      const ring = [[x0, y0], [x, y0], ...tops.reverse(), [x0, y0]].map(([a, b]) => (turn === 0 ? [a!, b!] : turn === 1 ? [b!, a!] : turn === 2 ? [12 - a!, b!] : [a!, 12 - b!]));
      return ring.map(grid);
    };
    const shape = (): Geometry => {
      const kind = random();
      if (kind < 0.5) return { type: "Polygon", coordinates: [skyline()] };
      const [x, y] = [cell(5), cell(5)];
      if (kind < 0.7) return { type: "Polygon", coordinates: [rectangle(x, y, 6, 6), rectangle(x + 1 + cell(2), y + 1 + cell(2), 2, 2).reverse()] };
      const [w, h] = [1 + cell(3), 1 + cell(4)];
      return { type: "MultiPolygon", coordinates: [[rectangle(x, y, w, h)], [rectangle(x + w, y + cell(2), 1 + cell(3), 1 + cell(3))]] };
    };
    for (let i = 0; i < 300; i++) {
      const a = shape();
      const b = i % 10 === 0 ? a : shape();
      const expected = naiveArea(a, b);
      const pa = prepare(a);
      const pb = prepare(b);
      const tolerance = 1e-10 * Math.min(pa.area, pb.area);
      expect(Math.abs(intersectionArea(pa, pb) - expected)).toBeLessThanOrEqual(tolerance);
      expect(Math.abs(intersectionArea(pb, pa) - expected)).toBeLessThanOrEqual(tolerance);
      expect(Math.abs(intersectionArea(pa, pb, { shortcuts: false, preClip: false }) - expected)).toBeLessThanOrEqual(tolerance);
    }
  });

  it("adds up to the whole over a tiling, with every edge shared exactly", () => {
    const cells = jitteredGrid({ extent: [-100, 40, -99, 41], columns: 5, rows: 4, sideVertices: 12, seed: 3 });
    const random = createRandom(9);
    const town = prepare({ type: "Polygon", coordinates: [smoothRing(random, [-99.5, 40.5], 0.45, 600)] });
    const total = cells.reduce((sum, cell) => sum + intersectionArea(town, prepare(cell)), 0);
    // Not exactly 1: turf's area treats an edge as straight in (longitude, sin latitude), so
    // cutting a lon/lat-straight edge changes the area by a hair (∝ edge length², turf.intersect
    // does the same). With 0.004° edges that is far below 1e-9; long spiky edges reach 1e-5.
    expect(Math.abs(total / town.area - 1)).toBeLessThan(1e-9);
  });

  it("takes the containment shortcut for a body far from the district's boundary", () => {
    const district = prepare({ type: "Polygon", coordinates: [square(-100, 40, 1)] });
    const body = prepare({ type: "Polygon", coordinates: [square(-99.6, 40.4, 0.1)] });
    const stats = newIntersectionStats();
    expect(intersectionArea(body, district, { stats })).toBe(body.area);
    expect(stats.shortcuts).toBe(1);
    expect(stats.crossings).toBe(0);
  });

  it("finds nothing for a district inside the body's hole, and the whole body around it", () => {
    const body = prepare({ type: "Polygon", coordinates: [square(-100, 40, 1), square(-99.8, 40.2, 0.6).reverse()] });
    const inHole = prepare({ type: "Polygon", coordinates: [square(-99.7, 40.3, 0.4)] });
    const around = prepare({ type: "Polygon", coordinates: [square(-100.5, 39.5, 2)] });
    expect(intersectionArea(body, inHole)).toBe(0);
    expect(intersectionArea(inHole, body)).toBe(0);
    expect(intersectionArea(body, around)).toBeCloseTo(body.area, 3);
  });
});
