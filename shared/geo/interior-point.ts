/**
 * A point inside a polygon's largest part: the midpoint of the widest horizontal run through the
 * middle of its outer ring (cheap, and unlike a centroid it lands inside a crescent or an L).
 */
export function interiorPoint(geometry: GeoJSON.Geometry): [number, number] {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  if (geometry.type === "Point") return geometry.coordinates as [number, number];
  let best: GeoJSON.Position[] | undefined;
  let bestSpan = -1;
  for (const polygon of polygons) {
    const ring = polygon[0] ?? [];
    const ys = ring.map((p) => p[1]!);
    const span = Math.max(...ys) - Math.min(...ys);
    if (span > bestSpan) {
      bestSpan = span;
      best = ring;
    }
  }
  if (!best) return [0, 0];
  const ys = best.map((p) => p[1]!);
  const y = (Math.max(...ys) + Math.min(...ys)) / 2;
  const crossings: number[] = [];
  for (let i = 1; i < best.length; i++) {
    const [x1, y1] = best[i - 1] as [number, number];
    const [x2, y2] = best[i] as [number, number];
    if ((y1 <= y && y2 > y) || (y2 <= y && y1 > y)) crossings.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
  }
  crossings.sort((a, b) => a - b);
  let x = best[0]![0]!;
  let widest = -1;
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    if (crossings[i + 1]! - crossings[i]! > widest) {
      widest = crossings[i + 1]! - crossings[i]!;
      x = (crossings[i]! + crossings[i + 1]!) / 2;
    }
  }
  return [x, y];
}
