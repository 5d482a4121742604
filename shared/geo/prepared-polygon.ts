import Flatbush from "flatbush";
import { orient } from "./orient";

/**
 * A polygon or multipolygon laid out for repeated overlap queries: flat coordinate arrays, rings
 * oriented (shells counterclockwise, holes clockwise), per-edge area terms with prefix sums, and a
 * flatbush index over runs of consecutive edges ("chunks"). Built once per body or district and
 * reused for every pair it takes part in. It assumes a valid geometry (no crossing rings, parts
 * that do not overlap); `prepareGeometry` checks and repairs before building these.
 *
 * Areas are turf's (`@turf/area`): the spherical formula that is exactly the planar area in
 * Lambert's cylindrical equal-area projection (x = longitude in radians, y = sin latitude) times
 * R², with R = 6371008.8 m (turf's mean Earth radius). Because that area is a sum of independent
 * per-edge terms, the area of any region can be summed edge by edge along its boundary, which is
 * what the overlap engine does.
 */
export interface PreparedPolygon {
  /** Longitudes in degrees; rings are stored one after another, each closed (last vertex = first). */
  readonly x: Float64Array;
  /** Latitudes in degrees. */
  readonly y: Float64Array;
  /** sin(latitude), cached for the area terms. */
  readonly sinY: Float64Array;
  /** Ring r spans vertices ringStart[r] … ringStart[r+1]-1; edge v joins vertex v to v+1. */
  readonly ringStart: Uint32Array;
  /** The part (polygon of a multipolygon) each ring belongs to. */
  readonly ringPart: Uint32Array;
  /** Signed ring areas in m² (shells positive, holes negative). */
  readonly ringArea: Float64Array;
  /** Ring bounding boxes, 4 numbers per ring. */
  readonly ringBBox: Float64Array;
  /** areaPrefix[v] = sum of the area terms of the ring's edges before vertex v. */
  readonly areaPrefix: Float64Array;
  /** Chunk c covers edges chunkStart[c] … chunkEnd[c]-1 of one ring. */
  readonly chunkStart: Uint32Array;
  readonly chunkEnd: Uint32Array;
  /** Chunk bounding boxes, 4 numbers per chunk. */
  readonly chunkBBox: Float64Array;
  /** flatbush over chunk bounding boxes; null when there are few chunks (see `searchChunks`). */
  readonly chunkIndex: Flatbush | null;
  /** The polygons it was built from (cleaned), for polygon clippers. */
  readonly polygons: GeoJSON.Position[][][];
  /** [west, south, east, north]; all zero when there are no rings. */
  readonly bbox: [number, number, number, number];
  /** Geodesic area in m², as turf.area computes it for `polygons`. */
  readonly area: number;
}

const EARTH_RADIUS = 6371008.8; // the mean radius @turf/helpers uses for areas
const RADIANS = Math.PI / 180;
/** m² per (radian of longitude × unit of sin latitude), halved: turf's FACTOR. */
export const AREA_FACTOR = (EARTH_RADIUS * EARTH_RADIUS) / 2;
/** Edges per chunk: small enough that a chunk box hugs its edges, large enough to keep the index small. */
export const EDGES_PER_CHUNK = 16;
/** Up to this many chunks a linear scan beats building and querying a flatbush. */
const LINEAR_CHUNKS = 16;

/**
 * Area term of the directed edge (x1, y1) → (x2, y2) in degrees, given the sines of both latitudes.
 * Summed over a closed counterclockwise ring it gives the ring's area in m², as turf computes it.
 */
export function edgeAreaTerm(x1: number, sinY1: number, x2: number, sinY2: number): number {
  return AREA_FACTOR * (x1 - x2) * RADIANS * (sinY1 + sinY2);
}

export type Polygons = GeoJSON.Position[][][];

export function polygonsOf(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): Polygons {
  return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
}

/** Twice the signed planar area (lon/lat) of a closed ring, only used for its sign. */
function ringOrientation(ring: GeoJSON.Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    sum += (a[0]! - b[0]!) * (a[1]! + b[1]!);
  }
  return sum;
}

/** Lays out cleaned polygons (see `cleanPolygons` in polygon-repair.ts) for the overlap engine. */
export function buildPreparedPolygon(polygons: Polygons): PreparedPolygon {
  let vertexCount = 0;
  let ringCount = 0;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      vertexCount += ring.length;
      ringCount++;
    }
  }
  const x = new Float64Array(vertexCount);
  const y = new Float64Array(vertexCount);
  const sinY = new Float64Array(vertexCount);
  const ringStart = new Uint32Array(ringCount + 1);
  const ringPart = new Uint32Array(ringCount);
  const ringArea = new Float64Array(ringCount);
  const ringBBox = new Float64Array(ringCount * 4);
  const areaPrefix = new Float64Array(vertexCount);
  const chunkStarts: number[] = [];
  const chunkEnds: number[] = [];
  let v = 0;
  let r = 0;
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  let totalArea = 0;
  polygons.forEach((polygon, part) => {
    polygon.forEach((ring, ringInPolygon) => {
      // Shells counterclockwise, holes clockwise: the region is always on the left of an edge.
      const counterclockwise = ringOrientation(ring) > 0;
      const reverse = ringInPolygon === 0 ? !counterclockwise : counterclockwise;
      const start = v;
      ringStart[r] = start;
      ringPart[r] = part;
      let ringWest = Infinity;
      let ringSouth = Infinity;
      let ringEast = -Infinity;
      let ringNorth = -Infinity;
      for (let i = 0; i < ring.length; i++) {
        const position = ring[reverse ? ring.length - 1 - i : i]!;
        const px = position[0]!;
        const py = position[1]!;
        x[v] = px;
        y[v] = py;
        sinY[v] = Math.sin(py * RADIANS);
        if (px < ringWest) ringWest = px;
        if (px > ringEast) ringEast = px;
        if (py < ringSouth) ringSouth = py;
        if (py > ringNorth) ringNorth = py;
        v++;
      }
      const end = v; // exclusive; vertex end-1 repeats vertex start
      let running = 0;
      for (let w = start; w < end - 1; w++) {
        areaPrefix[w] = running;
        running += edgeAreaTerm(x[w]!, sinY[w]!, x[w + 1]!, sinY[w + 1]!);
      }
      areaPrefix[end - 1] = running;
      ringArea[r] = running;
      totalArea += running;
      ringBBox[r * 4] = ringWest;
      ringBBox[r * 4 + 1] = ringSouth;
      ringBBox[r * 4 + 2] = ringEast;
      ringBBox[r * 4 + 3] = ringNorth;
      if (ringWest < west) west = ringWest;
      if (ringSouth < south) south = ringSouth;
      if (ringEast > east) east = ringEast;
      if (ringNorth > north) north = ringNorth;
      for (let edge = start; edge < end - 1; edge += EDGES_PER_CHUNK) {
        chunkStarts.push(edge);
        chunkEnds.push(Math.min(edge + EDGES_PER_CHUNK, end - 1));
      }
      r++;
    });
  });
  ringStart[ringCount] = v;
  const chunkStart = Uint32Array.from(chunkStarts);
  const chunkEnd = Uint32Array.from(chunkEnds);
  const chunkBBox = new Float64Array(chunkStart.length * 4);
  const chunkIndex = chunkStart.length > LINEAR_CHUNKS ? new Flatbush(chunkStart.length) : null;
  for (let c = 0; c < chunkStart.length; c++) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let w = chunkStart[c]!; w <= chunkEnd[c]!; w++) {
      const px = x[w]!;
      const py = y[w]!;
      if (px < minX) minX = px;
      if (px > maxX) maxX = px;
      if (py < minY) minY = py;
      if (py > maxY) maxY = py;
    }
    chunkBBox[c * 4] = minX;
    chunkBBox[c * 4 + 1] = minY;
    chunkBBox[c * 4 + 2] = maxX;
    chunkBBox[c * 4 + 3] = maxY;
    chunkIndex?.add(minX, minY, maxX, maxY);
  }
  chunkIndex?.finish();
  return {
    x,
    y,
    sinY,
    ringStart,
    ringPart,
    ringArea,
    ringBBox,
    areaPrefix,
    chunkStart,
    chunkEnd,
    chunkBBox,
    chunkIndex,
    polygons,
    bbox: ringCount > 0 ? [west, south, east, north] : [0, 0, 0, 0],
    area: Math.max(0, totalArea),
  };
}

/** The chunks whose boxes meet [minX, minY, maxX, maxY] (touching counts). */
export function searchChunks(prepared: PreparedPolygon, minX: number, minY: number, maxX: number, maxY: number): number[] {
  if (prepared.chunkIndex) return prepared.chunkIndex.search(minX, minY, maxX, maxY);
  const boxes = prepared.chunkBBox;
  const found: number[] = [];
  for (let c = 0; c < prepared.chunkStart.length; c++) {
    if (boxes[c * 4]! <= maxX && boxes[c * 4 + 1]! <= maxY && boxes[c * 4 + 2]! >= minX && boxes[c * 4 + 3]! >= minY) found.push(c);
  }
  return found;
}

/** Index of the ring holding edge (or vertex) v. */
export function ringOfVertex(prepared: PreparedPolygon, v: number): number {
  const starts = prepared.ringStart;
  let low = 0;
  let high = starts.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= v) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * Proper crossings between edges of the same geometry (a ring crossing itself, a hole crossing
 * its shell, parts crossing each other), as pairs of ring indexes, at most `limit` of them.
 * Touching at a vertex and shared collinear stretches are not crossings: the overlap engine
 * handles those.
 */
export function findSelfCrossings(prepared: PreparedPolygon, limit = Infinity): [number, number][] {
  const { x, y, chunkStart, chunkEnd, chunkBBox } = prepared;
  const found: [number, number][] = [];
  for (let c = 0; c < chunkStart.length; c++) {
    const neighbors = searchChunks(prepared, chunkBBox[c * 4]!, chunkBBox[c * 4 + 1]!, chunkBBox[c * 4 + 2]!, chunkBBox[c * 4 + 3]!);
    for (const d of neighbors) {
      if (d < c) continue;
      for (let e = chunkStart[c]!; e < chunkEnd[c]!; e++) {
        const ax = x[e]!;
        const ay = y[e]!;
        const bx = x[e + 1]!;
        const by = y[e + 1]!;
        const fFirst = d === c ? e + 1 : chunkStart[d]!;
        for (let f = fFirst; f < chunkEnd[d]!; f++) {
          const cx = x[f]!;
          const cy = y[f]!;
          const dx = x[f + 1]!;
          const dy = y[f + 1]!;
          if (Math.max(cx, dx) < Math.min(ax, bx) || Math.min(cx, dx) > Math.max(ax, bx)) continue;
          if (Math.max(cy, dy) < Math.min(ay, by) || Math.min(cy, dy) > Math.max(ay, by)) continue;
          const o1 = orient(ax, ay, bx, by, cx, cy);
          const o2 = orient(ax, ay, bx, by, dx, dy);
          if (o1 === 0 || o2 === 0 || o1 > 0 === o2 > 0) continue;
          const o3 = orient(cx, cy, dx, dy, ax, ay);
          const o4 = orient(cx, cy, dx, dy, bx, by);
          if (o3 === 0 || o4 === 0 || o3 > 0 === o4 > 0) continue;
          found.push([ringOfVertex(prepared, e), ringOfVertex(prepared, f)]);
          if (found.length >= limit) return found;
        }
      }
    }
  }
  return found;
}

/**
 * Even-odd point-in-polygon test, robust at vertices and edges. The point is taken as
 * (px, py) + shift·(ε, ε²) for an infinitesimal ε (shift is -1, 0 or 1): with shift ≠ 0 no point
 * is ever exactly on the boundary, which is the symbolic perturbation the overlap engine relies
 * on. With shift 0, points exactly on the boundary get an arbitrary but deterministic answer.
 */
export function pointInPrepared(prepared: PreparedPolygon, px: number, py: number, shift: -1 | 0 | 1 = 0): boolean {
  const { x, y, chunkStart, chunkEnd, bbox } = prepared;
  if (chunkStart.length === 0) return false;
  if (px < bbox[0] || px > bbox[2] || py < bbox[1] || py > bbox[3]) return false;
  let inside = false;
  const chunks = searchChunks(prepared, px, py, bbox[2], py);
  for (const c of chunks) {
    for (let e = chunkStart[c]!; e < chunkEnd[c]!; e++) {
      const uy = y[e]!;
      const vy = y[e + 1]!;
      // Is the vertex above the (perturbed) point? Ties go by the sign of the shift.
      const uAbove = uy > py || (uy === py && shift < 0);
      const vAbove = vy > py || (vy === py && shift < 0);
      if (uAbove === vAbove) continue;
      const ux = x[e]!;
      const vx = x[e + 1]!;
      if (ux < px && vx < px) continue;
      let side = orient(ux, uy, vx, vy, px, py);
      if (side === 0) {
        if (shift === 0) continue;
        // orient(u, v, p + shift·(ε, ε²)) = O + shift·((vx-ux)ε² - (vy-uy)ε)
        side = vy !== uy ? -shift * (vy - uy) : shift * (vx - ux);
      }
      // Upward edge: the crossing is right of the point when the point is on its left.
      if (vAbove ? side > 0 : side < 0) inside = !inside;
    }
  }
  return inside;
}
