import { TRPCError } from "@trpc/server";
import type { FastifyError, FastifyInstance } from "fastify";
import { INTERNAL_ERROR_MESSAGE, isDatabaseUnavailable, RETRY_AFTER_SECONDS, UnavailableError } from "../errors";

/**
 * Errors of the routes outside tRPC (geometry, exports, calendar, imports), as one line of text:
 * the database away is a 503 with Retry-After; a bug is a 500 logged with its stack, whose
 * message (driver text, file paths) stays in the log; a client error keeps Fastify's status.
 */
export function registerErrorReplies(app: FastifyInstance): void {
  // Every 503 (the database away, from any route) tells clients when to try again.
  app.addHook("onSend", async (_request, reply, payload) => {
    const status = payload instanceof Response ? payload.status : reply.statusCode;
    if (status === 503 && !reply.hasHeader("retry-after")) reply.header("Retry-After", RETRY_AFTER_SECONDS);
    return payload;
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, "database unavailable");
      return reply.code(503).header("Retry-After", RETRY_AFTER_SECONDS).type("text/plain; charset=utf-8").send(`${new UnavailableError().message}\n`);
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error({ err: error }, "internal error");
      return reply.code(500).type("text/plain; charset=utf-8").send(`${INTERNAL_ERROR_MESSAGE}\n`);
    }
    return reply
      .code(status)
      .type("text/plain; charset=utf-8")
      .send(`${error.message.split("\n")[0]}\n`);
  });
}

/** Run `work` (e.g. reading the session for tRPC's context); the database away becomes a 503. */
export async function unavailableAs503<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    const unavailable = new UnavailableError(undefined, { cause: error });
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: unavailable.message, cause: unavailable });
  }
}
