import type { ReactNode } from "react";
import { ErrorNotice } from "./ErrorNotice";

export interface SidePanelProps<T> {
  /** Id of the panel's heading (its accessible name). */
  labelledBy: string;
  onClose: () => void;
  /** The record the panel shows, as a query: loading and failure are drawn here. */
  record: { isPending: boolean; error: { message: string } | null; data: T | undefined; refetch: () => unknown };
  /** "Could not load this body". */
  failureTitle: string;
  children: (record: T) => ReactNode;
}

/**
 * The side panel beside a map (a body, a district): a close button, "Loading…", a failure with a
 * retry, then the record. Every map page's panels share it, so they look and behave alike.
 */
export function SidePanel<T>({ labelledBy, onClose, record, failureTitle, children }: SidePanelProps<T>) {
  return (
    <aside className="body-panel card" aria-labelledby={labelledBy}>
      <button type="button" className="close-button" onClick={onClose} aria-label="Close panel">
        ×
      </button>
      {record.isPending && <p className="muted">Loading…</p>}
      {record.error && <ErrorNotice title={failureTitle} message={record.error.message} onRetry={() => void record.refetch()} />}
      {record.data !== undefined && children(record.data)}
    </aside>
  );
}
