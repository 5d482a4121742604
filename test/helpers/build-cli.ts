import { ensureServerBuilt } from "../../server/build.mjs";

/**
 * Vitest global setup of the db and e2e projects: compile the `groundswell` CLI once before the
 * files that run it start (each would otherwise find it stale and rebuild it at the same time).
 */
export default async function setup(): Promise<void> {
  await ensureServerBuilt();
}
