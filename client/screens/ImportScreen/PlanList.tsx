import type { PlannedRecord } from "../../../shared/model/spreadsheet-import";
import { formatCount } from "../../lib/format";

/** One list of a spreadsheet plan (created, updated or unchanged): row, name and what changes. */
export function PlanList({ title, records, open }: { title: string; records: PlannedRecord[]; open: boolean }) {
  if (!records.length) return null;
  return (
    <details className="plan-list" open={open}>
      <summary>
        {title} ({formatCount(records.length)})
      </summary>
      <ul>
        {records.slice(0, 500).map((record) => (
          <li key={record.row}>
            <span className="muted">Row {record.row}</span> {record.label}
            {record.changes.length > 0 && <small className="plan-changes">{record.changes.join("; ")}</small>}
          </li>
        ))}
        {records.length > 500 && <li className="muted">and {formatCount(records.length - 500)} more</li>}
      </ul>
    </details>
  );
}
