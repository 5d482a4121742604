import fastifyRateLimit from "@fastify/rate-limit";
import fastifyUnderPressure from "@fastify/under-pressure";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** What one server process takes on before it says "busy" (503) or "slow down" (429). */
export interface LoadLimits {
  /** Requests being answered at once; beyond, 503 at once. Live streams and /health do not count. */
  maxInFlight: number;
  /** Mean event-loop delay over the last second (ms) beyond which new requests get 503. */
  maxEventLoopDelayMs: number;
  /** API writes (tRPC mutations other than sign-in, imports) per client address per minute. */
  writesPerMinute: number;
  /** Exports (`/export/*`: map images, press kits, CSV) per client address per minute. */
  exportsPerMinute: number;
}

export const DEFAULT_LOAD_LIMITS: LoadLimits = { maxInFlight: 512, maxEventLoopDelayMs: 500, writesPerMinute: 300, exportsPerMinute: 30 };

export const BUSY_MESSAGE = "The server is busy; try again in a moment.";

/** Streams that stay open for hours, and the health check a load balancer must always reach. */
const isExempt = (request: FastifyRequest) => request.url === "/health" || request.url.startsWith("/trpc/changes.");

const busy = (reply: FastifyReply, retryAfterSeconds: number) =>
  reply.code(503).header("Retry-After", retryAfterSeconds).type("text/plain; charset=utf-8").send(`${BUSY_MESSAGE}\n`);

/**
 * Shed load instead of queueing it: past `maxInFlight` requests, or while the event loop lags
 * (@fastify/under-pressure), a request is answered 503 with Retry-After in well under a
 * millisecond, so the requests already taken on finish in time and the process recovers as soon
 * as the burst passes. Writes and exports are rate-limited per client address
 * (@fastify/rate-limit, counted per process; sign-in has its own limit, kept in the database so
 * every instance agrees).
 */
export async function registerLoadShedding(app: FastifyInstance, limits: LoadLimits): Promise<void> {
  // under-pressure samples the event-loop delay each second; the decision stays here, so the
  // health check and live streams are never shed.
  await app.register(fastifyUnderPressure, { sampleInterval: 1000 });
  let inFlight = 0;
  app.addHook("onRequest", async (request, reply) => {
    if (isExempt(request)) return;
    if (inFlight >= limits.maxInFlight || app.memoryUsage().eventLoopDelay > limits.maxEventLoopDelayMs) return busy(reply, 1);
    inFlight++;
    // 'close' fires once the answer is sent or the client went away, whichever comes first.
    reply.raw.once("close", () => inFlight--);
  });

  await app.register(fastifyRateLimit, { global: false });
  const limiter = (prefix: string, max: number) => {
    const check = app.createRateLimit({ max, timeWindow: 60_000, keyGenerator: (request) => `${prefix}:${request.ip}` });
    return async (request: FastifyRequest, reply: FastifyReply) => {
      const result = await check(request);
      if (result.isAllowed || !result.isExceeded) return;
      return reply
        .code(429)
        .header("Retry-After", result.ttlInSeconds)
        .type("text/plain; charset=utf-8")
        .send(`Too many ${prefix} from your address; try again in ${result.ttlInSeconds} s.\n`);
    };
  };
  const writes = limiter("changes", limits.writesPerMinute);
  const exports = limiter("exports", limits.exportsPerMinute);
  app.addHook("onRequest", async (request, reply) => {
    const path = request.url.split("?")[0]!;
    if (request.method === "POST" && ((path.startsWith("/trpc/") && !path.startsWith("/trpc/auth.")) || path.startsWith("/api/imports/"))) {
      return writes(request, reply);
    }
    if (path.startsWith("/export/")) return exports(request, reply);
  });
}
