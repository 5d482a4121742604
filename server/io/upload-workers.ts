import { Worker } from "node:worker_threads";
import { FieldError, GroundswellError, InputError, UnavailableError } from "../errors";
import type { UploadReadRequest, UploadReadResult } from "./upload-reading";

/**
 * A small pool of worker threads that read uploads (upload-reading.ts) off the event loop, so a
 * 95 MB file parsed for its preview never delays another request. Reads wait their turn for a
 * worker; each worker's heap is capped, so a file that needs more is refused and the server stays
 * up; an idle worker ends (its memory goes back to the system) and a new one starts on demand.
 */
export interface UploadReaderOptions {
  /** Worker threads (1 by default: reads wait their turn, the other core keeps answering requests). */
  workers?: number;
  /**
   * Heap of each worker, in MB: reading a file that needs more is refused. Keep it well above
   * twice the upload cap: the file's text is one allocation, and Node ends the whole process
   * (not just the worker) when a single allocation cannot fit under the limit.
   */
  maxHeapMb?: number;
  /** A worker idle this long ends, giving its memory back. */
  idleMs?: number;
  /** A read that takes longer is abandoned and its worker ended. */
  timeoutMs?: number;
}

export interface UploadReaders {
  read<R extends UploadReadRequest>(request: R): Promise<UploadReadResult[R["read"]]>;
  /** Worker threads alive now (0 once they have all been idle for `idleMs`). */
  readonly running: number;
  /** Ends every worker; reads still waiting are refused. */
  close(): Promise<void>;
}

export const DEFAULT_UPLOAD_READERS = { workers: 1, maxHeapMb: 1024, idleMs: 30_000, timeoutMs: 120_000 } satisfies Required<UploadReaderOptions>;

/** An error as the worker reports it: plain data, so its class and one-line message survive the trip. */
export interface ReportedError {
  name: string;
  message: string;
  /** A GroundswellError's code; absent for anything else (a bug: the server answers 500 and logs the stack). */
  code?: GroundswellError["code"];
  field?: string;
  template?: string;
  stack?: string | undefined;
}

export type WorkerAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ReportedError };

export function reportError(error: unknown): ReportedError {
  if (error instanceof FieldError) return { name: error.name, message: error.message, code: error.code, field: error.field, template: error.template };
  if (error instanceof GroundswellError) return { name: error.name, message: error.message, code: error.code };
  const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
  return { name, message, stack };
}

class ReportedGroundswellError extends GroundswellError {
  override readonly code: GroundswellError["code"];
  constructor(message: string, code: GroundswellError["code"]) {
    super(message);
    this.code = code;
  }
}

export function rebuildError(reported: ReportedError): Error {
  if (reported.field !== undefined && reported.template !== undefined) return new FieldError(reported.field, reported.template);
  if (reported.code === "INPUT") return new InputError(reported.message);
  if (reported.code !== undefined) return new ReportedGroundswellError(reported.message, reported.code);
  const error = new Error(reported.message);
  error.name = reported.name;
  error.stack = reported.stack;
  return error;
}

/** The worker's entry: compiled beside dist/server/main.mjs (this code sits in main.mjs or chunks/), else the sources through tsx. */
function workerEntry(): URL {
  const here = import.meta.url;
  if (here.endsWith(".ts")) return new URL("./upload-worker-dev.mjs", here);
  return new URL(/\/chunks\/[^/]*$/.test(here) ? "../upload-worker.mjs" : "./upload-worker.mjs", here);
}

interface Job {
  id: number;
  request: UploadReadRequest;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  idleTimer?: NodeJS.Timeout;
}

export function createUploadReaders(options: UploadReaderOptions = {}): UploadReaders {
  const { workers, maxHeapMb, idleMs, timeoutMs } = { ...DEFAULT_UPLOAD_READERS, ...options };
  const queue: Job[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  /** Hands the slot's job its outcome; a live slot then waits for the next read, or ends once idle. */
  const settle = (slot: Slot, outcome: (job: Job) => void) => {
    const job = slot.job;
    if (!job) return;
    slot.job = null;
    clearTimeout(job.timer);
    outcome(job);
    if (closed || !slots.includes(slot)) return;
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => retire(slot), idleMs).unref();
    pump();
  };

  /** Takes a slot out of service at once (no read is handed to it any more), and ends its worker. */
  const retire = (slot: Slot) => {
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
    clearTimeout(slot.idleTimer);
    void slot.worker.terminate();
  };

  const start = (): Slot => {
    const worker = new Worker(workerEntry(), { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
    const slot: Slot = { worker, job: null };
    worker.on("message", (answer: WorkerAnswer) => {
      if (slot.job?.id !== answer.id) return;
      settle(slot, (job) => (answer.ok ? job.resolve(answer.value) : job.reject(rebuildError(answer.error))));
    });
    worker.on("error", (error: Error & { code?: string }) => {
      retire(slot);
      settle(slot, (job) =>
        job.reject(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new InputError(
                `reading ${job.request.upload.fileName} needs more than the ${maxHeapMb} MB of memory an upload may use; import it with the groundswell import command instead`,
              )
            : error,
        ),
      );
      if (!closed) pump();
    });
    worker.on("exit", () => {
      retire(slot);
      settle(slot, (job) => job.reject(new UnavailableError("the server stopped reading the file; try again in a few seconds")));
      if (!closed) pump();
    });
    slots.push(slot);
    return slot;
  };

  const pump = () => {
    while (queue.length > 0) {
      const slot = slots.find((candidate) => candidate.job === null) ?? (slots.length < workers ? start() : undefined);
      if (!slot) return;
      const job = queue.shift()!;
      clearTimeout(slot.idleTimer);
      slot.job = job;
      slot.worker.ref();
      job.timer = setTimeout(() => {
        const seconds = Math.ceil(timeoutMs / 1000);
        retire(slot);
        settle(slot, (stuck) =>
          stuck.reject(new InputError(`reading ${stuck.request.upload.fileName} took over ${seconds} s; import it with the groundswell import command instead`)),
        );
        pump();
      }, timeoutMs);
      slot.worker.postMessage({ id: job.id, request: job.request });
    }
  };

  return {
    read<R extends UploadReadRequest>(request: R) {
      if (closed) return Promise.reject(new UnavailableError("the server is shutting down; try again in a few seconds"));
      return new Promise<UploadReadResult[R["read"]]>((resolve, reject) => {
        queue.push({ id: nextId++, request, resolve: resolve as (value: unknown) => void, reject });
        pump();
      });
    },
    get running() {
      return slots.length;
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new UnavailableError("the server is shutting down; try again in a few seconds"));
      await Promise.all(slots.splice(0).map((slot) => slot.worker.terminate()));
    },
  };
}
