import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { Actor } from "../domain/actor";
import type { ChangeFeed } from "../domain/changes";

/** Built once per request by the HTTP layer (or directly by tests through createCaller). */
export interface Context {
  db: Kysely<Database>;
  actor: Actor;
  /** Live changes: mutations publish to it after commit, `changes.onChange` reads it. Absent in most caller tests. */
  changes?: ChangeFeed | undefined;
}
