import type { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { evidenceUploadQuerySchema } from "../../shared/model/evidence";
import { evidenceSizeProblem } from "../../shared/rules/verification";
import { rowIdSchema } from "../../shared/ids/row-id";
import type { Database } from "../db/schema";
import type { Actor } from "../domain/actor";
import type { ChangePublisher } from "../domain/changes";
import { addEvidenceFile, assertCanAttachEvidence, readEvidenceFile } from "../domain/evidence";
import { write } from "../domain/write";
import { evidenceAudit, evidenceChanged } from "../api/routers/evidence";
import { GroundswellError, HTTP_STATUS, InputError, NotFoundError } from "../errors";

export interface EvidenceRoutesOptions {
  db: Kysely<Database>;
  actorOf: (request: FastifyRequest) => Promise<Actor>;
  changes?: ChangePublisher;
  /** Largest evidence file accepted (413 above it). */
  maxBytes: number;
}

/** A file over the cap: refused as soon as the request says or shows it, the rest never read. */
class EvidenceTooLargeError extends InputError {}

/**
 * The request body, whole, or EvidenceTooLargeError once it passes `maxBytes`. Past the cap the
 * rest is discarded, not destroyed: destroying the request would reset the socket before the 413
 * reaches the client; the answer's `Connection: close` ends the connection instead.
 */
function readCapped(source: Readable, fileName: string, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      source.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      if (!error) return resolve(Buffer.concat(chunks));
      chunks.length = 0;
      source.resume();
      reject(error);
    };
    const onData = (chunk: Buffer | Uint8Array) => {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      total += buffer.length;
      if (total > maxBytes) return settle(new EvidenceTooLargeError(evidenceSizeProblem(fileName, total, maxBytes)!.replace(/ is [\d.]+ [KM]B:/, " is over the limit:")));
      chunks.push(buffer);
    };
    const onEnd = () => settle(null);
    const onError = (error: Error) => settle(new InputError(`the upload of ${fileName} failed: ${error.message}; nothing was saved`));
    const onClose = () => settle(new InputError(`the upload of ${fileName} was interrupted before the whole file arrived; nothing was saved`));
    source.on("data", onData).once("end", onEnd).once("error", onError).once("close", onClose);
  });
}

/** `Content-Disposition: attachment` with the name in ASCII and in UTF-8 (RFC 6266). */
function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Evidence files. `POST /api/evidence?campaignId=1&bodyId=42&category=minutes&fileName=minutes.pdf`
 * takes the file as the raw request body (at most `maxBytes`; a PDF, PNG or JPEG by its first
 * bytes), stores it in the database and answers the write. `GET /api/evidence/<id>/file` serves it
 * as a download only (`attachment`, its sniffed type, `nosniff`, a sandboxing CSP), to members, or
 * to anyone when an organizer marked it public. Every refusal is `{ error: "one line" }`.
 */
export async function registerEvidenceRoutes(app: FastifyInstance, options: EvidenceRoutesOptions): Promise<void> {
  const sendError = (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    if (error instanceof EvidenceTooLargeError) return reply.code(413).header("Connection", "close").send({ error: error.message });
    if (error instanceof GroundswellError && error.code !== "INTERNAL") return reply.code(HTTP_STATUS[error.code]).send({ error: error.message });
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) return reply.code(status).send({ error: (error as Error).message });
    request.log.error({ err: error }, "evidence request failed");
    return reply.code(500).send({ error: "the server could not store the file; nothing was saved (details are in the server log)" });
  };

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_request, payload, done) => done(null, payload));
    scope.setErrorHandler((error, request, reply) => sendError(request, reply, error));
    scope.post("/api/evidence", async (request, reply) => {
      const source = (request.body as Readable | undefined) ?? request.raw;
      const refuse = (error: Error) => {
        // Nothing of a refused upload is kept: the rest is discarded while the one-line answer goes
        // out, then its `Connection: close` ends the connection (destroying the request here would
        // reset the socket and the client would never read why).
        reply.header("Connection", "close");
        source.resume();
        return error;
      };
      const parsed = evidenceUploadQuerySchema.safeParse(request.query);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw refuse(new InputError(`${issue?.path.join(".") || "query"}: ${issue?.message ?? "invalid"}; nothing was saved`));
      }
      const query = parsed.data;
      const actor = await options.actorOf(request);
      try {
        await assertCanAttachEvidence(options.db, actor, query.bodyId);
      } catch (error) {
        throw refuse(error as Error);
      }
      const declared = Number(request.headers["content-length"]);
      const tooBig = Number.isFinite(declared) ? evidenceSizeProblem(query.fileName, declared, options.maxBytes) : null;
      if (tooBig) throw refuse(new EvidenceTooLargeError(tooBig));
      const bytes = await readCapped(source, query.fileName, options.maxBytes);
      const ctx = {
        db: options.db,
        actor,
        changes: options.changes,
        action: "evidence.upload",
        onPublishError: (error: unknown) => request.log.error({ err: error }, "could not announce the evidence"),
      };
      const result = await write(
        ctx,
        (trx) => addEvidenceFile(trx, { ...query, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), maxBytes: options.maxBytes }, actor),
        evidenceChanged,
        evidenceAudit((done) => `Evidence uploaded: ${done.evidence?.fileName ?? query.fileName}`),
      );
      return reply.header("Cache-Control", "no-store").send(result);
    });
  });

  await app.register(async (scope) => {
    scope.setErrorHandler((error, request, reply) => sendError(request, reply, error));
    scope.get("/api/evidence/:evidenceId/file", async (request, reply) => {
      const id = rowIdSchema.safeParse(Number((request.params as { evidenceId: string }).evidenceId));
      if (!id.success) throw new NotFoundError("No such evidence file");
      const file = await readEvidenceFile(options.db, id.data, await options.actorOf(request));
      return reply
        .type(file.contentType)
        .header("Content-Disposition", attachmentHeader(file.fileName))
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "default-src 'none'; sandbox")
        .header("Cache-Control", file.isPublic ? "no-cache" : "private, no-store")
        .send(Buffer.from(file.content));
    });
  });
}
