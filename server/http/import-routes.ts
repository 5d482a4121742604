import fs from "node:fs";
import type { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { toImportNotes, type ImportPreview, type ImportResult, type ImportTarget } from "../../shared/model/import-upload";
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
import { ENDORSER_COLUMNS, type EndorserImportReport, type EndorserUploadPreview, type Geocoder } from "../../shared/model/endorser";
import { parseColumnCsv } from "../io/column-csv";
import type { BallotImportSummary, BallotUploadPreview } from "../../shared/model/ballot-question";
import { mapBallotColumns, readBallotTable } from "../../shared/rules/ballot-results";
import { parseBallotCsv } from "../io/ballot-csv";
import type { LegislatorImportSummary } from "../domain/legislators";
import type { WriteContext } from "../domain/write";
import { ConflictError, FieldError, GroundswellError, HTTP_STATUS, NotFoundError } from "../errors";
import { readBoundaryBytes, readBoundaryFile, type BoundaryFile } from "../io/boundary-file";
import { previewBoundaryFile } from "../io/boundary-preview";
import { readCsvTable } from "../io/csv";
import { SpreadsheetRowsError } from "../domain/spreadsheet-import";
import {
  columnsOf,
  MEMBER_COLUMNS,
  type SpreadsheetPlan,
  type SpreadsheetRefusal,
  type SpreadsheetTarget,
  type SpreadsheetUploadPreview,
} from "../../shared/model/spreadsheet-import";
import { createUploadStore, UploadTooLargeError, type StoredUpload } from "../io/upload-store";
import { defaultBoundaryLimits } from "../io/boundary-types";
import { guessRosterState, readOpenStatesUpload, type OpenStatesRoster } from "../io/open-states";
import { stateByUsps } from "../../shared/ids/usps";
import type { SeatChamber } from "../../shared/model/district";
import type { LegislatorImportReport, LegislatorUploadPreview } from "../../shared/model/legislator-import";
import type { CommitteeImportReport, CommitteeUploadPreview } from "../../shared/model/committee";
import { readCommitteeUpload } from "../io/open-states-committees";
import type { CosponsorImportReport, NameListUploadPreview } from "../../shared/model/ladder";
import { parseCsv } from "../io/csv";
import { isNameListHeader, parseNameList } from "../io/name-list";

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
  /** Places endorsers by address when GROUNDSWELL_GEOCODER_URL is set, as the CLI does. */
  geocode?: Geocoder | undefined;
}


/**
 * The Import screen's two requests. `POST /api/imports/preview?fileName=towns.zip` takes the file
 * as the raw request body, streamed to a temporary file (413 past the cap), reads it and answers
 * an ImportPreview with a token. `POST /api/imports/commit` imports that file with the chosen
 * options and recomputes overlaps in one transaction. Every refusal is `{ error: "one line" }`.
 */
export async function registerImportRoutes(app: FastifyInstance, options: ImportRoutesOptions): Promise<void> {
  const store = createUploadStore({ maxBytes: options.maxBytes, ttlMs: options.ttlMs, root: options.directory });
  const committing = new Set<string>();
  app.addHook("onClose", async () => store.close());

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
    scope.post("/api/imports/preview", async (request, reply): Promise<ImportPreview | SpreadsheetUploadPreview | LegislatorUploadPreview | CommitteeUploadPreview | NameListUploadPreview | BallotUploadPreview | EndorserUploadPreview> => {
      assertCanImport(await options.actorOf(request));
      const { fileName } = request.query as { fileName?: string };
      const source = (request.body as Readable | undefined) ?? request.raw;
      if (!fileName) {
        source.resume();
        throw new BadRequest("name the uploaded file in the query, e.g. ?fileName=towns.geojson");
      }
      const declared = Number(request.headers["content-length"]);
      const upload = await store.save(source, fileName, Number.isFinite(declared) ? declared : undefined);
      try {
        reply.header("Cache-Control", "no-store");
        const committees = await previewCommittees(upload);
        if (committees) return committees;
        const legislators = await previewLegislators(upload);
        if (legislators) return legislators;
        if (isSpreadsheet(upload.fileName)) {
          const ballot = await previewBallotResults(upload);
          if (ballot) return ballot;
          const endorsers = await previewEndorsers(upload);
          if (endorsers) return endorsers;
        }
        const names = await previewNameList(upload);
        if (names) return names;
        if (isSpreadsheet(upload.fileName)) return await previewSpreadsheet(upload);
        const file = await readUpload(upload);
        return { token: upload.token, expiresAt: upload.expiresAt.toISOString(), fileName: upload.fileName, bytes: upload.bytes, ...previewBoundaryFile(file) };
      } catch (error) {
        store.remove(upload.token);
        throw error;
      }
    });
  });

  await app.register(async (scope) => {
    scope.setErrorHandler((error, request, reply) => sendError(request, reply, error));
    scope.post("/api/imports/commit", async (request, reply): Promise<ImportResult | SpreadsheetPlan | SpreadsheetRefusal | LegislatorImportReport | CommitteeImportReport | CosponsorImportReport | BallotImportSummary | EndorserImportReport> => {
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
          const roster = await readLegislatorUpload(upload, importRequest.state);
          if (!roster) throw new BadRequest(`${upload.fileName} is not an Open States file: legislators come from its CSV export, a person .yml file, or a .zip of person files`);
          const summary = await importLegislatorRoster(ctx, importRequest, roster, { fileName: upload.fileName });
          done(importRequest.dryRun);
          return toLegislatorReport(upload.fileName, importRequest.dryRun, summary);
        }
        if (importRequest.as === "committees") {
          const roster = await readCommitteeUpload(await fs.promises.readFile(upload.path), upload.fileName, zipLimits);
          if (!roster) throw new BadRequest(`${upload.fileName} holds no Open States committee files: committees come as one committee .yml or a .zip of the committees folder`);
          const summary = await importCommitteeRoster(ctx, importRequest, roster.committees, { fileName: upload.fileName });
          done(importRequest.dryRun);
          return { as: "committees", fileName: upload.fileName, dryRun: importRequest.dryRun, ...summary } satisfies CommitteeImportReport;
        }
        if (importRequest.as === "ballot-results") {
          if (!isSpreadsheet(upload.fileName)) throw new BadRequest(`ballot results come as a .csv file (got ${upload.fileName})`);
          const records = parseBallotCsv(await fs.promises.readFile(upload.path, "utf8"));
          const summary = await importBallotResultRows(ctx, importRequest, records, { fileName: upload.fileName });
          done(importRequest.dryRun);
          return summary;
        }
        if (importRequest.as === "endorsers") {
          if (!isSpreadsheet(upload.fileName)) throw new BadRequest(`endorsers come as a .csv file (got ${upload.fileName})`);
          const rows = parseColumnCsv(await fs.promises.readFile(upload.path, "utf8"), ENDORSER_COLUMNS);
          const summary = await importEndorserRows(ctx, importRequest, rows, { fileName: upload.fileName, geocode: options.geocode });
          done(importRequest.dryRun);
          return { ...summary, fileName: upload.fileName };
        }
        if (importRequest.as === "cosponsors") {
          const names = parseNameList(await fs.promises.readFile(upload.path, "utf8"), upload.fileName);
          const summary = await importCosponsorList(ctx, importRequest, names, { fileName: upload.fileName });
          done(importRequest.dryRun);
          return { ...summary, fileName: upload.fileName, dryRun: importRequest.dryRun };
        }
        if (isSpreadsheet(upload.fileName)) {
          if (importRequest.as !== "resolutions" && importRequest.as !== "members") throw new BadRequest("a spreadsheet imports as resolutions or members");
          try {
            const plan = await importSpreadsheetTable(ctx, importRequest, await readSpreadsheet(upload, importRequest.as));
            done(importRequest.dryRun);
            return plan;
          } catch (error) {
            if (error instanceof SpreadsheetRowsError) return reply.code(400).send({ error: error.message, plan: error.plan } satisfies SpreadsheetRefusal);
            throw error;
          }
        }
        if (importRequest.as !== "bodies" && importRequest.as !== "districts") throw new BadRequest(`a boundary file imports as bodies or districts (got "${importRequest.as}")`);
        const result = await importBoundaries(ctx, importRequest, await readUpload(upload), { fileName: upload.fileName });
        done(false);
        return toImportResult(upload.fileName, importRequest.as, result);
      } finally {
        committing.delete(token);
      }
    });
  });
}

/** A refused request that is not about the file itself (missing name, malformed JSON). */
class BadRequest extends GroundswellError {
  override readonly code = "INPUT";
}

const isSpreadsheet = (fileName: string) => /\.csv$/i.test(fileName);

/** A .csv upload whose header names `name` and `town` and only endorser columns (as the CLI reads them): its rows and a few names; null otherwise. */
async function previewEndorsers(upload: StoredUpload): Promise<EndorserUploadPreview | null> {
  const text = await fs.promises.readFile(upload.path, "utf8");
  const header = (parseCsv(text.replace(/^\uFEFF/, ""))[0] ?? []).map((cell) => cell.trim().toLowerCase().replace(/[\s-]+/g, "_")).filter(Boolean);
  if (!header.includes("name") || !header.includes("town") || !header.every((key) => (ENDORSER_COLUMNS as readonly string[]).includes(key))) return null;
  const rows = parseColumnCsv(text, ENDORSER_COLUMNS);
  return {
    token: upload.token,
    expiresAt: upload.expiresAt.toISOString(),
    fileName: upload.fileName,
    bytes: upload.bytes,
    format: "endorsers",
    rows: rows.length,
    columns: header,
    samples: rows.map((row) => row.name?.trim() ?? "").filter(Boolean).slice(0, 5),
  };
}

async function readSpreadsheet(upload: StoredUpload, as: SpreadsheetTarget) {
  return readCsvTable(await fs.promises.readFile(upload.path, "utf8"), columnsOf(as));
}

/** A .csv upload whose header reads as ballot results (a place, yes and no): how it reads; null for any other spreadsheet. */
async function previewBallotResults(upload: StoredUpload): Promise<BallotUploadPreview | null> {
  const records = parseBallotCsv(await fs.promises.readFile(upload.path, "utf8"));
  const columns = mapBallotColumns(records[0]?.fields ?? []);
  if (columns.yes === undefined || columns.no === undefined || (columns.town === undefined && columns.district === undefined)) return null;
  const table = readBallotTable(records);
  const year = /(?:^|\D)((?:19|20)\d\d)(?:\D|$)/.exec(upload.fileName);
  return {
    token: upload.token,
    expiresAt: upload.expiresAt.toISOString(),
    fileName: upload.fileName,
    bytes: upload.bytes,
    format: "ballot-results",
    level: table.level,
    rows: table.rows.length,
    hasTotals: table.totals !== null,
    samples: [...new Set(table.rows.map((row) => row.town ?? row.district ?? ""))].slice(0, 5),
    year: year ? Number(year[1]) : null,
  };
}

/** A .csv upload: its columns and row count, and what they look like (checked against the columns both targets know). */
async function previewSpreadsheet(upload: StoredUpload): Promise<SpreadsheetUploadPreview> {
  const text = await fs.promises.readFile(upload.path, "utf8");
  const known = [...new Set([...columnsOf("resolutions"), ...MEMBER_COLUMNS])];
  const table = readCsvTable(text, known);
  const guess: SpreadsheetTarget = table.columns.includes("name") ? "members" : "resolutions";
  return {
    token: upload.token,
    expiresAt: upload.expiresAt.toISOString(),
    fileName: upload.fileName,
    bytes: upload.bytes,
    format: "csv",
    columns: table.columns,
    rows: table.records.length,
    guess,
  };
}

/** A bill's cosponsor list: a .txt of names, or a .csv with a name column and nothing a campaign spreadsheet holds. Null for any other file. */
async function previewNameList(upload: StoredUpload): Promise<NameListUploadPreview | null> {
  const isText = /\.txt$/i.test(upload.fileName);
  if (!isText && !isSpreadsheet(upload.fileName)) return null;
  const text = await fs.promises.readFile(upload.path, "utf8");
  if (!isText && !isNameListHeader(parseCsv(text.replace(/^\uFEFF/, ""))[0] ?? [])) return null;
  const names = parseNameList(text, upload.fileName);
  return { token: upload.token, expiresAt: upload.expiresAt.toISOString(), fileName: upload.fileName, bytes: upload.bytes, format: "names", names: names.length, samples: names.slice(0, 5) };
}

/** A loose .shp cannot bring its sidecars in one upload: read it as bytes, so the reader asks for a zip. */
async function readUpload(upload: StoredUpload): Promise<BoundaryFile> {
  if (/\.shp$/i.test(upload.fileName)) return readBoundaryBytes(await fs.promises.readFile(upload.path), upload.fileName);
  return readBoundaryFile(upload.path);
}

const zipLimits = { maxZipEntries: defaultBoundaryLimits.maxZipEntries, maxUncompressedBytes: defaultBoundaryLimits.maxUncompressedBytes };
const isState = (code: string) => stateByUsps(code) !== undefined;
/** The preview reads roles before anyone chose a state; this stand-in is no state, so it is never guessed. */
const NO_STATE_YET = "ZZ";

async function readLegislatorUpload(upload: StoredUpload, state: string | undefined): Promise<OpenStatesRoster | null> {
  return readOpenStatesUpload(await fs.promises.readFile(upload.path), { fileName: upload.fileName, state, zipLimits });
}

/** Open States committee files (one .yml, a zipped folder): how many, their state, a few names. Null for any other file. */
async function previewCommittees(upload: StoredUpload): Promise<CommitteeUploadPreview | null> {
  if (!/\.(ya?ml|zip)$/i.test(upload.fileName)) return null;
  const roster = await readCommitteeUpload(await fs.promises.readFile(upload.path), upload.fileName, zipLimits);
  if (!roster) return null;
  const states = [...new Set(roster.committees.map((committee) => committee.state))];
  return {
    token: upload.token,
    expiresAt: upload.expiresAt.toISOString(),
    fileName: upload.fileName,
    bytes: upload.bytes,
    format: "committees",
    source: roster.source,
    committees: roster.committees.length,
    members: roster.committees.reduce((sum, committee) => sum + committee.members.length, 0),
    state: states.length === 1 ? states[0]! : null,
    samples: roster.committees.slice(0, 3).map((committee) => committee.name),
  };
}

/** An Open States file (CSV export, person .yml, zipped person folder): who is in it, and the state it names. Null for any other file. */
async function previewLegislators(upload: StoredUpload): Promise<LegislatorUploadPreview | null> {
  const roster = await readLegislatorUpload(upload, NO_STATE_YET);
  if (!roster) return null;
  if (roster.records.length === 0) throw new BadRequest(`${upload.fileName} lists no legislators`);
  const seats: Partial<Record<SeatChamber, number>> = {};
  for (const record of roster.records) {
    for (const role of record.roles) if (role.validTo === null) seats[role.chamber] = (seats[role.chamber] ?? 0) + 1;
  }
  return {
    token: upload.token,
    expiresAt: upload.expiresAt.toISOString(),
    fileName: upload.fileName,
    bytes: upload.bytes,
    format: "legislators",
    source: roster.source,
    people: roster.records.length,
    seats,
    state: guessRosterState(roster.records, upload.fileName, isState),
    samples: roster.records.slice(0, 5).map((record) => record.name),
  };
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
    moved: summary.moved,
    closed: summary.closed,
    unmatched: summary.unmatched.map(({ name, chamber, districtName, reason }) => ({ name, chamber, districtName, reason })),
    vacantDistricts: summary.vacantDistricts.map(({ chamber, name }) => ({ chamber, name })),
    sharedDistricts: summary.sharedDistricts.map(({ chamber, name, legislators }) => ({ chamber, name, legislators })),
  };
}
