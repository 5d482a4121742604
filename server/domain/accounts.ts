import {
  acceptInviteInputSchema,
  emailSchema,
  inviteInputSchema,
  loginInputSchema,
  passwordSchema,
  resetPasswordInputSchema,
  updateUserInputSchema,
  type AccountRole,
  type IssuedLink,
  type LinkInfo,
  type SignedInUser,
  type UserSummary,
} from "../../shared/model/account";
import type { z } from "zod";
import type { Db } from "../db/connect";
import {
  countAdmins,
  countUsers,
  deleteLoginFailures,
  deleteSession,
  deleteSessionsOfUser,
  findLink,
  findSessionUser,
  findUserByEmail,
  findUserById,
  findUsers,
  insertLink,
  insertLoginFailure,
  insertSession,
  insertUser,
  markLinkUsed,
  pruneLoginFailures,
  recentLoginFailures,
  touchSession,
  updateUser as updateUserRow,
  type UserRow,
} from "../db/repositories/account-repository";
import { findHubById } from "../db/repositories/hub-repository";
import { ConflictError, ForbiddenError, InputError, NotFoundError, ThrottledError, UnauthorizedError } from "../errors";
import type { Actor } from "./actor";
import { recordAudit } from "./audit";
import { decoyHash, hashPassword, newToken, tokenDigest, verifyPassword } from "./passwords";

/** A session lasts two weeks from sign-in; signing out or a password reset ends it sooner. */
export const SESSION_DAYS = 14;
export const INVITE_DAYS = 7;
export const RESET_HOURS = 24;

/**
 * Sign-in throttling: failures are counted per account and per address over a window, in the
 * database so every server instance sees them. Past a limit, even the right password is refused
 * until the window has moved on: guessing is slowed to a handful of tries per quarter hour.
 */
export const THROTTLE = { windowMinutes: 15, perAccount: 5, perAddress: 20 } as const;

const addMs = (date: Date, ms: number) => new Date(date.getTime() + ms).toISOString();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function toSignedIn(db: Db, row: UserRow): Promise<SignedInUser> {
  const hub = row.hubId === null ? undefined : await findHubById(db, row.hubId);
  return { id: row.id, email: row.email, name: row.name, role: row.role, hubId: row.hubId, hubName: hub?.name ?? null };
}

export function actorOfUser(user: Pick<SignedInUser, "id" | "name" | "role" | "hubId">): Actor {
  return { name: user.name, role: user.role, userId: user.id, hubId: user.hubId };
}

/** True once any account exists: until then the app is a read-only demo. */
export async function accountsExist(db: Db): Promise<boolean> {
  return (await countUsers(db)) > 0;
}

async function resolveHub(db: Db, role: AccountRole, hubId: number | null): Promise<number | null> {
  if (role !== "hub") return null;
  if (hubId === null) throw new InputError("a hub member needs a hub");
  if (!(await findHubById(db, hubId))) throw new NotFoundError(`No hub with id ${hubId}`);
  return hubId;
}

export interface AddUserInput {
  email: string;
  role: AccountRole;
  name?: string | undefined;
  hubId?: number | null | undefined;
  password?: string | undefined;
}

/**
 * Create an account (the command line's `user add`). Without a password, the owner sets one
 * through the returned link, so a password never has to travel in a shell history or a chat.
 */
export async function addUser(db: Db, input: AddUserInput, actor: Actor, now = new Date()): Promise<{ user: SignedInUser; link: IssuedLink | null }> {
  const email = parseOr(emailSchema, input.email, "email");
  if (input.password !== undefined) parseOr(passwordSchema, input.password, "password");
  if (await findUserByEmail(db, email)) throw new ConflictError(`${email} already has an account`);
  const hubId = await resolveHub(db, input.role, input.hubId ?? null);
  const id = await insertUser(db, {
    email,
    name: input.name?.trim() || email.split("@")[0]!,
    role: input.role,
    hubId,
    passwordHash: input.password === undefined ? null : await hashPassword(input.password),
    createdAt: now.toISOString(),
    disabledAt: null,
  });
  const user = await toSignedIn(db, (await findUserById(db, id))!);
  await recordAudit(db, actor, { action: "user.add", subjectKind: "user", subjectId: id, summary: `Added ${email} as ${input.role}`, after: user }, now);
  // A first password may wait as long as an invite would.
  const link = input.password === undefined ? await issueLink(db, { kind: "reset", email, role: input.role, hubId, userId: id }, actor, now, INVITE_DAYS * DAY) : null;
  return { user, link };
}

function parseOr<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InputError(`${what}: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

export async function listUsers(db: Db): Promise<UserSummary[]> {
  const rows = await findUsers(db);
  return Promise.all(
    rows.map(async (row) => ({ ...(await toSignedIn(db, row)), createdAt: row.createdAt, disabled: row.disabledAt !== null, hasPassword: row.passwordHash !== null })),
  );
}

/** Change a user's role, hub or whether they may sign in. The last admin cannot be demoted or disabled. */
export async function updateUser(db: Db, rawInput: z.input<typeof updateUserInputSchema>, actor: Actor, now = new Date()): Promise<UserSummary> {
  const input = updateUserInputSchema.parse(rawInput);
  const row = await findUserById(db, input.userId);
  if (!row) throw new NotFoundError(`No user with id ${input.userId}`);
  const role = input.role ?? row.role;
  const hubId = await resolveHub(db, role, input.hubId === undefined ? row.hubId : input.hubId);
  const disabledAt = input.disabled === undefined ? row.disabledAt : input.disabled ? (row.disabledAt ?? now.toISOString()) : null;
  const stillAdmin = role === "admin" && disabledAt === null;
  if (row.role === "admin" && row.disabledAt === null && !stillAdmin && (await countAdmins(db)) <= 1) {
    throw new InputError("this is the only admin: make another admin first");
  }
  const before = (await listUsers(db)).find((user) => user.id === row.id)!;
  await updateUserRow(db, row.id, { role, hubId, disabledAt });
  // A demoted or disabled user's sessions end now: their cookie carried the old rights.
  if (disabledAt !== null || role !== row.role || hubId !== row.hubId) await deleteSessionsOfUser(db, row.id);
  const after = (await listUsers(db)).find((user) => user.id === row.id)!;
  await recordAudit(db, actor, { action: "user.update", subjectKind: "user", subjectId: row.id, summary: `Changed ${row.email}`, before, after }, now);
  return after;
}

interface LinkSpec {
  kind: "invite" | "reset";
  email: string;
  role: AccountRole;
  hubId: number | null;
  userId: number | null;
}

async function issueLink(db: Db, spec: LinkSpec, actor: Actor, now: Date, validMs = spec.kind === "invite" ? INVITE_DAYS * DAY : RESET_HOURS * HOUR): Promise<IssuedLink> {
  const token = newToken();
  const expiresAt = addMs(now, validMs);
  await insertLink(db, { tokenHash: tokenDigest(token), ...spec, createdBy: actor.name, createdAt: now.toISOString(), expiresAt, usedAt: null });
  return { path: `/${spec.kind}/${token}`, expiresAt };
}

/** An admin invites someone: a link (valid a week) where they choose their name and password. */
export async function inviteUser(db: Db, rawInput: z.input<typeof inviteInputSchema>, actor: Actor, now = new Date()): Promise<IssuedLink> {
  const input = inviteInputSchema.parse(rawInput);
  if (await findUserByEmail(db, input.email)) throw new ConflictError(`${input.email} already has an account; make a password link instead`);
  const hubId = await resolveHub(db, input.role, input.hubId);
  await recordAudit(
    db,
    actor,
    { action: "user.invite", subjectKind: "user", subjectId: null, summary: `Invited ${input.email} as ${input.role}`, after: { email: input.email, role: input.role, hubId } },
    now,
  );
  return issueLink(db, { kind: "invite", email: input.email, role: input.role, hubId, userId: null }, actor, now);
}

/** An admin makes a password link (valid a day) for an existing user. */
export async function issueResetLink(db: Db, userId: number, actor: Actor, now = new Date()): Promise<IssuedLink> {
  const row = await findUserById(db, userId);
  if (!row) throw new NotFoundError(`No user with id ${userId}`);
  await recordAudit(db, actor, { action: "user.resetLink", subjectKind: "user", subjectId: userId, summary: `Made a password link for ${row.email}` }, now);
  return issueLink(db, { kind: "reset", email: row.email, role: row.role, hubId: row.hubId, userId }, actor, now);
}

export async function linkInfo(db: Db, token: string, now = new Date()): Promise<LinkInfo> {
  const link = await findLink(db, tokenDigest(token));
  if (!link) throw new NotFoundError("This link is not valid: ask an admin for a new one");
  const problem = link.usedAt !== null ? "used" : link.expiresAt <= now.toISOString() ? "expired" : null;
  return { kind: link.kind, email: link.email, role: link.role, problem };
}

async function useLink(db: Db, token: string, kind: "invite" | "reset", now: Date) {
  const link = await findLink(db, tokenDigest(token));
  if (!link || link.kind !== kind) throw new NotFoundError("This link is not valid: ask an admin for a new one");
  if (link.usedAt !== null) throw new InputError("This link has been used already: ask an admin for a new one");
  if (link.expiresAt <= now.toISOString()) throw new InputError("This link has expired: ask an admin for a new one");
  // Single use even when two tabs submit at once: only the update that flips used_at wins.
  if (!(await markLinkUsed(db, link.tokenHash, now.toISOString()))) throw new InputError("This link has been used already: ask an admin for a new one");
  return link;
}

/** Someone follows an invite: their account is created and they are signed in. */
export async function acceptInvite(db: Db, rawInput: z.input<typeof acceptInviteInputSchema>, now = new Date()): Promise<SignedInUser> {
  const input = acceptInviteInputSchema.parse(rawInput);
  const link = await useLink(db, input.token, "invite", now);
  if (await findUserByEmail(db, link.email)) throw new ConflictError(`${link.email} already has an account: sign in instead`);
  const id = await insertUser(db, {
    email: link.email,
    name: input.name,
    role: link.role,
    hubId: link.hubId,
    passwordHash: await hashPassword(input.password),
    createdAt: now.toISOString(),
    disabledAt: null,
  });
  const user = await toSignedIn(db, (await findUserById(db, id))!);
  await recordAudit(db, actorOfUser(user), { action: "user.acceptInvite", subjectKind: "user", subjectId: id, summary: `${link.email} joined as ${link.role}`, after: user }, now);
  return user;
}

/** Someone follows a password link: the new password replaces the old and every session ends. */
export async function resetPassword(db: Db, rawInput: z.input<typeof resetPasswordInputSchema>, now = new Date()): Promise<SignedInUser> {
  const input = resetPasswordInputSchema.parse(rawInput);
  const link = await useLink(db, input.token, "reset", now);
  const row = link.userId === null ? undefined : await findUserById(db, link.userId);
  if (!row) throw new NotFoundError("This account no longer exists");
  await updateUserRow(db, row.id, { passwordHash: await hashPassword(input.password) });
  await deleteSessionsOfUser(db, row.id);
  await deleteLoginFailures(db, `account:${row.email}`);
  const user = await toSignedIn(db, row);
  await recordAudit(db, actorOfUser(user), { action: "user.setPassword", subjectKind: "user", subjectId: row.id, summary: `${row.email} set a new password` }, now);
  return user;
}

/** Seconds until the oldest failure in a full window leaves it. */
function retryAfter(failures: readonly string[], now: Date): number {
  const oldest = new Date(failures[0]!).getTime();
  return Math.max(1, Math.ceil((oldest + THROTTLE.windowMinutes * 60_000 - now.getTime()) / 1000));
}

const minutes = (seconds: number) => `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? "" : "s"}`;

/**
 * Check an email and password. Refused with 429 when the account or the address has failed too
 * often lately (checked before the password, so a locked account cannot be probed), 401 when they
 * do not match (the same message whether the email is unknown or the password wrong).
 */
export async function authenticate(db: Db, rawInput: z.input<typeof loginInputSchema>, address: string, now = new Date()): Promise<SignedInUser> {
  const input = loginInputSchema.parse(rawInput);
  const since = addMs(now, -THROTTLE.windowMinutes * 60_000);
  const accountKey = `account:${input.email}`;
  const addressKey = `address:${address}`;
  const accountFailures = await recentLoginFailures(db, accountKey, since);
  if (accountFailures.length >= THROTTLE.perAccount) {
    throw new ThrottledError(
      `Too many failed sign-ins for ${input.email}: try again in ${minutes(retryAfter(accountFailures, now))}, or ask an admin for a password link`,
      retryAfter(accountFailures, now),
    );
  }
  const addressFailures = await recentLoginFailures(db, addressKey, since);
  if (addressFailures.length >= THROTTLE.perAddress) {
    throw new ThrottledError(`Too many failed sign-ins from this address: try again in ${minutes(retryAfter(addressFailures, now))}`, retryAfter(addressFailures, now));
  }
  const row = await findUserByEmail(db, input.email);
  const matches = await verifyPassword(input.password, row?.passwordHash ?? (await decoyHash()));
  if (!row || !row.passwordHash || !matches || row.disabledAt !== null) {
    await insertLoginFailure(db, accountKey, now.toISOString());
    await insertLoginFailure(db, addressKey, now.toISOString());
    await pruneLoginFailures(db, since);
    if (row && matches && row.disabledAt !== null) throw new ForbiddenError("This account is disabled: ask an admin");
    throw new UnauthorizedError("Wrong email or password");
  }
  await deleteLoginFailures(db, accountKey);
  return toSignedIn(db, row);
}

/** Start a session for a signed-in user: the token goes in the cookie, its digest in the database. */
export async function startSession(db: Db, userId: number, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY);
  await insertSession(db, { tokenHash: tokenDigest(token), userId, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString(), lastSeenAt: now.toISOString() });
  return { token, expiresAt };
}

/** The user a session cookie names, or null when it is unknown, expired or the account disabled. */
export async function userOfSession(db: Db, token: string, now = new Date()): Promise<SignedInUser | null> {
  const hash = tokenDigest(token);
  const found = await findSessionUser(db, hash);
  if (!found || found.user.disabledAt !== null) return null;
  if (found.session.expiresAt <= now.toISOString()) {
    await deleteSession(db, hash);
    return null;
  }
  // Note activity at most every five minutes, so reads do not write on every request.
  if (now.getTime() - new Date(found.session.lastSeenAt).getTime() > 5 * 60_000) await touchSession(db, hash, now.toISOString());
  return toSignedIn(db, found.user);
}

export async function endSession(db: Db, token: string): Promise<void> {
  await deleteSession(db, tokenDigest(token));
}
