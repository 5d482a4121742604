/** One field of an audit entry that a change touched, with its value before and after, as text. */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A value as a person reads it: text as is, nothing as "—", anything else as compact JSON. */
export function formatAuditValue(value: unknown): string {
  if (value === undefined || value === null || value === "") return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/**
 * What changed between an audit entry's `before` and `after` records: the fields whose values
 * differ, in the order the records list them (a created record lists every field, from "—").
 * Values that are not records compare whole, as one "value" row.
 */
export function diffAuditRecords(before: unknown, after: unknown): FieldChange[] {
  const beforeRecord = isRecord(before) ? before : before === null || before === undefined ? {} : null;
  const afterRecord = isRecord(after) ? after : after === null || after === undefined ? {} : null;
  if (!beforeRecord || !afterRecord) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ field: "value", before: formatAuditValue(before), after: formatAuditValue(after) }];
  }
  const fields = [...new Set([...Object.keys(beforeRecord), ...Object.keys(afterRecord)])];
  return fields
    .filter((field) => JSON.stringify(beforeRecord[field] ?? null) !== JSON.stringify(afterRecord[field] ?? null))
    .map((field) => ({ field, before: formatAuditValue(beforeRecord[field]), after: formatAuditValue(afterRecord[field]) }));
}
