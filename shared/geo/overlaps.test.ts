import { area, feature, featureCollection, intersect } from "@turf/turf";
import { describe, expect, it } from "vitest";
import { readGoldenInputs, readGoldenOutput, regenerating, writeGoldenOutput } from "../../test/fixtures/geo/files";
import { createRandom, jitteredGrid, smoothRing, starRing } from "../../test/fixtures/geo/synthetic";
import { computeOverlaps, computeOverlapsReport, DEFAULT_MIN_SHARE, isOverlapKept, planOverlapWork, prepareOverlapInputs } from "./overlaps";
import type { Overlap, OverlapGeometry, OverlapInput } from "./overlaps";

/**
 * Golden files (STYLE rule 7): every test/fixtures/geo/in/*.geojson whose features are marked
 * `role: "body" | "district"` (with an `id`) is run through computeOverlaps, and the result is
 * compared with out/<same name>.geojson. The out file holds the inputs styled for a map viewer
 * (bodies red, districts blue), each positive-area pair's intersection drawn in purple (kept) or
 * orange (dropped as a sliver) with its numbers, and the numbers again as top-level `overlaps`.
 * `REGEN=1 npx vitest run --project unit overlaps` rewrites the out files; review the diff.
 */

interface FixtureRow extends Overlap {
  kept: boolean;
}

interface Fixture {
  name: string;
  input: GeoJSON.FeatureCollection<OverlapGeometry>;
  bodies: OverlapInput[];
  districts: OverlapInput[];
}

function loadFixtures(): Fixture[] {
  return readGoldenInputs().flatMap(({ name, input: raw }) => {
    const input = raw as GeoJSON.FeatureCollection<OverlapGeometry>;
    const roles = input.features?.map((f) => f.properties?.role);
    if (!roles?.length || !roles.every((role) => role === "body" || role === "district")) return []; // another module's fixture
    const pick = (role: string) => input.features.filter((f) => f.properties?.role === role).map((f) => ({ id: f.properties!.id as number, geometry: f.geometry }));
    return [{ name, input, bodies: pick("body"), districts: pick("district") }];
  });
}

const pairKey = (row: Overlap) => `${row.bodyId}:${row.districtId}`;
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function run({ bodies, districts }: Fixture) {
  const report = computeOverlapsReport(bodies, districts, { minShare: 0 });
  const rows: FixtureRow[] = report.overlaps.map((row) => ({
    bodyId: row.bodyId,
    districtId: row.districtId,
    intersectionArea: round(row.intersectionArea, 2),
    shareOfBody: round(row.shareOfBody, 9),
    shareOfDistrict: round(row.shareOfDistrict, 9),
    kept: isOverlapKept(row.intersectionArea, row.intersectionArea / row.shareOfBody, row.intersectionArea / row.shareOfDistrict, DEFAULT_MIN_SHARE),
  }));
  return { rows, problems: report.problems };
}

function render(fixture: Fixture, rows: FixtureRow[], problems: unknown[]): string {
  const styled = fixture.input.features.map((f) => {
    const isBody = f.properties?.role === "body";
    const color = isBody ? "#d7191c" : "#2c7bb6";
    const mine = rows.filter((row) => (isBody ? row.bodyId : row.districtId) === f.properties?.id && row.kept);
    return {
      ...f,
      properties: {
        ...f.properties,
        stroke: color,
        "stroke-width": isBody ? 2 : 3,
        fill: color,
        "fill-opacity": isBody ? 0.25 : 0.08,
        overlaps: mine.map(({ bodyId, districtId, shareOfBody, shareOfDistrict }) => (isBody ? { districtId, shareOfBody } : { bodyId, shareOfDistrict })),
      },
    };
  });
  const pieces = rows.flatMap((row) => {
    const body = fixture.bodies.find((b) => b.id === row.bodyId)!;
    const district = fixture.districts.find((d) => d.id === row.districtId)!;
    const piece = intersect(featureCollection([feature(body.geometry), feature(district.geometry)]));
    if (!piece) return [];
    const color = row.kept ? "#7b3294" : "#fdae61";
    return [{ ...piece, properties: { ...row, stroke: color, fill: color, "fill-opacity": 0.6 } }];
  });
  return `${formatJson({ type: "FeatureCollection", overlaps: rows, problems, features: [...styled, ...pieces] })}\n`;
}

/** JSON with two-space indents, but each ring and each small object on one line, so diffs stay readable. */
function formatJson(value: unknown, indent = ""): string {
  const flat = JSON.stringify(value);
  const isRing = Array.isArray(value) && value.every((item) => Array.isArray(item) && item.every((n) => typeof n === "number"));
  if (isRing || flat.length <= 100 || (Array.isArray(value) && value.every((item) => typeof item === "number"))) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((item) => inner + formatJson(item, inner)).join(",\n")}\n${indent}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).map(([key, item]) => `${inner}${JSON.stringify(key)}: ${formatJson(item, inner)}`);
    return `{\n${entries.join(",\n")}\n${indent}}`;
  }
  return flat;
}

const goldens = loadFixtures();

describe("computeOverlaps golden files", () => {
  it("has the fixtures the overlap rules are pinned by", () => {
    expect(goldens.map((g) => g.name)).toEqual(expect.arrayContaining(["town-straddles-two-districts", "sliver", "island-town", "town-with-hole", "body-inside-district"]));
  });

  for (const fixture of goldens) {
    it(fixture.name, () => {
      const { rows, problems } = run(fixture);
      if (regenerating() || readGoldenOutput(fixture.name) === null) writeGoldenOutput(fixture.name, render(fixture, rows, problems));
      const expected = readGoldenOutput(fixture.name) as { overlaps: FixtureRow[]; problems: unknown[] };
      expect(rows.map(({ bodyId, districtId, kept }) => ({ bodyId, districtId, kept }))).toEqual(
        expected.overlaps.map(({ bodyId, districtId, kept }) => ({ bodyId, districtId, kept })),
      );
      rows.forEach((row, i) => {
        const want = expected.overlaps[i]!;
        expect(Math.abs(row.intersectionArea - want.intersectionArea)).toBeLessThanOrEqual(0.02 + 1e-9 * want.intersectionArea);
        expect(Math.abs(row.shareOfBody - want.shareOfBody)).toBeLessThanOrEqual(2e-9);
        expect(Math.abs(row.shareOfDistrict - want.shareOfDistrict)).toBeLessThanOrEqual(2e-9);
      });
      expect(problems).toEqual(expected.problems);
    });
  }
});

describe("computeOverlaps rules", () => {
  const byName = (name: string) => goldens.find((g) => g.name === name)!;
  const kept = (name: string) => computeOverlaps(byName(name).bodies, byName(name).districts);

  it("splits a straddling town between both districts, shares summing to 1", () => {
    const rows = kept("town-straddles-two-districts");
    expect(rows.map((row) => row.districtId)).toEqual([1, 2]);
    // 1 up to turf's area model: the district line cuts 5 km town edges (see the tiling test).
    expect(rows[0]!.shareOfBody + rows[1]!.shareOfBody).toBeCloseTo(1, 6);
    expect(rows[0]!.shareOfBody).toBeGreaterThan(0.3);
  });

  it("drops the sliver but keeps the district that holds the town", () => {
    const rows = kept("sliver");
    expect(rows.map((row) => row.districtId)).toEqual([1]);
    const all = computeOverlaps(byName("sliver").bodies, byName("sliver").districts, { minShare: 0 });
    const sliver = all.find((row) => row.districtId === 2)!;
    expect(sliver.shareOfBody).toBeGreaterThan(0);
    expect(sliver.shareOfBody).toBeLessThan(DEFAULT_MIN_SHARE);
  });

  it("lists an island town's far island under the offshore district", () => {
    const rows = kept("island-town");
    expect(rows.map((row) => row.districtId)).toEqual([1, 2]);
    expect(rows[0]!.shareOfBody + rows[1]!.shareOfBody).toBeCloseTo(1, 9);
  });

  it("does not list a district that lies in the town's hole", () => {
    const rows = kept("town-with-hole");
    expect(rows.map((row) => row.districtId)).toEqual([1, 2]);
    expect(rows[0]!.shareOfBody + rows[1]!.shareOfBody).toBeCloseTo(1, 9);
  });

  it("settles a body deep inside a district with the containment shortcut", () => {
    const { bodies, districts } = byName("body-inside-district");
    const report = computeOverlapsReport(bodies, districts);
    expect(report.overlaps).toEqual([expect.objectContaining({ bodyId: 10, districtId: 1, shareOfBody: 1 })]);
    expect(report.stats.shortcuts).toBe(2); // both bodies: one inside, one (in the notch) outside
    expect(report.stats.crossings).toBe(0);
  });

  it("never mutates its input (deep-frozen fixtures, both engines, repairs included)", () => {
    const deepFreeze = <T>(value: T): T => {
      if (value && typeof value === "object") {
        Object.values(value).forEach(deepFreeze);
        Object.freeze(value);
      }
      return value;
    };
    for (const fixture of goldens) {
      const bodies = deepFreeze(structuredClone(fixture.bodies));
      const districts = deepFreeze(structuredClone(fixture.districts));
      const expected = computeOverlaps(fixture.bodies, fixture.districts);
      expect(computeOverlaps(bodies, districts)).toEqual(expected);
      expect(computeOverlaps(bodies, districts, { engine: "polyclip" }).map(pairKey)).toEqual(expected.map(pairKey));
    }
  });

  it("keeps a pair above the threshold of either side, and never a pair with no area", () => {
    expect(isOverlapKept(2, 100, 1000, 0.01)).toBe(true); // 2 % of the body, 0.2 % of the district
    expect(isOverlapKept(20, 10_000, 1000, 0.01)).toBe(true); // 2 % of the district
    expect(isOverlapKept(5, 1000, 1000, 0.01)).toBe(false);
    expect(isOverlapKept(0, 1000, 1000, 0)).toBe(false);
    expect(isOverlapKept(1e-9, 1000, 1000, 0)).toBe(true);
  });
});

describe("computeOverlaps properties", () => {
  // A small county: 6 × 5 districts tiling it, 40 towns of various shapes inside.
  const extent: [number, number, number, number] = [-100, 40, -99.4, 40.5];
  const districts: OverlapInput[] = jitteredGrid({ extent, columns: 6, rows: 5, sideVertices: 8, seed: 11 }).map((geometry, i) => ({
    id: i + 1,
    geometry,
  }));
  const random = createRandom(5);
  const bodies: OverlapInput[] = Array.from({ length: 40 }, (_, i) => {
    const center: [number, number] = [-99.95 + random() * 0.5, 40.05 + random() * 0.4];
    const radius = 0.01 + random() * 0.04;
    const geometry: OverlapGeometry =
      i % 4 === 0
        ? { type: "MultiPolygon", coordinates: [[smoothRing(random, center, radius, 90)], [smoothRing(random, [center[0] + 2.5 * radius, center[1]], radius / 3, 30)]] }
        : i % 4 === 1
          ? { type: "Polygon", coordinates: [smoothRing(random, center, radius, 120), smoothRing(random, center, radius / 4, 20).reverse()] }
          : { type: "Polygon", coordinates: [i % 4 === 2 ? smoothRing(random, center, radius, 150) : starRing(random, center, radius, 25)] };
    return { id: 100 + i, geometry };
  });
  const all = computeOverlaps(bodies, districts, { minShare: 0 });

  it("keeps shares within [0, 1]", () => {
    for (const row of all) {
      expect(row.shareOfBody).toBeGreaterThan(0);
      expect(row.shareOfBody).toBeLessThanOrEqual(1);
      expect(row.shareOfDistrict).toBeGreaterThan(0);
      expect(row.shareOfDistrict).toBeLessThanOrEqual(1);
    }
  });

  it("gives every body shares summing to 1 over districts that tile it", () => {
    const sums = new Map<number, number>();
    for (const row of all) sums.set(row.bodyId, (sums.get(row.bodyId) ?? 0) + row.shareOfBody);
    expect(sums.size).toBe(bodies.length);
    // Star bodies have long spiky edges: cutting them shifts turf's area by up to ~1e-6.
    for (const sum of sums.values()) expect(Math.abs(sum - 1)).toBeLessThan(2e-6);
  });

  it("gives the same answer with and without the shortcuts and the common-box restriction, and with polyclip-ts", () => {
    const variants = [
      computeOverlaps(bodies, districts, { minShare: 0, shortcuts: false }),
      computeOverlaps(bodies, districts, { minShare: 0, preClip: false }),
      computeOverlaps(bodies, districts, { minShare: 0, shortcuts: false, preClip: false }),
      computeOverlaps(bodies.slice(0, 10), districts, { minShare: 0, engine: "polyclip" }),
      computeOverlaps(bodies.slice(0, 10), districts, { minShare: 0, engine: "polyclip", shortcuts: false, preClip: false }),
    ];
    for (const variant of variants) {
      const expected = all.filter((row) => variant.some((v) => v.bodyId === row.bodyId));
      expect(variant.map((row) => `${row.bodyId}:${row.districtId}`)).toEqual(expected.map((row) => `${row.bodyId}:${row.districtId}`));
      variant.forEach((row, i) => expect(Math.abs(row.intersectionArea - expected[i]!.intersectionArea)).toBeLessThanOrEqual(1e-7 * expected[i]!.intersectionArea + 1e-3));
    }
  });

  it("matches turf.intersect on every candidate pair", () => {
    for (const row of all.filter((_, i) => i % 3 === 0)) {
      const body = bodies.find((b) => b.id === row.bodyId)!;
      const district = districts.find((d) => d.id === row.districtId)!;
      const piece = intersect(featureCollection([feature(body.geometry), feature(district.geometry)]));
      expect(Math.abs(row.intersectionArea - (piece ? area(piece) : 0))).toBeLessThanOrEqual(1e-8 * row.intersectionArea + 1e-3);
    }
  });

  it("gives the same rows when the work is split into parts", () => {
    const prepared = prepareOverlapInputs(bodies);
    const plan = planOverlapWork(
      prepared.map((b) => b.prepared.bbox),
      districts.map((d) => prepareOverlapInputs([d])[0]!.prepared.bbox),
      3,
    );
    expect(plan.flatMap((part) => part.bodies).sort((a, b) => a - b)).toEqual(bodies.map((_, i) => i));
    const split = plan.flatMap((part) =>
      computeOverlaps(
        part.bodies.map((i) => bodies[i]!),
        part.districts.map((i) => districts[i]!),
        { minShare: 0 },
      ),
    );
    const key = (row: Overlap) => `${row.bodyId}:${row.districtId}:${row.intersectionArea}`;
    expect(split.map(key).sort()).toEqual(all.map(key).sort());
  });

  it("reports progress once per body", () => {
    const calls: number[] = [];
    computeOverlaps(bodies.slice(0, 5), districts, { onProgress: (done, total) => calls.push(done / total) });
    expect(calls).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
  });
});
