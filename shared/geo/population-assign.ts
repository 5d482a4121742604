import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import { pointOnFeature } from "@turf/point-on-feature";
import Flatbush from "flatbush";

/**
 * Population counts placed into bodies, districts and their overlaps, the way the Census
 * apportions blocks: each count (a block, a precinct, any feature with a number) lies at one
 * point (a point feature's own; a polygon's point on its surface, always inside it) and goes
 * whole to the body and the district holding that point, so every count is placed at most once
 * per layer and a district's people are the sum of the counts inside it. Counts at a point in no
 * district stay out of every district; counts in no body still count for their district.
 */

export interface CountedFeature {
  geometry: GeoJSON.Geometry;
  count: number;
}

export interface Area {
  id: number;
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  /** Nested bodies (wards in a city) are placed too, but only top-level bodies sum to a district. */
  parentId?: number | null;
}

export interface PopulationPlacement {
  /** `${bodyId}:${districtId}` → people of the body inside the district. */
  overlaps: Map<string, number>;
  districts: Map<number, number>;
  bodies: Map<number, number>;
  /** Counts placed in some district, and in none (outside every district imported). */
  placed: number;
  unplaced: number;
}

/** The point a feature's count lies at: its own for a point, a point on the surface of a polygon; null for anything else. */
export function countPoint(geometry: GeoJSON.Geometry): [number, number] | null {
  if (geometry.type === "Point") return [geometry.coordinates[0]!, geometry.coordinates[1]!];
  if (geometry.type === "Polygon" || geometry.type === "MultiPolygon") {
    const point = pointOnFeature({ type: "Feature", properties: {}, geometry });
    return [point.geometry.coordinates[0]!, point.geometry.coordinates[1]!];
  }
  return null;
}

/** A spatial index of areas by bounding box, answering which areas hold a point. */
function areaIndex(areas: readonly Area[]) {
  if (areas.length === 0) return () => [] as Area[];
  const index = new Flatbush(areas.length);
  for (const area of areas) {
    let west = Infinity;
    let south = Infinity;
    let east = -Infinity;
    let north = -Infinity;
    const rings = area.geometry.type === "Polygon" ? [area.geometry.coordinates] : area.geometry.coordinates;
    for (const polygon of rings) {
      for (const [lon, lat] of polygon[0]!) {
        west = Math.min(west, lon!);
        east = Math.max(east, lon!);
        south = Math.min(south, lat!);
        north = Math.max(north, lat!);
      }
    }
    index.add(west, south, east, north);
  }
  index.finish();
  return (point: [number, number]) => index.search(point[0], point[1], point[0], point[1]).map((i) => areas[i]!).filter((area) => booleanPointInPolygon(point, area.geometry));
}

export function placePopulation(features: Iterable<CountedFeature>, { bodies, districts }: { bodies: readonly Area[]; districts: readonly Area[] }): PopulationPlacement {
  const bodiesAt = areaIndex(bodies);
  const districtsAt = areaIndex(districts);
  const result: PopulationPlacement = { overlaps: new Map(), districts: new Map(), bodies: new Map(), placed: 0, unplaced: 0 };
  const add = <K>(map: Map<K, number>, key: K, count: number) => map.set(key, (map.get(key) ?? 0) + count);
  for (const feature of features) {
    if (feature.count === 0) continue;
    const point = countPoint(feature.geometry);
    if (!point) continue;
    const inBodies = bodiesAt(point);
    const inDistricts = districtsAt(point);
    for (const body of inBodies) add(result.bodies, body.id, feature.count);
    for (const district of inDistricts) {
      add(result.districts, district.id, feature.count);
      for (const body of inBodies) add(result.overlaps, `${body.id}:${district.id}`, feature.count);
    }
    if (inDistricts.length) result.placed += feature.count;
    else result.unplaced += feature.count;
  }
  return result;
}
