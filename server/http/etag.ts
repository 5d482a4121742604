import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";

/** A strong validator: a hash of the bytes. */
export function strongEtag(body: string | Uint8Array): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

/** True when the request's If-None-Match names `etag` (weak or strong). */
export function matchesEtag(request: FastifyRequest, etag: string): boolean {
  const ifNoneMatch = String(request.headers["if-none-match"] ?? "");
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/** Send `body` with its ETag, or 304 with no body when the client already holds it. */
export function sendCacheable(request: FastifyRequest, reply: FastifyReply, body: string | Buffer, cacheControl = "no-cache"): FastifyReply {
  const etag = strongEtag(body);
  reply.header("ETag", etag).header("Cache-Control", cacheControl);
  if (matchesEtag(request, etag)) return reply.code(304).send();
  return reply.send(body);
}
