import type { FastifyReply, FastifyRequest } from "fastify";
import { SESSION_COOKIE } from "../../shared/model/account";
import type { HttpSession } from "../api/context";
import type { Db } from "../db/connect";
import { accountsExist, actorOfUser, userOfSession } from "../domain/accounts";
import { demoVisitorActor, publicActor, type Actor } from "../domain/actor";

/**
 * Who a request acts as: the user its session cookie names; else, while no account exists yet,
 * the read-only demo visitor (PRODUCT.md: "read-only demo when no users exist yet"); else the
 * anonymous public. Once an account exists it stays known, so the count is not asked again.
 */
export function createRequestAuth(db: Db, { secureCookies }: { secureCookies: boolean }) {
  let someAccountExists = false;

  async function actorOf(request: FastifyRequest): Promise<Actor> {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const user = await userOfSession(db, token);
      if (user) return actorOfUser(user);
    }
    if (!someAccountExists) someAccountExists = await accountsExist(db);
    return someAccountExists ? publicActor : demoVisitorActor;
  }

  function httpSession(request: FastifyRequest, reply: FastifyReply): HttpSession {
    // HttpOnly: page scripts never see it. SameSite=Lax: other sites' requests do not carry it on
    // POSTs (the CSRF header and Origin check are the other two locks). Secure behind HTTPS.
    const secure = secureCookies || request.protocol === "https";
    return {
      address: request.ip,
      token: request.cookies[SESSION_COOKIE] ?? null,
      setCookie(token, expiresAt) {
        someAccountExists = true;
        reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", secure, path: "/", expires: expiresAt });
      },
      clearCookie() {
        reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "lax", secure, path: "/" });
      },
    };
  }

  return { actorOf, httpSession };
}
