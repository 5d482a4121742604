import fs from "node:fs";
import type { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { importCommitSchema, toImportNotes, type ImportPreview, type ImportResult } from "../../shared/model/import-upload";
import type { Database } from "../db/schema";
import type { Actor } from "../domain/actor";
import { publishChange, type ChangePublisher } from "../domain/changes";
import { assertCanImport, importBoundaryLayer, planBoundaryImport } from "../domain/boundary-import";
import { ConflictError, GroundswellError, HTTP_STATUS, NotFoundError } from "../errors";
import { readBoundaryBytes, readBoundaryFile, type BoundaryFile } from "../io/boundary-file";
import { previewBoundaryFile } from "../io/boundary-preview";
import { readCsvTable } from "../io/csv";
import { importSpreadsheet, SpreadsheetRowsError } from "../domain/spreadsheet-import";
import {
  columnsOf,
  describeRowErrors,
  MEMBER_COLUMNS,
  RESOLUTION_COLUMNS,
  type SpreadsheetPlan,
  type SpreadsheetRefusal,
  type SpreadsheetTarget,
  type SpreadsheetUploadPreview,
} from "../../shared/model/spreadsheet-import";
import { createUploadStore, UploadTooLargeError, type StoredUpload } from "../io/upload-store";
import { defaultBoundaryLimits } from "../io/boundary-types";
import { guessRosterState, readOpenStatesUpload, type OpenStatesRoster } from "../io/open-states";
import { importLegislators } from "../domain/legislators";
import { recordAudit } from "../domain/audit";
import { stateByUsps } from "../../shared/ids/usps";
import type { Chamber } from "../../shared/model/district";
import type { LegislatorImportReport, LegislatorUploadPreview } from "../../shared/model/legislator-import";

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
    scope.post("/api/imports/preview", async (request, reply): Promise<ImportPreview | SpreadsheetUploadPreview | LegislatorUploadPreview> => {
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
        const legislators = await previewLegislators(upload);
        if (legislators) return legislators;
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
    scope.post("/api/imports/commit", async (request, reply): Promise<ImportResult | SpreadsheetPlan | SpreadsheetRefusal | LegislatorImportReport> => {
      const actor = await options.actorOf(request);
      assertCanImport(actor);
      const parsed = importCommitSchema.safeParse(request.body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new BadRequest(`${issue.path.join(".") || "the request"}: ${issue.message}`);
      }
      const { token, ...choices } = parsed.data;
      const upload = store.find(token);
      if (!upload) throw new NotFoundError(`this upload is unknown or has expired (uploads wait ${Math.round(options.ttlMs / 60_000)} minutes at most); choose the file again`);
      if (committing.has(token)) throw new ConflictError("this file is already being imported");
      if (choices.as === "legislators") {
        const dryRun = choices.dryRun === true;
        committing.add(token);
        try {
          const report = await commitLegislators(options.db, { upload, stateChoice: choices.state, dryRun, actor });
          if (!dryRun) {
            store.remove(token);
            await publishChange(options.changes, { campaignId: null, kind: "import", ids: [] }, (error) => request.log.error({ err: error }, "could not announce the import"));
          }
          return report;
        } finally {
          committing.delete(token);
        }
      }
      if (isSpreadsheet(upload.fileName)) {
        if (choices.as !== "resolutions" && choices.as !== "members") throw new BadRequest("a spreadsheet imports as resolutions or members");
        const as = choices.as;
        const dryRun = choices.dryRun === true;
        committing.add(token);
        try {
          const table = await readSpreadsheet(upload, as);
          const plan = await options.db.transaction().execute(async (trx) => {
            const result = await importSpreadsheet(trx, { as, campaign: choices.campaign, table }, actor, { dryRun });
            // A refused file rolls back whatever the plan touched (it writes nothing, but be sure).
            if (result.errors.length && !dryRun) throw new SpreadsheetRowsError(describeRowErrors(result.errors), result);
            return result;
          });
          if (!dryRun) {
            store.remove(token);
            // Open maps and pipelines refetch: a new campaign is announced to every campaign's viewers.
            await publishChange(options.changes, { campaignId: plan.campaign.isNew ? null : plan.campaign.id, kind: "import", ids: [] }, (error) =>
              request.log.error({ err: error }, "could not announce the import"),
            );
          }
          return plan;
        } catch (error) {
          if (error instanceof SpreadsheetRowsError) return reply.code(400).send({ error: error.message, plan: error.plan } satisfies SpreadsheetRefusal);
          throw error;
        } finally {
          committing.delete(token);
        }
      }
      if (choices.dryRun) throw new BadRequest("a dry run is for spreadsheets (resolutions or members) and legislators");
      const plan = planBoundaryImport({ ...choices, source: choices.source || upload.fileName });
      committing.add(token);
      try {
        const file = await readUpload(upload);
        const result = await options.db.transaction().execute((trx) => importBoundaryLayer(trx, file, plan, actor));
        store.remove(token);
        await publishChange(options.changes, { campaignId: null, kind: "import", ids: [] }, (error) => request.log.error({ err: error }, "could not announce the import"));
        const { summary, overlaps } = result;
        return {
          fileName: upload.fileName,
          as: plan.as,
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

async function readSpreadsheet(upload: StoredUpload, as: SpreadsheetTarget) {
  return readCsvTable(await fs.promises.readFile(upload.path, "utf8"), columnsOf(as));
}

/** A .csv upload: its columns and row count, and what they look like (checked against the columns both targets know). */
async function previewSpreadsheet(upload: StoredUpload): Promise<SpreadsheetUploadPreview> {
  const text = await fs.promises.readFile(upload.path, "utf8");
  const known = [...new Set([...RESOLUTION_COLUMNS, ...MEMBER_COLUMNS])];
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

/** A loose .shp cannot bring its sidecars in one upload: read it as bytes, so the reader asks for a zip. */
async function readUpload(upload: StoredUpload): Promise<BoundaryFile> {
  if (/\.shp$/i.test(upload.fileName)) return readBoundaryBytes(await fs.promises.readFile(upload.path), upload.fileName);
  return readBoundaryFile(upload.path);
}

const zipLimits = { maxZipEntries: defaultBoundaryLimits.maxZipEntries, maxUncompressedBytes: defaultBoundaryLimits.maxUncompressedBytes };
const isState = (code: string) => stateByUsps(code) !== undefined;
/** The preview reads roles before anyone chose a state; this stand-in is no state, so it is never guessed. */
const NO_STATE_YET = "ZZ";

async function readLegislatorUpload(upload: StoredUpload, state: string): Promise<OpenStatesRoster | null> {
  return readOpenStatesUpload(await fs.promises.readFile(upload.path), { fileName: upload.fileName, state, zipLimits });
}

/** An Open States file (CSV export, person .yml, zipped person folder): who is in it, and the state it names. Null for any other file. */
async function previewLegislators(upload: StoredUpload): Promise<LegislatorUploadPreview | null> {
  const roster = await readLegislatorUpload(upload, NO_STATE_YET);
  if (!roster) return null;
  if (roster.records.length === 0) throw new BadRequest(`${upload.fileName} lists no legislators`);
  const seats: Partial<Record<Chamber, number>> = {};
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

/** Thrown inside a dry run's transaction so nothing it wrote is kept; carries the report out. */
class DryRunDone extends Error {
  constructor(readonly report: LegislatorImportReport) {
    super("dry run");
  }
}

/** Import (or, on a dry run, try and roll back) an uploaded Open States file as the state's legislators, in one transaction. */
async function commitLegislators(
  db: Kysely<Database>,
  { upload, stateChoice, dryRun, actor }: { upload: StoredUpload; stateChoice: string | undefined; dryRun: boolean; actor: Actor },
): Promise<LegislatorImportReport> {
  const state = stateChoice?.trim().toUpperCase() ?? "";
  if (!state) throw new BadRequest("choose the state these legislators sit in");
  if (!isState(state)) throw new BadRequest(`"${stateChoice}" is not a two-letter state code (e.g. RI)`);
  const roster = await readLegislatorUpload(upload, state);
  if (!roster) throw new BadRequest(`${upload.fileName} is not an Open States file: legislators come from its CSV export, a person .yml file, or a .zip of person files`);
  try {
    return await db.transaction().execute(async (trx) => {
      const summary = await importLegislators(trx, roster.records, { state, isFullRoster: roster.isFullRoster });
      const report: LegislatorImportReport = {
        as: "legislators",
        fileName: upload.fileName,
        dryRun,
        state: summary.state,
        legislators: summary.legislators,
        created: summary.created,
        updated: summary.updated,
        rolesAdded: summary.rolesAdded,
        rolesClosed: summary.rolesClosed,
        matched: summary.matched,
        unmatched: summary.unmatched.map(({ name, chamber, districtName, reason }) => ({ name, chamber, districtName, reason })),
        vacantDistricts: summary.vacantDistricts.map(({ chamber, name }) => ({ chamber, name })),
        sharedDistricts: summary.sharedDistricts.map(({ chamber, name, legislators }) => ({ chamber, name, legislators })),
      };
      if (dryRun) throw new DryRunDone(report);
      await recordAudit(trx, actor, {
        action: "import legislators",
        subjectKind: "legislator",
        subjectId: null,
        summary: `Imported ${summary.legislators} ${state} legislators from ${upload.fileName}: ${summary.created} new, ${summary.updated} updated`,
        after: { created: summary.created, updated: summary.updated, matched: summary.matched, unmatched: summary.unmatched.length },
      });
      return report;
    });
  } catch (error) {
    if (error instanceof DryRunDone) return error.report;
    throw error;
  }
}
