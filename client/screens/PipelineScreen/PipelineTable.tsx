import { BODY_KIND_LABELS } from "../../../shared/model/body";
import { formatTally, type PipelineList, type PipelineSort } from "../../../shared/model/pipeline";
import type { StageScheme } from "../../../shared/model/stage";
import { StageBadge } from "../../components/StageBadge";
import { formatCount, formatDateTime } from "../../lib/format";
import { withSort, type PipelineView } from "../../lib/pipeline-url";

const COLUMNS: Array<{ sort: PipelineSort; label: string }> = [
  { sort: "body", label: "Body" },
  { sort: "kind", label: "Kind" },
  { sort: "state", label: "State" },
  { sort: "county", label: "County" },
  { sort: "hub", label: "Hub" },
  { sort: "stage", label: "Stage" },
  { sort: "voteDate", label: "Vote date" },
  { sort: "tally", label: "Tally (yes–no–abstain)" },
  { sort: "updated", label: "Updated" },
];

/** One page of the table; column headers are buttons that sort (again to reverse). */
export function PipelineTable({
  scheme,
  campaignId,
  data,
  loading,
  view,
  onChange,
}: {
  scheme: StageScheme;
  campaignId: number;
  data: PipelineList | undefined;
  loading: boolean;
  view: PipelineView;
  onChange: (view: PipelineView) => void;
}) {
  if (loading && !data)
    return (
      <p className="page-status" role="status">
        Loading the pipeline…
      </p>
    );
  if (!data) return null;
  if (data.total === 0) {
    return (
      <p className="page-status" role="status">
        No body matches these filters. Clear a filter to see more.
      </p>
    );
  }
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const first = (data.page - 1) * data.pageSize + 1;
  return (
    <div className="pipeline-table-wrap">
      <table className="pipeline-table">
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const sorted = view.sort === column.sort;
              return (
                <th key={column.sort} scope="col" aria-sort={sorted ? (view.direction === "asc" ? "ascending" : "descending") : "none"}>
                  <button type="button" onClick={() => onChange(withSort(view, column.sort))}>
                    {column.label}
                    <span aria-hidden="true">{sorted ? (view.direction === "asc" ? " ▲" : " ▼") : ""}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <tr key={row.bodyId}>
              <td>
                <a href={`/?campaign=${campaignId}&body=${row.bodyId}`}>{row.bodyName}</a>
              </td>
              <td>{BODY_KIND_LABELS[row.kind] ?? row.kind}</td>
              <td>{row.state ?? ""}</td>
              <td>{row.countyName ?? row.countyGeoid ?? ""}</td>
              <td>{row.hubName ?? ""}</td>
              <td>
                <StageBadge scheme={scheme} stageId={row.stage} />
              </td>
              <td className={row.voteCancelled ? "cancelled" : undefined}>
                {row.voteDate ?? ""}
                {row.voteTime ? ` ${row.voteTime}` : ""}
                {row.voteCancelled ? " (cancelled)" : ""}
              </td>
              <td className="numeric">{formatTally(row.tally)}</td>
              <td className="muted">{row.updatedAt ? formatDateTime(row.updatedAt) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav className="pager" aria-label="Pages of the table">
        <button type="button" disabled={data.page <= 1} onClick={() => onChange({ ...view, page: data.page - 1 })}>
          Previous
        </button>
        <span role="status">
          {formatCount(first)}–{formatCount(first + data.rows.length - 1)} of {formatCount(data.total)} (page {data.page} of {pages})
        </span>
        <button type="button" disabled={data.page >= pages} onClick={() => onChange({ ...view, page: data.page + 1 })}>
          Next
        </button>
      </nav>
    </div>
  );
}
