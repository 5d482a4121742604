import { initTRPC, TRPCError } from "@trpc/server";
import { ConflictError, GroundswellError } from "../errors";
import type { Context } from "./context";

/**
 * tRPC is initialised once here. Procedures are built by role; domain errors become tRPC errors
 * with the same message, and a conflict carries the current state so the client can re-apply.
 * @see https://trpc.io/docs/server/routers
 */
const t = initTRPC.context<Context>().create({
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

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(domainErrors);

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
