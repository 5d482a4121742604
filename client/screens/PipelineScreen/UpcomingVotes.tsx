import type { PipelineRow } from "../../../shared/model/pipeline";
import type { StageScheme } from "../../../shared/model/stage";
import { StageBadge } from "../../components/StageBadge";

/** Votes in the next 30 days under the current filters (stage, kind, county, hub), soonest first. */
export function UpcomingVotes({
  scheme,
  campaignId,
  range,
  rows,
  loading,
  error,
}: {
  scheme: StageScheme;
  campaignId: number;
  range: { from: string; to: string };
  rows: PipelineRow[] | undefined;
  loading: boolean;
  error: string | null;
}) {
  return (
    <aside className="upcoming card" aria-labelledby="upcoming-heading">
      <h2 id="upcoming-heading">Upcoming votes (next 30 days)</h2>
      {loading && <p className="muted">Loading…</p>}
      {error && <p className="muted">Could not load upcoming votes: {error}</p>}
      {rows && rows.length === 0 && (
        <p className="muted">
          No vote is scheduled between {range.from} and {range.to}. Set a vote date on a body (or import a spreadsheet with <code>vote_date</code>) to see it here.
        </p>
      )}
      {rows && rows.length > 0 && (
        <ol>
          {rows.map((row) => (
            <li key={row.bodyId} className={row.voteCancelled ? "cancelled" : undefined}>
              <time dateTime={row.voteDate ?? undefined}>
                {row.voteDate}
                {row.voteTime ? ` ${row.voteTime}` : ""}
              </time>{" "}
              <a href={`/?campaign=${campaignId}&body=${row.bodyId}`}>{row.bodyName}</a>
              {row.state ? `, ${row.state}` : ""} {row.voteCancelled ? <strong>cancelled</strong> : <StageBadge scheme={scheme} stageId={row.stage} />}
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
