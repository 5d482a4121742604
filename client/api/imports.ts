import type { ImportCommit, ImportPreview, ImportResult } from "../../shared/model/import-upload";

/** A refusal from the import API: its one-line message and the HTTP status (0 when unreachable). */
export class ImportRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "ImportRequestError";
  }
}

const UNREACHABLE = "The file did not reach the server. Check your connection and try again.";

function errorFrom(status: number, body: string): ImportRequestError {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === "string") return new ImportRequestError(parsed.error, status);
  } catch {
    // not JSON: a proxy or a crash page
  }
  return new ImportRequestError(`The server answered HTTP ${status}.`, status);
}

/**
 * Upload a boundary file and get its preview. XMLHttpRequest rather than fetch, for its upload
 * progress events: `onProgress` gets 0…1 while the bytes travel, then the server reads the file.
 */
export function uploadForPreview(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<ImportPreview> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/api/imports/preview?fileName=${encodeURIComponent(file.name)}`);
    request.setRequestHeader("Content-Type", "application/octet-stream");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.upload.onload = () => onProgress(1);
    request.onload = () => {
      if (request.status === 200) resolve(JSON.parse(request.responseText) as ImportPreview);
      else reject(errorFrom(request.status, request.responseText));
    };
    request.onerror = () => reject(new ImportRequestError(UNREACHABLE, 0));
    request.onabort = () => reject(new DOMException("The upload was cancelled", "AbortError"));
    signal?.addEventListener("abort", () => request.abort(), { once: true });
    request.send(file);
  });
}

/** Import the uploaded file with the organizer's choices; overlaps are recomputed in the same step. */
export async function commitImport(choices: ImportCommit): Promise<ImportResult> {
  let response: Response;
  try {
    response = await fetch("/api/imports/commit", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(choices),
    });
  } catch {
    throw new ImportRequestError(UNREACHABLE, 0);
  }
  const text = await response.text();
  if (!response.ok) throw errorFrom(response.status, text);
  return JSON.parse(text) as ImportResult;
}
