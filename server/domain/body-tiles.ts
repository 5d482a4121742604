import { gzipSync } from "node:zlib";
import { GeoJSONVT, type GeoJSONVTTile } from "@maplibre/geojson-vt";
import { fromGeojsonVt } from "@maplibre/vt-pbf";
import { LRUCache } from "lru-cache";
import { BODY_TILE_LAYER, BODY_TILE_MAX_ZOOM, isBodyTile } from "../../shared/model/body-tiles";

/** One encoded tile: the protobuf bytes and the same gzipped (what browsers ask for). */
export interface EncodedTile {
  pbf: Uint8Array;
  gzip: Buffer;
}

/** The tile index of one body-set version: cuts tiles on demand and keeps the last ones asked for. */
export interface BodyTileSet {
  version: string;
  /** The tile at z/x/y (an empty layer where no body reaches), or null when z/x/y is not a tile the server cuts. */
  tile(z: number, x: number, y: number): EncodedTile | null;
}

/** Tiles kept encoded per version (LRU), by count and by bytes. */
export const TILE_CACHE_LIMITS = { max: 4096, maxBytes: 64 * 1024 * 1024 };

/**
 * Slice the map payload's display outlines into vector tiles (geojson-vt, as MapLibre itself does
 * in its worker for GeoJSON). Each tile feature carries the body id as its feature id and no
 * properties: the stage colour is feature-state, and names, kinds and boxes travel in the slim
 * index, so a tile holds nothing the outline payload did not already make public.
 */
export function createBodyTileSet(version: string, outlines: GeoJSON.FeatureCollection, limits = TILE_CACHE_LIMITS): BodyTileSet {
  const bare: GeoJSON.FeatureCollection = {
    type: "FeatureCollection",
    features: outlines.features.flatMap((feature) =>
      typeof feature.id === "number" && feature.geometry ? [{ type: "Feature" as const, id: feature.id, properties: {}, geometry: feature.geometry }] : [],
    ),
  };
  const index = new GeoJSONVT(bare, { maxZoom: BODY_TILE_MAX_ZOOM, indexMaxZoom: 5, tolerance: 3, extent: 4096, buffer: 64 });
  const cache = new LRUCache<string, EncodedTile>({ max: limits.max, maxSize: limits.maxBytes, sizeCalculation: (tile) => tile.pbf.byteLength + tile.gzip.byteLength });
  return {
    version,
    tile(z, x, y) {
      if (!isBodyTile(z, x, y)) return null;
      const key = `${z}/${x}/${y}`;
      let encoded = cache.get(key);
      if (!encoded) {
        // Where no body reaches, an empty layer (MapLibre reads it as "nothing here", not as an error).
        const tile = index.getTile(z, x, y) ?? ({ features: [] } as unknown as GeoJSONVTTile);
        const pbf = fromGeojsonVt({ [BODY_TILE_LAYER]: tile }, { version: 2, extent: 4096 });
        encoded = { pbf, gzip: gzipSync(pbf) };
        cache.set(key, encoded);
      }
      return encoded;
    },
  };
}
