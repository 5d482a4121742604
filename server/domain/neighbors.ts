import { booleanIntersects } from "@turf/boolean-intersects";
import { pointToPolygonDistance } from "@turf/point-to-polygon-distance";
import { toDisplayGeometry } from "../../shared/geo/display-geometry";
import { forEachPosition } from "../../shared/geo/bbox";
import type { Db } from "../db/connect";
import { findBodiesInBox, findBodyGeometry } from "../db/repositories/body-repository";
import { InputError, NotFoundError } from "../errors";

export interface Neighbor {
  bodyId: number;
  name: string;
  kind: string;
  state: string | null;
  /** 0 when the bodies touch or overlap. */
  distanceKm: number;
}

type Shape = GeoJSON.Polygon | GeoJSON.MultiPolygon | GeoJSON.Point;

/** Smallest distance from any vertex of `a` to the area of `b`, and vice versa, in km. */
function shapeDistanceKm(a: Shape, b: Shape): number {
  if (booleanIntersects(a, b)) return 0;
  let best = Infinity;
  const measure = (from: Shape, to: Shape) => {
    if (to.type === "Point") return;
    forEachPosition(from, (position) => {
      const distance = pointToPolygonDistance(position as [number, number], to, { units: "kilometers" });
      if (distance < best) best = distance;
    });
  };
  measure(a, b);
  measure(b, a);
  if (a.type === "Point" && b.type === "Point") return Infinity;
  return Math.max(0, best);
}

/**
 * Bodies that touch `bodyId` or lie within `withinKm` of it, nearest first. A bounding-box query
 * finds candidates; simplified shapes (about 50 m) decide, which is plenty for "nearby allies".
 */
export async function findNeighbors(db: Db, { bodyId, withinKm = 0, limit = 50 }: { bodyId: number; withinKm?: number; limit?: number }): Promise<Neighbor[]> {
  const body = await findBodyGeometry(db, bodyId);
  if (!body) throw new NotFoundError(`No body with id ${bodyId}`);
  return (await findBodiesNearShape(db, body, { withinKm, exclude: new Set([bodyId]) })).slice(0, limit);
}

/** Bodies touching `shape` (a body's or a district's stored geometry and box) or within `withinKm` of it, nearest first. */
export async function findBodiesNearShape(
  db: Db,
  shape: { geometry: string; minLon: number; minLat: number; maxLon: number; maxLat: number },
  { withinKm = 0, exclude = new Set<number>() }: { withinKm?: number; exclude?: ReadonlySet<number> },
): Promise<Neighbor[]> {
  if (!(withinKm >= 0 && withinKm <= 200)) throw new InputError("withinKm must be between 0 and 200");
  const latitude = Math.max(Math.abs(shape.minLat), Math.abs(shape.maxLat));
  const padLat = withinKm / 111 + 0.001;
  const padLon = withinKm / (111 * Math.max(0.05, Math.cos((latitude * Math.PI) / 180))) + 0.001;
  const candidates = await findBodiesInBox(db, [shape.minLon - padLon, shape.minLat - padLat, shape.maxLon + padLon, shape.maxLat + padLat]);
  const outline = toDisplayGeometry(JSON.parse(shape.geometry) as Shape);
  const neighbors: Neighbor[] = [];
  for (const candidate of candidates) {
    if (exclude.has(candidate.id)) continue;
    const distanceKm = shapeDistanceKm(outline, toDisplayGeometry(JSON.parse(candidate.geometry) as Shape));
    if (distanceKm <= withinKm) {
      neighbors.push({ bodyId: candidate.id, name: candidate.name, kind: candidate.kind, state: candidate.state, distanceKm: Number(distanceKm.toFixed(3)) });
    }
  }
  return neighbors.sort((a, b) => a.distanceKm - b.distanceKm || a.name.localeCompare(b.name));
}
