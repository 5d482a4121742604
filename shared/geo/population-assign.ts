import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import { pointOnFeature } from "@turf/point-on-feature";
import Flatbush from "flatbush";
import { intersection as polyclipIntersection } from "polyclip-ts";
import { geometryBBox } from "./bbox";
import { geometryIntersectionArea, prepareGeometry, type PreparedGeometry } from "./prepared-geometry";
import { pointInPrepared, searchChunks } from "./prepared-polygon";

/**
 * Population counts placed into bodies, districts and their overlaps. Two rules:
 *
 * - **point** (points always, polygons when asked): each count lies at one point (a point
 *   feature's own; for a polygon the Census internal point the caller passes, or a point on its
 *   surface) and goes whole to the body and the district holding that point, the way the Census
 *   places blocks.
 * - **area** (polygons, the default): a count is shared out by area within its own polygon: a
 *   precinct or block group cut by a town line gives each side the share of its area on that
 *   side. A polygon wholly inside a body and a district (most of them) goes there whole.
 *
 * Either way every count is placed at most once per layer and a district's people are the sum
 * of the counts inside it. Counts outside every district stay out of every district; counts in
 * no body still count for their district.
 */

export type PlacementRule = "area" | "point";

export interface CountedFeature {
  geometry: GeoJSON.Geometry;
  count: number;
  /** Where a polygon's count lies under the point rule (the Census internal point); default a point on its surface. */
  point?: [number, number] | undefined;
}

export interface Area {
  id: number;
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  /** Nested bodies (wards in a city) are placed too, but only top-level bodies sum to a district. */
  parentId?: number | null;
  /** Districts: their plan (a chamber, or a chamber and vintage). A count is placed once per plan, and "placed" when it lies in some district of any one plan. */
  chamber?: string;
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

/**
 * The areas holding a point. A point on the line between two neighbours is on both: per layer
 * (a chamber's districts; top-level or nested bodies) it goes to the one holding it strictly
 * inside, else to the first, so it is never counted twice.
 */
function holdingOnce(point: [number, number], candidates: readonly Area[]): Area[] {
  const holding = candidates.filter((area) => booleanPointInPolygon(point, area.geometry));
  if (holding.length <= 1) return holding;
  const layers = new Map<string, Area[]>();
  for (const area of holding) {
    const layer = `${area.chamber ?? ""}|${area.parentId == null ? "top" : "nested"}`;
    layers.set(layer, [...(layers.get(layer) ?? []), area]);
  }
  return [...layers.values()].flatMap((layer) => {
    const strictly = layer.filter((area) => booleanPointInPolygon(point, area.geometry, { ignoreBoundary: true }));
    return strictly.length > 0 ? strictly : [layer[0]!];
  });
}

/** A spatial index of areas by bounding box: which areas hold a point, which boxes meet a box. */
function areaIndex(areas: readonly Area[]) {
  const index = areas.length === 0 ? null : new Flatbush(areas.length);
  for (const area of areas) index!.add(...geometryBBox(area.geometry));
  index?.finish();
  const prepared = new Map<number, PreparedGeometry>();
  return {
    at: (point: [number, number]) =>
      index
        ? holdingOnce(
            point,
            index.search(point[0], point[1], point[0], point[1]).map((i) => areas[i]!),
          )
        : [],
    meeting: (box: [number, number, number, number]) => (index ? index.search(...box).map((i) => areas[i]!) : []),
    /** Prepared once, on first use: most areas never meet a polygon that straddles them. */
    prepared(area: Area): PreparedGeometry {
      let found = prepared.get(area.id);
      if (!found) prepared.set(area.id, (found = prepareGeometry(area.geometry)));
      return found;
    },
  };
}
type AreaIndex = ReturnType<typeof areaIndex>;

/**
 * The share of the polygon inside each area whose box meets its box. When no edge of an area
 * comes near the polygon's box, the polygon is wholly in or wholly out of it (one point test,
 * the common case); otherwise the overlap engine measures the intersection.
 */
function sharesOf(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon, box: [number, number, number, number], index: AreaIndex, polygon: () => PreparedGeometry): Map<Area, number> {
  const shares = new Map<Area, number>();
  const [x, y] = (geometry.type === "Polygon" ? geometry.coordinates[0]![0]! : geometry.coordinates[0]![0]![0]!) as [number, number];
  for (const area of index.meeting(box)) {
    const prepared = index.prepared(area);
    const crossed = prepared.layers.some((layer) => searchChunks(layer, ...box).length > 0);
    let share: number;
    if (!crossed) share = prepared.layers.some((layer) => pointInPrepared(layer, x, y, -1)) ? 1 : 0;
    else {
      const whole = polygon();
      share = whole.area > 0 ? Math.min(1, geometryIntersectionArea(whole, prepared) / whole.area) : 0;
    }
    if (share > 0) shares.set(area, share);
  }
  return shares;
}

/** The share of the polygon inside both a body and a district it is split by. */
function tripleShare(polygon: PreparedGeometry, body: PreparedGeometry, district: PreparedGeometry): number {
  const left = polygon.layers.flatMap((layer) => layer.polygons) as [number, number][][][];
  const right = district.layers.flatMap((layer) => layer.polygons) as [number, number][][][];
  const inDistrict = polyclipIntersection(left, right);
  if (inDistrict.length === 0 || polygon.area <= 0) return 0;
  return Math.min(1, geometryIntersectionArea(prepareGeometry({ type: "MultiPolygon", coordinates: inDistrict }), body) / polygon.area);
}

const WHOLE = 1 - 1e-9;

/** A polygon's shares (of its area, only those above 0) in bodies, districts and overlaps: the area rule. */
function areaShares(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon, bodyIndex: AreaIndex, districtIndex: AreaIndex) {
  const box = geometryBBox(geometry);
  // Prepared only when some area's boundary crosses the polygon's box.
  let prepared: PreparedGeometry | undefined;
  const polygon = () => (prepared ??= prepareGeometry(geometry));
  const bodies = sharesOf(geometry, box, bodyIndex, polygon);
  const districts = sharesOf(geometry, box, districtIndex, polygon);
  const overlaps = new Map<string, number>();
  for (const [body, bodyShare] of bodies) {
    for (const [district, districtShare] of districts) {
      // Wholly in one of the two: the part in both is the part in the other.
      const share = bodyShare >= WHOLE ? districtShare : districtShare >= WHOLE ? bodyShare : tripleShare(polygon(), bodyIndex.prepared(body), districtIndex.prepared(district));
      if (share > 0) overlaps.set(`${body.id}:${district.id}`, share);
    }
  }
  return { bodies, districts, overlaps };
}

/** The share of a count placed in some district: the most any one plan's districts hold. */
function placedShare(districts: Map<Area, number>): number {
  const byChamber = new Map<string, number>();
  for (const [district, share] of districts) byChamber.set(district.chamber ?? "", (byChamber.get(district.chamber ?? "") ?? 0) + share);
  return Math.min(1, Math.max(0, ...byChamber.values()));
}

export function placePopulation(
  features: Iterable<CountedFeature>,
  { bodies, districts }: { bodies: readonly Area[]; districts: readonly Area[] },
  { rule = "area" }: { rule?: PlacementRule } = {},
): PopulationPlacement {
  const bodyIndex = areaIndex(bodies);
  const districtIndex = areaIndex(districts);
  const result: PopulationPlacement = { overlaps: new Map(), districts: new Map(), bodies: new Map(), placed: 0, unplaced: 0 };
  const add = <K>(map: Map<K, number>, key: K, count: number) => map.set(key, (map.get(key) ?? 0) + count);
  for (const feature of features) {
    if (feature.count === 0) continue;
    const { geometry, count } = feature;
    if (rule === "area" && (geometry.type === "Polygon" || geometry.type === "MultiPolygon")) {
      const split = areaShares(geometry, bodyIndex, districtIndex);
      for (const [body, share] of split.bodies) add(result.bodies, body.id, count * share);
      for (const [district, share] of split.districts) add(result.districts, district.id, count * share);
      for (const [key, share] of split.overlaps) add(result.overlaps, key, count * share);
      const placed = count * placedShare(split.districts);
      result.placed += placed;
      result.unplaced += count - placed;
      continue;
    }
    const point = feature.point ?? countPoint(geometry);
    if (!point) continue;
    const inBodies = bodyIndex.at(point);
    const inDistricts = districtIndex.at(point);
    for (const body of inBodies) add(result.bodies, body.id, count);
    for (const district of inDistricts) {
      add(result.districts, district.id, count);
      for (const body of inBodies) add(result.overlaps, `${body.id}:${district.id}`, count);
    }
    if (inDistricts.length) result.placed += count;
    else result.unplaced += count;
  }
  return result;
}
