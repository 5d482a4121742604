import type { BBox } from "../model/body";

type Position = GeoJSON.Position;

/**
 * Bounding box from the coordinates themselves (never trust a file header: the RI shapefiles
 * declare a whole-US box). Throws on an empty geometry.
 */
export function geometryBBox(geometry: GeoJSON.Geometry): BBox {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  const visit = (position: Position) => {
    const [x, y] = position as [number, number];
    if (x < west) west = x;
    if (x > east) east = x;
    if (y < south) south = y;
    if (y > north) north = y;
  };
  forEachPosition(geometry, visit);
  if (west === Infinity) throw new Error("geometry has no coordinates");
  return [west, south, east, north];
}

export function forEachPosition(geometry: GeoJSON.Geometry, visit: (position: Position) => void): void {
  switch (geometry.type) {
    case "Point":
      visit(geometry.coordinates);
      return;
    case "MultiPoint":
    case "LineString":
      geometry.coordinates.forEach(visit);
      return;
    case "MultiLineString":
    case "Polygon":
      geometry.coordinates.forEach((line) => line.forEach(visit));
      return;
    case "MultiPolygon":
      geometry.coordinates.forEach((polygon) => polygon.forEach((ring) => ring.forEach(visit)));
      return;
    case "GeometryCollection":
      geometry.geometries.forEach((child) => forEachPosition(child, visit));
      return;
  }
}

export function bboxCenter([west, south, east, north]: BBox): [number, number] {
  return [(west + east) / 2, (south + north) / 2];
}

export function unionBBox(boxes: Iterable<BBox>): BBox | null {
  let result: BBox | null = null;
  for (const [west, south, east, north] of boxes) {
    result = result ? [Math.min(result[0], west), Math.min(result[1], south), Math.max(result[2], east), Math.max(result[3], north)] : [west, south, east, north];
  }
  return result;
}

/**
 * An extent that ignores far-flung outliers (Alaska's Aleutians across the antimeridian, a stray
 * island part): the `trim` quantiles of body centres, padded by the bodies' median size.
 */
export function robustExtent(boxes: BBox[], trim = 0.02): BBox | null {
  if (boxes.length === 0) return null;
  if (boxes.length < 10) return unionBBox(boxes);
  const lons = boxes.map(([w, , e]) => (w + e) / 2).sort((a, b) => a - b);
  const lats = boxes.map(([, s, , n]) => (s + n) / 2).sort((a, b) => a - b);
  const sizes = boxes.map(([w, s, e, n]) => Math.max(e - w, n - s)).sort((a, b) => a - b);
  const at = (values: number[], q: number) => values[Math.min(values.length - 1, Math.max(0, Math.floor(q * (values.length - 1))))]!;
  const pad = at(sizes, 0.5) / 2;
  return [at(lons, trim) - pad, at(lats, trim) - pad, at(lons, 1 - trim) + pad, at(lats, 1 - trim) + pad];
}

/**
 * The press map's frame: every body of a campaign scoped to its states (islands and outlying parts
 * included), unless they straddle the antimeridian (Alaska); else the robust extent, so a national
 * map is not shrunk by far territories.
 */
export function pressFrame(boxes: BBox[], { scoped }: { scoped: boolean }): BBox | null {
  const union = scoped ? unionBBox(boxes) : null;
  return union && union[2] - union[0] <= 180 ? union : robustExtent(boxes);
}
