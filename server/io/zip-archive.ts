import { crc32 } from "node:zlib";
import yauzl from "yauzl";
import type { Entry, ZipFile } from "yauzl";
import { InputError } from "../errors";

/**
 * Reads chosen members of a zip held in memory, refusing what a hostile archive can do to a
 * naive reader: entry names that climb out with `../` or start at `/`, more entries than any
 * boundary bundle needs, declared sizes that add up past a cap (a decompression bomb), data that
 * inflates past its declared size, and corrupt members (CRC checked).
 */

export interface ZipLimits {
  maxZipEntries: number;
  maxUncompressedBytes: number;
}

/** `choose` sees every file name (directories left out) and returns the ones to extract. */
export async function readZipMembers(bytes: Uint8Array, choose: (names: string[]) => string[], limits: ZipLimits): Promise<Map<string, Uint8Array>> {
  const zip = await openZip(bytes);
  try {
    if (zip.entryCount > limits.maxZipEntries) {
      throw new InputError(`the zip holds ${zip.entryCount.toLocaleString("en-US")} entries, over the cap of ${limits.maxZipEntries.toLocaleString("en-US")}`);
    }
    const entries = await listEntries(zip);
    checkDeclaredSize(entries, bytes.length, limits.maxUncompressedBytes);
    const files = entries.filter((entry) => !entry.fileName.endsWith("/"));
    const wanted = new Set(choose(files.map((entry) => entry.fileName)));
    const members = new Map<string, Uint8Array>();
    for (const entry of files) {
      if (wanted.has(entry.fileName)) members.set(entry.fileName, await extract(zip, entry));
    }
    return members;
  } finally {
    zip.close();
  }
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

function openZip(bytes: Uint8Array): Promise<ZipFile> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true }, (error, zip) => {
      if (error) reject(zipError(error));
      else resolve(zip);
    });
  });
}

function listEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on("entry", (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", (error: Error) => reject(zipError(error)));
    zip.readEntry();
  });
}

function checkDeclaredSize(entries: Entry[], archiveBytes: number, cap: number): void {
  const total = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (total > cap) {
    throw new InputError(`decompression bomb: the zip (${formatBytes(archiveBytes)}) would expand to ${formatBytes(total)}, over the ${formatBytes(cap)} cap`);
  }
}

async function extract(zip: ZipFile, entry: Entry): Promise<Uint8Array> {
  if (entry.isEncrypted()) throw new InputError(`zip entry "${entry.fileName}" is encrypted`);
  const chunks: Buffer[] = [];
  try {
    const stream = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream) chunks.push(chunk as Buffer);
  } catch (error) {
    throw zipError(error as Error, entry.fileName);
  }
  const data = Buffer.concat(chunks);
  if (crc32(data) !== entry.crc32) throw new InputError(`zip entry "${entry.fileName}" is corrupt (CRC mismatch)`);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function zipError(error: Error, entryName?: string): InputError {
  if (error instanceof InputError) return error;
  const message = error.message;
  const path = /^(?:invalid relative path|absolute path|invalid characters in fileName): (.*)$/.exec(message)?.[1];
  if (path !== undefined) return new InputError(`zip entry "${path.slice(0, 80)}" points outside the archive; refusing it`);
  if (/end of central directory record signature not found/i.test(message)) {
    return new InputError("not a zip archive, or a truncated one (no central directory at the end)");
  }
  if (/too many bytes in the stream/.test(message)) {
    return new InputError(`decompression bomb: zip entry "${entryName ?? "?"}" inflates past its declared size`);
  }
  const where = entryName === undefined ? "" : ` (entry "${entryName}")`;
  return new InputError(`corrupt zip${where}: ${message.replace(/\s+/g, " ").slice(0, 100)}`);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
