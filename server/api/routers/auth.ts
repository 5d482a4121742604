import { TRPCError } from "@trpc/server";
import {
  acceptInviteInputSchema,
  auditListInputSchema,
  inviteInputSchema,
  linkInfoInputSchema,
  linkInfoSchema,
  loginInputSchema,
  resetPasswordInputSchema,
  sessionSchema,
  updateUserInputSchema,
  canChangeAccessOf,
  REFUSALS,
  type Session,
  type SignedInUser,
} from "../../../shared/model/account";
import { z } from "zod";
import { rowIdSchema } from "../../../shared/ids/row-id";
import {
  acceptInvite,
  accountsExist,
  actorOfUser,
  authenticate,
  endSession,
  inviteUser,
  issueResetLink,
  linkInfo,
  listUsers,
  resetPassword,
  startSession,
  updateUser,
} from "../../domain/accounts";
import { listAudit, recordAudit } from "../../domain/audit";
import type { Context } from "../context";
import { adminProcedure, publicProcedure, router } from "../trpc";

/** Start a session and hand its cookie to the browser (caller tests have no HTTP side and get none). */
async function signIn(ctx: Context, user: SignedInUser): Promise<Session> {
  const { token, expiresAt } = await startSession(ctx.db, user.id);
  ctx.http?.setCookie(token, expiresAt);
  return { user, demo: false };
}

/** Sign-in, sign-out and the links an admin hands out. */
export const authRouter = router({
  /** Who is signed in; `demo` while no account exists (the app is then read-only). */
  me: publicProcedure.output(sessionSchema).query(async ({ ctx }): Promise<Session> => {
    const user = ctx.actor.userId === undefined ? null : ((await listUsers(ctx.db)).find((row) => row.id === ctx.actor.userId) ?? null);
    return {
      user: user && { id: user.id, email: user.email, name: user.name, role: user.role, hubId: user.hubId, hubName: user.hubName },
      demo: !(await accountsExist(ctx.db)),
    };
  }),

  /** `{ email, password }` → a session cookie (PRODUCT.md). Throttled per account and address (429). */
  login: publicProcedure
    .input(loginInputSchema)
    .output(sessionSchema)
    .mutation(async ({ ctx, input }) => {
      // Not in a transaction: a failed attempt must be counted even though the call fails.
      const user = await authenticate(ctx.db, input, ctx.http?.address ?? "local");
      await recordAudit(ctx.db, actorOfUser(user), { action: "auth.login", subjectKind: "user", subjectId: user.id, summary: `${user.email} signed in` });
      return signIn(ctx, user);
    }),

  logout: publicProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
    if (ctx.http?.token) await endSession(ctx.db, ctx.http.token);
    ctx.http?.clearCookie();
    return { ok: true as const };
  }),

  /** What an invite or password link is for, so its page can greet the person (no sign-in). */
  link: publicProcedure
    .input(linkInfoInputSchema)
    .output(linkInfoSchema)
    .query(({ ctx, input }) => linkInfo(ctx.db, input.token)),

  acceptInvite: publicProcedure
    .input(acceptInviteInputSchema)
    .output(sessionSchema)
    .mutation(async ({ ctx, input }) => signIn(ctx, await ctx.db.transaction().execute((trx) => acceptInvite(trx, input)))),

  resetPassword: publicProcedure
    .input(resetPasswordInputSchema)
    .output(sessionSchema)
    .mutation(async ({ ctx, input }) => signIn(ctx, await ctx.db.transaction().execute((trx) => resetPassword(trx, input)))),
});

/** The Users screen: admins only. */
export const userRouter = router({
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.db)),

  invite: adminProcedure.input(inviteInputSchema).mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => inviteUser(trx, input, ctx.actor))),

  resetLink: adminProcedure
    .input(z.object({ userId: rowIdSchema }))
    .mutation(({ ctx, input }) => ctx.db.transaction().execute((trx) => issueResetLink(trx, input.userId, ctx.actor))),

  update: adminProcedure.input(updateUserInputSchema).mutation(({ ctx, input }) => {
    if (!canChangeAccessOf(ctx.actor.userId, input.userId) && (input.disabled === true || (input.role !== undefined && input.role !== "admin"))) {
      throw new TRPCError({ code: "BAD_REQUEST", message: REFUSALS.ownAccess });
    }
    return ctx.db.transaction().execute((trx) => updateUser(trx, input, ctx.actor));
  }),
});

/** The audit log: every change with who, when, before and after. Admins only. */
export const auditRouter = router({
  list: adminProcedure.input(auditListInputSchema).query(({ ctx, input }) => listAudit(ctx.db, input)),
});
