import { useInfiniteQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { AUDIT_SUBJECT_KINDS, type AuditEntry } from "../../../shared/model/account";
import { queryKeys } from "../../api/query-keys";
import { useTRPCClient } from "../../api/trpc";
import { parseAuditKind, withAuditKind } from "../../state/url-state";
import { AdminPage } from "../../components/AdminPage";
import { ErrorNotice } from "../../components/ErrorNotice";
import { diffAuditRecords } from "../../lib/audit-diff";
import { formatDateTime } from "../../lib/format";

const PAGE_SIZE = 50;

/** `/admin/audit`: every change, newest first: who, when, what, and the fields it changed. Admins only. */
export function AuditScreen() {
  return (
    <AdminPage title="Audit log">
      <AuditLog />
    </AdminPage>
  );
}

function AuditLog() {
  const client = useTRPCClient();
  const id = useId();
  const [kind, setKind] = useState(() => parseAuditKind(window.location.search));
  const log = useInfiniteQuery({
    queryKey: queryKeys.auditLog(kind),
    queryFn: ({ pageParam }) => client.audit.list.query({ limit: PAGE_SIZE, beforeId: pageParam, subjectKind: kind || undefined }),
    initialPageParam: undefined as number | undefined,
    // Older pages continue below the last entry shown; a short page is the end of the log.
    getNextPageParam: (page) => (page.length < PAGE_SIZE ? undefined : page[page.length - 1]!.id),
  });
  const entries = log.data?.pages.flat() ?? [];

  const choose = (next: string) => {
    setKind(next);
    // The filter stays in the address, so a copied link opens the same view.
    window.history.replaceState(null, "", withAuditKind(window.location.href, next));
  };

  return (
    <section className="card admin-section" aria-labelledby={`${id}-title`}>
      <div className="audit-header">
        <h2 id={`${id}-title`}>Every change, newest first</h2>
        <div className="filter-field">
          <label htmlFor={`${id}-kind`}>Show</label>
          <select id={`${id}-kind`} value={kind} onChange={(event) => choose(event.target.value)}>
            <option value="">All changes</option>
            {Object.entries(AUDIT_SUBJECT_KINDS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {log.isPending && <p className="muted">Loading…</p>}
      {log.error && <ErrorNotice title="Could not load the audit log" message={log.error.message} error={log.error} onRetry={() => void log.refetch()} />}
      {log.data && entries.length === 0 && <p className="muted">Nothing recorded{kind ? " of this kind" : ""} yet.</p>}
      {entries.length > 0 && (
        <div className="table-wrap">
          <table className="admin-table audit-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">What happened</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <AuditRow key={entry.id} entry={entry} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="pager">
        {log.hasNextPage && (
          <button type="button" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
            {log.isFetchingNextPage ? "Loading…" : "Load older"}
          </button>
        )}
        {log.data && !log.hasNextPage && entries.length > 0 && <span className="muted">The start of the log: {entries.length} entries.</span>}
      </div>
    </section>
  );
}

/** An entry as it arrives over the wire (JSON leaves `before` and `after` out when they are undefined). */
type ListedEntry = Omit<AuditEntry, "before" | "after"> & { before?: unknown; after?: unknown };

function AuditRow({ entry }: { entry: ListedEntry }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const changes = diffAuditRecords(entry.before, entry.after);
  return (
    <>
      <tr data-testid="audit-entry">
        <td className="nowrap">
          <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
        </td>
        <td>
          {entry.actorName} <span className="role-tag">{entry.actorRole}</span>
        </td>
        <td>
          <code>{entry.action}</code>
        </td>
        <td>
          <span className="audit-summary">{entry.summary}</span>
          {entry.subjectKind === "resolution" && entry.subjectId && (
            <a className="audit-subject" href={`/?${entry.campaignId ? `campaign=${entry.campaignId}&` : ""}body=${encodeURIComponent(entry.subjectId)}`}>
              Open the body
            </a>
          )}
          {changes.length > 0 && (
            <button type="button" className="link-button audit-toggle" aria-expanded={open} aria-controls={`${id}-diff`} onClick={() => setOpen(!open)}>
              {open ? "Hide changes" : `Show ${changes.length} changed field${changes.length === 1 ? "" : "s"}`}
            </button>
          )}
        </td>
      </tr>
      {open && (
        <tr className="audit-diff-row" id={`${id}-diff`}>
          <td colSpan={4}>
            <table className="audit-diff" data-testid="audit-diff">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((change) => (
                  <tr key={change.field}>
                    <th scope="row">{change.field}</th>
                    <td className="before">{change.before}</td>
                    <td className="after">{change.after}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </td>
        </tr>
      )}
    </>
  );
}
