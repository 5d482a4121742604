/**
 * The bodies as vector tiles: what the server cuts and the map reads. A campaign with more bodies
 * than `DEFAULT_TILES_ABOVE` draws them from tiles (`/geo/bodies/<version>/{z}/{x}/{y}.pbf`) and
 * takes names, boxes and label points from the slim index instead of the whole outline payload.
 */

/** The one layer of every body tile. */
export const BODY_TILE_LAYER = "bodies";

/** Deepest zoom the server cuts; MapLibre over-zooms past it (the display geometry is simplified to about 50 m anyway). */
export const BODY_TILE_MAX_ZOOM = 12;

/** More bodies than this: tiles (GROUNDSWELL_MAP_TILES_ABOVE on the server, `?tiles=1` or `?tiles=0` on a page to force either way). */
export const DEFAULT_TILES_ABOVE = 10_000;

/** The tile URL template of one body-set version (the version in the path lets browsers keep tiles forever). */
export const bodyTileTemplate = (version: string) => `/geo/bodies/${version}/{z}/{x}/{y}.pbf`;

/** Whether `z/x/y` names a tile the server cuts: whole numbers, z from 0 to the deepest zoom, x and y inside the grid. */
export function isBodyTile(z: number, x: number, y: number): boolean {
  if (![z, x, y].every(Number.isInteger) || z < 0 || z > BODY_TILE_MAX_ZOOM) return false;
  const size = 2 ** z;
  return x >= 0 && x < size && y >= 0 && y < size;
}

/** The slim index's extra members (RFC 7946 foreign members of its FeatureCollection). */
export interface BodyIndexMembers {
  /** The tile URL template, relative to the server. */
  tiles: string;
  /** How many bodies the tiles hold (the index before any campaign scope). */
  bodyCount: number;
}

/** The slim index's members when `collection` is one (else null: a full outline payload). */
export function bodyIndexMembers(collection: object): BodyIndexMembers | null {
  const { tiles, bodyCount } = collection as Partial<BodyIndexMembers>;
  return typeof tiles === "string" && typeof bodyCount === "number" ? { tiles, bodyCount } : null;
}

/** Whether a request for the bodies gets the slim index and tiles: `tiles=1` or `tiles=0` decides, else the body count against the threshold. */
export function wantsBodyTiles(tiles: unknown, bodyCount: number, tilesAbove: number): boolean {
  if (tiles === "1") return true;
  if (tiles === "0") return false;
  return bodyCount > tilesAbove;
}
