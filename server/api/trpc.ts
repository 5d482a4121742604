import { initTRPC, TRPCError } from "@trpc/server";
import { ConflictError, GroundswellError } from "../errors";
import type { Context } from "./context";
import { findNulCharacter } from "./input-guards";

/**
 * tRPC is initialised once here. Procedures are built by role; domain errors become tRPC errors
 * with the same message, and a conflict carries the current state so the client can re-apply.
 * @see https://trpc.io/docs/server/routers
 */
const t = initTRPC.context<Context>().create({
  // Subscriptions travel as server-sent events: a ping every 15 s keeps proxies from closing an
  // idle stream, and a client that hears nothing for 40 s reconnects (resuming from its lastEventId).
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 40_000 } },
  errorFormatter({ shape, error }) {
    const conflict = error.cause instanceof ConflictError ? error.cause.current : undefined;
    return { ...shape, data: { ...shape.data, stack: undefined, conflict } };
  },
});

const TRPC_CODES = {
  INPUT: "BAD_REQUEST",
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  INTERNAL: "INTERNAL_SERVER_ERROR",
} as const;

const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof GroundswellError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODES[cause.code], message: cause.message, cause });
  }
  return result;
});

/** Every procedure: a NUL character anywhere in the input is a 400 (PostgreSQL text cannot hold it). */
const refuseNulCharacters = t.middleware(async ({ getRawInput, next }) => {
  const where = findNulCharacter(await getRawInput());
  if (where) throw new TRPCError({ code: "BAD_REQUEST", message: `${where}: text may not contain the NUL character (U+0000)` });
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(domainErrors).use(refuseNulCharacters);

/** Signed-in campaign members (any role): may read private fields. */
export const memberProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.actor.role === "public") throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to see this" });
  return next();
});

/** Organizers and admins: may change any resolution. */
export const organizerProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.actor.role !== "organizer" && ctx.actor.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only organizers can change stages" });
  }
  return next();
});
