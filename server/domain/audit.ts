import { auditListInputSchema, type AuditEntry } from "../../shared/model/account";
import type { z } from "zod";
import type { Db } from "../db/connect";
import { findAuditEvents, insertAuditEvent } from "../db/repositories/audit-repository";
import type { Actor } from "./actor";

export interface AuditRecord {
  /** The procedure or command: `resolution.changeStage`, `import resolutions`, `user.add`. */
  action: string;
  subjectKind: string;
  subjectId: number | string | null;
  campaignId?: number | null | undefined;
  /** One line for a person: "Alpha: organizing → passed". */
  summary: string;
  before?: unknown;
  after?: unknown;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/**
 * Append to the audit log, in the caller's transaction: the entry commits with the change it
 * describes, or not at all. Admins read it (`audit.list`); it never leaves the signed-in app.
 */
export async function recordAudit(db: Db, actor: Actor, record: AuditRecord, now = new Date()): Promise<void> {
  await insertAuditEvent(db, {
    at: now.toISOString(),
    userId: actor.userId ?? null,
    actorName: actor.name,
    actorRole: actor.role,
    action: record.action,
    subjectKind: record.subjectKind,
    subjectId: record.subjectId === null ? null : String(record.subjectId),
    campaignId: record.campaignId ?? null,
    summary: record.summary.slice(0, 500),
    beforeJson: json(record.before),
    afterJson: json(record.after),
  });
}

export async function listAudit(db: Db, rawInput: z.input<typeof auditListInputSchema>): Promise<AuditEntry[]> {
  const input = auditListInputSchema.parse(rawInput);
  const rows = await findAuditEvents(db, input);
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actorName: row.actorName,
    actorRole: row.actorRole,
    action: row.action,
    subjectKind: row.subjectKind,
    subjectId: row.subjectId,
    campaignId: row.campaignId,
    summary: row.summary,
    before: row.beforeJson === null ? null : (JSON.parse(row.beforeJson) as unknown),
    after: row.afterJson === null ? null : (JSON.parse(row.afterJson) as unknown),
  }));
}
