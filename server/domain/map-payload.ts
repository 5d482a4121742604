import { createHash } from "node:crypto";
import { toDisplayGeometry } from "../../shared/geo/display-geometry";
import type { Db } from "../db/connect";
import { findBodyGeometries, findBodySetVersion } from "../db/repositories/body-repository";

export interface GeometryPayload {
  /** Cache key of the body set it was built from. */
  bodySetVersion: string;
  /** Strong validator: a hash of the bytes. */
  etag: string;
  json: string;
}

/**
 * The map's one geometry payload: every body as a feature whose id is the body id, simplified
 * and quantised for display, with the few properties search and labels need (name, kind,
 * state, GEOID) and a bbox to fly to. Stages travel separately
 * (`body.list`), so a stage change never re-sends shapes.
 */
export async function buildGeometryPayload(db: Db): Promise<GeometryPayload> {
  const bodySetVersion = await findBodySetVersion(db);
  const rows = await findBodyGeometries(db);
  const parts: string[] = [];
  for (const row of rows) {
    const geometry = toDisplayGeometry(JSON.parse(row.geometry));
    const properties = { name: row.name, kind: row.kind, state: row.state, geoid: row.geoid };
    const bbox = [row.minLon, row.minLat, row.maxLon, row.maxLat].map((value, index) =>
      index < 2 ? Math.floor(value * 1e4) / 1e4 : Math.ceil(value * 1e4) / 1e4,
    );
    parts.push(JSON.stringify({ type: "Feature", id: row.id, bbox, properties, geometry }));
  }
  const json = `{"type":"FeatureCollection","features":[${parts.join(",")}]}`;
  const etag = `"${createHash("sha256").update(json).digest("base64url").slice(0, 27)}"`;
  return { bodySetVersion, etag, json };
}

/** Remembers the last payload and rebuilds it only when the body set changed. */
export function createGeometryPayloadCache(db: Db) {
  let cached: GeometryPayload | null = null;
  let building: Promise<GeometryPayload> | null = null;
  return async function currentPayload(): Promise<GeometryPayload> {
    const version = await findBodySetVersion(db);
    if (cached?.bodySetVersion === version) return cached;
    building ??= buildGeometryPayload(db).finally(() => {
      building = null;
    });
    cached = await building;
    return cached;
  };
}
