import { CSRF_HEADERS } from "../../shared/csrf";
import type { ImportCommit, ImportPreview, ImportResult } from "../../shared/model/import-upload";
import type { BallotImportSummary, BallotUploadPreview } from "../../shared/model/ballot-question";
import type { BallotResultsImportRequest } from "../../shared/model/import-request";
import type { LegislatorImportReport, LegislatorUploadPreview } from "../../shared/model/legislator-import";
import type { CommitteeImportReport, CommitteeUploadPreview } from "../../shared/model/committee";
import type { CosponsorImportReport, NameListUploadPreview } from "../../shared/model/ladder";
import type { EndorserImportReport, EndorserUploadPreview } from "../../shared/model/endorser";
import type { SpreadsheetPlan, SpreadsheetRefusal, SpreadsheetTarget, SpreadsheetUploadPreview } from "../../shared/model/spreadsheet-import";

/** A refusal from the import API: its one-line message and the HTTP status (0 when unreachable). */
export class ImportRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** Seconds the server asked us to wait (Retry-After of a 503 or 429), when it said. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ImportRequestError";
  }
}

const UNREACHABLE = "The file did not reach the server. Check your connection and try again.";

export function errorFrom(status: number, body: string, retryAfter: string | null): ImportRequestError {
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : undefined;
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === "string") return new ImportRequestError(parsed.error, status, seconds);
  } catch {
    // not JSON: a proxy, a crash page, or the load shedder's one line
  }
  const line = body.trim();
  return new ImportRequestError(status === 503 && line && !line.includes("\n") && line.length < 200 ? line : `The server answered HTTP ${status}.`, status, seconds);
}

/** How often a request the server turned away as busy (503) is sent again before giving up. */
const BUSY_RETRIES = 3;
/** The longest wait between tries, whatever Retry-After says: a person is watching. */
const MAX_BUSY_WAIT_MS = 5_000;

/**
 * Send a request again when the server answered 503 (busy with another import, or its database
 * briefly away). A 503 means nothing was done, so sending again is safe; the wait follows the
 * answer's Retry-After. Other refusals are final and thrown at once.
 */
export async function retryWhileBusy<T>(send: () => Promise<T>, wait: (ms: number) => Promise<void> = sleep): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof ImportRequestError) || error.status !== 503 || attempt >= BUSY_RETRIES) throw error;
      await wait(Math.min(MAX_BUSY_WAIT_MS, (error.retryAfterSeconds ?? 1) * 1000 * (attempt + 1)));
    }
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What an upload turned out to be: a boundary layer, a campaign spreadsheet, Open States legislators, a list of names, ballot results or endorsers. */
export type UploadPreview =
  ImportPreview | SpreadsheetUploadPreview | LegislatorUploadPreview | CommitteeUploadPreview | NameListUploadPreview | BallotUploadPreview | EndorserUploadPreview;

/**
 * Upload a boundary file and get its preview. XMLHttpRequest rather than fetch, for its upload
 * progress events: `onProgress` gets 0…1 while the bytes travel, then the server reads the file.
 */
export function uploadForPreview(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<UploadPreview> {
  return retryWhileBusy(() => sendForPreview(file, onProgress, signal));
}

function sendForPreview(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<UploadPreview> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException("The upload was cancelled", "AbortError"));
    const request = new XMLHttpRequest();
    request.open("POST", `/api/imports/preview?fileName=${encodeURIComponent(file.name)}`);
    request.setRequestHeader("Content-Type", "application/octet-stream");
    for (const [name, value] of Object.entries(CSRF_HEADERS)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.upload.onload = () => onProgress(1);
    request.onload = () => {
      if (request.status === 200) resolve(JSON.parse(request.responseText) as UploadPreview);
      else reject(errorFrom(request.status, request.responseText, request.getResponseHeader("Retry-After")));
    };
    request.onerror = () => reject(new ImportRequestError(UNREACHABLE, 0));
    request.onabort = () => reject(new DOMException("The upload was cancelled", "AbortError"));
    signal?.addEventListener("abort", () => request.abort(), { once: true });
    request.send(file);
  });
}

/** Import the uploaded file with the organizer's choices; overlaps are recomputed in the same step. */
export async function commitImport(choices: ImportCommit): Promise<ImportResult> {
  return (await postCommit(choices)) as ImportResult;
}

/** A spreadsheet refused because of bad rows: the plan lists every one. */
export class SpreadsheetRowsRefused extends ImportRequestError {
  constructor(readonly refusal: SpreadsheetRefusal) {
    super(refusal.error, 400);
  }
}

/**
 * Plan (dryRun) or import an uploaded spreadsheet as resolutions or members of a campaign. A dry
 * run answers the plan with its errors; a commit refused for bad rows throws SpreadsheetRowsRefused.
 */
export async function commitSpreadsheet(choices: { token: string; as: SpreadsheetTarget; campaign: string; dryRun: boolean }): Promise<SpreadsheetPlan> {
  return (await postCommit(choices)) as SpreadsheetPlan;
}

/** Check (dryRun: nothing is kept) or import an uploaded Open States file as one state's legislators. */
export async function commitLegislators(choices: { token: string; state: string; dryRun: boolean }): Promise<LegislatorImportReport> {
  return (await postCommit({ ...choices, as: "legislators" })) as LegislatorImportReport;
}

/** Check (dryRun: nothing is kept) or import uploaded Open States committee files for one state. */
export async function commitCommittees(choices: { token: string; state: string; dryRun: boolean }): Promise<CommitteeImportReport> {
  return (await postCommit({ ...choices, as: "committees" })) as CommitteeImportReport;
}

/** Check (dryRun: nothing is kept) or import an uploaded results file into a campaign's ballot question. */
export async function commitBallotResults(
  choices: { token: string } & Omit<Partial<Record<keyof BallotResultsImportRequest, string | boolean>>, "as">,
): Promise<BallotImportSummary> {
  return (await postCommit({ ...choices, as: "ballot-results" } as ImportCommit)) as BallotImportSummary;
}

/** Check (dryRun: nothing is kept) or import an uploaded endorsers CSV into a campaign, through the import service the CLI uses. */
export async function commitEndorsers(choices: { token: string; campaign: string; dryRun: boolean }): Promise<EndorserImportReport> {
  return (await postCommit({ ...choices, as: "endorsers" })) as EndorserImportReport;
}

/** Check (dryRun: nothing is kept) or import an uploaded list of names as a bill's cosponsors. */
export async function commitCosponsors(choices: { token: string; campaign: string; bill: string; dryRun: boolean }): Promise<CosponsorImportReport> {
  return (await postCommit({ ...choices, as: "cosponsors" })) as CosponsorImportReport;
}

function postCommit(choices: ImportCommit): Promise<unknown> {
  return retryWhileBusy(() => sendCommit(choices));
}

async function sendCommit(choices: ImportCommit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch("/api/imports/commit", {
      method: "POST",
      headers: { "Content-Type": "application/json", ...CSRF_HEADERS },
      body: JSON.stringify(choices),
    });
  } catch {
    throw new ImportRequestError(UNREACHABLE, 0);
  }
  const text = await response.text();
  if (!response.ok) {
    if (response.status === 400) {
      try {
        const parsed = JSON.parse(text) as Partial<SpreadsheetRefusal>;
        if (typeof parsed.error === "string" && parsed.plan) throw new SpreadsheetRowsRefused(parsed as SpreadsheetRefusal);
      } catch (error) {
        if (error instanceof SpreadsheetRowsRefused) throw error;
      }
    }
    throw errorFrom(response.status, text, response.headers.get("Retry-After"));
  }
  return JSON.parse(text) as unknown;
}
