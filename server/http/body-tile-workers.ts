import { Worker } from "node:worker_threads";
import type { EncodedTile } from "../domain/body-tiles";

/** The worker's entry: compiled beside dist/server/main.mjs (this code sits in main.mjs or chunks/), else the sources through tsx. */
function workerEntry(): URL {
  const here = import.meta.url;
  if (here.endsWith(".ts")) return new URL("./body-tile-worker-dev.mjs", here);
  return new URL(/\/chunks\/[^/]*$/.test(here) ? "../body-tile-worker.mjs" : "./body-tile-worker.mjs", here);
}

/** A tile set of one version whose tiles are cut in the worker thread. */
export interface WorkerTileSet {
  version: string;
  tile(z: number, x: number, y: number): Promise<EncodedTile | null>;
}

/**
 * The body tiles of the current body-set version, cut in one worker thread (started on the first
 * tile request, rebuilt when the version changes, ended with the server): the server's event loop
 * only passes messages.
 */
export function createBodyTileWorker(current: () => Promise<{ tileVersion: string; json: string }>) {
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let built: { version: string; ready: Promise<unknown> } | null = null;

  const start = () => {
    const started = new Worker(workerEntry());
    started.on("message", (answer: { id: number; ok: boolean; value?: unknown; error?: string }) => {
      const job = waiting.get(answer.id);
      waiting.delete(answer.id);
      if (answer.ok) job?.resolve(answer.value);
      else job?.reject(new Error(answer.error));
    });
    started.on("error", (error) => {
      for (const job of waiting.values()) job.reject(error);
      waiting.clear();
      worker = null;
      built = null;
    });
    started.unref();
    return started;
  };
  const ask = (message: object) =>
    new Promise<unknown>((resolve, reject) => {
      worker ??= start();
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });

  return {
    async tilesOf(version: string): Promise<WorkerTileSet | null> {
      const payload = await current();
      if (payload.tileVersion !== version) return null;
      if (built?.version !== version) {
        const ready = ask({ build: { version, json: payload.json } });
        built = { version, ready };
        // A failed build is not kept: the next request tries again.
        ready.catch(() => {
          if (built?.ready === ready) built = null;
        });
      }
      await built.ready;
      return {
        version,
        tile: async (z, x, y) => {
          const tile = (await ask({ tile: [z, x, y] })) as { pbf: Uint8Array; gzip: Uint8Array } | null;
          return tile && { pbf: tile.pbf, gzip: Buffer.from(tile.gzip.buffer, tile.gzip.byteOffset, tile.gzip.byteLength) };
        },
      };
    },
    async close(): Promise<void> {
      await worker?.terminate();
      worker = null;
    },
  };
}
