import { createHash } from "node:crypto";
import { bodyTileTemplate } from "../../shared/model/body-tiles";
import { toDisplayGeometry } from "../../shared/geo/display-geometry";
import { interiorPoint } from "../../shared/geo/interior-point";
import { districtLabel, type Chamber } from "../../shared/model/district";
import type { Db } from "../db/connect";
import { findBodyGeometries, findBodySetVersion, findBoundarySources } from "../db/repositories/body-repository";
import { describeBoundaryCredit } from "../../shared/rules/boundary-credit";
import { findCurrentDistrictShapes, findDistrictSetVersion } from "../db/repositories/district-repository";

export interface GeometryPayload {
  /** Cache key of the row set it was built from. */
  setVersion: string;
  /** Strong validator: a hash of the bytes. */
  etag: string;
  json: string;
}

/** A payload from its features' JSON: the bytes, their ETag and the version they were built from. */
export function finish(setVersion: string, features: string[], attribution: string | null = null, members: Record<string, unknown> = {}): GeometryPayload {
  // `attribution` (and the index's `tiles`, `bodyCount`) are foreign members (RFC 7946 §6.1): the map's credit line for these shapes.
  const extra = Object.entries({ ...(attribution ? { attribution } : {}), ...members }).map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)},`);
  const json = `{"type":"FeatureCollection",${extra.join("")}"features":[${features.join(",")}]}`;
  const etag = `"${createHash("sha256").update(json).digest("base64url").slice(0, 27)}"`;
  return { setVersion, etag, json };
}

/**
 * The body payload in its two forms, built in one pass: every outline (`json`, the map's GeoJSON
 * mode) and the slim index (`index`: per body its name, kind, state, GEOID, box and label point,
 * no outline; the tile mode's companion, with the tile URL of this version).
 */
export interface BodyMapPayload extends GeometryPayload {
  index: GeometryPayload;
  /** Short hash of `setVersion`, the tiles' path segment. */
  tileVersion: string;
  bodyCount: number;
}

/** A body-set version as a URL path segment (12 characters of its SHA-256). */
export const tileVersionOf = (setVersion: string) => createHash("sha256").update(setVersion).digest("base64url").slice(0, 12);

const roundBBox = (box: [number, number, number, number]) => box.map((value, index) => (index < 2 ? Math.floor(value * 1e4) / 1e4 : Math.ceil(value * 1e4) / 1e4));

/**
 * The map's body geometry payload: every body as a feature whose id is the body id, simplified
 * and quantised for display, with the few properties search, labels and the campaign's scope
 * need (name, kind, state, GEOID, parent id when it has one) and a bbox to fly to. Stages travel separately (`resolution.stages`), so a
 * stage change never re-sends shapes.
 */
export async function buildGeometryPayload(db: Db): Promise<BodyMapPayload> {
  const setVersion = await findBodySetVersion(db);
  const rows = await findBodyGeometries(db);
  const features: string[] = [];
  const index: string[] = [];
  for (const row of rows) {
    const properties = { name: row.name, kind: row.kind, state: row.state, geoid: row.geoid, ...(row.parentId !== null ? { parentId: row.parentId } : {}) };
    const feature = displayFeature(row.id, row.geometry, properties, [row.minLon, row.minLat, row.maxLon, row.maxLat]);
    features.push(JSON.stringify(feature));
    index.push(JSON.stringify(indexFeature(feature)));
    // A national layer takes seconds to simplify: let other requests (and /health) through meanwhile.
    if (features.length % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  const attribution = describeBoundaryCredit((await findBoundarySources(db)).map((row) => row.boundarySource));
  const tileVersion = tileVersionOf(setVersion);
  return {
    ...finish(setVersion, features, attribution),
    index: finish(setVersion, index, attribution, { tiles: bodyTileTemplate(tileVersion), bodyCount: rows.length }),
    tileVersion,
    bodyCount: rows.length,
  };
}

/**
 * A body of the slim index: its outline replaced by one point (where its name goes, or the body's
 * own point), keeping id, box, label and properties, so search, legend, labels and fly-to work
 * without the shapes.
 */
function indexFeature(feature: DisplayFeature): DisplayFeature {
  const point: GeoJSON.Point = feature.geometry.type === "Point" ? feature.geometry : { type: "Point", coordinates: feature.label ?? [0, 0] };
  return { ...feature, geometry: point };
}

/** Features simplified between two turns of the event loop (about 20–50 ms of work). */
const YIELD_EVERY = 250;

/** Outlines of the current districts (id = district id), for the toggleable chamber layers. */
export async function buildDistrictPayload(db: Db): Promise<GeometryPayload> {
  return finish(
    await findDistrictSetVersion(db),
    (await findCurrentDistrictShapes(db)).map((row) => {
      const district = { chamber: row.chamber as Chamber, state: row.state, name: row.name };
      return JSON.stringify(displayFeature(row.id, row.geometry, { ...district, label: districtLabel(district) }));
    }),
  );
}

interface DisplayFeature {
  type: "Feature";
  id: number;
  bbox?: number[];
  label?: number[];
  properties: Record<string, unknown>;
  geometry: GeoJSON.Geometry;
}

/**
 * One feature of a payload: stored geometry simplified for display, an optional rounded bbox and,
 * for bodies, `label`: where the map writes its name (a point inside its largest part, rounded
 * like the shape), so no browser walks every outline to place the names.
 */
function displayFeature(id: number, geometry: string, properties: Record<string, unknown>, bbox?: [number, number, number, number]): DisplayFeature {
  const display = toDisplayGeometry(JSON.parse(geometry));
  const label = bbox && display.type !== "Point" ? { label: interiorPoint(display).map((value) => Math.round(value * 1e5) / 1e5) } : {};
  return { type: "Feature", id, ...(bbox ? { bbox: roundBBox(bbox) } : {}), ...label, properties, geometry: display };
}

/** Remembers the last payload and rebuilds it only when its rows changed. */
export function createPayloadCache<P extends GeometryPayload>(db: Db, version: (db: Db) => Promise<string>, build: (db: Db) => Promise<P>): () => Promise<P> {
  let cached: P | null = null;
  let building: Promise<P> | null = null;
  return async function currentPayload(): Promise<P> {
    const current = await version(db);
    if (cached?.setVersion === current) return cached;
    building ??= build(db).finally(() => {
      building = null;
    });
    cached = await building;
    return cached;
  };
}

export const createGeometryPayloadCache = (db: Db): (() => Promise<BodyMapPayload>) => createPayloadCache(db, findBodySetVersion, buildGeometryPayload);
export const createDistrictPayloadCache = (db: Db) => createPayloadCache(db, findDistrictSetVersion, buildDistrictPayload);
