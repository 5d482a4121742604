import type { FastifyInstance } from "fastify";
import type { EncodedTile } from "../domain/body-tiles";

const notFound = "No such body tile: the body set has changed (reload the map) or z/x/y is outside the grid\n";

/**
 * `/geo/bodies/<version>/{z}/{x}/{y}.pbf`: one vector tile of the bodies. The version in the path
 * changes with the body set, so a tile never changes under its URL: browsers and proxies keep it
 * for a year; an old version, or z/x/y outside the grid, is a 404.
 */
export function registerBodyTileRoute(
  app: FastifyInstance,
  tilesOf: (version: string) => Promise<{ tile(z: number, x: number, y: number): EncodedTile | null | Promise<EncodedTile | null> } | null>,
): void {
  app.get("/geo/bodies/:version/:z/:x/:tile", async (request, reply) => {
    const { version, z, x, tile } = request.params as { version: string; z: string; x: string; tile: string };
    const y = /^(\d{1,8})\.pbf$/.exec(tile)?.[1];
    const whole = (text: string) => (/^\d{1,8}$/.test(text) ? Number(text) : Number.NaN);
    const found = y === undefined ? null : await (await tilesOf(version))?.tile(whole(z), whole(x), Number(y));
    if (!found) return reply.code(404).header("Cache-Control", "no-cache").type("text/plain; charset=utf-8").send(notFound);
    reply.header("Cache-Control", "public, max-age=31536000, immutable").header("Vary", "Accept-Encoding").type("application/vnd.mapbox-vector-tile");
    if (/\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""))) return reply.header("Content-Encoding", "gzip").send(found.gzip);
    return reply.send(Buffer.from(found.pbf.buffer, found.pbf.byteOffset, found.pbf.byteLength));
  });
}
