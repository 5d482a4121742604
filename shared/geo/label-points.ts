import { interiorPoint } from "./interior-point";

/** Properties of one label point: the name to print and the shape's size, which orders labels. */
export interface LabelProperties {
  name: string;
  /** Rough area of the shape's box in square kilometres: bigger shapes win label collisions. */
  size: number;
}

const KM_PER_DEGREE = 111.32;

/** Approximate area (km²) of a geometry's bounding box, corrected for latitude. */
export function boxSizeKm2(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): number {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (coordinates: unknown): void => {
    if (typeof (coordinates as number[])[0] === "number") {
      const [x, y] = coordinates as [number, number];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      return;
    }
    for (const child of coordinates as unknown[]) visit(child);
  };
  visit(geometry.coordinates);
  if (minX > maxX) return 0;
  const cos = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  return Math.round((maxX - minX) * KM_PER_DEGREE * cos * (maxY - minY) * KM_PER_DEGREE * 100) / 100;
}

/**
 * One label point per named polygon feature, inside its largest part (never on a neighbour), with
 * the feature's id and its size, so the map can place the biggest names first and drop the rest
 * where they would collide. Features without a name or an area are skipped.
 */
export function labelPoints(collection: GeoJSON.FeatureCollection): GeoJSON.FeatureCollection<GeoJSON.Point, LabelProperties> {
  const features: GeoJSON.Feature<GeoJSON.Point, LabelProperties>[] = [];
  for (const feature of collection.features) {
    const name = (feature.properties as { name?: unknown } | null)?.name;
    const geometry = feature.geometry;
    if (typeof name !== "string" || !name || !geometry || (geometry.type !== "Polygon" && geometry.type !== "MultiPolygon")) continue;
    features.push({
      type: "Feature",
      ...(feature.id !== undefined ? { id: feature.id } : {}),
      properties: { name, size: boxSizeKm2(geometry) },
      geometry: { type: "Point", coordinates: interiorPoint(geometry) },
    });
  }
  return { type: "FeatureCollection", features };
}
