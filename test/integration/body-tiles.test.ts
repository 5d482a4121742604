import { gunzipSync } from "node:zlib";
import { VectorTile } from "@mapbox/vector-tile";
import type { FastifyInstance } from "fastify";
import { PbfReader } from "pbf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_TILE_LAYER } from "../../shared/model/body-tiles";
import { buildServer } from "../../server/http/server";
import { makeBody, type MadeBody } from "../helpers/factories";
import { forEachEngine } from "../helpers/test-db";

type Index = GeoJSON.FeatureCollection<GeoJSON.Point> & { tiles?: string; bodyCount?: number; attribution?: string };

/** The tile holding a point at zoom z (Web Mercator). */
function tileOf([lon, lat]: number[], z: number): string {
  const n = 2 ** z;
  const rad = (lat! * Math.PI) / 180;
  return `${z}/${Math.floor(((lon! + 180) / 360) * n)}/${Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)}`;
}

const decodedIds = (bytes: Buffer) => {
  const layer = new VectorTile(new PbfReader(bytes)).layers[BODY_TILE_LAYER];
  const features = Array.from({ length: layer?.length ?? 0 }, (_, index) => layer!.feature(index));
  return { ids: features.map((feature) => feature.id ?? -1).sort((a, b) => a - b), properties: features.map((feature) => feature.properties) };
};

forEachEngine((getDatabase, engine) => {
  let app: FastifyInstance;
  let bodies: MadeBody[];

  beforeAll(async () => {
    const { db } = getDatabase();
    bodies = [await makeBody(db, { name: "Barrington" }), await makeBody(db, { name: "Jamestown" }), await makeBody(db, { name: "Lincoln" })];
    // Tiles past two bodies, so the small fixture is a "big campaign". Bodies are written unannounced: trust no cached answer.
    app = await buildServer({ db, engine, basemapStyleUrl: null, serveClient: false, publicCacheTtlMs: 0, mapTilesAbove: 2 });
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: "GET", url, headers });
  const index = async () => (await get("/geo/bodies.geojson")).json() as Index;
  const tileUrl = (template: string, zxy: string) => template.replace("{z}/{x}/{y}", zxy);

  describe(`${engine}: bodies as vector tiles`, () => {
    it("past the threshold, /geo/bodies.geojson is the slim index: the outline payload's ids, names and boxes, a point per body, the tile URL", async () => {
      const slim = await index();
      const outlines = (await get("/geo/bodies.geojson?tiles=0")).json() as GeoJSON.FeatureCollection<GeoJSON.Polygon> & { tiles?: string };
      expect(outlines.tiles).toBeUndefined();
      expect(outlines.features[0]!.geometry.type).toBe("Polygon");
      expect(slim.tiles).toMatch(/^\/geo\/bodies\/[A-Za-z0-9_-]{12}\/\{z\}\/\{x\}\/\{y\}\.pbf$/);
      expect(slim.bodyCount).toBe(bodies.length);
      expect(slim.features.map((feature) => feature.id)).toEqual(bodies.map((body) => body.id));
      for (const [position, feature] of slim.features.entries()) {
        const outline = outlines.features[position]! as GeoJSON.Feature & { label?: number[] };
        // Nothing the outline payload did not already hold: same properties, box and label point.
        expect(Object.keys(feature).sort()).toEqual(["bbox", "geometry", "id", "label", "properties", "type"]);
        expect(feature.properties).toEqual(outline.properties);
        expect(feature.bbox).toEqual(outline.bbox);
        expect(feature.geometry).toEqual({ type: "Point", coordinates: outline.label });
      }
      // `?tiles=1` forces the index below the threshold too (a page's `?tiles=1`), `?tiles=0` the outlines.
      expect(((await get("/geo/bodies.geojson?tiles=1")).json() as Index).tiles).toBe(slim.tiles);
    });

    it("serves a tile with the bodies it reaches, ids as feature ids, no properties, cached for a year and gzipped when asked", async () => {
      const slim = await index();
      const url = tileUrl(slim.tiles!, tileOf(slim.features[0]!.geometry.coordinates, 8));
      const plain = await get(url);
      expect(plain.statusCode).toBe(200);
      expect(plain.headers["content-type"]).toBe("application/vnd.mapbox-vector-tile");
      expect(plain.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(plain.headers.vary).toMatch(/Accept-Encoding/);
      const { ids, properties } = decodedIds(plain.rawPayload);
      expect(ids).toContain(bodies[0]!.id);
      expect(properties.every((entry) => Object.keys(entry).length === 0)).toBe(true);
      const compressed = await get(url, { "accept-encoding": "gzip" });
      expect(compressed.headers["content-encoding"]).toBe("gzip");
      expect(gunzipSync(compressed.rawPayload).equals(plain.rawPayload)).toBe(true);
      for (const name of bodies.map((body) => body.name)) expect(plain.rawPayload.toString("latin1")).not.toContain(name);
    });

    it("answers 404 for what is not a tile of this version", async () => {
      const slim = await index();
      const version = slim.tiles!.split("/")[3]!;
      for (const bad of [
        tileUrl(slim.tiles!, "13/0/0"),
        tileUrl(slim.tiles!, "3/8/0"),
        tileUrl(slim.tiles!, "3/0/-1"),
        tileUrl(slim.tiles!, "a/0/0"),
        `/geo/bodies/${version}/0/0/0.png`,
        "/geo/bodies/not-a-version/0/0/0.pbf",
      ]) {
        const response = await get(bad);
        expect(response.statusCode, bad).toBe(404);
        expect(response.headers["cache-control"], bad).toBe("no-cache");
      }
    });

    it("moves to a new version when the body set changes: the old tiles are gone, the new ones hold the new body", async () => {
      const before = await index();
      const added = await makeBody(getDatabase().db, { name: "Exeter" });
      bodies.push(added);
      const after = await index();
      expect(after.tiles).not.toBe(before.tiles);
      expect(after.bodyCount).toBe(bodies.length);
      const where = tileOf(after.features.find((feature) => feature.id === added.id)!.geometry.coordinates, 8);
      expect((await get(tileUrl(before.tiles!, where))).statusCode).toBe(404);
      const fresh = await get(tileUrl(after.tiles!, where));
      expect(fresh.statusCode).toBe(200);
      expect(decodedIds(fresh.rawPayload).ids).toContain(added.id);
    });
  });
});
