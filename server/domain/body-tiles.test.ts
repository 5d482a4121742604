import { gunzipSync } from "node:zlib";
import { VectorTile } from "@mapbox/vector-tile";
import { PbfReader } from "pbf";
import { describe, expect, it } from "vitest";
import { BODY_TILE_LAYER, BODY_TILE_MAX_ZOOM } from "../../shared/model/body-tiles";
import { createBodyTileSet } from "./body-tiles";

const square = (id: number, west: number, south: number, size: number, properties: Record<string, unknown>): GeoJSON.Feature => ({
  type: "Feature",
  id,
  properties,
  geometry: {
    type: "Polygon",
    coordinates: [
      [
        [west, south],
        [west + size, south],
        [west + size, south + size],
        [west, south + size],
        [west, south],
      ],
    ],
  },
});

// Two towns in Rhode Island side by side, one in Germany; properties a tile must not carry.
const outlines: GeoJSON.FeatureCollection = {
  type: "FeatureCollection",
  features: [
    square(11, -71.5, 41.5, 0.1, { name: "Warwick", note: "PRIVATE-NOTE-7f3" }),
    square(12, -71.4, 41.5, 0.1, { name: "Cranston", kind: "city_council" }),
    square(40, 10, 50, 1, { name: "Somewhere", geoid: "0000" }),
  ],
};

/** The tile holding a point at zoom z (Web Mercator, as MapLibre asks for tiles). */
function tileOf(lon: number, lat: number, z: number): [number, number, number] {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return [z, Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)];
}

function decode(bytes: Uint8Array) {
  const layer = new VectorTile(new PbfReader(bytes)).layers[BODY_TILE_LAYER];
  const features = Array.from({ length: layer?.length ?? 0 }, (_, index) => layer!.feature(index));
  return { layer, ids: features.map((feature) => feature.id ?? -1).sort((a, b) => a - b), properties: features.map((feature) => feature.properties) };
}

describe("body tiles", () => {
  const set = createBodyTileSet("v1", outlines);

  it("cuts tiles whose features are the bodies, ids preserved and no properties", () => {
    const tile = set.tile(...tileOf(-71.45, 41.55, 6))!;
    const { layer, ids, properties } = decode(tile.pbf);
    expect(layer?.extent).toBe(4096);
    expect(ids).toEqual([11, 12]);
    expect(properties).toEqual([{}, {}]);
    const text = Buffer.from(tile.pbf).toString("latin1");
    for (const secret of ["PRIVATE-NOTE-7f3", "Warwick", "city_council", "0000"]) expect(text).not.toContain(secret);
  });

  it("puts in a tile exactly the bodies that reach into it", () => {
    // The world tile: the towns are smaller than one of its pixels and left out (as MapLibre's own GeoJSON tiling does).
    expect(decode(set.tile(0, 0, 0)!.pbf).ids).toEqual([40]);
    expect(decode(set.tile(...tileOf(-71.45, 41.55, 6))!.pbf).ids).toEqual([11, 12]);
    expect(decode(set.tile(...tileOf(10.5, 50.5, 6))!.pbf).ids).toEqual([40]);
    // At zoom 12 the two towns fall in different tiles (Warwick's west half, Cranston's east half).
    expect(decode(set.tile(...tileOf(-71.49, 41.55, 12))!.pbf).ids).toEqual([11]);
    expect(decode(set.tile(...tileOf(-71.31, 41.55, 12))!.pbf).ids).toEqual([12]);
  });

  it("answers an empty layer where no body reaches, and the same bytes gzipped", () => {
    const tile = set.tile(...tileOf(-150, -40, 5))!;
    expect(decode(tile.pbf).ids).toEqual([]);
    expect(gunzipSync(tile.gzip).equals(Buffer.from(tile.pbf))).toBe(true);
  });

  it("refuses what is not a tile: beyond the deepest zoom, outside the grid, fractions", () => {
    expect(set.tile(BODY_TILE_MAX_ZOOM + 1, 0, 0)).toBeNull();
    expect(set.tile(3, 8, 0)).toBeNull();
    expect(set.tile(3, 0, -1)).toBeNull();
    expect(set.tile(1.5, 0, 0)).toBeNull();
  });
});
