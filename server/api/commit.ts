import type { Transaction } from "kysely";
import type { Database } from "../db/schema";
import { recordAudit } from "../domain/audit";
import { publishChange, type ChangeInput } from "../domain/changes";
import type { Context } from "./context";

/** How a write appears in the audit log. */
export interface AuditSpec<T> {
  subjectKind: string;
  /**
   * Reads the record the write changes, as it stands: called in the write's transaction before
   * and after it, giving the log's before and after. Omit it when the result is the whole story.
   */
  load?: (trx: Transaction<Database>) => Promise<unknown>;
  describe: (result: T) => { subjectId: number | string | null; campaignId?: number | null; summary: string; after?: unknown };
}

/**
 * Run a write in one transaction, record it in the audit log in that same transaction and, once
 * it has committed, announce what it changed to every open map (`changes.onChange`). The way
 * every mutation writes:
 *
 *   changeStage: bodyEditorProcedure.input(changeStageInputSchema).use(inHubArea((_db, input) => input.bodyId))
 *     .mutation(({ ctx, input }) => commitAndPublish(ctx, (trx) => changeStage(trx, input, ctx.actor), resolutionChanged,
 *       { subjectKind: "resolution", load: …, describe: (state) => ({ subjectId: state.bodyId, summary: … }) })),
 *
 * A write that throws rolls back, logs nothing and announces nothing; `changesOf` may return [] to
 * announce nothing.
 */
export async function commitAndPublish<T>(
  ctx: Pick<Context, "db" | "changes" | "actor" | "action">,
  work: (trx: Transaction<Database>) => Promise<T>,
  changesOf: (result: T) => ChangeInput | readonly ChangeInput[],
  audit: AuditSpec<T>,
): Promise<T> {
  const result = await ctx.db.transaction().execute(async (trx) => {
    const before = audit.load ? await audit.load(trx) : undefined;
    const done = await work(trx);
    const { after, ...described } = audit.describe(done);
    await recordAudit(trx, ctx.actor, {
      action: ctx.action ?? "unknown",
      subjectKind: audit.subjectKind,
      ...described,
      before,
      after: after !== undefined ? after : audit.load ? await audit.load(trx) : done,
    });
    return done;
  });
  await publishChange(ctx.changes, changesOf(result));
  return result;
}
