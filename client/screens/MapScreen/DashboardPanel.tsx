import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { Campaign } from "../../../shared/model/campaign";
import type { Task } from "../../../shared/model/task";
import { useTRPC } from "../../api/trpc";
import { ErrorNotice } from "../../components/ErrorNotice";
import { StageBadge } from "../../components/StageBadge";
import { formatDay, todayUtc } from "../../lib/dates";
import { ProjectionSection } from "./ProjectionSection";

/**
 * What needs doing across the campaign: overdue next actions, those due this week, and the votes
 * and hearings of the next 30 days, and how the whip count's positions held in recorded roll calls.
 * Each line opens its body.
 */
export function DashboardPanel({ campaign, onClose, onPickBody }: { campaign: Campaign; onClose: () => void; onPickBody: (bodyId: number) => void }) {
  const trpc = useTRPC();
  const today = todayUtc();
  const agenda = useQuery(trpc.task.overdue.queryOptions({ campaignId: campaign.id, today }));
  const upcoming = useQuery(trpc.resolution.upcoming.queryOptions({ campaignId: campaign.id, today, days: 30 }));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <aside className="body-panel dashboard card" aria-labelledby="dashboard-title">
      <button type="button" className="close-button" onClick={onClose} aria-label="Close dashboard">
        ×
      </button>
      <h2 id="dashboard-title" ref={heading} tabIndex={-1}>
        Dashboard
      </h2>
      <p className="body-meta">{campaign.name}</p>

      <section className="panel-section" aria-labelledby="overdue-title">
        <h3 id="overdue-title">
          Next actions <span className="private-tag">private</span>
        </h3>
        {agenda.isPending && <p className="muted">Loading…</p>}
        {agenda.error && <ErrorNotice title="Could not load next actions" message={agenda.error.message} error={agenda.error} onRetry={() => void agenda.refetch()} />}
        {agenda.data && (
          <>
            <TaskGroup title="Overdue" tasks={agenda.data.overdue} empty="Nothing overdue." onPickBody={onPickBody} overdue />
            <TaskGroup title="Due this week" tasks={agenda.data.dueThisWeek} empty="Nothing due in the next seven days." onPickBody={onPickBody} />
          </>
        )}
      </section>

      <section className="panel-section" aria-labelledby="upcoming-title">
        <h3 id="upcoming-title">Votes and hearings in the next 30 days</h3>
        {upcoming.isPending && <p className="muted">Loading…</p>}
        {upcoming.error && <ErrorNotice title="Could not load upcoming votes" message={upcoming.error.message} onRetry={() => void upcoming.refetch()} />}
        {upcoming.data && upcoming.data.length === 0 && <p className="muted">No votes or hearings scheduled. Set a vote date in a body's panel to see it here.</p>}
        {upcoming.data && upcoming.data.length > 0 && (
          <ul className="dashboard-list">
            {upcoming.data.map((entry) => (
              <li key={`${entry.kind}-${entry.bodyId}`} className={entry.cancelled ? "is-cancelled" : ""}>
                <button type="button" className="link-button" onClick={() => onPickBody(entry.bodyId)}>
                  {entry.bodyName}
                  {entry.state ? `, ${entry.state}` : ""}
                </button>
                <span className="dashboard-meta">
                  {entry.kind === "vote" ? "Vote" : "Hearing"} {formatDay(entry.date)}
                  {entry.time ? ` at ${entry.time}` : ""}
                  {entry.location ? ` · ${entry.location}` : ""}
                  {entry.cancelled ? " · cancelled" : ""}
                </span>
                <StageBadge scheme={campaign.stageScheme} stageId={entry.stage} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <ProjectionSection campaignId={campaign.id} onPickBody={onPickBody} />
    </aside>
  );
}

function TaskGroup({ title, tasks, empty, onPickBody, overdue = false }: { title: string; tasks: Task[]; empty: string; onPickBody: (bodyId: number) => void; overdue?: boolean }) {
  return (
    <>
      <h4>
        {title} ({tasks.length})
      </h4>
      {tasks.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="dashboard-list">
          {tasks.map((task) => (
            <li key={task.id}>
              <button type="button" className="link-button" onClick={() => onPickBody(task.bodyId)}>
                {task.bodyName}
              </button>
              <span>{task.title}</span>
              <span className={`dashboard-meta${overdue ? " is-overdue" : ""}`}>
                {task.owner ?? "no owner"} · due {formatDay(task.dueOn!)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
