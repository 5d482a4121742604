import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import { fastifyRequestHandler, fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from "@trpc/server/adapters/fastify";
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { API_LIMITS } from "../../shared/api-limits";
import { DEFAULT_EVIDENCE_MAX_BYTES } from "../../shared/model/evidence";
import { APP_PAGES } from "../../shared/app-pages";
import { appRouter, type AppRouter } from "../api/router";
import { createMemoryChangeBus, type ChangeBus } from "../db/change-bus";
import { queryHealth, type DatabaseHealth } from "../db/connect";
import type { Database } from "../db/schema";
import { RETRY_AFTER_SECONDS } from "../errors";
import { registerErrorReplies, unavailableAs503 } from "./error-replies";
import type { LogLevel } from "../config";
import { loggerOptions, registerRequestLog } from "./request-log";
import { registerLoadShedding, type LoadLimits } from "./load-shedding";
import { createRequestAuth } from "./request-auth";
import { createChangeFeed } from "../domain/changes";
import { createDistrictPayloadCache, createGeometryPayloadCache, finish, type GeometryPayload } from "../domain/map-payload";
import { createBodyTileWorker } from "./body-tile-workers";
import { DEFAULT_TILES_ABOVE, wantsBodyTiles } from "../../shared/model/body-tiles";
import { registerBodyTileRoute } from "./body-tile-route";
import { createGeocoder, createTextGeocoder } from "../io/geocoder";
import { readUsAtlasReference } from "../io/us-atlas";
import type { UploadReaderOptions } from "../io/upload-workers";
import { clientDistDir } from "./client-build";
import { registerCalendarRoute } from "./calendar-route";
import { registerEvidenceRoutes } from "./evidence-routes";
import { registerExportRoutes } from "./export-routes";
import { registerImportRoutes } from "./import-routes";
import { cutLiveStreamsOnClose, registerLiveStream } from "./live-streams";
import { createPublicCache, invalidatingOnPublish, registerPublicCache } from "./public-cache";
import { registerSecurity } from "./security";

const gzipAsync = promisify(gzip);

export interface ServerOptions {
  db: Kysely<Database>;
  engine: string;
  basemapStyleUrl: string | null;
  /** GROUNDSWELL_GEOCODER_URL: Find my hub's address search goes through it (off when absent). */
  geocoderUrl?: string | null;
  /** GROUNDSWELL_PUBLIC_URL: the origin mutations must come from (else the request's Host). */
  publicUrl?: string | null;
  /** Behind a reverse proxy: client addresses (for sign-in throttling) come from X-Forwarded-For. */
  trustProxy?: boolean;
  /** Serve the built client from `dist/client` (off in API-only tests). */
  serveClient?: boolean;
  /** Fastify's structured log at this level (`serve`: --log-level, default info); none when absent (tests). */
  logLevel?: LogLevel;
  /** Where log lines go (default stdout); tests read them here. */
  logStream?: NodeJS.WritableStream;
  /** Headless Chromium for map exports (default Debian's /usr/bin/chromium). */
  chromiumPath?: string;
  /**
   * Uploads of the Import screen: size cap (100 MB), how long a file waits for its commit (30 min),
   * temp folder, previews taken on at once (2), the worker threads that read them (DEFAULT_UPLOAD_READERS).
   */
  imports?: { maxBytes?: number; ttlMs?: number; directory?: string; maxPreviews?: number; readers?: UploadReaderOptions };
  /** Largest evidence file (GROUNDSWELL_EVIDENCE_MAX_BYTES; default 10 MB). */
  evidenceMaxBytes?: number;
  /**
   * How committed changes reach other servers (see server/db/change-bus.ts): `serve` passes the
   * PostgreSQL LISTEN/NOTIFY bus; without one, an in-process bus (one server, e.g. SQLite).
   */
  changes?: ChangeBus;
  /** Load shedding and per-address rate limits (`serve`: DEFAULT_LOAD_LIMITS); none when absent (tests). */
  limits?: LoadLimits;
  /** How long public answers and geometry are trusted without an announced change (default 5 s). */
  publicCacheTtlMs?: number;
  /** More bodies than this: the map draws them from vector tiles (GROUNDSWELL_MAP_TILES_ABOVE; default 10,000). */
  mapTilesAbove?: number;
  /** Whether the database answers (from `connect`); without one, `/health` asks with `select 1`. */
  health?: DatabaseHealth;
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { db } = options;
  // tRPC mounts `/trpc/:path`, and a batch names all its procedures in that one segment: Fastify's
  // default of 100 characters answered 414 to a batch of five or six queries.
  const app = Fastify({
    logger: options.logLevel ? loggerOptions(options.logLevel, options.logStream) : false,
    logController: new LogController({ disableRequestLogging: true }), // one line per request instead (request-log.ts)
    bodyLimit: API_LIMITS.maxJsonBodyBytes,
    trustProxy: options.trustProxy ?? false,
    routerOptions: { maxParamLength: API_LIMITS.maxBatchPathLength },
    // A client gets 5 minutes to send a whole request (a 100 MB upload on a slow line), a socket
    // that says nothing for 60 s is closed (live streams ping every 15 s), and an idle keep-alive
    // connection is kept 72 s (longer than the 60 s of common proxies, so they close it first).
    requestTimeout: 300_000,
    connectionTimeout: 60_000,
    keepAliveTimeout: 72_000,
  });
  // Headers must arrive within 15 s (Node's default is 60 s): a slow-headers client holds no socket for long.
  app.server.headersTimeout = 15_000;
  const bus = options.changes ?? createMemoryChangeBus();
  // Cached public answers go stale with every change: this server's own (at once, before its
  // writer's refetch can arrive) and other instances' (through the bus).
  const publicCache = createPublicCache({ ttlMs: options.publicCacheTtlMs });
  const changes = createChangeFeed(invalidatingOnPublish(bus, publicCache.invalidate));
  cutLiveStreamsOnClose(app);
  app.addHook("onClose", async () => {
    changes.close();
    if (!options.changes) await bus.close();
  });
  if (options.limits) await registerLoadShedding(app, options.limits);
  registerSecurity(app, { basemapStyleUrl: options.basemapStyleUrl, publicUrl: options.publicUrl ?? null });
  await app.register(fastifyCookie);
  const auth = createRequestAuth(db, { secureCookies: (options.publicUrl ?? "").startsWith("https:") });
  // Who made each request, for its log line.
  const userIds = new WeakMap<FastifyRequest, number>();
  const actorOf = async (request: FastifyRequest) => {
    const actor = await auth.actorOf(request);
    if (actor.userId !== undefined) userIds.set(request, actor.userId);
    return actor;
  };
  registerRequestLog(app, (request) => userIds.get(request));

  // For load balancers: 200 when the database answered a `select 1` within 1.5 s, else 503 at once.
  const health = options.health ?? queryHealth(db);
  app.get("/health", async (_request, reply) => {
    if (await health.check()) return { ok: true, database: options.engine };
    return reply.code(503).header("Retry-After", RETRY_AFTER_SECONDS).send({ ok: false, database: options.engine, error: "database unreachable" });
  });
  registerErrorReplies(app);

  registerPublicCache(app, publicCache);
  // After the cache (which stores and sends its own gzip bytes): other API answers over 1 KB.
  await app.register(fastifyCompress, { encodings: ["gzip"], threshold: 1024 });
  const trpcOptions = {
    router: appRouter,
    maxBatchSize: API_LIMITS.maxBatchSize,
    createContext: async ({ req, res }) => ({ db, actor: await unavailableAs503(() => actorOf(req)), changes, http: auth.httpSession(req, res) }),
    responseMeta: ({ errors }) => (errors.some((error) => error.code === "SERVICE_UNAVAILABLE") ? { headers: { "Retry-After": String(RETRY_AFTER_SECONDS) } } : {}),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") app.log.error({ path, err: error.cause ?? error }, "tRPC internal error");
    },
  } satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"];
  // Live changes are written to the socket directly (see live-streams.ts); refusals go through tRPC.
  registerLiveStream(app, { db, feed: changes, actorOf, viaTrpc: (req, res) => fastifyRequestHandler({ ...trpcOptions, req, res, path: "changes.onChange" }) });
  await app.register(fastifyTRPCPlugin, { prefix: "/trpc", trpcOptions });

  // Asking the database whether the shapes changed costs a scan: ask once per announced change
  // (or per TTL), like the public cache, not on every revalidation or tile.
  const checkedPerChange = <P>(current: () => Promise<P>): (() => Promise<P>) => {
    let known: { payload: P; generation: number; at: number } | null = null;
    return async () => {
      if (known && known.generation === publicCache.generation && Date.now() - known.at < publicCache.ttlMs) return known.payload;
      const generation = publicCache.generation;
      const payload = await current();
      known = { payload, generation, at: Date.now() };
      return payload;
    };
  };
  // Cacheable geometry payloads; stages travel separately through resolution.stages.
  const servePayload = (route: string, pick: (request: FastifyRequest) => Promise<GeometryPayload>) => {
    // Gzipped bytes of the last representations served (a route may serve two: outlines and the slim index).
    const gzipped = new Map<string, Buffer>();
    app.get(route, async (request, reply) => {
      const payload = await pick(request);
      const gzip = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
      // Each encoding is its own representation, so each gets its own validator.
      const etag = gzip ? `${payload.etag.slice(0, -1)}-gzip"` : payload.etag;
      reply.header("ETag", etag).header("Cache-Control", "no-cache").header("Vary", "Accept-Encoding");
      const ifNoneMatch = String(request.headers["if-none-match"] ?? "");
      if (ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) return reply.code(304).send();
      reply.type("application/geo+json");
      if (!gzip) return reply.send(payload.json);
      // Compressed off the event loop (a national layer's 24 MB take about a second).
      let bytes = gzipped.get(etag);
      if (!bytes) {
        bytes = await gzipAsync(payload.json);
        if (gzipped.size >= 2) gzipped.delete(gzipped.keys().next().value!);
        gzipped.set(etag, bytes);
      }
      return reply.header("Content-Encoding", "gzip").send(bytes);
    });
  };
  // The bodies: every outline, or (a campaign past the tile threshold, or `?tiles=1`) the slim
  // index whose `tiles` names the vector tiles of this body-set version.
  const bodies = checkedPerChange(createGeometryPayloadCache(db));
  const tilesAbove = options.mapTilesAbove ?? DEFAULT_TILES_ABOVE;
  servePayload("/geo/bodies.geojson", async (request) => {
    const payload = await bodies();
    return wantsBodyTiles((request.query as { tiles?: unknown }).tiles, payload.bodyCount, tilesAbove) ? payload.index : payload;
  });
  const bodyTiles = createBodyTileWorker(bodies);
  app.addHook("onClose", () => bodyTiles.close());
  registerBodyTileRoute(app, bodyTiles.tilesOf);
  servePayload("/geo/districts.geojson", checkedPerChange(createDistrictPayloadCache(db)));
  // Land, state and county borders and state names from the shipped us-atlas files: built once, on first use.
  let reference: GeometryPayload | null = null;
  servePayload(
    "/geo/reference.geojson",
    checkedPerChange(
      async () =>
        (reference ??= finish(
          "us-atlas",
          readUsAtlasReference().map((item) => JSON.stringify(item)),
        )),
    ),
  );

  registerExportRoutes(app, { db, actorOf, chromiumPath: options.chromiumPath ?? "/usr/bin/chromium" });

  const importMaxBytes = options.imports?.maxBytes ?? 100 * 1024 * 1024;
  await registerImportRoutes(app, {
    db,
    actorOf,
    changes,
    maxBytes: importMaxBytes,
    ttlMs: options.imports?.ttlMs ?? 30 * 60 * 1000,
    directory: options.imports?.directory,
    geocode: options.geocoderUrl ? createGeocoder(options.geocoderUrl) : undefined,
    maxPreviews: options.imports?.maxPreviews,
    readers: options.imports?.readers,
  });

  const evidenceMaxBytes = options.evidenceMaxBytes ?? DEFAULT_EVIDENCE_MAX_BYTES;
  await registerEvidenceRoutes(app, { db, actorOf, changes, maxBytes: evidenceMaxBytes });

  registerCalendarRoute(app, { db, actorOf });

  app.get("/config.json", async () => ({ basemapStyleUrl: options.basemapStyleUrl, importMaxBytes, evidenceMaxBytes, addressSearch: Boolean(options.geocoderUrl) }));

  // Find my hub's address search, through the admin's geocoder (its URL, and any key in it, stay on the server).
  const geocode = options.geocoderUrl ? createTextGeocoder(options.geocoderUrl) : null;
  app.get("/geo/address", async (request, reply) => {
    const text = String((request.query as { q?: unknown }).q ?? "")
      .trim()
      .slice(0, 200);
    if (!geocode) return reply.code(404).type("text/plain; charset=utf-8").send("Address search is off: the admin has not set GROUNDSWELL_GEOCODER_URL\n");
    if (text.length < 3) return reply.code(400).type("text/plain; charset=utf-8").send("Type an address of at least three characters\n");
    return reply.header("Cache-Control", "no-store").send({ point: await geocode(text) });
  });

  if (options.serveClient !== false) {
    const index = path.join(clientDistDir, "index.html");
    if (!fs.existsSync(index)) throw new Error(`the web client is not built (${index} is missing); run npm run build`);
    await app.register(fastifyStatic, { root: clientDistDir, serve: false });
    const sendIndex = (_request: unknown, reply: FastifyReply) => reply.header("Cache-Control", "no-cache").sendFile("index.html");
    for (const pattern of Object.values(APP_PAGES)) app.get(pattern, sendIndex);
    app.get("/favicon.svg", (_request, reply) => reply.sendFile("favicon.svg"));
    // The installable app (meeting mode works offline): its manifest and service worker, never cached stale.
    app.get("/manifest.webmanifest", (_request, reply) => reply.header("Cache-Control", "no-cache").type("application/manifest+json").sendFile("manifest.webmanifest"));
    app.get("/sw.js", (_request, reply) => reply.header("Cache-Control", "no-cache").type("text/javascript").sendFile("sw.js"));
    app.get("/assets/*", (request, reply) => {
      const file = (request.params as { "*": string })["*"];
      return reply.header("Cache-Control", "public, max-age=31536000, immutable").sendFile(path.join("assets", file));
    });
  }
  return app;
}
