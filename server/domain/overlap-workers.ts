import os from "node:os";
import { Worker } from "node:worker_threads";
import { computePreparedOverlaps, planOverlapWork, type OverlapOptions, type OverlapReport } from "../../shared/geo/overlaps";
import { mergeOverlapReports, packedBBox, packedCount, packedVertexCount, preparePacked, type PackedGeometries } from "../../shared/geo/packed-geometry";
import { GroundswellError } from "../errors";
import type { OverlapWorkerJob, OverlapWorkerMessage } from "./overlap-worker";

/**
 * The overlap engine (shared/geo/overlaps.ts) on several cores. The geometry is packed once into
 * SharedArrayBuffers (shared/geo/packed-geometry.ts); `planOverlapWork` cuts the bodies into
 * compact parts of about equal cost; each worker thread unpacks its part's bodies and the
 * districts they can touch, prepares them and computes; the parts' reports are merged into the
 * exact report one thread would give (same rows, same order, same areas to the bit).
 *
 * Workers start per call and end with it: a recompute is rare and long. A worker costs its
 * start-up and, above all, running the engine cold (not yet compiled by the JIT) on its part, so
 * they are used only when the work is big enough (`overlapThreadsFor`), and the calling thread
 * computes one part itself.
 */

/** What to compute with: `"auto"` picks by the work's size and the cores; 1 is the main thread. */
export type OverlapThreads = number | "auto";

/**
 * Work (vertices of bodies and districts) below which one more thread does not pay for itself.
 * Measured on this 2-core machine while other jobs loaded it (load 9–12; `npm run bench --
 * overlaps`, "worker break-even"): a compiled worker starts in 0.1–0.25 s, but what it really costs
 * is running the engine before the JIT has compiled it (Rhode Island's first call takes 2 s, the
 * next 0.7 s). Against a warm thread, two threads had not caught up at 2 million vertices (0.6×);
 * as a command, where the main thread is cold too, Rhode Island (0.27 million vertices) took 3.1 s
 * on one thread and 5.0 s on two. So a state stays on one thread and a national layer (12 million
 * vertices and more) gets both cores.
 */
export const VERTICES_PER_THREAD = 2_000_000;

/**
 * How many threads a job of `vertices` gets: the requested number, or by size up to the cores that
 * are free. A core busy with other work gives a worker nothing (national overlaps on a 2-core
 * machine at load 9: 55 s on one thread, 69 s on two), so "auto" counts the cores the 1-minute
 * load average leaves, besides this process's own thread.
 */
export function overlapThreadsFor(vertices: number, requested: OverlapThreads = "auto", cores = os.availableParallelism(), load = os.loadavg()[0] ?? 0): number {
  if (requested !== "auto") return Math.max(1, Math.floor(requested));
  const free = Math.max(1, Math.min(cores, Math.round(cores - Math.max(0, load - 1))));
  return Math.max(1, Math.min(free, Math.floor(vertices / VERTICES_PER_THREAD)));
}

/** The worker's entry: compiled beside dist/server/main.mjs (this code sits in main.mjs or chunks/), else the sources through tsx. */
function workerEntry(): URL {
  const here = import.meta.url;
  if (here.endsWith(".ts")) return new URL("./overlap-worker-dev.mjs", here);
  return new URL(/\/chunks\/[^/]*$/.test(here) ? "../overlap-worker.mjs" : "./overlap-worker.mjs", here);
}

export interface ThreadedOverlapOptions extends OverlapOptions {
  /** Threads: the calling thread plus `threads - 1` worker threads; 1 computes on the calling thread alone. */
  threads: number;
  /** Workers started earlier (`startOverlapWorkers`), so that they load while the caller reads and packs; ended when done. */
  pool?: OverlapWorkerPool | undefined;
  /** Another worker script (tests use one that fails; the bench the compiled one). */
  workerUrl?: URL | undefined;
}

/** Worker threads started ahead of their work. */
export interface OverlapWorkerPool {
  readonly workers: Worker[];
  close(): Promise<void>;
}

/** Starts `count` overlap workers now: each loads the engine while the caller is still busy. */
export function startOverlapWorkers(count: number, workerUrl?: URL): OverlapWorkerPool {
  const workers = Array.from({ length: Math.max(0, count) }, () => new Worker(workerUrl ?? workerEntry()));
  // An error before a job is handed over is reported when the job is (the worker's exit).
  for (const worker of workers) worker.on("error", () => undefined);
  return { workers, close: async () => void (await Promise.all(workers.map((worker) => worker.terminate()))) };
}

/**
 * Overlaps of packed bodies × packed districts on `threads` threads: `planOverlapWork` cuts the
 * work into `threads` parts, worker threads take all but the last, which the calling thread
 * computes meanwhile (one worker fewer to start). The same report as `computeOverlapsReport` on
 * the unpacked inputs, and the threads it used. A worker that fails ends the others and rejects
 * with a GroundswellError naming the cause; nothing is half-returned.
 */
export async function computePackedOverlaps(
  bodies: PackedGeometries,
  districts: PackedGeometries,
  options: ThreadedOverlapOptions,
): Promise<{ report: OverlapReport; threads: number }> {
  const { threads, workerUrl, onProgress, pool: started, ...engineOptions } = options;
  const bodyCount = packedCount(bodies);
  if (threads <= 1 || bodyCount < 2) {
    await started?.close();
    const all = (packed: PackedGeometries) =>
      preparePacked(
        packed,
        Array.from(packed.ids, (_, i) => i),
      );
    return { report: computePreparedOverlaps(all(bodies), all(districts), { ...engineOptions, onProgress }), threads: 1 };
  }
  const bodyBoxes = Array.from({ length: bodyCount }, (_, i) => packedBBox(bodies, i));
  const districtBoxes = Array.from({ length: packedCount(districts) }, (_, i) => packedBBox(districts, i));
  const plan = planOverlapWork(bodyBoxes, districtBoxes, threads, {
    body: (i) => packedVertexCount(bodies, i),
    district: (i) => packedVertexCount(districts, i),
  }).filter((part) => part.bodies.length > 0);
  const workerParts = plan.slice(0, -1);
  const own = plan.at(-1)!;
  const workers = [...(started?.workers ?? [])];
  const pool = { workers, close: () => Promise.all(workers.map((worker) => worker.terminate())) };
  while (workers.length < workerParts.length) workers.push(new Worker(workerUrl ?? workerEntry()));
  void Promise.all(workers.slice(workerParts.length).map((worker) => worker.terminate()));
  const done = plan.map(() => 0);
  const progress = (index: number, count: number) => {
    done[index] = count;
    onProgress?.(
      done.reduce((sum, value) => sum + value, 0),
      bodyCount,
    );
  };
  try {
    const fromWorkers = Promise.all(
      workerParts.map(
        (part, index) =>
          new Promise<OverlapReport>((resolve, reject) => {
            const worker = workers[index]!;
            let settled = false;
            const fail = (reason: string) => {
              if (settled) return;
              settled = true;
              reject(
                new GroundswellError(
                  `computing overlaps failed in worker thread ${index + 1} of ${workerParts.length}: ${reason}; nothing was written (GROUNDSWELL_OVERLAP_THREADS=1 computes on one thread)`,
                ),
              );
            };
            worker.on("message", (message: OverlapWorkerMessage) => {
              if (message.type === "progress") progress(index, message.done);
              else if (message.type === "done") {
                settled = true;
                resolve(message.report);
              } else fail(message.error.message);
            });
            worker.on("error", (error) => fail(error.message));
            worker.on("exit", (code) => fail(`the thread stopped (exit code ${code})`));
            const job: OverlapWorkerJob = {
              bodies,
              districts,
              bodyPositions: Uint32Array.from(part.bodies),
              districtPositions: Uint32Array.from(part.districts),
              options: engineOptions,
            };
            worker.postMessage(job);
          }),
      ),
    );
    // Settled by the await below; until then a failure must not count as unhandled.
    fromWorkers.catch(() => undefined);
    const ownReport = computePreparedOverlaps(preparePacked(bodies, own.bodies), preparePacked(districts, own.districts), {
      ...engineOptions,
      onProgress: (count) => progress(plan.length - 1, count),
    });
    const reports = [...(await fromWorkers), ownReport];
    return { report: mergeOverlapReports(reports, bodies.ids, districts.ids), threads: plan.length };
  } finally {
    await pool.close();
  }
}

/** Packs inputs on SharedArrayBuffers, for `computePackedOverlaps`. */
export function sharedAllocate(bytes: number): SharedArrayBuffer {
  return new SharedArrayBuffer(bytes);
}
