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
  return minX > maxX ? 0 : bboxSizeKm2([minX, minY, maxX, maxY]);
}

/** Approximate area (km²) of a box `[west, south, east, north]`, corrected for latitude. */
export function bboxSizeKm2(bbox: readonly number[]): number {
  const [minX = 0, minY = 0, maxX = 0, maxY = 0] = bbox;
  const cos = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  return Math.round((maxX - minX) * KM_PER_DEGREE * cos * (maxY - minY) * KM_PER_DEGREE * 100) / 100;
}

/**
 * Where a feature's name goes: the point the server placed (`label`, a foreign member of the map
 * payload's features, computed once per body set) or else a point inside its largest part.
 */
export function featureLabelPoint(feature: GeoJSON.Feature): [number, number] {
  const label = (feature as { label?: unknown }).label;
  if (Array.isArray(label) && typeof label[0] === "number" && typeof label[1] === "number") return [label[0], label[1]];
  return feature.geometry ? interiorPoint(feature.geometry) : [0, 0];
}

/**
 * One label point per named polygon feature, inside its largest part (never on a neighbour), with
 * the feature's id and its size, so the map can place the biggest names first and drop the rest
 * where they would collide. Features without a name or an area are skipped, except the slim
 * index's (a point with `label` and `bbox`: the body drawn from tiles). A feature's `label`
 * and `bbox`, when present, save walking its coordinates (35,000 bodies: 600 ms → a few ms).
 */
export function labelPoints(collection: GeoJSON.FeatureCollection): GeoJSON.FeatureCollection<GeoJSON.Point, LabelProperties> {
  const features: GeoJSON.Feature<GeoJSON.Point, LabelProperties>[] = [];
  for (const feature of collection.features) {
    const name = (feature.properties as { name?: unknown } | null)?.name;
    const geometry = feature.geometry;
    if (typeof name !== "string" || !name || !geometry) continue;
    // A body of the slim index (tile mode) is its label point, with the box of its outline.
    const indexed = geometry.type === "Point" && Array.isArray((feature as { label?: unknown }).label) && feature.bbox?.length === 4;
    if (!indexed && geometry.type !== "Polygon" && geometry.type !== "MultiPolygon") continue;
    features.push({
      type: "Feature",
      ...(feature.id !== undefined ? { id: feature.id } : {}),
      properties: { name, size: feature.bbox && feature.bbox.length === 4 ? bboxSizeKm2(feature.bbox) : boxSizeKm2(geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon) },
      geometry: { type: "Point", coordinates: featureLabelPoint(feature) },
    });
  }
  return { type: "FeatureCollection", features };
}
