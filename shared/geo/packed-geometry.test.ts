import { describe, expect, it } from "vitest";
import { computeOverlapsReport, planOverlapWork, type OverlapInput } from "./overlaps";
import { mergeOverlapReports, packedBBox, packedVertexCount, packGeometries, unpackGeometries } from "./packed-geometry";
import { geometryBBox } from "./bbox";
import { createRandom, jitteredGrid, starRing } from "../../test/fixtures/geo/synthetic";

const SEED = 7;

/** Seeded stars (some with a hole or an island) over a 2° square, and a 4 × 3 grid of districts. */
function map(seed: number): { bodies: OverlapInput[]; districts: OverlapInput[] } {
  const random = createRandom(seed);
  const bodies: OverlapInput[] = Array.from({ length: 40 }, (_, i) => {
    const center: [number, number] = [-72 + 2 * random(), 42 + 2 * random()];
    const shell = starRing(random, center, 0.05 + 0.2 * random(), 8 + Math.floor(random() * 20));
    if (i % 7 === 0) return { id: 100 + i, geometry: { type: "MultiPolygon", coordinates: [[shell], [starRing(random, [center[0] + 0.6, center[1]], 0.05, 6)]] } };
    return { id: 100 + i, geometry: { type: "Polygon", coordinates: [shell] } };
  });
  const districts = jitteredGrid({ extent: [-72, 42, -70, 44], columns: 4, rows: 3, sideVertices: 8, seed }).map((geometry, i) => ({ id: 900 - i, geometry }));
  return { bodies, districts };
}

describe("packed geometry", () => {
  it(`unpacks exactly what was packed, type included (seed ${SEED})`, () => {
    const { bodies } = map(SEED);
    const packed = packGeometries(bodies, (bytes) => new SharedArrayBuffer(bytes));
    expect(packed.coordinates.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(unpackGeometries(packed)).toEqual(bodies);
    expect(unpackGeometries(packed, [3, 0])).toEqual([bodies[3], bodies[0]]);
    bodies.forEach((body, i) => {
      expect(packedBBox(packed, i)).toEqual(geometryBBox(body.geometry));
      const polygons = body.geometry.type === "Polygon" ? [body.geometry.coordinates] : body.geometry.coordinates;
      expect(packedVertexCount(packed, i)).toBe(polygons.flat().reduce((sum, ring) => sum + ring.length, 0));
    });
  });

  it(`merges the reports of planned parts into the one-call report, in its order (seed ${SEED})`, () => {
    const { bodies, districts } = map(SEED);
    const whole = computeOverlapsReport(bodies, districts, { minShare: 0 });
    const parts = planOverlapWork(
      bodies.map((body) => geometryBBox(body.geometry)),
      districts.map((district) => geometryBBox(district.geometry)),
      3,
    );
    const reports = parts.map((part) =>
      computeOverlapsReport(
        part.bodies.map((i) => bodies[i]!),
        part.districts.map((i) => districts[i]!),
        { minShare: 0 },
      ),
    );
    // Parts alone come in another order than the one call; merged, they match it exactly.
    expect(reports.flatMap((report) => report.overlaps)).not.toEqual(whole.overlaps);
    const merged = mergeOverlapReports(
      reports,
      bodies.map((body) => body.id),
      districts.map((district) => district.id),
    );
    expect(merged).toEqual(whole);
  });
});
