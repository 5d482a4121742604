import { CSRF_HEADERS } from "../../shared/csrf";
import type { EvidenceCategory } from "../../shared/model/evidence";
import { errorFrom, ImportRequestError } from "./imports";

/**
 * Upload an evidence file (PDF, PNG, JPEG) to a passed resolution. XMLHttpRequest for its upload
 * progress: `onProgress` gets 0…1 while the bytes travel. A refusal rejects with the server's one line.
 */
export function uploadEvidence(
  target: { campaignId: number; bodyId: number; category: EvidenceCategory; title?: string },
  file: File,
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const query = new URLSearchParams({ campaignId: String(target.campaignId), bodyId: String(target.bodyId), category: target.category, fileName: file.name });
    if (target.title) query.set("title", target.title);
    const request = new XMLHttpRequest();
    request.open("POST", `/api/evidence?${query.toString()}`);
    request.setRequestHeader("Content-Type", "application/octet-stream");
    for (const [name, value] of Object.entries(CSRF_HEADERS)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status === 200) resolve();
      else reject(errorFrom(request.status, request.responseText, request.getResponseHeader("Retry-After")));
    };
    request.onerror = () => reject(new ImportRequestError("The file did not reach the server. Check your connection and try again.", 0));
    request.send(file);
  });
}
