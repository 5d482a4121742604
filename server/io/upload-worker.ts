import { parentPort } from "node:worker_threads";
import { readUpload, type UploadReadRequest } from "./upload-reading";
import { reportError, type WorkerAnswer } from "./upload-workers";

/**
 * The worker thread that reads uploads, started by upload-workers.ts: one request at a time, each
 * answered with its value or its error as plain data.
 */
parentPort!.on("message", async ({ id, request }: { id: number; request: UploadReadRequest }) => {
  let answer: WorkerAnswer;
  try {
    answer = { id, ok: true, value: await readUpload(request) };
  } catch (error) {
    answer = { id, ok: false, error: reportError(error) };
  }
  parentPort!.postMessage(answer);
});
