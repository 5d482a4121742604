import { createHash } from "node:crypto";
import { toDisplayGeometry } from "../../shared/geo/display-geometry";
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
export function finish(setVersion: string, features: string[], attribution: string | null = null): GeometryPayload {
  // `attribution` is a foreign member (RFC 7946 §6.1): the map's credit line for these shapes.
  const json = `{"type":"FeatureCollection",${attribution ? `"attribution":${JSON.stringify(attribution)},` : ""}"features":[${features.join(",")}]}`;
  const etag = `"${createHash("sha256").update(json).digest("base64url").slice(0, 27)}"`;
  return { setVersion, etag, json };
}

const roundBBox = (box: [number, number, number, number]) =>
  box.map((value, index) => (index < 2 ? Math.floor(value * 1e4) / 1e4 : Math.ceil(value * 1e4) / 1e4));

/**
 * The map's body geometry payload: every body as a feature whose id is the body id, simplified
 * and quantised for display, with the few properties search, labels and the campaign's scope
 * need (name, kind, state, GEOID, parent id when it has one) and a bbox to fly to. Stages travel separately (`resolution.stages`), so a
 * stage change never re-sends shapes.
 */
export async function buildGeometryPayload(db: Db): Promise<GeometryPayload> {
  return finish(
    await findBodySetVersion(db),
    (await findBodyGeometries(db)).map((row) =>
      featureJson(
        row.id,
        row.geometry,
        { name: row.name, kind: row.kind, state: row.state, geoid: row.geoid, ...(row.parentId !== null ? { parentId: row.parentId } : {}) },
        [row.minLon, row.minLat, row.maxLon, row.maxLat],
      ),
    ),
    describeBoundaryCredit((await findBoundarySources(db)).map((row) => row.boundarySource)),
  );
}

/** Outlines of the current districts (id = district id), for the toggleable chamber layers. */
export async function buildDistrictPayload(db: Db): Promise<GeometryPayload> {
  return finish(
    await findDistrictSetVersion(db),
    (await findCurrentDistrictShapes(db)).map((row) => {
      const district = { chamber: row.chamber as Chamber, state: row.state, name: row.name };
      return featureJson(row.id, row.geometry, { ...district, label: districtLabel(district) });
    }),
  );
}

/** One feature of a payload: stored geometry simplified for display, an optional rounded bbox. */
function featureJson(id: number, geometry: string, properties: Record<string, unknown>, bbox?: [number, number, number, number]): string {
  return JSON.stringify({ type: "Feature", id, ...(bbox ? { bbox: roundBBox(bbox) } : {}), properties, geometry: toDisplayGeometry(JSON.parse(geometry)) });
}

/** Remembers the last payload and rebuilds it only when its rows changed. */
export function createPayloadCache(
  db: Db,
  version: (db: Db) => Promise<string>,
  build: (db: Db) => Promise<GeometryPayload>,
): () => Promise<GeometryPayload> {
  let cached: GeometryPayload | null = null;
  let building: Promise<GeometryPayload> | null = null;
  return async function currentPayload(): Promise<GeometryPayload> {
    const current = await version(db);
    if (cached?.setVersion === current) return cached;
    building ??= build(db).finally(() => {
      building = null;
    });
    cached = await building;
    return cached;
  };
}

export const createGeometryPayloadCache = (db: Db) => createPayloadCache(db, findBodySetVersion, buildGeometryPayload);
export const createDistrictPayloadCache = (db: Db) => createPayloadCache(db, findDistrictSetVersion, buildDistrictPayload);
