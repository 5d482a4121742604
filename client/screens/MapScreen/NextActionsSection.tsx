import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Task } from "../../../shared/model/task";
import { useApplyChange } from "../../api/change-queries";
import { useTRPC } from "../../api/trpc";
import { ErrorNotice } from "../../components/ErrorNotice";
import { formatDay, todayUtc } from "../../lib/dates";

/** Next actions on this resolution (private): who does what by when. */
export function NextActionsSection({ campaignId, bodyId, canEdit }: { campaignId: number; bodyId: number; canEdit: boolean }) {
  const trpc = useTRPC();
  const applyChange = useApplyChange();
  const tasks = useQuery(trpc.task.list.queryOptions({ campaignId, bodyId }));
  const refresh = () => void applyChange({ kind: "task" });
  const complete = useMutation(trpc.task.complete.mutationOptions({ onSettled: refresh }));
  const reopen = useMutation(trpc.task.reopen.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.task.remove.mutationOptions({ onSettled: refresh }));
  const busy = complete.isPending || reopen.isPending || remove.isPending;
  const today = todayUtc();
  const failure = complete.error ?? reopen.error ?? remove.error;

  return (
    <section className="panel-section" aria-labelledby="tasks-title">
      <h3 id="tasks-title">
        Next actions <span className="private-tag">private</span>
      </h3>
      {tasks.isPending && <p className="muted">Loading…</p>}
      {tasks.error && <ErrorNotice title="Could not load next actions" message={tasks.error.message} error={tasks.error} onRetry={() => void tasks.refetch()} />}
      {tasks.data && tasks.data.length === 0 && <p className="muted">Nothing planned yet. Add the next step, who takes it, and by when.</p>}
      {tasks.data && tasks.data.length > 0 && (
        <ul className="task-list">
          {tasks.data.map((task) => (
            <TaskRow
              key={task.id}
              task={task}
              today={today}
              canEdit={canEdit}
              busy={busy}
              onToggle={() => (task.doneAt ? reopen : complete).mutate({ taskId: task.id })}
              onRemove={() => remove.mutate({ taskId: task.id })}
            />
          ))}
        </ul>
      )}
      {failure && <ErrorNotice title="Not saved" message={failure.message} error={failure} />}
      {canEdit && <AddTaskForm campaignId={campaignId} bodyId={bodyId} onAdded={refresh} />}
    </section>
  );
}

function TaskRow({ task, today, canEdit, busy, onToggle, onRemove }: { task: Task; today: string; canEdit: boolean; busy: boolean; onToggle: () => void; onRemove: () => void }) {
  const overdue = !task.doneAt && task.dueOn !== null && task.dueOn < today;
  return (
    <li className={`task-row${task.doneAt ? " is-done" : ""}${overdue ? " is-overdue" : ""}`}>
      <label className="check">
        <input type="checkbox" checked={task.doneAt !== null} disabled={!canEdit || busy} onChange={onToggle} />
        <span className="task-title">{task.title}</span>
      </label>
      <span className="task-meta">
        {task.owner ? task.owner : "no owner"}
        {task.dueOn && <> · {overdue ? <strong>overdue since {formatDay(task.dueOn)}</strong> : `due ${formatDay(task.dueOn)}`}</>}
      </span>
      {canEdit && (
        <button type="button" className="link-button danger" onClick={onRemove} disabled={busy} aria-label={`Delete “${task.title}”`}>
          Delete
        </button>
      )}
    </li>
  );
}

function AddTaskForm({ campaignId, bodyId, onAdded }: { campaignId: number; bodyId: number; onAdded: () => void }) {
  const trpc = useTRPC();
  const [title, setTitle] = useState("");
  const [owner, setOwner] = useState("");
  const [dueOn, setDueOn] = useState("");
  const add = useMutation(
    trpc.task.add.mutationOptions({
      onSuccess: () => {
        setTitle("");
        setOwner("");
        setDueOn("");
        onAdded();
      },
    }),
  );
  return (
    <form
      className="field-grid add-task"
      onSubmit={(event) => {
        event.preventDefault();
        add.mutate({ campaignId, bodyId, title, owner: owner || null, dueOn: dueOn || null });
      }}
    >
      <label className="field wide">
        <span>Next action</span>
        <input value={title} maxLength={300} placeholder="e.g. Ask Councillor Diaz to cosponsor" onChange={(event) => setTitle(event.target.value)} />
      </label>
      <label className="field">
        <span>Owner</span>
        <input value={owner} maxLength={120} onChange={(event) => setOwner(event.target.value)} />
      </label>
      <label className="field">
        <span>Due</span>
        <input type="date" value={dueOn} onChange={(event) => setDueOn(event.target.value)} />
      </label>
      <button type="submit" className="secondary" disabled={!title.trim() || add.isPending}>
        {add.isPending ? "Adding…" : "Add next action"}
      </button>
      {add.error && <ErrorNotice title="Not added" message={add.error.message} error={add.error} />}
    </form>
  );
}
