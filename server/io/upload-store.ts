import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { formatFileSize } from "../../shared/model/import-upload";
import { InputError } from "../errors";

/** The upload is bigger than the cap; the HTTP layer answers 413. */
export class UploadTooLargeError extends InputError {}

export interface StoredUpload {
  token: string;
  /** The file on disk, named like the upload (sanitised) so readers can tell its format. */
  path: string;
  fileName: string;
  bytes: number;
  expiresAt: Date;
}

export interface UploadStoreOptions {
  maxBytes: number;
  /** How long an upload waits for its commit. */
  ttlMs: number;
  /** Uploads kept at once; the oldest goes first. */
  maxUploads?: number;
  /** Parent folder of the upload folders (os.tmpdir() by default). */
  root?: string;
}

export interface UploadStore {
  readonly maxBytes: number;
  readonly ttlMs: number;
  /** Stream `source` to a new temporary file, refusing it once it passes `maxBytes`. */
  save(source: Readable, fileName: string, declaredBytes?: number): Promise<StoredUpload>;
  /** The upload for a token, or null when unknown or expired. */
  find(token: string): StoredUpload | null;
  remove(token: string): void;
  /** Remove every upload (the server is closing). */
  close(): void;
}

const PREFIX = "groundswell-upload-";
const TOKEN = /^[A-Za-z0-9_-]{24}$/;

/**
 * Uploaded boundary files waiting between preview and commit: each in a folder of its own under
 * the temp directory, named by an unguessable token, removed after `ttlMs`, on commit, or when
 * the server closes. Folders a crashed server left behind are swept once they are past the TTL.
 */
export function createUploadStore({ maxBytes, ttlMs, maxUploads = 20, root = os.tmpdir() }: UploadStoreOptions): UploadStore {
  const uploads = new Map<string, StoredUpload & { directory: string; timer: NodeJS.Timeout }>();
  sweepLeftovers(root, ttlMs);

  const remove = (token: string) => {
    const upload = uploads.get(token);
    if (!upload) return;
    uploads.delete(token);
    clearTimeout(upload.timer);
    fs.rmSync(upload.directory, { recursive: true, force: true });
  };

  return {
    maxBytes,
    ttlMs,
    async save(source, fileName, declaredBytes) {
      if (declaredBytes !== undefined && declaredBytes > maxBytes) {
        source.resume();
        throw tooLarge(declaredBytes, maxBytes);
      }
      const safeName = sanitizeFileName(fileName);
      const directory = await fs.promises.mkdtemp(path.join(root, PREFIX));
      const file = path.join(directory, safeName);
      let bytes: number;
      try {
        bytes = await writeCapped(source, file, maxBytes);
      } catch (error) {
        fs.rmSync(directory, { recursive: true, force: true });
        throw error;
      }
      while (uploads.size >= maxUploads) remove(uploads.keys().next().value!);
      const token = randomBytes(18).toString("base64url");
      const timer = setTimeout(() => remove(token), ttlMs);
      timer.unref();
      const upload = { token, path: file, fileName: safeName, bytes, expiresAt: new Date(Date.now() + ttlMs), directory, timer };
      uploads.set(token, upload);
      return { token, path: file, fileName: safeName, bytes, expiresAt: upload.expiresAt };
    },
    find(token) {
      if (!TOKEN.test(token)) return null;
      const upload = uploads.get(token);
      if (!upload) return null;
      if (upload.expiresAt.getTime() <= Date.now()) {
        remove(token);
        return null;
      }
      return { token, path: upload.path, fileName: upload.fileName, bytes: upload.bytes, expiresAt: upload.expiresAt };
    },
    remove,
    close() {
      for (const token of [...uploads.keys()]) remove(token);
    },
  };
}

function tooLarge(bytes: number | null, maxBytes: number): UploadTooLargeError {
  const size = bytes === null ? "bigger than" : `${formatFileSize(bytes)}, over`;
  return new UploadTooLargeError(`the file is ${size} the ${formatFileSize(maxBytes)} upload limit; import it with the groundswell import command instead`);
}

/** "../Town Lines (2024).zip" → "Town_Lines_2024_.zip": a plain name, extension kept. */
export function sanitizeFileName(fileName: string): string {
  const base = path.basename(fileName.replace(/\\/g, "/"));
  const cleaned = base
    .replace(/[^\w.-]+/g, "_")
    .replace(/^\.+/, "")
    .slice(-120);
  return cleaned || "upload";
}

/**
 * Copy a stream to a new file, counting bytes. Past the cap it stops writing and drains the rest
 * (so the client still gets the answer instead of a reset connection).
 */
function writeCapped(source: Readable, file: string, maxBytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(file, { flags: "wx" });
    let bytes = 0;
    let ended = false;
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      source.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      if (error) {
        out.destroy();
        source.resume();
        reject(error);
      } else {
        resolve(bytes);
      }
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) return settle(tooLarge(null, maxBytes));
      if (!out.write(chunk)) {
        source.pause();
        out.once("drain", () => source.resume());
      }
    };
    const onEnd = () => {
      ended = true;
      out.end(() => settle());
    };
    const onError = (error: Error) => settle(new InputError(`the upload failed: ${error.message}`));
    const onClose = () => {
      if (!ended) settle(new InputError("the upload was interrupted before the whole file arrived"));
    };
    source.on("data", onData).once("end", onEnd).once("error", onError).once("close", onClose);
    out.once("error", onError);
  });
}

function sweepLeftovers(root: string, ttlMs: number): void {
  fs.promises
    .readdir(root, { withFileTypes: true })
    .then(async (entries) => {
      const cutoff = Date.now() - ttlMs;
      for (const entry of entries) {
        if (!entry.isDirectory() || !entry.name.startsWith(PREFIX)) continue;
        const directory = path.join(root, entry.name);
        const stat = await fs.promises.stat(directory).catch(() => null);
        if (stat && stat.mtimeMs < cutoff) await fs.promises.rm(directory, { recursive: true, force: true }).catch(() => undefined);
      }
    })
    .catch(() => undefined);
}
