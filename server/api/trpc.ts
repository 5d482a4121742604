import { initTRPC, TRPCError } from "@trpc/server";
import { ConflictError, GroundswellError, INTERNAL_ERROR_MESSAGE, isDatabaseUnavailable, UnavailableError } from "../errors";
import type { Context } from "./context";
import { canAdminister, canEditAnyBody, canEditSomeBodies, canReadPrivate, REFUSALS, type Role } from "../../shared/model/account";
import type { Db } from "../db/connect";
import { canEditBody, canEditLegislator } from "../domain/permissions";
import { findNulCharacter } from "./input-guards";

/** Live streams (tRPC's and server/http/live-streams.ts's): a ping this often, and the client's limit of silence before it reconnects. */
export const LIVE_STREAM_TIMING = { pingMs: 15_000, reconnectAfterInactivityMs: 40_000 };

/**
 * tRPC is initialised once here. Procedures are built by role; domain errors become tRPC errors
 * with the same message, and a conflict carries the current state so the client can re-apply.
 * @see https://trpc.io/docs/server/routers
 */
const t = initTRPC.context<Context>().create({
  // Subscriptions travel as server-sent events: a ping every 15 s keeps proxies from closing an
  // idle stream, and a client that hears nothing for 40 s reconnects (resuming from its lastEventId).
  sse: { ping: { enabled: true, intervalMs: LIVE_STREAM_TIMING.pingMs }, client: { reconnectAfterInactivityMs: LIVE_STREAM_TIMING.reconnectAfterInactivityMs } },
  errorFormatter({ shape, error }) {
    const conflict = error.cause instanceof ConflictError ? error.cause.current : undefined;
    // A bug's message (driver text, paths) goes to the log, never to the browser.
    const message = error.code === "INTERNAL_SERVER_ERROR" ? INTERNAL_ERROR_MESSAGE : shape.message;
    return { ...shape, message, data: { ...shape.data, stack: undefined, conflict } };
  },
});

const TRPC_CODES = {
  INPUT: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  THROTTLED: "TOO_MANY_REQUESTS",
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL: "INTERNAL_SERVER_ERROR",
} as const;

const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof GroundswellError) throw new TRPCError({ code: TRPC_CODES[cause.code], message: cause.message, cause });
  // The database went away mid-request: a 503 the user can read, never the driver's text.
  if (isDatabaseUnavailable(cause)) {
    const unavailable = new UnavailableError(undefined, { cause });
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: unavailable.message, cause: unavailable });
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
export const middleware = t.middleware;

/** Every procedure: domain errors mapped, NUL characters refused. Anyone may call these. */
export const publicProcedure = t.procedure.use(domainErrors).use(refuseNulCharacters);

/** A role check; the anonymous visitor is told to sign in (401), a signed-in user that they may not (403). */
const requireRole = (allowed: (role: Role) => boolean, refusal: string) =>
  t.middleware(({ ctx, path, type, next }) => {
    if (!allowed(ctx.actor.role)) {
      if (ctx.actor.role === "public") throw new TRPCError({ code: "UNAUTHORIZED", message: type === "mutation" ? REFUSALS.signInToChange : REFUSALS.signInToSee });
      throw new TRPCError({ code: "FORBIDDEN", message: refusal });
    }
    // Writes are audited under their procedure's name (server/api/commit.ts).
    return next({ ctx: { action: type === "mutation" ? path : undefined } });
  });

/** Signed-in campaign members of any role (and the read-only demo): may read private fields. */
export const memberProcedure = publicProcedure.use(requireRole(canReadPrivate, REFUSALS.signInToSee));

/**
 * Edits of bodies, resolutions, members, votes and next actions: organizers and admins anywhere,
 * hub members within their hub's area. Chain `.use(inHubArea(…))` after `.input(…)` to name the
 * body the input edits.
 */
export const bodyEditorProcedure = publicProcedure.use(requireRole(canEditSomeBodies, REFUSALS.viewer));

/** Organizers and admins: edits outside any one body (hubs, stances). */
export const organizerProcedure = publicProcedure.use(requireRole(canEditAnyBody, REFUSALS.organizersOnly));

/** Admins: users, campaign settings, imports, the audit log. */
export const adminProcedure = publicProcedure.use(requireRole(canAdminister, REFUSALS.adminsOnly));

/**
 * The body an input edits must lie in a hub member's area (organizers and admins pass). `locate`
 * finds the body from the validated input; null (an unknown record) lets the procedure answer 404.
 */
export const inHubArea = <I>(locate: (db: Db, input: I) => Promise<number | null> | number | null) =>
  t.middleware(async ({ ctx, input, next }) => {
    if (ctx.actor.role === "hub") {
      const bodyId = await locate(ctx.db, input as I);
      if (bodyId !== null && !(await canEditBody(ctx.db, ctx.actor, bodyId))) {
        throw new TRPCError({ code: "FORBIDDEN", message: REFUSALS.outsideHubArea });
      }
    }
    return next();
  });

/**
 * The legislator an input edits (ladder step, meeting, next action) must sit for a district a hub
 * member's hub covers (organizers and admins pass). Chain after `.input(…)` on a
 * `bodyEditorProcedure`, which already refused viewers and the public.
 */
export const forHubLegislator = <I>(locate: (db: Db, input: I) => Promise<number | null> | number | null) =>
  t.middleware(async ({ ctx, input, next }) => {
    if (ctx.actor.role === "hub") {
      const legislatorId = await locate(ctx.db, input as I);
      if (legislatorId !== null && !(await canEditLegislator(ctx.db, ctx.actor, legislatorId))) {
        throw new TRPCError({ code: "FORBIDDEN", message: REFUSALS.outsideHubLegislator });
      }
    }
    return next();
  });
