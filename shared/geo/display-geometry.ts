import { simplify } from "@turf/simplify";

/**
 * Geometry for the browser: simplified (Douglas–Peucker, `tolerance` in degrees) and rounded to
 * `decimals` places (5 decimals ≈ 1 m), dropping repeated points and rings that collapse.
 * The stored geometry is never touched; this only shapes the map payload.
 */
export function toDisplayGeometry(
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon | GeoJSON.Point,
  { tolerance = 0.0005, decimals = 5 }: { tolerance?: number; decimals?: number } = {},
): GeoJSON.Polygon | GeoJSON.MultiPolygon | GeoJSON.Point {
  const factor = 10 ** decimals;
  const round = (value: number) => Math.round(value * factor) / factor;
  if (geometry.type === "Point") {
    return { type: "Point", coordinates: [round(geometry.coordinates[0]!), round(geometry.coordinates[1]!)] };
  }
  // Simplify part by part: turf refuses a whole geometry when one ring is degenerate.
  const simplifyPolygon = (rings: GeoJSON.Position[][]): GeoJSON.Position[][] => {
    if (tolerance <= 0) return rings;
    try {
      return simplify({ type: "Polygon", coordinates: rings }, { tolerance, highQuality: false, mutate: false }).coordinates;
    } catch {
      return rings;
    }
  };
  const simplified: GeoJSON.Polygon | GeoJSON.MultiPolygon =
    geometry.type === "Polygon"
      ? { type: "Polygon", coordinates: simplifyPolygon(geometry.coordinates) }
      : { type: "MultiPolygon", coordinates: geometry.coordinates.map(simplifyPolygon) };
  const roundRing = (ring: GeoJSON.Position[]): GeoJSON.Position[] | null => {
    const out: GeoJSON.Position[] = [];
    for (const [x, y] of ring) {
      const point = [round(x!), round(y!)];
      const last = out[out.length - 1];
      if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
    }
    return out.length >= 4 ? out : null;
  };
  const roundPolygon = (rings: GeoJSON.Position[][]): GeoJSON.Position[][] | null => {
    const shell = roundRing(rings[0] ?? []);
    if (!shell) return null;
    const holes = rings
      .slice(1)
      .map(roundRing)
      .filter((hole): hole is GeoJSON.Position[] => hole !== null);
    return [shell, ...holes];
  };
  if (simplified.type === "Polygon") {
    const polygon = roundPolygon(simplified.coordinates);
    // A tiny polygon can collapse entirely: keep the unsimplified outline rather than lose the body.
    return polygon ? { type: "Polygon", coordinates: polygon } : geometry;
  }
  const polygons = simplified.coordinates.map(roundPolygon).filter((p): p is GeoJSON.Position[][] => p !== null);
  return polygons.length > 0 ? { type: "MultiPolygon", coordinates: polygons } : geometry;
}
