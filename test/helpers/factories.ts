import { geometryBBox } from "../../shared/geo/bbox";
import type { BodyKind } from "../../shared/model/body";
import type { Campaign } from "../../shared/model/campaign";
import type { StageScheme } from "../../shared/model/stage";
import type { Db } from "../../server/db/connect";
import { insertBodies } from "../../server/db/repositories/body-repository";
import { createCampaign } from "../../server/domain/campaigns";

/**
 * Small builders for integration tests. They go through the same domain and repository
 * functions the app uses, so a factory never writes a row the app could not write itself.
 * Names and GEOIDs are unique per process, so tests sharing one database never collide.
 */

let sequence = 0;
const nextSerial = () => ++sequence;

export async function makeCampaign(db: Db, overrides: { name?: string; bill?: string | null; isDemo?: boolean; stageScheme?: StageScheme } = {}): Promise<Campaign> {
  return createCampaign(db, { name: overrides.name ?? `Test campaign ${nextSerial()}`, ...overrides });
}

export interface MadeBody {
  id: number;
  name: string;
  kind: BodyKind;
  state: string | null;
  geoid: string | null;
  geometry: GeoJSON.Polygon;
}

/** A square of `size` degrees whose south-west corner is at `origin` (RFC 7946 ring order). */
export function squarePolygon([west, south]: [number, number], size = 0.05): GeoJSON.Polygon {
  return rectanglePolygon(west, south, west + size, south + size);
}

/** A lon/lat rectangle (RFC 7946 ring order). */
export function rectanglePolygon(west: number, south: number, east: number, north: number): GeoJSON.Polygon {
  return {
    type: "Polygon",
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
}

export async function makeBody(
  db: Db,
  overrides: {
    name?: string;
    kind?: BodyKind;
    state?: string | null;
    geoid?: string | null;
    geometry?: GeoJSON.Polygon;
    updatedAt?: string;
    parentId?: number | null;
  } = {},
): Promise<MadeBody> {
  const serial = nextSerial();
  // Spread the squares over a grid in Rhode Island so each body has its own place on the map.
  const origin: [number, number] = [-71.9 + (serial % 20) * 0.06, 41.2 + Math.floor(serial / 20) * 0.06];
  const body = {
    name: overrides.name ?? `Test town ${serial}`,
    kind: overrides.kind ?? ("city_council" as const),
    state: overrides.state === undefined ? "RI" : overrides.state,
    geoid: overrides.geoid === undefined ? String(4400000000 + serial) : overrides.geoid,
    geometry: overrides.geometry ?? squarePolygon(origin),
  };
  const [minLon, minLat, maxLon, maxLat] = geometryBBox(body.geometry);
  const stamp = overrides.updatedAt ?? new Date().toISOString();
  const [id] = await insertBodies(db, [
    {
      name: body.name,
      kind: body.kind,
      state: body.state,
      geoid: body.geoid,
      ocdDivisionId: null,
      parentId: overrides.parentId ?? null,
      geometry: JSON.stringify(body.geometry),
      minLon,
      minLat,
      maxLon,
      maxLat,
      createdAt: stamp,
      updatedAt: stamp,
    },
  ]);
  if (id === undefined) throw new Error("insertBodies returned no id");
  return { id, ...body };
}
