import type { Transaction } from "kysely";
import type { Database } from "../db/schema";
import { publishChange, type ChangeInput } from "../domain/changes";
import type { Context } from "./context";

/**
 * Run a write in one transaction and, once it has committed, announce what it changed to every
 * open map (`changes.onChange`). The way every mutation should write:
 *
 *   changeStage: organizerProcedure.input(changeStageInputSchema).mutation(({ ctx, input }) =>
 *     commitAndPublish(ctx, (trx) => changeStage(trx, input, ctx.actor),
 *       (state) => ({ campaignId: state.campaignId, kind: "resolution", ids: [state.bodyId], version: state.version }))),
 *
 * A write that throws rolls back and announces nothing; `changesOf` may return [] to announce nothing.
 */
export async function commitAndPublish<T>(
  ctx: Pick<Context, "db" | "changes">,
  work: (trx: Transaction<Database>) => Promise<T>,
  changesOf: (result: T) => ChangeInput | readonly ChangeInput[],
): Promise<T> {
  const result = await ctx.db.transaction().execute(work);
  await publishChange(ctx.changes, changesOf(result));
  return result;
}
