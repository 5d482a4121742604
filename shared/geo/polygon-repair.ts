import { area } from "@turf/area";
import { union } from "polyclip-ts";
import { buildPreparedPolygon, findSelfCrossings } from "./prepared-polygon";
import type { Polygons, PreparedPolygon } from "./prepared-polygon";

/**
 * The one polygon-repair pipeline, on exact predicates (`orient`, from robust-predicates), used by
 * the importer (`repairPolygons`: what is stored, drawn and exported) and by the overlap engine
 * (`prepareGeometry` runs the first two stages again on what was stored, then lays out parts that
 * overlap). Real boundary files carry unclosed rings, repeated and non-finite points, zero-width
 * spikes, rings too short to enclose anything, self-crossing rings, holes outside their shell and
 * far-away specks; each is fixed here, counted and described, never a crash.
 *
 * 1. `cleanPolygons`: points and rings (counted in a `CleaningTally`);
 * 2. `repairCrossingParts`: a part whose rings cross, or with a hole outside its shell, is rebuilt
 *    with a polyclip-ts union of that part alone;
 * 3. (import only) parts and holes under an area floor are dropped, and rings are wound per RFC 7946.
 */

export type { Polygons } from "./prepared-polygon";

/** What `cleanPolygons` fixed, counted. */
export interface CleaningTally {
  nonFinitePoints: number;
  repeatedPoints: number;
  closedRings: number;
  spikes: number;
  /** Parts dropped because their shell had fewer than three distinct points (their holes go too). */
  shortParts: number;
  shortHoles: number;
}

export const emptyCleaningTally = (): CleaningTally => ({ nonFinitePoints: 0, repeatedPoints: 0, closedRings: 0, spikes: 0, shortParts: 0, shortHoles: 0 });

/** Sine of the smallest turn, in radians, that still counts as a real corner and not a spike. */
const SPIKE_TOLERANCE = 1e-9;

/** True when a → b → c turns back on itself: b is the tip of a zero-width spike (up to rounding). */
function isSpike(a: GeoJSON.Position, b: GeoJSON.Position, c: GeoJSON.Position): boolean {
  const ux = b[0]! - a[0]!;
  const uy = b[1]! - a[1]!;
  const vx = c[0]! - b[0]!;
  const vy = c[1]! - b[1]!;
  if (ux * vx + uy * vy >= 0) return false;
  return Math.abs(ux * vy - uy * vx) <= SPIKE_TOLERANCE * Math.hypot(ux, uy) * Math.hypot(vx, vy);
}

const samePoint = (a: GeoJSON.Position, b: GeoJSON.Position) => a[0] === b[0] && a[1] === b[1];

/**
 * Drops non-finite and repeated points and the tips of zero-width spikes (a → b → a, or a path
 * that doubles back along itself), and closes the ring. Spikes carry no area, but when rounding
 * leaves them a hair open they make the ring cross itself. Returns null when fewer than 3
 * distinct points remain (the caller counts that; what was fixed in a dropped ring is not counted).
 */
function cleanRing(ring: GeoJSON.Position[], total: CleaningTally): GeoJSON.Position[] | null {
  // Counted apart, and added only when the ring is kept: a dropped ring is reported as dropped, not for what was fixed in it.
  const tally = emptyCleaningTally();
  const out: GeoJSON.Position[] = [];
  for (const position of ring) {
    const x = position[0];
    const y = position[1];
    if (typeof x !== "number" || typeof y !== "number" || !Number.isFinite(x) || !Number.isFinite(y)) {
      tally.nonFinitePoints++;
      continue;
    }
    const point = position.length === 2 ? position : [x, y];
    for (;;) {
      const last = out[out.length - 1];
      if (last && samePoint(last, point)) {
        tally.repeatedPoints++;
        break;
      }
      if (out.length >= 2 && isSpike(out[out.length - 2]!, last!, point)) {
        out.pop();
        tally.spikes++;
        continue;
      }
      out.push(point);
      break;
    }
  }
  // The same across the ring's start (the closing point is not in `out` once it repeats the first).
  const wasClosed = out.length > 1 && samePoint(out[0]!, out[out.length - 1]!);
  if (wasClosed) out.pop();
  for (let changed = true; changed && out.length >= 3;) {
    changed = false;
    const n = out.length;
    if (isSpike(out[n - 2]!, out[n - 1]!, out[0]!)) {
      out.pop();
      changed = true;
    } else if (isSpike(out[n - 1]!, out[0]!, out[1]!)) {
      out.shift();
      changed = true;
    }
    if (changed) tally.spikes++;
    while (out.length > 1 && samePoint(out[0]!, out[out.length - 1]!)) out.pop();
  }
  if (out.length < 3) return null;
  if (!wasClosed) tally.closedRings++;
  for (const key of Object.keys(tally) as Array<keyof CleaningTally>) total[key] += tally[key];
  out.push([out[0]![0]!, out[0]![1]!]);
  return out;
}

/**
 * Stage 1: drops non-finite and repeated points and spike tips, closes rings, drops rings with
 * fewer than three distinct points (and a part whose shell is gone, holes and all), counting each
 * fix in `tally`.
 */
export function cleanPolygons(polygons: Polygons, tally: CleaningTally = emptyCleaningTally()): Polygons {
  const result: Polygons = [];
  for (const polygon of polygons) {
    if (!Array.isArray(polygon)) continue;
    const shell = Array.isArray(polygon[0]) ? cleanRing(polygon[0], tally) : null;
    if (!shell) {
      if (polygon.length > 0) tally.shortParts++;
      continue;
    }
    const holes: GeoJSON.Position[][] = [];
    for (const hole of polygon.slice(1)) {
      const cleaned = Array.isArray(hole) ? cleanRing(hole, tally) : null;
      if (cleaned) holes.push(cleaned);
      else tally.shortHoles++;
    }
    result.push([shell, ...holes]);
  }
  return result;
}

/** The tally in words, one note per kind of fix, e.g. "closed 1 unclosed ring". */
export function describeCleaning(tally: CleaningTally): string[] {
  const notes: string[] = [];
  if (tally.closedRings) notes.push(`closed ${plural(tally.closedRings, "unclosed ring")}`);
  if (tally.repeatedPoints) notes.push(`removed ${plural(tally.repeatedPoints, "repeated consecutive point")}`);
  if (tally.nonFinitePoints) notes.push(`dropped ${plural(tally.nonFinitePoints, "point")} with non-finite coordinates`);
  if (tally.spikes) notes.push(`removed ${plural(tally.spikes, "zero-width spike")}`);
  if (tally.shortParts) notes.push(`dropped ${plural(tally.shortParts, "polygon part")} with fewer than 4 points`);
  if (tally.shortHoles) notes.push(`dropped ${plural(tally.shortHoles, "hole")} with fewer than 4 points`);
  return notes;
}

/** What `repairCrossingParts` found and did. */
export interface CrossingRepair {
  polygons: Polygons;
  /** The polygons laid out, with the crossings still left (parts crossing each other, or a failed repair). */
  prepared: PreparedPolygon;
  crossings: [number, number][];
  /** Crossings inside one part (its rings crossing each other or themselves), before the repair. */
  crossingsFound: number;
  /** Parts with a hole outside their shell. */
  strayHoleParts: number;
  rebuiltParts: number;
  failedParts: number;
  /** The first failure's message, for the notes. */
  failure: string | null;
}

/** Crossings are looked for up to this many (enough to tell which parts are broken). */
const CROSSING_LIMIT = 10_000;

/**
 * Stage 2: a part whose own rings cross (a bow tie, a hole crossing its shell) or with a hole
 * outside its shell is rebuilt with a polyclip-ts union of that part alone (non-zero rule, no new
 * vertices far off). Takes cleaned polygons. Parts crossing each other are left to the caller.
 */
export function repairCrossingParts(polygons: Polygons): CrossingRepair {
  let prepared = buildPreparedPolygon(polygons);
  let crossings = findSelfCrossings(prepared, CROSSING_LIMIT);
  const broken = partsWithStrayHoles(polygons);
  const strayHoleParts = broken.size;
  const inside = crossings.filter(([a, b]) => prepared.ringPart[a] === prepared.ringPart[b]);
  for (const [ring] of inside) broken.add(prepared.ringPart[ring]!);
  const repair: CrossingRepair = { polygons, prepared, crossings, crossingsFound: inside.length, strayHoleParts, rebuiltParts: 0, failedParts: 0, failure: null };
  if (broken.size === 0) return repair;
  const fixed: Polygons = [];
  polygons.forEach((polygon, part) => {
    if (!broken.has(part)) return void fixed.push(polygon);
    try {
      const rebuilt = cleanPolygons(union([polygon] as [number, number][][][]) as Polygons);
      if (rebuilt.length === 0) throw new Error("the union left no area");
      fixed.push(...rebuilt);
      repair.rebuiltParts++;
    } catch (error) {
      repair.failedParts++;
      repair.failure ??= (error as Error).message.slice(0, 80);
      fixed.push(polygon);
    }
  });
  prepared = buildPreparedPolygon(fixed);
  crossings = findSelfCrossings(prepared, CROSSING_LIMIT);
  return { ...repair, polygons: fixed, prepared, crossings };
}

/** Even-odd test against one polygon's rings (plain floating point; only used for sampling). */
function insidePolygon(polygon: GeoJSON.Position[][], px: number, py: number): boolean {
  let inside = false;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const xi = ring[i]![0]!;
      const yi = ring[i]![1]!;
      const xj = ring[j]![0]!;
      const yj = ring[j]![1]!;
      if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Midpoints of three edges spread along a ring. */
function sampleMidpoints(ring: GeoJSON.Position[]): [number, number][] {
  const edges = ring.length - 1;
  return [0, Math.floor(edges / 3), Math.floor((2 * edges) / 3)].map((i) => {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    return [(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2];
  });
}

/** Parts with a hole that lies outside its shell (most of its sampled edge midpoints are). */
function partsWithStrayHoles(polygons: Polygons): Set<number> {
  const stray = new Set<number>();
  polygons.forEach((polygon, part) => {
    const shell = polygon[0]!;
    for (const hole of polygon.slice(1)) {
      const outside = sampleMidpoints(hole).filter(([px, py]) => !insidePolygon([shell], px, py)).length;
      if (outside >= 2) {
        stray.add(part);
        return;
      }
    }
  });
  return stray;
}

export interface PolygonRepairResult {
  polygons: Polygons;
  notes: string[];
}

/**
 * The importer's repairs for one feature's polygons (lon/lat): stages 1 and 2, then parts and
 * holes under `minPartAreaSquareMetres` (degenerate specks) dropped and rings wound per RFC 7946.
 * Each fix becomes a note a user reads in the import summary.
 */
export function repairPolygons(polygons: Polygons, minPartAreaSquareMetres: number): PolygonRepairResult {
  const tally = emptyCleaningTally();
  const repaired = repairCrossingParts(cleanPolygons(polygons, tally));
  const specks = { parts: 0, holes: 0, at: null as GeoJSON.Position | null };
  const kept: Polygons = [];
  for (const [outer, ...holes] of repaired.polygons) {
    if (ringArea(outer!) < minPartAreaSquareMetres) {
      specks.parts++;
      specks.at ??= outer![0] ?? null;
      continue;
    }
    const keptHoles = holes.filter((hole) => ringArea(hole) >= minPartAreaSquareMetres);
    specks.holes += holes.length - keptHoles.length;
    kept.push([windRing(outer!, true), ...keptHoles.map((hole) => windRing(hole, false))]);
  }
  const notes = describeCleaning(tally);
  if (specks.parts) {
    const [x, y] = specks.at ?? [];
    const near = x === undefined || y === undefined ? "" : ` near ${x.toFixed(4)}, ${y.toFixed(4)}`;
    notes.push(`dropped ${plural(specks.parts, "degenerate polygon part")} smaller than ${minPartAreaSquareMetres} m²${near}`);
  }
  if (specks.holes) notes.push(`dropped ${plural(specks.holes, "degenerate hole")} smaller than ${minPartAreaSquareMetres} m²`);
  const crossingNote = describeCrossingRepair(repaired);
  if (crossingNote) notes.push(crossingNote);
  return { polygons: kept, notes };
}

/** Stage 2 in words, or null when it found nothing. */
export function describeCrossingRepair(repair: CrossingRepair): string | null {
  if (repair.rebuiltParts + repair.failedParts === 0) return null;
  const what = [
    repair.crossingsFound > 0 ? `rings cross at ${plural(repair.crossingsFound, "point")}` : null,
    repair.strayHoleParts > 0 ? `a hole lies outside its shell in ${plural(repair.strayHoleParts, "part")}` : null,
  ]
    .filter(Boolean)
    .join(" and ");
  const done =
    repair.failedParts === 0
      ? `${plural(repair.rebuiltParts, "part")} rebuilt with a polygon union (non-zero rule)`
      : `the union failed for ${plural(repair.failedParts, "part")} (${repair.failure}), kept as drawn; areas there are approximate`;
  return `self-intersecting: ${what}; ${done}`;
}

/** Geodesic area of one ring in m² (turf's spherical formula). */
function ringArea(ring: GeoJSON.Position[]): number {
  return area({ type: "Polygon", coordinates: [ring] });
}

/** RFC 7946 §3.1.6: exterior rings counterclockwise, holes clockwise. */
function windRing(ring: GeoJSON.Position[], isOuter: boolean): GeoJSON.Position[] {
  const counterclockwise = signedArea(ring) > 0;
  return counterclockwise === isOuter ? ring : [...ring].reverse();
}

function signedArea(ring: GeoJSON.Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    sum += a[0]! * b[1]! - b[0]! * a[1]!;
  }
  return sum / 2;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
