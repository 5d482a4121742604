import type { Kysely, Transaction } from "kysely";
import type { Database } from "../db/schema";
import type { Actor } from "./actor";
import { recordAudit } from "./audit";
import { publishChange, type ChangeInput, type ChangePublisher } from "./changes";

/** Who writes, where, and where the committed change is announced: the same for every door. */
export interface WriteContext {
  db: Kysely<Database>;
  actor: Actor;
  /** Open maps hear about committed writes here: the server's feed, or the CLI's bus. Absent in most tests. */
  changes?: ChangePublisher | undefined;
  /** The procedure or command (`resolution.changeStage`, `import bodies`): the audit entry's action. */
  action?: string | undefined;
  /** A lost announcement is reported here (the write itself has succeeded). */
  onPublishError?: ((error: unknown) => void) | undefined;
}

/** How a write appears in the audit log. */
export interface AuditSpec<T> {
  subjectKind: string;
  /** Overrides the context's action (an import names its kind: `import bodies`). */
  action?: string;
  /**
   * Reads the record the write changes, as it stands: called in the write's transaction before
   * and after it, giving the log's before and after. Omit it when the result is the whole story.
   */
  load?: (trx: Transaction<Database>) => Promise<unknown>;
  describe: (result: T) => { subjectId: number | string | null; campaignId?: number | null; summary: string; after?: unknown };
}

/** Thrown inside a dry run's transaction, so nothing it wrote is kept; carries the result out. */
class DryRunDone<T> extends Error {
  constructor(readonly result: T) {
    super("dry run");
  }
}

/**
 * The one way anything writes (STYLE.md rule 11), whether a tRPC mutation, an upload or a CLI
 * command: run the use case in one transaction, record it in the audit log in that same
 * transaction and, once it has committed, announce what it changed to every open map:
 *
 *   changeStage: bodyEditorProcedure.input(changeStageInputSchema)
 *     .mutation(({ ctx, input }) => write(ctx, (trx) => changeStage(trx, input, ctx.actor), resolutionChanged,
 *       { subjectKind: "resolution", load: …, describe: (state) => ({ subjectId: state.bodyId, summary: … }) })),
 *
 * A write that throws rolls back, logs nothing and announces nothing; `changesOf` may return [] to
 * announce nothing. With `dryRun` the use case runs and is rolled back: its result comes back,
 * nothing is kept, logged or announced.
 */
export async function write<T>(
  ctx: WriteContext,
  work: (trx: Transaction<Database>) => Promise<T>,
  changesOf: (result: T) => ChangeInput | readonly ChangeInput[],
  audit: AuditSpec<T>,
  { dryRun = false }: { dryRun?: boolean } = {},
): Promise<T> {
  let result: T;
  try {
    result = await ctx.db.transaction().execute(async (trx) => {
      const before = audit.load ? await audit.load(trx) : undefined;
      const done = await work(trx);
      if (dryRun) throw new DryRunDone(done);
      const { after, ...described } = audit.describe(done);
      await recordAudit(trx, ctx.actor, {
        action: audit.action ?? ctx.action ?? "unknown",
        subjectKind: audit.subjectKind,
        ...described,
        before,
        after: after !== undefined ? after : audit.load ? await audit.load(trx) : done,
      });
      return done;
    });
  } catch (error) {
    if (error instanceof DryRunDone) return error.result as T;
    throw error;
  }
  await publishChange(ctx.changes, changesOf(result), ctx.onPublishError);
  return result;
}
