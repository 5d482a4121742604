import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { Campaign } from "../../shared/model/campaign";
import type { Bill } from "../../shared/model/ladder";
import { MEETING_PLACES, type Meeting } from "../../shared/model/meeting";
import { stepLabel } from "../../shared/rules/ladder";
import { useApplyChange } from "../api/change-queries";
import { useTRPC } from "../api/trpc";
import { ErrorNotice } from "./ErrorNotice";

const today = () => new Date().toISOString().slice(0, 10);

/**
 * A legislator's meetings and next actions (members only; never printed), and for those who may,
 * "Log a meeting": when, who met (hubs, constituents), where, the ask, the answer, where it left
 * them on the ladder, follow-ups (one a line, each a next action) and private notes.
 */
export function MeetingLog({
  campaign,
  bills,
  legislatorId,
  legislatorName,
  canEdit,
}: {
  campaign: Campaign;
  bills: Bill[];
  legislatorId: number;
  legislatorName: string;
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const meetings = useQuery(trpc.legislator.meetings.queryOptions({ campaignId: campaign.id, legislatorId }));
  const nextActions = useQuery(trpc.legislator.nextActions.queryOptions({ campaignId: campaign.id, legislatorId }));
  const open = (nextActions.data ?? []).filter((task) => task.doneAt === null);
  return (
    <section className="meeting-log screen-only" aria-label={`Meetings with ${legislatorName}`}>
      <h3>Meetings</h3>
      {meetings.error && <ErrorNotice title="Could not load the meetings" message={meetings.error.message} onRetry={() => void meetings.refetch()} />}
      {meetings.data?.length === 0 && <p className="muted">No meeting logged yet.{canEdit ? " Log the first one below after you meet them." : ""}</p>}
      <ol className="meeting-list">
        {(meetings.data ?? []).map((meeting) => (
          <MeetingEntry key={meeting.id} campaign={campaign} bills={bills} meeting={meeting} />
        ))}
      </ol>
      <h3>Next actions</h3>
      {open.length === 0 ? (
        <p className="muted">No open next action.</p>
      ) : (
        <ul className="next-action-list">
          {open.map((task) => (
            <li key={task.id}>
              {task.title}
              {task.dueOn ? <span className="muted"> · due {task.dueOn}</span> : null}
              {canEdit && <CompleteButton campaignId={campaign.id} nextActionId={task.id} title={task.title} />}
            </li>
          ))}
        </ul>
      )}
      {canEdit && <MeetingForm campaign={campaign} bills={bills} legislatorId={legislatorId} legislatorName={legislatorName} />}
    </section>
  );
}

function MeetingEntry({ campaign, bills, meeting }: { campaign: Campaign; bills: Bill[]; meeting: Meeting }) {
  const bill = bills.find((entry) => entry.id === meeting.billId);
  const who = [meeting.hubs.map((hub) => hub.name).join(", "), meeting.constituents ? `${meeting.constituents} constituents` : ""].filter(Boolean).join(", ");
  return (
    <li>
      <strong>
        <time dateTime={meeting.metOn}>{meeting.metOn}</time>
      </strong>
      {meeting.place ? ` · ${meeting.place}` : ""}
      {who ? ` · ${who}` : ""}
      {meeting.outcomeStep && (
        <>
          {" "}
          → <strong>{stepLabel(campaign.ladder, meeting.outcomeStep)}</strong>
          {bill ? ` on ${bill.name}` : ""}
        </>
      )}
      {meeting.ask && <div>Ask: {meeting.ask}</div>}
      {meeting.answer && <div>Answer: {meeting.answer}</div>}
      {meeting.privateNotes && <div className="muted">Private: {meeting.privateNotes}</div>}
    </li>
  );
}

function CompleteButton({ campaignId, nextActionId, title }: { campaignId: number; nextActionId: number; title: string }) {
  const trpc = useTRPC();
  const applyChange = useApplyChange();
  const complete = useMutation(trpc.legislator.completeNextAction.mutationOptions({ onSuccess: () => applyChange({ kind: "legislator" }) }));
  return (
    <button type="button" className="link-button" aria-label={`Mark “${title}” done`} disabled={complete.isPending} onClick={() => complete.mutate({ campaignId, nextActionId })}>
      Done
    </button>
  );
}

/**
 * "Log a meeting", or with `lobbyVisit` a lobby day visit's report-back: then the date is the
 * lobby day's, and the hubs, constituents and place default to those signed up for the visit.
 */
export function MeetingForm({
  campaign,
  bills,
  legislatorId,
  legislatorName,
  lobbyVisit,
}: {
  campaign: Campaign;
  bills: Bill[];
  legislatorId: number;
  legislatorName: string;
  lobbyVisit?: { lobbyDayId: number; heldOn: string };
}) {
  const trpc = useTRPC();
  const applyChange = useApplyChange();
  const id = useId();
  const hubs = useQuery(trpc.hub.list.queryOptions());
  const empty = {
    metOn: today(),
    hubIds: [] as number[],
    constituents: "",
    place: "",
    ask: "",
    answer: "",
    billId: bills[0]?.id ?? 0,
    outcomeStep: "",
    followUps: "",
    privateNotes: "",
  };
  const [draft, setDraft] = useState(empty);
  const [saved, setSaved] = useState(false);
  const set = (change: Partial<typeof empty>) => {
    setSaved(false);
    setDraft((current) => ({ ...current, ...change }));
  };
  const onSuccess = async () => {
    setDraft(empty);
    setSaved(true);
    await applyChange({ kind: "legislator" });
    if (lobbyVisit) await applyChange({ kind: "lobby" });
  };
  const logMeeting = useMutation(trpc.legislator.logMeeting.mutationOptions({ onSuccess }));
  const reportBack = useMutation(trpc.lobbyDay.reportBack.mutationOptions({ onSuccess }));
  const log = lobbyVisit ? reportBack : logMeeting;
  const title = lobbyVisit ? `Report back on the visit to ${legislatorName}` : `Log a meeting with ${legislatorName}`;
  return (
    <details className="meeting-form-box">
      <summary>{title}</summary>
      <form
        className="meeting-form"
        aria-label={title}
        onSubmit={(event) => {
          event.preventDefault();
          const meeting = {
            legislatorId,
            hubIds: draft.hubIds,
            constituents: draft.constituents === "" ? null : Number(draft.constituents),
            place: draft.place || null,
            ask: draft.ask || null,
            answer: draft.answer || null,
            ...(draft.billId ? { billId: draft.billId } : {}),
            outcomeStep: draft.outcomeStep || null,
            followUps: draft.followUps
              .split("\n")
              .map((line) => line.trim())
              .filter(Boolean),
            privateNotes: draft.privateNotes || null,
          };
          if (lobbyVisit) reportBack.mutate({ ...meeting, lobbyDayId: lobbyVisit.lobbyDayId });
          else logMeeting.mutate({ ...meeting, campaignId: campaign.id, metOn: draft.metOn });
        }}
      >
        {lobbyVisit ? (
          <p className="muted meeting-form-note">On {lobbyVisit.heldOn}. Left empty, the hubs, constituents and place are those signed up for the visit.</p>
        ) : (
          <>
            <label htmlFor={`${id}-date`}>Date</label>
            <input id={`${id}-date`} type="date" required max={today()} value={draft.metOn} onChange={(event) => set({ metOn: event.target.value })} />
          </>
        )}
        <label htmlFor={`${id}-place`}>Where</label>
        <input
          id={`${id}-place`}
          list={`${id}-places`}
          value={draft.place}
          maxLength={200}
          placeholder="District office, State House…"
          onChange={(event) => set({ place: event.target.value })}
        />
        <datalist id={`${id}-places`}>
          {MEETING_PLACES.map((place) => (
            <option key={place} value={place} />
          ))}
        </datalist>
        <span className="field-caption">Hubs that met them</span>
        <span className="meeting-hubs">
          {(hubs.data ?? []).length === 0 && <span className="muted">No hub yet</span>}
          {(hubs.data ?? []).map((hub) => (
            <label key={hub.id} className="check">
              <input
                type="checkbox"
                checked={draft.hubIds.includes(hub.id)}
                onChange={(event) => set({ hubIds: event.target.checked ? [...draft.hubIds, hub.id] : draft.hubIds.filter((hubId) => hubId !== hub.id) })}
              />
              {hub.name}
            </label>
          ))}
        </span>
        <label htmlFor={`${id}-constituents`}>Constituents present</label>
        <input id={`${id}-constituents`} type="number" min={0} max={100000} value={draft.constituents} onChange={(event) => set({ constituents: event.target.value })} />
        <label htmlFor={`${id}-ask`}>The ask</label>
        <input id={`${id}-ask`} value={draft.ask} maxLength={2000} placeholder="e.g. Cosponsor H.1239" onChange={(event) => set({ ask: event.target.value })} />
        <label htmlFor={`${id}-answer`}>Their answer</label>
        <input id={`${id}-answer`} value={draft.answer} maxLength={2000} onChange={(event) => set({ answer: event.target.value })} />
        {bills.length > 1 && (
          <>
            <label htmlFor={`${id}-bill`}>Bill of the outcome</label>
            <select id={`${id}-bill`} value={draft.billId} onChange={(event) => set({ billId: Number(event.target.value) })}>
              {bills.map((bill) => (
                <option key={bill.id} value={bill.id}>
                  {bill.name}
                </option>
              ))}
            </select>
          </>
        )}
        <label htmlFor={`${id}-outcome`}>Outcome step</label>
        <select id={`${id}-outcome`} value={draft.outcomeStep} onChange={(event) => set({ outcomeStep: event.target.value })}>
          <option value="">No change on the ladder</option>
          {campaign.ladder.steps.map((step) => (
            <option key={step.id} value={step.id}>
              {step.label}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-follow`}>Follow-ups (one a line)</label>
        <textarea id={`${id}-follow`} rows={2} value={draft.followUps} placeholder="Each becomes a next action" onChange={(event) => set({ followUps: event.target.value })} />
        <label htmlFor={`${id}-notes`}>Private notes</label>
        <textarea
          id={`${id}-notes`}
          rows={2}
          value={draft.privateNotes}
          maxLength={4000}
          placeholder="Never shown publicly"
          onChange={(event) => set({ privateNotes: event.target.value })}
        />
        <button type="submit" className="primary" disabled={log.isPending}>
          {log.isPending ? "Saving…" : lobbyVisit ? "Report back" : "Log the meeting"}
        </button>
        {saved && (
          <p className="notice" role="status">
            {lobbyVisit ? "Reported back: the meeting is in their log." : "Meeting logged."}
          </p>
        )}
        {log.error && <ErrorNotice title="Meeting not logged" message={log.error.message} error={log.error} />}
      </form>
    </details>
  );
}
