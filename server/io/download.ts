import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { InputError } from "../errors";

export interface DownloadOptions {
  /** Give up when the server sends nothing (no headers, no bytes) for this long. */
  idleTimeoutMs?: number;
  /** Refuse a response larger than this, declared or actual. */
  maxBytes?: number;
  /** Appended to every failure message ("use --mirror DIR …"). */
  hint?: string;
  /** Called as bytes arrive; `total` is the declared length when the server sends one. */
  onProgress?: (received: number, total: number | undefined) => void;
}

export type DownloadResult = { found: true; bytes: number } | { found: false; status: number };

export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_DOWNLOAD_BYTES = 500 * 1024 * 1024;

/**
 * Stream `url` into the file `destination` with global fetch. A 404 or 410 is an answer, not a
 * failure (`found: false`): the caller decides whether the file was optional. Anything else that
 * goes wrong (no network, refused connection, a silent server, an HTTP error, a response over
 * `maxBytes`) is one `InputError` line naming the URL; the partial file is removed.
 */
export async function downloadToFile(url: string, destination: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const { idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS, maxBytes = DEFAULT_MAX_DOWNLOAD_BYTES, hint, onProgress } = options;
  const fail = (reason: string) => new InputError(`could not download ${url} (${reason})${hint ? `; ${hint}` : ""}`);
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const restartTimer = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, idleTimeoutMs);
  };
  let started = false;
  try {
    restartTimer();
    const response = await fetch(url, { signal: controller.signal, redirect: "follow" });
    if (response.status === 404 || response.status === 410) {
      await response.body?.cancel().catch(() => undefined);
      return { found: false, status: response.status };
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw fail(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
    }
    const declared = Number(response.headers.get("content-length") ?? Number.NaN);
    const total = Number.isFinite(declared) ? declared : undefined;
    if (total !== undefined && total > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw fail(`${formatBytes(total)}, over the ${formatBytes(maxBytes)} limit`);
    }
    if (!response.body) throw fail("the server sent no body");
    let received = 0;
    started = true;
    await pipeline(
      Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>),
      async function* count(source: AsyncIterable<Uint8Array>) {
        for await (const chunk of source) {
          received += chunk.byteLength;
          if (received > maxBytes) throw fail(`more than the ${formatBytes(maxBytes)} limit`);
          restartTimer();
          onProgress?.(received, total);
          yield chunk;
        }
      },
      fs.createWriteStream(destination),
    );
    return { found: true, bytes: received };
  } catch (error) {
    if (started) fs.rmSync(destination, { force: true });
    if (timedOut) throw fail(`no answer for ${idleTimeoutMs >= 1000 ? `${Math.round(idleTimeoutMs / 1000)} s` : `${idleTimeoutMs} ms`}`);
    if (error instanceof InputError) throw error;
    throw fail(networkReason(error));
  } finally {
    clearTimeout(timer);
  }
}

/** "ECONNREFUSED", "ENOTFOUND"…: the system error code behind fetch's bare "fetch failed". */
function networkReason(error: unknown): string {
  const seen = new Set<unknown>();
  let current: unknown = error;
  let message = error instanceof Error ? error.message : String(error);
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const record = current as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof record.code === "string" && /^E[A-Z_]+$/.test(record.code)) return record.code;
    if (typeof record.message === "string" && record.message) message = record.message;
    current = record.cause ?? (Array.isArray(record.errors) ? record.errors[0] : undefined);
  }
  return message.split("\n")[0]!;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} bytes`;
}
