import type { Insertable } from "kysely";
import type { Db } from "../connect";
import type { AuditEventTable } from "../schema";

export async function insertAuditEvent(db: Db, row: Insertable<AuditEventTable>): Promise<void> {
  await db.insertInto("auditEvent").values(row).execute();
}

/** Newest first; `beforeId` pages backwards. */
export function findAuditEvents(db: Db, options: { beforeId?: number | undefined; limit: number; subjectKind?: string | undefined }) {
  let query = db.selectFrom("auditEvent").selectAll().orderBy("id", "desc").limit(options.limit);
  if (options.beforeId !== undefined) query = query.where("id", "<", options.beforeId);
  if (options.subjectKind !== undefined) query = query.where("subjectKind", "=", options.subjectKind);
  return query.execute();
}

type SnapshotTable = "resolution" | "member" | "memberPosition" | "task" | "campaign" | "hub" | "legislatorStep" | "body" | "endorser" | "evidence";

/**
 * One row as the audit log keeps it: every column but geometry (the log records what people
 * change, and nobody edits a boundary through the app). Undefined when no row matches.
 */
export async function snapshotRow(db: Db, table: SnapshotTable, where: Record<string, number>): Promise<Record<string, unknown> | undefined> {
  let query = db.selectFrom(table).selectAll() as unknown as {
    where(column: string, op: "=", value: number): typeof query;
    executeTakeFirst(): Promise<Record<string, unknown> | undefined>;
  };
  for (const [column, value] of Object.entries(where)) query = query.where(column, "=", value);
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const { geometry: _geometry, ...rest } = row;
  return rest;
}
