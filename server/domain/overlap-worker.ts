import { parentPort } from "node:worker_threads";
import { computePreparedOverlaps, type OverlapOptions, type OverlapReport } from "../../shared/geo/overlaps";
import { preparePacked, type PackedGeometries } from "../../shared/geo/packed-geometry";

/**
 * A worker thread of overlap-workers.ts: one part of the work, read from the shared packed
 * arrays, prepared and computed here; progress every few hundred bodies, then the report (or the
 * error) as plain data.
 */
/** One part of the work, as posted to a worker (the packed arrays are shared, not copied). */
export interface OverlapWorkerJob {
  bodies: PackedGeometries;
  districts: PackedGeometries;
  bodyPositions: Uint32Array;
  districtPositions: Uint32Array;
  options: Omit<OverlapOptions, "onProgress">;
}

export type OverlapWorkerMessage =
  { type: "progress"; done: number } | { type: "done"; report: OverlapReport } | { type: "error"; error: { name: string; message: string; stack?: string | undefined } };

/** How often (in bodies) a worker reports progress. */
const PROGRESS_EVERY = 250;

parentPort?.once("message", (job: OverlapWorkerJob) => {
  let message: OverlapWorkerMessage;
  try {
    const districts = preparePacked(job.districts, job.districtPositions);
    const bodies = preparePacked(job.bodies, job.bodyPositions);
    const report = computePreparedOverlaps(bodies, districts, {
      ...job.options,
      onProgress: (done, total) => {
        if (done % PROGRESS_EVERY === 0 || done === total) parentPort!.postMessage({ type: "progress", done } satisfies OverlapWorkerMessage);
      },
    });
    message = { type: "done", report };
  } catch (error) {
    const { name, message: text, stack } = error instanceof Error ? error : new Error(String(error));
    message = { type: "error", error: { name, message: text, stack } };
  }
  parentPort!.postMessage(message);
});
