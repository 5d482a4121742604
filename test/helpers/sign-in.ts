import type { FastifyInstance } from "fastify";
import type { AccountRole } from "../../shared/model/account";
import { CSRF_HEADERS } from "../../shared/csrf";
import type { Db } from "../../server/db/connect";
import { findUserByEmail } from "../../server/db/repositories/account-repository";
import { addUser } from "../../server/domain/accounts";
import { commandLineActor } from "../../server/domain/actor";

export const TEST_PASSWORD = "correct horse battery staple";

/** An account of `role` (made once per database), e.g. organizer@test.example. */
export async function ensureUser(db: Db, role: AccountRole, { hubId = null, email = `${role}@test.example` }: { hubId?: number | null; email?: string } = {}) {
  const existing = await findUserByEmail(db, email);
  if (existing) return existing;
  await db.transaction().execute((trx) => addUser(trx, { email, role, hubId, name: `Test ${role}`, password: TEST_PASSWORD }, commandLineActor));
  return (await findUserByEmail(db, email))!;
}

/** The session cookie of a fresh sign-in through `auth.login`, as a `cookie` header value. */
export async function signIn(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<string> {
  const response = await app.inject({
    method: "POST",
    url: "/trpc/auth.login",
    headers: { "content-type": "application/json", ...CSRF_HEADERS },
    payload: JSON.stringify({ email, password }),
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((item) => item.name === "groundswell_session");
  if (!cookie) throw new Error("sign-in set no session cookie");
  return `${cookie.name}=${cookie.value}`;
}

/** Make an account of `role` and sign it in: the headers a test adds to its requests. */
export async function signedInHeaders(app: FastifyInstance, db: Db, role: AccountRole = "admin"): Promise<{ cookie: string }> {
  const user = await ensureUser(db, role);
  return { cookie: await signIn(app, user.email) };
}
