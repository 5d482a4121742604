import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { Actor } from "../domain/actor";

/** Built once per request by the HTTP layer (or directly by tests through createCaller). */
export interface Context {
  db: Kysely<Database>;
  actor: Actor;
}
