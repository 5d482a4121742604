import { CSRF_HEADER } from "../../shared/csrf";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export interface SecurityOptions {
  /** The optional basemap style; its origin joins `connect-src` so MapLibre may fetch it. */
  basemapStyleUrl: string | null;
  /** Where users reach the server (GROUNDSWELL_PUBLIC_URL): the only origin allowed to send mutations. */
  publicUrl: string | null;
}

/** The one page other sites may frame (PRODUCT.md). */
export const FRAMEABLE_PATHS = ["/embed"];

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A Content-Security-Policy with no inline script: the built client is one module file plus workers from blob: URLs (MapLibre). */
export function contentSecurityPolicy({ basemapStyleUrl, frameable }: { basemapStyleUrl: string | null; frameable: boolean }): string {
  const basemapOrigin = basemapStyleUrl ? originOf(basemapStyleUrl) : null;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "img-src 'self' data: blob:",
    `connect-src 'self'${basemapOrigin ? ` ${basemapOrigin}` : ""}`,
    "style-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    frameable ? "frame-ancestors *" : "frame-ancestors 'none'",
  ].join("; ");
}

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

const isFrameable = (url: string) => {
  const pathname = url.split("?")[0]!.replace(/\/+$/, "") || "/";
  return FRAMEABLE_PATHS.includes(pathname);
};

/**
 * Security headers on every response, and the CSRF check on every mutation of the API. Cookies
 * authenticate the browser, so a request another site makes the browser send must be refused:
 * it cannot carry our custom header without a CORS preflight, which we never grant, and when the
 * browser names its Origin that origin must be ours.
 */
export function registerSecurity(app: FastifyInstance, options: SecurityOptions): void {
  const publicOrigin = options.publicUrl ? originOf(options.publicUrl) : null;
  const publicIsHttps = publicOrigin?.startsWith("https:") ?? false;
  const policies = {
    framed: contentSecurityPolicy({ basemapStyleUrl: options.basemapStyleUrl, frameable: true }),
    unframed: contentSecurityPolicy({ basemapStyleUrl: options.basemapStyleUrl, frameable: false }),
  };

  app.addHook("onRequest", async (request, reply) => {
    const frameable = isFrameable(request.url);
    reply
      .header("Content-Security-Policy", frameable ? policies.framed : policies.unframed)
      .header("X-Content-Type-Options", "nosniff")
      .header("Referrer-Policy", "strict-origin-when-cross-origin")
      .header("Cross-Origin-Opener-Policy", "same-origin");
    if (!frameable) reply.header("X-Frame-Options", "DENY");
    if (request.protocol === "https" || publicIsHttps) reply.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");

    if (SAFE_METHODS.has(request.method) || !isApiPath(request.url)) return;
    const refusal = csrfRefusal(request, publicOrigin);
    if (refusal) return refuse(reply, refusal);
  });
}

const isApiPath = (url: string) => url.startsWith("/trpc/") || url === "/trpc" || url.startsWith("/api/");

/** Why a mutation is refused as possibly cross-site, or null when it may go on. */
export function csrfRefusal(request: FastifyRequest, publicOrigin: string | null): string | null {
  if (request.headers[CSRF_HEADER] !== "1") {
    return `requests that change data must carry the header "${CSRF_HEADER}: 1"`;
  }
  const origin = request.headers.origin;
  if (origin === undefined) return null;
  if (publicOrigin) return origin === publicOrigin ? null : `requests from ${origin} may not change data here`;
  const host = request.headers.host;
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {
    // "null" (sandboxed frames, file: pages) or garbage
  }
  return originHost !== null && host !== undefined && originHost === host.toLowerCase() ? null : `requests from ${origin} may not change data here`;
}

function refuse(reply: FastifyReply, message: string) {
  return reply.code(403).header("Cache-Control", "no-store").send({ error: message });
}
