import type { BBox } from "../model/body";

type Position = GeoJSON.Position;

/**
 * Sutherland–Hodgman clipping of one closed ring against an axis-aligned rectangle. Linear in
 * the ring's length and exact for the parts inside (vertices are kept, cut points are
 * interpolated). A concave ring that leaves and re-enters the rectangle comes back as one ring
 * with zero-width "bridges" along the rectangle's sides: harmless for areas and for polygon
 * clippers, which is all it is used for. Returns a closed ring, or [] when nothing is left.
 */
export function clipRingToRectangle(ring: Position[], [west, south, east, north]: BBox): Position[] {
  let points = ring.length > 1 && samePoint(ring[0]!, ring[ring.length - 1]!) ? ring.slice(0, -1) : ring;
  for (let side = 0; side < 4 && points.length > 0; side++) {
    const inside = (p: Position) => (side === 0 ? p[0]! >= west : side === 1 ? p[1]! >= south : side === 2 ? p[0]! <= east : p[1]! <= north);
    const cut = (p: Position, q: Position): Position => {
      if (side === 0 || side === 2) {
        const x = side === 0 ? west : east;
        return [x, p[1]! + ((x - p[0]!) * (q[1]! - p[1]!)) / (q[0]! - p[0]!)];
      }
      const y = side === 1 ? south : north;
      return [p[0]! + ((y - p[1]!) * (q[0]! - p[0]!)) / (q[1]! - p[1]!), y];
    };
    const out: Position[] = [];
    for (let i = 0; i < points.length; i++) {
      const p = points[i]!;
      const q = points[(i + 1) % points.length]!;
      const pInside = inside(p);
      const qInside = inside(q);
      if (pInside) out.push(p);
      if (pInside !== qInside) out.push(cut(p, q));
    }
    points = out;
  }
  const distinct = points.filter((p, i) => i === 0 || !samePoint(p, points[i - 1]!));
  if (distinct.length > 1 && samePoint(distinct[0]!, distinct[distinct.length - 1]!)) distinct.pop();
  if (distinct.length < 3) return [];
  return [...distinct, distinct[0]!];
}

function samePoint(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function ringBBox(ring: Position[]): BBox {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const [x, y] of ring) {
    if (x! < west) west = x!;
    if (x! > east) east = x!;
    if (y! < south) south = y!;
    if (y! > north) north = y!;
  }
  return [west, south, east, north];
}

/**
 * Clips a polygon (shell + holes) to a rectangle. Rings wholly inside are kept as they are,
 * rings wholly outside are dropped without visiting their points twice. Returns null when the
 * shell is gone.
 */
export function clipPolygonToRectangle(polygon: Position[][], box: BBox): Position[][] | null {
  const [west, south, east, north] = box;
  const clipped: Position[][] = [];
  for (let i = 0; i < polygon.length; i++) {
    const ring = polygon[i]!;
    const [ringWest, ringSouth, ringEast, ringNorth] = ringBBox(ring);
    let result: Position[];
    if (ringWest > east || ringEast < west || ringSouth > north || ringNorth < south) result = [];
    else if (ringWest >= west && ringEast <= east && ringSouth >= south && ringNorth <= north) result = ring;
    else result = clipRingToRectangle(ring, box);
    if (i === 0 && result.length === 0) return null;
    if (result.length > 0) clipped.push(result);
  }
  return clipped;
}

/** Clips every part of a (multi)polygon to a rectangle; parts that vanish are dropped. */
export function clipPolygonsToRectangle(polygons: Position[][][], box: BBox): Position[][][] {
  const result: Position[][][] = [];
  for (const polygon of polygons) {
    const clipped = clipPolygonToRectangle(polygon, box);
    if (clipped) result.push(clipped);
  }
  return result;
}
