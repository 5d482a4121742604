import { useQuery } from "@tanstack/react-query";
import { MEETING_VOTE_LABELS } from "../../../shared/rules/meeting-tally";
import { describeAccuracy, describeTallyProjection } from "../../../shared/rules/projection";
import { POSITION_LABELS, type Position } from "../../../shared/rules/whip";
import { useTRPC } from "../../api/trpc";
import { ErrorNotice } from "../../components/ErrorNotice";

const HELD_LABELS = { true: "held", false: "did not hold", null: "not judged" } as const;

/**
 * Projection vs actual: each member's whip-count position beside how they voted in a roll call
 * taken in meeting mode, misses first, with the campaign's accuracy, so hubs learn whose word holds;
 * then each tally beside the yes and no the whip count projected (votes without a roll call too).
 */
export function ProjectionSection({ campaignId, onPickBody }: { campaignId: number; onPickBody: (bodyId: number) => void }) {
  const trpc = useTRPC();
  const projection = useQuery(trpc.member.projection.queryOptions({ campaignId }));
  const data = projection.data;
  return (
    <section className="panel-section" aria-labelledby="projection-title">
      <h3 id="projection-title">
        Whip count against the votes <span className="private-tag">private</span>
      </h3>
      {projection.error && <ErrorNotice title="Could not load the comparison" message={projection.error.message} onRetry={() => void projection.refetch()} />}
      {data && (
        <p data-testid="projection-accuracy">
          <strong>{describeAccuracy(data)}</strong>
        </p>
      )}
      {data && data.rows.length === 0 && <p className="muted">Roll calls recorded in meeting mode appear here beside each member's position.</p>}
      {data && data.rows.length > 0 && (
        <ul className="dashboard-list projection-list">
          {data.rows.map((row) => (
            <li key={`${row.bodyId}-${row.memberId}`} className={row.held === false ? "is-overdue" : ""}>
              <span>{row.name}</span>
              <button type="button" className="link-button" onClick={() => onPickBody(row.bodyId)}>
                {row.bodyName}
              </button>
              <span className="dashboard-meta">
                {POSITION_LABELS[row.position as Position] ?? row.position} → voted {MEETING_VOTE_LABELS[row.vote].toLowerCase()}:{" "}
                {HELD_LABELS[String(row.held) as "true" | "false" | "null"]}
              </span>
            </li>
          ))}
        </ul>
      )}
      {data && data.tallies.length > 0 && (
        <>
          <h4>Tallies against the count</h4>
          <ul className="dashboard-list projection-list" data-testid="projection-tallies">
            {data.tallies.map((row) => (
              <li key={row.bodyId} className={row.yesDifference < 0 ? "is-overdue" : ""}>
                <button type="button" className="link-button" onClick={() => onPickBody(row.bodyId)}>
                  {row.bodyName}
                </button>
                <span className="dashboard-meta">{describeTallyProjection(row)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
