import { segmentsMeet } from "../../shared/geo/orient";
import { area } from "@turf/area";
import { union } from "polyclip-ts";
import type { Geom } from "polyclip-ts";
import { plural } from "./wording";

/**
 * Pure repairs for the polygons of one feature, in lon/lat. Real boundary files carry unclosed
 * rings, repeated points, rings too short to enclose anything, far-away zero-area specks and
 * self-crossing rings. Each is fixed here and described in a note, never a crash.
 */

type Position = GeoJSON.Position;
type Ring = Position[];
type PolygonRings = Ring[];

export interface PolygonRepairResult {
  polygons: PolygonRings[];
  notes: string[];
}

interface Tally {
  repeatedPoints: number;
  closedRings: number;
  shortParts: number;
  shortHoles: number;
  speckParts: number;
  speckHoles: number;
  speckAt: Position | null;
}

export function repairPolygons(polygons: PolygonRings[], minPartAreaSquareMetres: number): PolygonRepairResult {
  const tally: Tally = { repeatedPoints: 0, closedRings: 0, shortParts: 0, shortHoles: 0, speckParts: 0, speckHoles: 0, speckAt: null };
  let kept = polygons.map((polygon) => cleanRings(polygon, tally)).filter((polygon) => polygon !== null);
  // Crossings first: the signed area of a self-crossing ring is meaningless (a bow tie sums to 0).
  const crossings = kept.map(countPolygonCrossings);
  const total = crossings.reduce((sum, count) => sum + count, 0);
  let crossingNote: string | undefined;
  if (total > 0) {
    const repaired = unionCrossingPolygons(kept, crossings);
    kept = repaired.polygons;
    crossingNote = `self-intersecting: rings cross or touch at ${plural(total, "point")}; ${repaired.note}`;
  }
  kept = kept.map((polygon) => dropSpecks(polygon, minPartAreaSquareMetres, tally)).filter((polygon) => polygon !== null);
  const notes = describeTally(tally, minPartAreaSquareMetres);
  if (crossingNote) notes.push(crossingNote);
  return { polygons: kept, notes };
}

/** Drops repeated points, closes the rings, and drops rings too short to enclose anything. */
function cleanRings(polygon: PolygonRings, tally: Tally): PolygonRings | null {
  const rings: PolygonRings = [];
  for (const [ringIndex, input] of polygon.entries()) {
    const ring = closeRing(dropRepeatedPositions(input, tally), tally);
    if (ring.length >= 4) rings.push(ring);
    else if (ringIndex === 0) {
      tally.shortParts += 1;
      return null;
    } else tally.shortHoles += 1;
  }
  return rings;
}

/** Drops parts and holes under the area floor (degenerate specks) and winds the rest per RFC 7946. */
function dropSpecks(polygon: PolygonRings, minArea: number, tally: Tally): PolygonRings | null {
  const [outer, ...holes] = polygon;
  if (!outer) return null;
  if (ringArea(outer) < minArea) {
    tally.speckParts += 1;
    tally.speckAt ??= outer[0] ?? null;
    return null;
  }
  const keptHoles = holes.filter((hole) => ringArea(hole) >= minArea);
  tally.speckHoles += holes.length - keptHoles.length;
  return [windRing(outer, true), ...keptHoles.map((hole) => windRing(hole, false))];
}

function dropRepeatedPositions(ring: Ring, tally: Tally): Ring {
  const out: Ring = [];
  for (const position of ring) {
    const previous = out[out.length - 1];
    if (previous && previous[0] === position[0] && previous[1] === position[1]) tally.repeatedPoints += 1;
    else out.push(position);
  }
  return out;
}

function closeRing(ring: Ring, tally: Tally): Ring {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (!first || !last || ring.length < 2 || (first[0] === last[0] && first[1] === last[1])) return ring;
  tally.closedRings += 1;
  return [...ring, [first[0]!, first[1]!]];
}

/** Geodesic area of one ring in m² (turf's spherical formula). */
export function ringArea(ring: Ring): number {
  return area({ type: "Polygon", coordinates: [ring] });
}

/** RFC 7946 §3.1.6: exterior rings counterclockwise, holes clockwise. */
function windRing(ring: Ring, isOuter: boolean): Ring {
  const counterclockwise = signedArea(ring) > 0;
  return counterclockwise === isOuter ? ring : [...ring].reverse();
}

function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    sum += a[0]! * b[1]! - b[0]! * a[1]!;
  }
  return sum / 2;
}

/**
 * Points where the rings of one polygon cross or touch themselves or each other (segment pairs
 * that meet, other than neighbours on the same ring), counted much as turf `kinks` counts them.
 * A sort-and-sweep on x keeps it near O(n log n) for real outlines, where turf's all-pairs loop
 * takes seconds on a state's towns.
 */
export function countPolygonCrossings(polygon: PolygonRings): number {
  const xs: number[] = [];
  const ys: number[] = [];
  const segmentStart: number[] = [];
  const segmentRing: number[] = [];
  const segmentIndex: number[] = [];
  const ringSegments: number[] = [];
  polygon.forEach((ring, ringId) => {
    const base = xs.length;
    for (const position of ring) {
      xs.push(position[0]!);
      ys.push(position[1]!);
    }
    ringSegments.push(ring.length - 1);
    for (let i = 0; i < ring.length - 1; i++) {
      segmentStart.push(base + i);
      segmentRing.push(ringId);
      segmentIndex.push(i);
    }
  });
  const minX = Float64Array.from(segmentStart, (p) => Math.min(xs[p]!, xs[p + 1]!));
  const order = Uint32Array.from(segmentStart, (_, s) => s).sort((a, b) => minX[a]! - minX[b]!);
  let count = 0;
  for (let a = 0; a < order.length; a++) {
    const s = order[a]!;
    const p = segmentStart[s]!;
    const maxX = Math.max(xs[p]!, xs[p + 1]!);
    const minY = Math.min(ys[p]!, ys[p + 1]!);
    const maxY = Math.max(ys[p]!, ys[p + 1]!);
    for (let b = a + 1; b < order.length; b++) {
      const t = order[b]!;
      const q = segmentStart[t]!;
      if (minX[t]! > maxX) break;
      if (segmentRing[s] === segmentRing[t]) {
        const gap = Math.abs(segmentIndex[s]! - segmentIndex[t]!);
        if (gap === 1 || gap === ringSegments[segmentRing[s]!]! - 1) continue;
      }
      if (Math.max(ys[q]!, ys[q + 1]!) < minY || Math.min(ys[q]!, ys[q + 1]!) > maxY) continue;
      if (segmentsMeet(xs[p]!, ys[p]!, xs[p + 1]!, ys[p + 1]!, xs[q]!, ys[q]!, xs[q + 1]!, ys[q + 1]!)) count += 1;
    }
  }
  return count;
}

/** Rebuilds the self-crossing parts with a polygon union (non-zero rule): no buffer, no new vertices far off. */
function unionCrossingPolygons(polygons: PolygonRings[], crossings: number[]): { polygons: PolygonRings[]; note: string } {
  const crossing = polygons.filter((_, i) => crossings[i]! > 0);
  let rebuilt: PolygonRings[];
  try {
    rebuilt = union(crossing as Geom) as PolygonRings[];
  } catch (error) {
    return { polygons, note: `kept as is (the union failed: ${(error as Error).message.slice(0, 80)})` };
  }
  if (rebuilt.length === 0) return { polygons, note: "kept as is (the union left no area)" };
  return {
    polygons: [...polygons.filter((_, i) => crossings[i] === 0), ...rebuilt],
    note: "rebuilt with a polygon union (non-zero rule)",
  };
}

function describeTally(tally: Tally, minArea: number): string[] {
  const notes: string[] = [];
  if (tally.closedRings) notes.push(`closed ${plural(tally.closedRings, "unclosed ring")}`);
  if (tally.repeatedPoints) notes.push(`removed ${plural(tally.repeatedPoints, "repeated consecutive point")}`);
  if (tally.shortParts) notes.push(`dropped ${plural(tally.shortParts, "polygon part")} with fewer than 4 points`);
  if (tally.shortHoles) notes.push(`dropped ${plural(tally.shortHoles, "hole")} with fewer than 4 points`);
  if (tally.speckParts) {
    const [x, y] = tally.speckAt ?? [];
    const near = x === undefined || y === undefined ? "" : ` near ${x.toFixed(4)}, ${y.toFixed(4)}`;
    notes.push(`dropped ${plural(tally.speckParts, "degenerate polygon part")} smaller than ${minArea} m²${near}`);
  }
  if (tally.speckHoles) notes.push(`dropped ${plural(tally.speckHoles, "degenerate hole")} smaller than ${minArea} m²`);
  return notes;
}
