import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { Actor } from "../domain/actor";
import type { ChangeFeed } from "../domain/changes";

/** The HTTP side of a request that procedures need: the session cookie and the caller's address. */
export interface HttpSession {
  /** The caller's address, for sign-in throttling. */
  address: string;
  /** The session token from the cookie, if any. */
  token: string | null;
  setCookie(token: string, expiresAt: Date): void;
  clearCookie(): void;
}

/** Built once per request by the HTTP layer (or directly by tests through createCaller). */
export interface Context {
  db: Kysely<Database>;
  actor: Actor;
  /** Live changes: mutations publish to it after commit, `changes.onChange` reads it. Absent in most caller tests. */
  changes?: ChangeFeed | undefined;
  /** Absent in caller tests: auth procedures then work without cookies. */
  http?: HttpSession | undefined;
  /** The mutation's procedure path, set by the role middleware, for the audit log. */
  action?: string | undefined;
}
