import { gzipSync } from "node:zlib";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ChangeBus } from "../db/change-bus";
import { matchesEtag, strongEtag } from "./etag";

/** `/trpc/public.map,public.body?batch=1&input=…` → ["public.map", "public.body"]. */
export function procedurePaths(url: string): string[] {
  const path = url.split("?")[0]!.replace(/^\/trpc\//, "");
  return decodeURIComponent(path).split(",").filter(Boolean);
}

/** Procedures whose answer is the same for everyone who asks: the public namespace and the map's stages. */
const isShared = (path: string) => path.startsWith("public.") || path === "resolution.stages";

export interface PublicCacheOptions {
  /**
   * How long an answer is served without being rebuilt when no change is announced. Every change
   * the server announces (its own writes, and other instances' through the change bus) empties the
   * cache at once; this bound is for writes nobody announces (the command line on SQLite).
   */
  ttlMs?: number;
  /** Distinct URLs kept (searches can be many); the oldest go first. */
  maxEntries?: number;
}

/** Kept answers and the generation they belong to; every announced change starts a new one. */
export interface PublicCache {
  entries: Map<string, Entry>;
  generation: number;
  ttlMs: number;
  maxEntries: number;
  /** A change was committed: every kept answer may be stale. */
  invalidate(): void;
}

export function createPublicCache({ ttlMs = 5_000, maxEntries = 1_000 }: PublicCacheOptions = {}): PublicCache {
  const cache: PublicCache = {
    entries: new Map(),
    generation: 0,
    ttlMs,
    maxEntries,
    invalidate() {
      cache.generation++;
      cache.entries.clear();
    },
  };
  return cache;
}

interface Entry {
  body: Buffer;
  gzip: Buffer | null;
  etag: string;
  generation: number;
  storedAt: number;
}

/** How many builds a request waits for before it builds its own answer (changes landing during each). */
const MAX_WAIT_ROUNDS = 4;

/** Answers smaller than this go out uncompressed (gzip's header costs more than it saves). */
const GZIP_THRESHOLD = 1024;

/**
 * Public reads built once per change, not once per request. A GET whose procedures all answer
 * the same for everyone (the `public` namespace, `resolution.stages`) is kept, per URL (campaign,
 * as-of day and other inputs are in it), with its strong ETag and gzip bytes, until the next
 * announced change. A request for a kept answer never reaches tRPC or the database: a matching
 * If-None-Match gets 304 from the ETag alone, anything else the stored bytes. Signed-in reads are
 * left alone: those answers depend on who asks.
 */
export function registerPublicCache(app: FastifyInstance, cache: PublicCache): void {
  const { entries } = cache;
  /** The generation each cacheable request started in: an answer built across a change is not kept. */
  const startedIn = new WeakMap<FastifyRequest, number>();

  const cacheable = (request: FastifyRequest) => {
    if (request.method !== "GET" || !request.url.startsWith("/trpc/")) return false;
    const paths = procedurePaths(request.url);
    return paths.length > 0 && paths.every(isShared);
  };
  const acceptsGzip = (request: FastifyRequest) => /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));

  const sendEntry = (request: FastifyRequest, reply: FastifyReply, entry: Entry) => {
    reply.header("ETag", entry.etag).header("Cache-Control", "no-cache").header("Vary", "Accept-Encoding");
    if (matchesEtag(request, entry.etag)) return reply.code(304).send();
    reply.type("application/json");
    if (entry.gzip && acceptsGzip(request)) return reply.header("Content-Encoding", "gzip").send(entry.gzip);
    return reply.send(entry.body);
  };

  const fresh = (entry: Entry | undefined): entry is Entry => !!entry && entry.generation === cache.generation && Date.now() - entry.storedAt < cache.ttlMs;
  /** Answers being built, by URL: after a change, 200 open maps asking at once wait for one build. */
  const building = new Map<string, { generation: number; done: Promise<void>; finish: () => void }>();

  app.addHook("onRequest", async (request, reply) => {
    if (!cacheable(request)) return;
    const key = request.url;
    // Wait for the build of the current generation. When a change lands during it, that build is
    // not kept: the waiters then wait for one build of the new generation (the first of them to
    // wake starts it) instead of each building their own, which on PostgreSQL under a stream of
    // writes turned 200 open maps into 200 concurrent builds.
    for (let round = 0; round < MAX_WAIT_ROUNDS; round++) {
      const entry = entries.get(key);
      if (fresh(entry)) return sendEntry(request, reply, entry);
      const inProgress = building.get(key);
      if (!inProgress || inProgress.generation !== cache.generation) break;
      await inProgress.done;
    }
    startedIn.set(request, cache.generation);
    if (!building.has(key) || building.get(key)!.generation !== cache.generation) {
      let finish = () => {};
      const done = new Promise<void>((resolve) => (finish = resolve));
      building.set(key, { generation: cache.generation, done, finish });
      // However the build ends (answered, failed, client gone), the waiters go on.
      reply.raw.once("close", () => {
        const current = building.get(key);
        if (current?.done === done) building.delete(key);
        finish();
      });
    }
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const started = startedIn.get(request);
    // tRPC's adapter sends a web Response; Fastify copies its status and headers after this hook.
    if (started === undefined || !(payload instanceof Response) || payload.status !== 200) return payload;
    const body = Buffer.from(await payload.arrayBuffer());
    const entry: Entry = { body, gzip: body.length >= GZIP_THRESHOLD ? gzipSync(body) : null, etag: strongEtag(body), generation: started, storedAt: Date.now() };
    if (started === cache.generation) {
      entries.delete(request.url);
      entries.set(request.url, entry);
      if (entries.size > cache.maxEntries) entries.delete(entries.keys().next().value!);
      building.get(request.url)?.finish();
    }
    const headers = new Headers(payload.headers);
    headers.set("ETag", entry.etag);
    headers.set("Cache-Control", "no-cache");
    headers.set("Vary", "Accept-Encoding");
    if (matchesEtag(request, entry.etag)) return new Response(null, { status: 304, headers });
    if (entry.gzip && acceptsGzip(request)) {
      headers.set("Content-Encoding", "gzip");
      return new Response(new Uint8Array(entry.gzip), { status: 200, headers });
    }
    return new Response(new Uint8Array(body), { status: 200, headers });
  });
}

/** `bus`, calling `invalidate` for every change published or heard (before and after a publish). */
export function invalidatingOnPublish(bus: ChangeBus, invalidate: () => void): ChangeBus {
  bus.subscribe(invalidate);
  return {
    transport: bus.transport,
    async publish(change) {
      invalidate();
      await bus.publish(change);
      invalidate();
    },
    subscribe: (listener) => bus.subscribe(listener),
    ready: () => bus.ready(),
    close: () => bus.close(),
  };
}
