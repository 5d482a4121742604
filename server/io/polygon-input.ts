import { InputError } from "../errors";
import type { SourceCrs } from "./boundary-types";
import { plural } from "./wording";

/**
 * Untrusted geometry → fresh arrays of polygons ([x, y] only, Z and M dropped), with every
 * coordinate checked to be a finite number and then, after reprojection, a real lon/lat.
 * Non-polygon geometries are not errors: they come back as a reason to skip the feature.
 */

type Position = GeoJSON.Position;
type PolygonRings = Position[][];

export type PolygonInput = { polygons: PolygonRings[]; vertices: number; notes: string[] } | { skip: string };

export function readPolygons(geometry: unknown, index: number, maxVertices: number): PolygonInput {
  if (geometry === null || geometry === undefined) return { skip: "no geometry" };
  if (typeof geometry !== "object" || typeof (geometry as { type?: unknown }).type !== "string") {
    throw new InputError(`feature #${index + 1}: geometry has no "type"`);
  }
  const counter = { vertices: 0, index, maxVertices };
  const { type, coordinates, geometries } = geometry as { type: string; coordinates?: unknown; geometries?: unknown };
  switch (type) {
    case "Polygon":
      return { polygons: [readPolygon(coordinates, counter)], vertices: counter.vertices, notes: [] };
    case "MultiPolygon":
      return { polygons: asArray(coordinates, counter, "MultiPolygon").map((polygon) => readPolygon(polygon, counter)), vertices: counter.vertices, notes: [] };
    case "GeometryCollection":
      return readCollection(geometries, counter);
    case "Point":
    case "MultiPoint":
    case "LineString":
    case "MultiLineString":
      return { skip: `${type} feature in a polygon layer` };
    default:
      return { skip: `unknown geometry type "${type.slice(0, 40)}"` };
  }
}

/**
 * A Point or MultiPoint geometry → fresh [x, y] positions (Z and M dropped), each coordinate
 * checked to be a finite number; null for any other geometry (read those as polygons).
 */
export function readPoints(geometry: unknown, index: number): Position[] | null {
  const { type, coordinates } = (geometry ?? {}) as { type?: unknown; coordinates?: unknown };
  if (type !== "Point" && type !== "MultiPoint") return null;
  const positions = type === "Point" ? [coordinates] : Array.isArray(coordinates) ? coordinates : [];
  if (type === "MultiPoint" && !Array.isArray(coordinates)) throw new InputError(`feature #${index + 1}: MultiPoint coordinates are not an array`);
  return positions.map((position) => {
    const [x, y] = Array.isArray(position) ? (position as unknown[]) : [];
    if (typeof x !== "number" || typeof y !== "number" || !Number.isFinite(x) || !Number.isFinite(y)) {
      throw new InputError(`feature #${index + 1}: a point's coordinates are not two finite numbers`);
    }
    return [x, y];
  });
}

interface Counter {
  vertices: number;
  index: number;
  maxVertices: number;
}

function readCollection(geometries: unknown, counter: Counter): PolygonInput {
  const members = asArray(geometries, counter, "GeometryCollection");
  const polygons: PolygonRings[] = [];
  let others = 0;
  for (const member of members) {
    const type = (member as { type?: unknown } | null)?.type;
    const coordinates = (member as { coordinates?: unknown } | null)?.coordinates;
    if (type === "Polygon") polygons.push(readPolygon(coordinates, counter));
    else if (type === "MultiPolygon") polygons.push(...asArray(coordinates, counter, "MultiPolygon").map((polygon) => readPolygon(polygon, counter)));
    else others += 1;
  }
  if (polygons.length === 0) return { skip: "GeometryCollection without polygons" };
  const notes = others ? [`dropped ${plural(others, "non-polygon member")} of a GeometryCollection`] : [];
  return { polygons, vertices: counter.vertices, notes };
}

function readPolygon(value: unknown, counter: Counter): PolygonRings {
  return asArray(value, counter, "Polygon").map((ring) => asArray(ring, counter, "ring").map((position) => readPosition(position, counter)));
}

function readPosition(value: unknown, counter: Counter): Position {
  if (!Array.isArray(value) || value.length < 2) {
    throw new InputError(`feature #${counter.index + 1}: malformed coordinates (expected [lon, lat], found ${describe(value)})`);
  }
  const [x, y] = value as unknown[];
  if (typeof x !== "number" || typeof y !== "number") {
    throw new InputError(`feature #${counter.index + 1}: coordinate is not a number (found ${describe(typeof x === "number" ? y : x)})`);
  }
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    throw new InputError(`feature #${counter.index + 1}: coordinate [${x}, ${y}] is not a finite number (NaN or Infinity)`);
  }
  counter.vertices += 1;
  if (counter.vertices > counter.maxVertices) {
    throw new InputError(`feature #${counter.index + 1} has more than ${counter.maxVertices.toLocaleString("en-US")} vertices (the cap per feature); simplify it first`);
  }
  return [x, y];
}

function asArray(value: unknown, counter: Counter, what: string): unknown[] {
  if (!Array.isArray(value)) throw new InputError(`feature #${counter.index + 1}: malformed ${what} coordinates (expected an array, found ${describe(value)})`);
  return value;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value);
  return typeof value;
}

/** Reprojects in place (the arrays are our own copies) and checks every result is a lon/lat. */
export function toLonLat(polygons: PolygonRings[], crs: SourceCrs, index: number, crsIsAssumed: boolean): void {
  const { toWgs84 } = crs;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const position of ring) {
        const [x, y] = position as [number, number];
        if (toWgs84) {
          const [lon, lat] = toWgs84(x, y);
          if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
            throw new InputError(`feature #${index + 1}: reprojecting [${x}, ${y}] from ${crs.name} gave no finite lon/lat; is the CRS right?`);
          }
          position[0] = lon;
          position[1] = lat;
        }
        checkLonLat(position as [number, number], { x, y }, index, crs, crsIsAssumed);
      }
    }
  }
}

const EPSILON = 1e-9;

function checkLonLat([lon, lat]: [number, number], source: { x: number; y: number }, index: number, crs: SourceCrs, crsIsAssumed: boolean): void {
  if (Math.abs(lon) <= 180 + EPSILON && Math.abs(lat) <= 90 + EPSILON) return;
  const at = `feature #${index + 1}: coordinate [${round(lon)}, ${round(lat)}]`;
  if (crs.toWgs84) {
    throw new InputError(`${at} is out of lon/lat range after reprojecting [${round(source.x)}, ${round(source.y)}] from ${crs.name}; is the CRS right?`);
  }
  if (Math.abs(lon) > 360 || Math.abs(lat) > 360) {
    const fix = crsIsAssumed ? "the shapefile has no .prj; add it" : "name its CRS (a .prj, or the crs option)";
    throw new InputError(`${at} is not lon/lat: the data looks projected but ${fix}`);
  }
  if (Math.abs(lat) > 90 && Math.abs(lat) <= 180 && Math.abs(lon) <= 90) {
    throw new InputError(`${at} has latitude ${round(lat)}: looks like lat/lon swapped (GeoJSON order is [lon, lat])`);
  }
  throw new InputError(`${at} is out of range (longitude -180..180, latitude -90..90)`);
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
