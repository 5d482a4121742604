import type { FastifyInstance } from "fastify";
import { matchesEtag, strongEtag } from "./etag";

/** `/trpc/public.map,public.body?batch=1&input=…` → ["public.map", "public.body"]. */
export function procedurePaths(url: string): string[] {
  const path = url.split("?")[0]!.replace(/^\/trpc\//, "");
  return decodeURIComponent(path).split(",").filter(Boolean);
}

/**
 * Public API answers are cacheable: a GET whose procedures are all in the `public` namespace gets
 * a strong ETag, and a matching If-None-Match gets 304 with no body. Anything else (signed-in
 * reads) is left alone: those answers depend on who asks.
 */
export function registerPublicCache(app: FastifyInstance): void {
  app.addHook("onSend", async (request, reply, payload) => {
    if (request.method !== "GET" || !request.url.startsWith("/trpc/") || reply.statusCode !== 200) return payload;
    const paths = procedurePaths(request.url);
    if (paths.length === 0 || !paths.every((path) => path.startsWith("public."))) return payload;
    // tRPC's adapter sends a web Response; Fastify copies its status and headers after this hook.
    if (payload instanceof Response) {
      if (payload.status !== 200) return payload; // an error (a 503 while the database is away) is not cached
      const bytes = Buffer.from(await payload.arrayBuffer());
      const etag = strongEtag(bytes);
      const headers = new Headers(payload.headers);
      headers.set("ETag", etag);
      headers.set("Cache-Control", "no-cache");
      headers.set("Vary", "Accept-Encoding");
      if (matchesEtag(request, etag)) return new Response(null, { status: 304, headers });
      return new Response(bytes, { status: payload.status, headers });
    }
    if (typeof payload !== "string" && !Buffer.isBuffer(payload)) return payload;
    const etag = strongEtag(payload);
    reply.header("ETag", etag).header("Cache-Control", "no-cache").header("Vary", "Accept-Encoding");
    if (matchesEtag(request, etag)) {
      reply.code(304);
      return "";
    }
    return payload;
  });
}
