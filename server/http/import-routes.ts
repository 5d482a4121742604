import type { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { toImportNotes, type ImportResult, type ImportTarget } from "../../shared/model/import-upload";
import { importFieldLabel, parseImportRequest } from "../../shared/model/import-request";
import type { Database } from "../db/schema";
import type { Actor } from "../domain/actor";
import type { ChangePublisher } from "../domain/changes";
import { assertCanImport, type BoundaryImportResult } from "../domain/boundary-import";
import {
  importBallotResultRows,
  importBoundaries,
  importCommitteeRoster,
  importCosponsorList,
  importEndorserRows,
  importLegislatorRoster,
  importSpreadsheetTable,
} from "../domain/import-service";
import type { EndorserImportReport, Geocoder } from "../../shared/model/endorser";
import type { BallotImportSummary } from "../../shared/model/ballot-question";
import type { LegislatorImportSummary } from "../domain/legislators";
import type { WriteContext } from "../domain/write";
import { ConflictError, FieldError, GroundswellError, HTTP_STATUS, NotFoundError } from "../errors";
import { SpreadsheetRowsError } from "../domain/spreadsheet-import";
import type { SpreadsheetPlan, SpreadsheetRefusal } from "../../shared/model/spreadsheet-import";
import { createUploadStore, UploadTooLargeError } from "../io/upload-store";
import { isSpreadsheet, type UploadPreview } from "../io/upload-reading";
import { createUploadReaders, type UploadReaderOptions } from "../io/upload-workers";
import type { LegislatorImportReport } from "../../shared/model/legislator-import";
import type { CommitteeImportReport } from "../../shared/model/committee";
import type { CosponsorImportReport } from "../../shared/model/ladder";

export interface ImportRoutesOptions {
  db: Kysely<Database>;
  actorOf: (request: FastifyRequest) => Promise<Actor>;
  /** Where a committed import is announced to open maps. */
  changes?: ChangePublisher;
  /** Largest upload accepted (413 above it). */
  maxBytes: number;
  /** How long an uploaded file waits for its commit. */
  ttlMs: number;
  /** Where upload folders go (os.tmpdir() by default). */
  directory?: string | undefined;
  /** Previews taken on at once, uploading or being read (2 by default); past it, 503 with Retry-After. */
  maxPreviews?: number | undefined;
  /** The worker threads that read uploads (DEFAULT_UPLOAD_READERS). */
  readers?: UploadReaderOptions | undefined;
  /** Places endorsers by address when GROUNDSWELL_GEOCODER_URL is set, as the CLI does. */
  geocode?: Geocoder | undefined;
}

const PREVIEW_RETRY_SECONDS = 10;

/**
 * The Import screen's two requests. `POST /api/imports/preview?fileName=towns.zip` takes the file
 * as the raw request body, streamed to a temporary file (413 past the cap), reads it and answers
 * an ImportPreview with a token. `POST /api/imports/commit` imports that file with the chosen
 * options and recomputes overlaps in one transaction. Every refusal is `{ error: "one line" }`.
 */
export async function registerImportRoutes(app: FastifyInstance, options: ImportRoutesOptions): Promise<void> {
  const store = createUploadStore({ maxBytes: options.maxBytes, ttlMs: options.ttlMs, root: options.directory });
  const readers = createUploadReaders(options.readers);
  const maxPreviews = options.maxPreviews ?? 2;
  let previewing = 0;
  const committing = new Set<string>();
  app.addHook("onClose", async () => {
    store.close();
    await readers.close();
  });

  const sendError = (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    // A refused field is named as the Import screen labels it, never by a command-line flag.
    if (error instanceof FieldError) return reply.code(400).send({ error: error.phrase(importFieldLabel) });
    if (error instanceof UploadTooLargeError) return reply.code(413).header("Connection", "close").send({ error: error.message });
    if (error instanceof GroundswellError && error.code !== "INTERNAL") return reply.code(HTTP_STATUS[error.code]).send({ error: error.message });
    // Fastify's own refusals (malformed JSON, a commit body over the limit) keep their status.
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) return reply.code(status).send({ error: (error as Error).message });
    request.log.error({ err: error }, "import failed");
    return reply.code(500).send({ error: "the import failed on the server; nothing was changed (details are in the server log)" });
  };

  // The upload: no body parser, the handler streams the request itself.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_request, payload, done) => done(null, payload));
    scope.setErrorHandler((error, request, reply) => sendError(request, reply, error));
    scope.post("/api/imports/preview", async (request, reply): Promise<UploadPreview | FastifyReply> => {
      assertCanImport(await options.actorOf(request));
      const { fileName } = request.query as { fileName?: string };
      const source = (request.body as Readable | undefined) ?? request.raw;
      if (!fileName) {
        source.resume();
        throw new BadRequest("name the uploaded file in the query, e.g. ?fileName=towns.geojson");
      }
      // Uploads are read one or two at a time: past the cap, a third is told to come back, unread.
      if (previewing >= maxPreviews) {
        source.resume();
        return reply
          .code(503)
          .header("Retry-After", PREVIEW_RETRY_SECONDS)
          .header("Connection", "close")
          .send({ error: `the server is already reading ${maxPreviews} uploaded files; try again in a few seconds` });
      }
      previewing++;
      try {
        const declared = Number(request.headers["content-length"]);
        const upload = await store.save(source, fileName, Number.isFinite(declared) ? declared : undefined);
        try {
          reply.header("Cache-Control", "no-store");
          return await readers.read({ read: "preview", upload });
        } catch (error) {
          store.remove(upload.token);
          throw error;
        }
      } finally {
        previewing--;
      }
    });
  });

  await app.register(async (scope) => {
    scope.setErrorHandler((error, request, reply) => sendError(request, reply, error));
    scope.post(
      "/api/imports/commit",
      async (
        request,
        reply,
      ): Promise<
        ImportResult | SpreadsheetPlan | SpreadsheetRefusal | LegislatorImportReport | CommitteeImportReport | CosponsorImportReport | BallotImportSummary | EndorserImportReport
      > => {
        const actor = await options.actorOf(request);
        assertCanImport(actor);
        const { token, ...choices } = parseCommit(request.body);
        const upload = store.find(token);
        if (!upload) throw new NotFoundError(`this upload is unknown or has expired (uploads wait ${Math.round(options.ttlMs / 60_000)} minutes at most); choose the file again`);
        if (committing.has(token)) throw new ConflictError("this file is already being imported");
        const parsed = parseImportRequest(choices);
        if (!parsed.ok) throw new FieldError(parsed.problem.field, parsed.problem.template);
        const importRequest = parsed.request;
        const ctx: WriteContext = {
          db: options.db,
          actor,
          changes: options.changes,
          onPublishError: (error) => request.log.error({ err: error }, "could not announce the import"),
        };
        // Only a committed import uses up its upload; a dry run or a refusal keeps it for another try.
        const done = (dryRun: boolean) => {
          if (!dryRun) store.remove(token);
        };
        committing.add(token);
        try {
          if (importRequest.as === "legislators") {
            const roster = await readers.read({ read: "legislators", upload, state: importRequest.state });
            if (!roster) throw new BadRequest(`${upload.fileName} is not an Open States file: legislators come from its CSV export, a person .yml file, or a .zip of person files`);
            const summary = await importLegislatorRoster(ctx, importRequest, roster, { fileName: upload.fileName });
            done(importRequest.dryRun);
            return toLegislatorReport(upload.fileName, importRequest.dryRun, summary);
          }
          if (importRequest.as === "committees") {
            const roster = await readers.read({ read: "committees", upload });
            if (!roster) throw new BadRequest(`${upload.fileName} holds no Open States committee files: committees come as one committee .yml or a .zip of the committees folder`);
            const summary = await importCommitteeRoster(ctx, importRequest, roster.committees, { fileName: upload.fileName });
            done(importRequest.dryRun);
            return { as: "committees", fileName: upload.fileName, dryRun: importRequest.dryRun, ...summary } satisfies CommitteeImportReport;
          }
          if (importRequest.as === "ballot-results") {
            if (!isSpreadsheet(upload.fileName)) throw new BadRequest(`ballot results come as a .csv file (got ${upload.fileName})`);
            const records = await readers.read({ read: "ballot-results", upload });
            const summary = await importBallotResultRows(ctx, importRequest, records, { fileName: upload.fileName });
            done(importRequest.dryRun);
            return summary;
          }
          if (importRequest.as === "endorsers") {
            if (!isSpreadsheet(upload.fileName)) throw new BadRequest(`endorsers come as a .csv file (got ${upload.fileName})`);
            const rows = await readers.read({ read: "endorsers", upload });
            const summary = await importEndorserRows(ctx, importRequest, rows, { fileName: upload.fileName, geocode: options.geocode });
            done(importRequest.dryRun);
            return { ...summary, fileName: upload.fileName } satisfies EndorserImportReport;
          }
          if (importRequest.as === "population") {
            throw new BadRequest(
              "A population layer (Census blocks, often a few hundred MB) imports from the command line: groundswell import <blocks.zip> --as population --count-field POP20 --state XX",
            );
          }
          if (importRequest.as === "cosponsors") {
            const names = await readers.read({ read: "names", upload });
            const summary = await importCosponsorList(ctx, importRequest, names, { fileName: upload.fileName });
            done(importRequest.dryRun);
            return { ...summary, fileName: upload.fileName, dryRun: importRequest.dryRun };
          }
          if (isSpreadsheet(upload.fileName)) {
            if (importRequest.as !== "resolutions" && importRequest.as !== "members") throw new BadRequest("a spreadsheet imports as resolutions or members");
            try {
              const plan = await importSpreadsheetTable(ctx, importRequest, await readers.read({ read: "spreadsheet", upload, as: importRequest.as }));
              done(importRequest.dryRun);
              return plan;
            } catch (error) {
              if (error instanceof SpreadsheetRowsError) return reply.code(400).send({ error: error.message, plan: error.plan } satisfies SpreadsheetRefusal);
              throw error;
            }
          }
          if (importRequest.as !== "bodies" && importRequest.as !== "districts") throw new BadRequest(`a boundary file imports as bodies or districts (got "${importRequest.as}")`);
          const result = await importBoundaries(ctx, importRequest, await readers.read({ read: "boundaries", upload }), { fileName: upload.fileName });
          done(false);
          return toImportResult(upload.fileName, importRequest.as, result);
        } finally {
          committing.delete(token);
        }
      },
    );
  });
}

/** A refused request that is not about the file itself (missing name, malformed JSON). */
class BadRequest extends GroundswellError {
  override readonly code = "INPUT";
}

/** The commit body: the upload's token, and the choices that become the import request. */
function parseCommit(body: unknown): { token: string } & Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new BadRequest("the request must be a JSON object");
  const { token, ...choices } = body as Record<string, unknown>;
  // A token that is no string names no upload: the same 404 as an expired one.
  return { token: typeof token === "string" ? token : "", ...choices };
}

function toImportResult(fileName: string, as: ImportTarget, result: BoundaryImportResult): ImportResult {
  const { summary, overlaps } = result;
  return {
    fileName,
    as,
    read: summary.read,
    created: summary.created,
    updated: summary.updated,
    merged: summary.merged,
    nameField: summary.nameField,
    idField: summary.idField,
    populationField: summary.populationField ?? null,
    vintage: summary.vintage ?? null,
    current: summary.current ?? null,
    repairs: toImportNotes(result.repairs),
    skipped: toImportNotes(result.skipped),
    overlaps: overlaps && { pairs: overlaps.overlaps, bodies: overlaps.bodies, districts: overlaps.districts, problems: overlaps.problems.length },
    legislators: result.legislators && {
      sitting: result.legislators.sitting,
      matched: result.legislators.matched,
      unmatched: result.legislators.unmatched.map((role) => `${role.name} (district “${role.districtName}”)`),
    },
  };
}

function toLegislatorReport(fileName: string, dryRun: boolean, summary: LegislatorImportSummary): LegislatorImportReport {
  return {
    as: "legislators",
    fileName,
    dryRun,
    state: summary.state,
    legislators: summary.legislators,
    created: summary.created,
    updated: summary.updated,
    rolesAdded: summary.rolesAdded,
    rolesClosed: summary.rolesClosed,
    matched: summary.matched,
    added: summary.added,
    skipped: summary.skipped,
    moved: summary.moved,
    closed: summary.closed,
    unmatched: summary.unmatched.map(({ name, chamber, districtName, reason }) => ({ name, chamber, districtName, reason })),
    vacantDistricts: summary.vacantDistricts.map(({ chamber, name }) => ({ chamber, name })),
    sharedDistricts: summary.sharedDistricts.map(({ chamber, name, legislators }) => ({ chamber, name, legislators })),
  };
}
