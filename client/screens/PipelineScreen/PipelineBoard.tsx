import type { PipelineBoard as Board } from "../../../shared/model/pipeline";
import { formatTally } from "../../../shared/model/pipeline";
import type { StageScheme } from "../../../shared/model/stage";
import { formatCount } from "../../lib/format";

/** A column per stage, in scheme order, with its count and the most recently changed bodies. */
export function PipelineBoard({ scheme, campaignId, board, loading }: { scheme: StageScheme; campaignId: number; board: Board | undefined; loading: boolean }) {
  if (loading && !board) return <p className="page-status" role="status">Loading the board…</p>;
  if (!board) return null;
  return (
    <div className="pipeline-board">
      {board.columns.map((column) => {
        const stage = scheme.stages.find((entry) => entry.id === column.stageId);
        return (
          <section key={column.stageId} className="board-column card" aria-label={`${stage?.label ?? column.stageId}: ${column.count}`} data-stage={column.stageId}>
            <h3>
              <span className="swatch" style={{ background: stage?.color ?? "#ccc" }} aria-hidden="true" />
              {stage?.label ?? column.stageId} <span className="board-count">{formatCount(column.count)}</span>
            </h3>
            {column.count === 0 ? (
              <p className="muted">None</p>
            ) : (
              <ul>
                {column.rows.map((row) => (
                  <li key={row.bodyId}>
                    <a href={`/?campaign=${campaignId}&body=${row.bodyId}`}>{row.bodyName}</a>
                    <small className="muted">
                      {[row.state, row.voteDate && `vote ${row.voteDate}${row.voteCancelled ? " (cancelled)" : ""}`, formatTally(row.tally)].filter(Boolean).join(" · ")}
                    </small>
                  </li>
                ))}
              </ul>
            )}
            {column.count > column.rows.length && <p className="muted">and {formatCount(column.count - column.rows.length)} more (use the table)</p>}
          </section>
        );
      })}
    </div>
  );
}
