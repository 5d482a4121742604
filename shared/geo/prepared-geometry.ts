import Flatbush from "flatbush";
import { union } from "polyclip-ts";
import { intersectionArea } from "./intersection-area";
import type { IntersectionOptions } from "./intersection-area";
import { cleanPolygons, describeCleaning, describeCrossingRepair, emptyCleaningTally, repairCrossingParts } from "./polygon-repair";
import { buildPreparedPolygon, findSelfCrossings, polygonsOf } from "./prepared-polygon";
import type { Polygons, PreparedPolygon } from "./prepared-polygon";

/**
 * A body's or district's geometry, checked and laid out for the overlap engine.
 *
 * The engine needs valid polygons: rings that do not cross, parts that do not overlap. Real files
 * are not always like that, and `prepareGeometry` never throws on them. First the shared repair
 * pipeline (polygon-repair.ts, the importer's too):
 * - non-finite or repeated points, zero-width spikes, unclosed rings and rings with under three
 *   points are cleaned;
 * - a part whose rings cross (a bow-tie, a hole crossing its shell) or with a hole outside its
 *   shell is rebuilt with a polyclip-ts union of that part alone;
 * then, for the engine only:
 * - parts that share area (a town assembled from features digitised separately, a duplicated
 *   feature, parts overlapping along collinear edges) are found by measuring each pair of parts
 *   with the engine itself. If they share at most 0.01 % of the area, they are spread over
 *   "layers" with no overlap inside a layer and the engine sums over layers, counting the shared
 *   sliver twice as turf.area does for such a multipolygon; otherwise they are merged with a
 *   polyclip-ts union.
 * Each fix is listed in `problems`. When a repair does not give clean rings, `valid` is false and
 * the overlap engine hands that geometry's pairs to polyclip-ts, whose snapping copes with it.
 */
export interface PreparedGeometry {
  /** One or more valid layers; the geometry is their sum. */
  readonly layers: PreparedPolygon[];
  readonly bbox: [number, number, number, number];
  /** Geodesic area in m² (turf.area of the cleaned geometry). */
  readonly area: number;
  /** Number of vertices, closing vertices included (a cost estimate for splitting work). */
  readonly vertexCount: number;
  readonly problems: string[];
  readonly valid: boolean;
}

/** Parts may overlap by this share of the area before they are merged by a union. */
const OVERLAP_TOLERANCE = 1e-4;

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function tryUnion(polygons: Polygons): Polygons | null {
  try {
    return cleanPolygons(union(polygons as [number, number][][][]) as Polygons);
  } catch {
    return null;
  }
}

/** Overlap area below which two parts count as merely touching (float noise on shared edges). */
const TOUCH_AREA = 1e-3; // m²

/**
 * Pairs of parts that share area, with the shared area: parts that cross, a part drawn on top of
 * another, duplicated parts, parts overlapping along collinear edges. Measured with the engine
 * itself (each part is valid on its own by now), only for parts whose boxes meet.
 */
function overlappingParts(polygons: Polygons): { parts: [number, number]; area: number }[] {
  if (polygons.length < 2) return [];
  const single = polygons.map((polygon) => buildPreparedPolygon([polygon]));
  const index = new Flatbush(single.length);
  for (const part of single) index.add(...part.bbox);
  index.finish();
  const found: { parts: [number, number]; area: number }[] = [];
  single.forEach((part, i) => {
    for (const j of index.search(...part.bbox)) {
      if (j <= i) continue;
      const shared = intersectionArea(part, single[j]!);
      if (!(shared <= TOUCH_AREA)) found.push({ parts: [i, j], area: Number.isNaN(shared) ? Infinity : shared });
    }
  });
  return found;
}

function layerArea(layers: PreparedPolygon[]): number {
  return layers.reduce((sum, layer) => sum + layer.area, 0);
}

function finish(layers: PreparedPolygon[], problems: string[], valid: boolean): PreparedGeometry {
  const nonEmpty = layers.filter((layer) => layer.chunkStart.length > 0);
  const bbox: [number, number, number, number] =
    nonEmpty.length === 0
      ? [0, 0, 0, 0]
      : [
          Math.min(...nonEmpty.map((layer) => layer.bbox[0])),
          Math.min(...nonEmpty.map((layer) => layer.bbox[1])),
          Math.max(...nonEmpty.map((layer) => layer.bbox[2])),
          Math.max(...nonEmpty.map((layer) => layer.bbox[3])),
        ];
  return {
    layers: nonEmpty,
    bbox,
    area: layerArea(nonEmpty),
    vertexCount: nonEmpty.reduce((sum, layer) => sum + layer.x.length, 0),
    problems,
    valid,
  };
}

export function prepareGeometry(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): PreparedGeometry {
  const tally = emptyCleaningTally();
  let cleaned: Polygons;
  try {
    cleaned = cleanPolygons(polygonsOf(geometry), tally);
  } catch {
    return finish([], ["unreadable geometry"], false);
  }
  // 1. The shared repair (polygon-repair.ts): parts whose own rings cross, or with a hole outside the shell, rebuilt one by one.
  const repair = repairCrossingParts(cleaned);
  const problems = describeCleaning(tally);
  const crossingNote = describeCrossingRepair(repair);
  if (crossingNote) problems.push(crossingNote);
  let valid = repair.failedParts === 0;
  const { polygons, prepared, crossings } = repair;

  // 2. Parts that overlap each other: spread them over layers.
  const leftover = crossings.filter(([a, b]) => prepared.ringPart[a] === prepared.ringPart[b]).length;
  if (leftover > 0) {
    valid = false;
    problems.push(`${plural(leftover, "self-intersection")} left after repair, areas there are approximate`);
  }
  const overlaps = overlappingParts(polygons);
  if (overlaps.length === 0) return finish([prepared], problems, valid);
  const conflicts = new Map<number, Set<number>>();
  for (const {
    parts: [a, b],
  } of overlaps) {
    if (!conflicts.has(a)) conflicts.set(a, new Set());
    if (!conflicts.has(b)) conflicts.set(b, new Set());
    conflicts.get(a)!.add(b);
    conflicts.get(b)!.add(a);
  }
  const overlap = overlaps.reduce((sum, { area }) => sum + area, 0);
  if (overlap <= OVERLAP_TOLERANCE * prepared.area) {
    const layerOfPart = new Map<number, number>();
    const layerParts: Polygons[] = [];
    polygons.forEach((polygon, part) => {
      let layer = 0;
      const taken = new Set([...(conflicts.get(part) ?? [])].map((other) => layerOfPart.get(other)));
      while (taken.has(layer)) layer++;
      layerOfPart.set(part, layer);
      (layerParts[layer] ??= []).push(polygon);
    });
    problems.push(`${plural(conflicts.size, "part")} overlap by ${overlap.toFixed(1)} m² in all (counted as given)`);
    return finish(
      layerParts.map((parts) => buildPreparedPolygon(parts)),
      problems,
      valid,
    );
  }
  const merged = tryUnion(polygons);
  if (merged) {
    const mergedPrepared = buildPreparedPolygon(merged);
    if (findSelfCrossings(mergedPrepared, 1).length === 0 && overlappingParts(merged).length === 0) {
      problems.push(`merged ${plural(conflicts.size, "overlapping part")} (they shared ${overlap.toFixed(0)} m²)`);
      return finish([mergedPrepared], problems, valid);
    }
  }
  problems.push(`${plural(conflicts.size, "overlapping part")} could not be merged; results for them are approximate`);
  return finish([prepared], problems, false);
}

/** Geodesic area in m² of A ∩ B, summed over layers. NaN if the engine could not settle a pair of layers. */
export function geometryIntersectionArea(a: PreparedGeometry, b: PreparedGeometry, options: IntersectionOptions = {}): number {
  let sum = 0;
  for (const layerA of a.layers) {
    for (const layerB of b.layers) {
      sum += intersectionArea(layerA, layerB, options);
    }
  }
  return sum;
}
