import { parentPort } from "node:worker_threads";
import { createBodyTileSet, type BodyTileSet } from "../domain/body-tiles";

/**
 * The worker thread that holds the body tile index (started by body-tile-workers.ts): parsing a
 * national layer's outlines and slicing them takes seconds, and cutting a zoom-4 tile of 35,000
 * bodies a good part of one, none of which may stall the server's event loop.
 */
let set: BodyTileSet | null = null;
parentPort!.on("message", (message: { id: number; build?: { version: string; json: string }; tile?: [number, number, number] }) => {
  try {
    if (message.build) {
      set = createBodyTileSet(message.build.version, JSON.parse(message.build.json) as GeoJSON.FeatureCollection);
      return parentPort!.postMessage({ id: message.id, ok: true, value: null });
    }
    const tile = set && message.tile ? set.tile(...message.tile) : null;
    parentPort!.postMessage({ id: message.id, ok: true, value: tile });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, ok: false, error: (error as Error).message });
  }
});
