import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from "fastify";
import type { LogLevel } from "../config";

/**
 * Fastify's logger (pino: one JSON object a line on stdout). Headers are never logged whole, and
 * these paths are censored wherever they turn up, so no password, cookie or token reaches a log.
 */
export function loggerOptions(level: LogLevel, stream?: NodeJS.WritableStream): FastifyServerOptions["logger"] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]', "*.password", "*.newPassword", "*.token", "*.cookie"],
      censor: "[redacted]",
    },
  };
}

/**
 * One line per request once it is answered: request id, method, path (never the query string,
 * which may carry tokens), route, tRPC procedure, status, duration and the signed-in user's id.
 * Replaces Fastify's two lines per request ("incoming request", "request completed").
 */
export function registerRequestLog(app: FastifyInstance, userIdOf: (request: FastifyRequest) => number | undefined): void {
  app.addHook("onResponse", async (request, reply) => {
    const status = reply.statusCode;
    const fields = {
      method: request.method,
      path: request.url.split("?")[0],
      route: request.routeOptions.url,
      procedure: request.routeOptions.url === "/trpc/:path" ? (request.params as { path?: string }).path : undefined,
      status,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      userId: userIdOf(request),
    };
    if (status >= 500) request.log.warn(fields, "request failed");
    else request.log.info(fields, "request");
  });
}
