import { orient } from "./orient";
import { AREA_FACTOR, edgeAreaTerm, pointInPrepared, searchChunks } from "./prepared-polygon";
import type { PreparedPolygon } from "./prepared-polygon";

/**
 * Area of the intersection of two prepared polygons, without building the intersection polygon.
 *
 * The boundary of A ∩ B is made of the stretches of A's boundary that lie inside B and the
 * stretches of B's boundary that lie inside A. Areas here are sums of independent per-edge terms
 * (see `edgeAreaTerm`), so the intersection's area is the sum of the terms of those stretches: no
 * ring assembly, no topology. The work is finding where the two boundaries cross (flatbush over
 * runs of 16 edges, then exact orientation tests), and walking each ring once, flipping
 * inside/outside at every crossing. A run of whole edges costs O(1) through prefix sums.
 *
 * Robustness: town lines often run exactly along district lines (shared vertices, collinear
 * edges). B is treated as shifted by an infinitesimal (ε, ε²) ("simulation of simplicity"), so
 * no vertex is ever exactly on the other boundary and every crossing is a clean one. The area is
 * continuous in the shift, so the result is the area of the unshifted intersection. With exact
 * orientation signs (`orient`), the inside/outside bookkeeping cannot drift.
 *
 * Only edges inside the common bounding box R = bbox(A) ∩ bbox(B) are looked at: anything of A
 * outside R is outside B's box and so outside B (and vice versa). This is the "pre-clip to the
 * body's box" lever without cutting any geometry.
 */

export interface IntersectionOptions {
  /** Use the body-inside-district and district-inside-body shortcuts (default true). */
  shortcuts?: boolean;
  /** Look only at edges inside the common bounding box (default true). */
  preClip?: boolean;
  /** Counters, incremented when given. */
  stats?: IntersectionStats;
}

export interface IntersectionStats {
  pairs: number;
  /** Pairs settled by a containment shortcut (one point-in-polygon test). */
  shortcuts: number;
  /** Pairs whose boundaries cross inside the common box. */
  crossingPairs: number;
  crossings: number;
  pointTests: number;
  /** Pairs where the crossings did not pair up or the area came out of range (should never happen); the caller falls back. */
  inconsistent: number;
}

export function newIntersectionStats(): IntersectionStats {
  return { pairs: 0, shortcuts: 0, crossingPairs: 0, crossings: 0, pointTests: 0, inconsistent: 0 };
}

const RADIANS = Math.PI / 180;
const TERM_FACTOR = AREA_FACTOR * RADIANS;
const EVENT_SIZE = 5; // edge, parameter along the edge, x, y, sin(y)

/** Growable event list (one per side) reused across calls: the engine is single-threaded. */
class EventBuffer {
  data = new Float64Array(EVENT_SIZE * 256);
  length = 0;
  order = new Uint32Array(256);
  push(edge: number, parameter: number, x: number, y: number, sinY: number): void {
    if ((this.length + 1) * EVENT_SIZE > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const offset = this.length * EVENT_SIZE;
    this.data[offset] = edge;
    this.data[offset + 1] = parameter;
    this.data[offset + 2] = x;
    this.data[offset + 3] = y;
    this.data[offset + 4] = sinY;
    this.length++;
  }
  /** Sorts `order` by (edge, parameter). */
  sort(): void {
    if (this.order.length < this.length) this.order = new Uint32Array(this.data.length / EVENT_SIZE);
    const data = this.data;
    const view = this.order.subarray(0, this.length);
    for (let i = 0; i < this.length; i++) view[i] = i;
    view.sort((i, j) => data[i * EVENT_SIZE]! - data[j * EVENT_SIZE]! || data[i * EVENT_SIZE + 1]! - data[j * EVENT_SIZE + 1]!);
  }
}

const eventsA = new EventBuffer();
const eventsB = new EventBuffer();

function boxesOverlap(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  return a[0]! <= b[2]! && a[2]! >= b[0]! && a[1]! <= b[3]! && a[3]! >= b[1]!;
}

function boxInside(inner: ArrayLike<number>, outer: ArrayLike<number>): boolean {
  return inner[0]! >= outer[0]! && inner[1]! >= outer[1]! && inner[2]! <= outer[2]! && inner[3]! <= outer[3]!;
}

/**
 * Whether any edge of `polygon` comes near the box [west, south, east, north]. Conservative: the
 * box is padded by a few ulps, so a "no" is certain and a graze counts as a "yes".
 */
function edgesNearBox(polygon: PreparedPolygon, west: number, south: number, east: number, north: number): boolean {
  const pad = 4 * Number.EPSILON * Math.max(Math.abs(west), Math.abs(east), Math.abs(south), Math.abs(north), 1);
  const minX = west - pad;
  const minY = south - pad;
  const maxX = east + pad;
  const maxY = north + pad;
  const { x, y, chunkStart, chunkEnd } = polygon;
  for (const c of searchChunks(polygon, minX, minY, maxX, maxY)) {
    for (let e = chunkStart[c]!; e < chunkEnd[c]!; e++) {
      const x1 = x[e]!;
      const y1 = y[e]!;
      const x2 = x[e + 1]!;
      const y2 = y[e + 1]!;
      if ((x1 < minX && x2 < minX) || (x1 > maxX && x2 > maxX) || (y1 < minY && y2 < minY) || (y1 > maxY && y2 > maxY)) continue;
      if ((x1 >= minX && x1 <= maxX && y1 >= minY && y1 <= maxY) || (x2 >= minX && x2 <= maxX && y2 >= minY && y2 <= maxY)) return true;
      // The segment's box meets the box but neither end is inside: it passes through iff the box's
      // corners are not all on one side of its line.
      const s1 = Math.sign(orient(x1, y1, x2, y2, minX, minY));
      if (s1 !== Math.sign(orient(x1, y1, x2, y2, maxX, minY)) || s1 !== Math.sign(orient(x1, y1, x2, y2, maxX, maxY)) || s1 !== Math.sign(orient(x1, y1, x2, y2, minX, maxY)))
        return true;
    }
  }
  return false;
}

/**
 * Finds every crossing between A's and B's edges among the given chunks, with B shifted by
 * (ε, ε²), and records it on both sides. Returns the number of crossings.
 */
function findCrossings(a: PreparedPolygon, b: PreparedPolygon, aChunks: number[], box: ArrayLike<number>): number {
  const { x: ax, y: ay, chunkStart: aStart, chunkEnd: aEnd, chunkBBox: aBox } = a;
  const { x: bx, y: by, chunkStart: bStart, chunkEnd: bEnd, chunkBBox: bBox } = b;
  let count = 0;
  for (const ac of aChunks) {
    const minX = Math.max(aBox[ac * 4]!, box[0]!);
    const minY = Math.max(aBox[ac * 4 + 1]!, box[1]!);
    const maxX = Math.min(aBox[ac * 4 + 2]!, box[2]!);
    const maxY = Math.min(aBox[ac * 4 + 3]!, box[3]!);
    const bChunks = searchChunks(b, minX, minY, maxX, maxY);
    if (bChunks.length === 0) continue;
    for (let e = aStart[ac]!; e < aEnd[ac]!; e++) {
      const x1 = ax[e]!;
      const y1 = ay[e]!;
      const x2 = ax[e + 1]!;
      const y2 = ay[e + 1]!;
      const eMinX = x1 < x2 ? x1 : x2;
      const eMaxX = x1 < x2 ? x2 : x1;
      const eMinY = y1 < y2 ? y1 : y2;
      const eMaxY = y1 < y2 ? y2 : y1;
      const adx = x2 - x1;
      const ady = y2 - y1;
      for (const bc of bChunks) {
        if (bBox[bc * 4]! > eMaxX || bBox[bc * 4 + 2]! < eMinX || bBox[bc * 4 + 1]! > eMaxY || bBox[bc * 4 + 3]! < eMinY) continue;
        for (let f = bStart[bc]!; f < bEnd[bc]!; f++) {
          const x3 = bx[f]!;
          const y3 = by[f]!;
          const x4 = bx[f + 1]!;
          const y4 = by[f + 1]!;
          if ((x3 < x4 ? x4 : x3) < eMinX || (x3 < x4 ? x3 : x4) > eMaxX) continue;
          if ((y3 < y4 ? y4 : y3) < eMinY || (y3 < y4 ? y3 : y4) > eMaxY) continue;
          // Sides of B's (shifted) endpoints relative to A's edge; ties broken by the shift.
          const side3 = orient(x1, y1, x2, y2, x3, y3);
          const side4 = orient(x1, y1, x2, y2, x4, y4);
          const tie = ady !== 0 ? -ady : adx;
          if ((side3 === 0 ? tie : side3) > 0 === (side4 === 0 ? tie : side4) > 0) continue;
          const bdx = x4 - x3;
          const bdy = y4 - y3;
          const side1 = orient(x3, y3, x4, y4, x1, y1);
          const side2 = orient(x3, y3, x4, y4, x2, y2);
          const tieB = bdy !== 0 ? bdy : -bdx;
          if ((side1 === 0 ? tieB : side1) > 0 === (side2 === 0 ? tieB : side2) > 0) continue;
          // A proper crossing. Its position, from the (approximate) orientation magnitudes.
          let t = side1 === side2 ? 0.5 : side1 / (side1 - side2);
          let u = side3 === side4 ? 0.5 : side3 / (side3 - side4);
          t = t < 0 ? 0 : t > 1 ? 1 : t;
          u = u < 0 ? 0 : u > 1 ? 1 : u;
          const px = x1 + t * adx;
          const py = y1 + t * ady;
          const sinY = Math.sin(py * RADIANS);
          eventsA.push(e, t, px, py, sinY);
          eventsB.push(f, u, px, py, sinY);
          count++;
        }
      }
    }
  }
  return count;
}

/**
 * A vertex of ring r strictly outside `box` (so certainly outside the polygon that box bounds),
 * or -1. Looks through chunk boxes first, so it costs little even on long rings.
 */
function vertexOutside(own: PreparedPolygon, r: number, box: ArrayLike<number>, chunkHint: { next: number }): number {
  const { x, y, ringStart, chunkStart, chunkEnd, chunkBBox } = own;
  const first = ringStart[r]!;
  const last = ringStart[r + 1]! - 1;
  // Chunks are numbered in vertex order; advance the hint to this ring's first chunk.
  let c = chunkHint.next;
  while (c < chunkStart.length && chunkStart[c]! < first) c++;
  chunkHint.next = c;
  for (; c < chunkStart.length && chunkStart[c]! < last; c++) {
    if (boxInside(chunkBBox.subarray(c * 4, c * 4 + 4), box)) continue;
    for (let v = chunkStart[c]!; v <= chunkEnd[c]!; v++) {
      const px = x[v]!;
      const py = y[v]!;
      if (px < box[0]! || px > box[2]! || py < box[1]! || py > box[3]!) return v;
    }
  }
  return -1;
}

/**
 * Sum of the area terms of the stretches of `own`'s boundary that lie inside `other`, for the
 * rings of `own` that reach into `box`. `shift` is how own's points sit relative to other under
 * the perturbation (-1 for A's points against the shifted B, +1 for B's points against A).
 * Returns NaN if a ring's crossings do not pair up.
 *
 * Each open stretch P→Q also gets -2·originSin·(xP - xQ) (in area units): this moves the
 * reference latitude of the area terms from the equator to the pair's common box. The
 * corrections cancel over the closed boundary of A ∩ B, so a correct result is unchanged, but
 * the big partial sums shrink to the size of the box (less rounding), and a stretch that were
 * ever misclassified would cost its local area, not a strip reaching down to the equator.
 */
function insideBoundaryArea(
  own: PreparedPolygon,
  other: PreparedPolygon,
  events: EventBuffer,
  shift: -1 | 1,
  box: ArrayLike<number>,
  originSin: number,
  stats: IntersectionStats | undefined,
): number {
  const { x, y, sinY, ringStart, ringArea, ringBBox, areaPrefix } = own;
  events.sort();
  const data = events.data;
  const order = events.order;
  let next = 0; // position in `order`
  let sum = 0;
  const hint = { next: 0 };
  const ringCount = ringStart.length - 1;
  for (let r = 0; r < ringCount; r++) {
    const first = ringStart[r]!;
    const last = ringStart[r + 1]! - 1; // closing vertex, same point as `first`
    let eventsEnd = next;
    while (eventsEnd < events.length && data[order[eventsEnd]! * EVENT_SIZE]! < last) eventsEnd++;
    const eventCount = eventsEnd - next;
    if (eventCount === 0 && !boxesOverlap(ringBBox.subarray(r * 4, r * 4 + 4), box)) continue;
    if (eventCount % 2 === 1) return NaN;
    // Inside/outside at the ring's first vertex: from a vertex known to be outside, counting the
    // crossings in between; else one point-in-polygon test.
    let inside: boolean;
    const outside = vertexOutside(own, r, other.bbox, hint);
    if (outside >= 0) {
      let before = 0;
      for (let k = next; k < eventsEnd && data[order[k]! * EVENT_SIZE]! < outside; k++) before++;
      inside = before % 2 === 1;
    } else {
      if (stats) stats.pointTests++;
      inside = pointInPrepared(other, x[first]!, y[first]!, shift);
    }
    if (eventCount === 0) {
      if (inside) sum += ringArea[r]!;
      next = eventsEnd;
      continue;
    }
    // Walk the ring: the current position is on edge `edge`, at longitude px with sin(latitude) ps.
    let edge = first;
    let px = x[first]!;
    let ps = sinY[first]!;
    for (let k = next; k < eventsEnd; k++) {
      const offset = order[k]! * EVENT_SIZE;
      const eventEdge = data[offset]!;
      const qx = data[offset + 2]!;
      const qs = data[offset + 4]!;
      if (inside) {
        if (eventEdge === edge) {
          sum += edgeAreaTerm(px, ps, qx, qs);
        } else {
          sum += edgeAreaTerm(px, ps, x[edge + 1]!, sinY[edge + 1]!);
          sum += areaPrefix[eventEdge]! - areaPrefix[edge + 1]!;
          sum += edgeAreaTerm(x[eventEdge]!, sinY[eventEdge]!, qx, qs);
        }
        sum -= 2 * originSin * TERM_FACTOR * (px - qx);
      }
      inside = !inside;
      edge = eventEdge;
      px = qx;
      ps = qs;
    }
    if (inside) {
      sum += edgeAreaTerm(px, ps, x[edge + 1]!, sinY[edge + 1]!);
      sum += areaPrefix[last]! - areaPrefix[edge + 1]!;
      sum -= 2 * originSin * TERM_FACTOR * (px - x[last]!);
    }
    next = eventsEnd;
  }
  return sum;
}

/**
 * Geodesic area in m² of A ∩ B (turf's area formula). Returns NaN only if the crossing
 * bookkeeping failed (crossings that do not pair up, an area below 0 or above the smaller
 * area), which valid input should never trigger; callers then fall back to polygon clipping.
 */
export function intersectionArea(a: PreparedPolygon, b: PreparedPolygon, options: IntersectionOptions = {}): number {
  const { shortcuts = true, preClip = true, stats } = options;
  if (stats) stats.pairs++;
  if (a.chunkStart.length === 0 || b.chunkStart.length === 0 || a.area === 0 || b.area === 0) return 0;
  const [aWest, aSouth, aEast, aNorth] = a.bbox;
  const [bWest, bSouth, bEast, bNorth] = b.bbox;
  const common = [Math.max(aWest, bWest), Math.max(aSouth, bSouth), Math.min(aEast, bEast), Math.min(aNorth, bNorth)] as const;
  if (common[0] > common[2] || common[1] > common[3]) return 0;
  const box: ArrayLike<number> = preClip ? common : [Math.min(aWest, bWest), Math.min(aSouth, bSouth), Math.max(aEast, bEast), Math.max(aNorth, bNorth)];

  if (shortcuts) {
    // A inside B's box with none of B's boundary in A's box: A is wholly inside B or wholly out.
    if (boxInside(a.bbox, b.bbox) && !edgesNearBox(b, aWest, aSouth, aEast, aNorth)) {
      if (stats) {
        stats.shortcuts++;
        stats.pointTests++;
      }
      return pointInPrepared(b, a.x[0]!, a.y[0]!, -1) ? a.area : 0;
    }
    if (boxInside(b.bbox, a.bbox) && !edgesNearBox(a, bWest, bSouth, bEast, bNorth)) {
      if (stats) {
        stats.shortcuts++;
        stats.pointTests++;
      }
      return pointInPrepared(a, b.x[0]!, b.y[0]!, 1) ? b.area : 0;
    }
  }

  eventsA.length = 0;
  eventsB.length = 0;
  const aChunks = searchChunks(a, box[0]!, box[1]!, box[2]!, box[3]!);
  const crossings = aChunks.length > 0 ? findCrossings(a, b, aChunks, box) : 0;
  if (stats && crossings > 0) {
    stats.crossingPairs++;
    stats.crossings += crossings;
  }
  const originSin = Math.sin(((common[1] + common[3]) / 2) * RADIANS);
  const fromA = insideBoundaryArea(a, b, eventsA, -1, box, originSin, stats);
  const fromB = insideBoundaryArea(b, a, eventsB, 1, box, originSin, stats);
  const area = fromA + fromB;
  const smaller = Math.min(a.area, b.area);
  // Rounding (and turf's area model, see the tiling test) can leave a hair below 0 or above the
  // smaller area; anything more means the bookkeeping failed, which should never happen.
  const slack = 1e-4 * smaller + 1;
  if (Number.isNaN(area) || area < -slack || area > smaller + slack) {
    if (stats) stats.inconsistent++;
    return NaN;
  }
  return Math.min(Math.max(area, 0), smaller);
}
