import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { canEditAnyBody, canEditSomeBodies, canReadPrivate, type Role } from "../../../shared/model/account";
import type { Campaign } from "../../../shared/model/campaign";
import type { LobbyDayDetail, LobbyVisit } from "../../../shared/model/lobby-day";
import { parseRowIdText } from "../../../shared/ids/row-id";
import { askFor } from "../../../shared/rules/ladder";
import { hasConstituent, hubSchedule, inScheduleOrder, officesWithoutConstituent } from "../../../shared/rules/lobby-day";
import { useApplyChange } from "../../api/change-queries";
import { useBills } from "../../api/map-data";
import { useSession } from "../../api/session";
import { useTRPC } from "../../api/trpc";
import { CampaignPage } from "../../components/CampaignPage";
import { ErrorNotice } from "../../components/ErrorNotice";
import { LadderStepBadge } from "../../components/LadderStepBadge";
import { StatusOverlay } from "../../components/StatusOverlay";
import { MeetingForm } from "../../components/MeetingLog";
import { LobbyDayForm, membersOnly } from "./LobbyDaysScreen";

/**
 * `/lobby-days/:id?campaign=ID`: the coordinator's board (every office, who is going, which have
 * no constituent yet, times and rooms), sign-ups and report-backs; `&hub=ID` is one hub's
 * printable schedule.
 */
export function LobbyDayScreen({ lobbyDayId }: { lobbyDayId: string }) {
  const id = parseRowIdText(lobbyDayId);
  if (id === null)
    return (
      <StatusOverlay>
        No lobby day “{lobbyDayId}”. <a href="/lobby-days">See the lobby days</a>
      </StatusOverlay>
    );
  return <CampaignPage>{(campaign) => <LobbyDay campaign={campaign} lobbyDayId={id} />}</CampaignPage>;
}

function LobbyDay({ campaign, lobbyDayId }: { campaign: Campaign; lobbyDayId: number }) {
  const trpc = useTRPC();
  const { role, session, isPending } = useSession();
  const detail = useQuery({ ...trpc.lobbyDay.get.queryOptions({ lobbyDayId }), enabled: canReadPrivate(role) });
  const [hubId, setHubId] = useState<number | null>(() => parseRowIdText(new URLSearchParams(window.location.search).get("hub") ?? ""));
  const [gapsOnly, setGapsOnly] = useState(false);
  const refusal = membersOnly(role, isPending);
  if (refusal) return refusal;
  if (detail.isPending) return <StatusOverlay busy>Loading the lobby day…</StatusOverlay>;
  if (detail.error)
    return (
      <StatusOverlay>
        <ErrorNotice title="Could not load the lobby day" message={detail.error.message} onRetry={() => void detail.refetch()} />
      </StatusOverlay>
    );
  const data = detail.data;
  const day = data.lobbyDay;
  const ownHub = role === "hub" ? (session?.user?.hubId ?? null) : null;
  const hubs = [
    ...new Map(
      data.visits.flatMap((visit) => [
        ...visit.seat.hubs.map((hub) => [hub.hubId, hub.name] as const),
        ...visit.signUps.flatMap((signUp) => (signUp.hubId ? [[signUp.hubId, signUp.hubName ?? ""] as const] : [])),
      ]),
    ).entries(),
  ].sort((a, b) => a[1].localeCompare(b[1]));
  const chooseHub = (next: number | null) => {
    setHubId(next);
    const search = new URLSearchParams(window.location.search);
    if (next === null) search.delete("hub");
    else search.set("hub", String(next));
    window.history.replaceState(null, "", `${window.location.pathname}?${search.toString()}`);
  };
  const covered = data.visits.filter(hasConstituent).length;
  const over = day.heldOn < new Date().toISOString().slice(0, 10);
  const calendarHref = `/lobby-days/${day.id}/calendar.ics${hubId ? `?hub=${hubId}` : ""}`;
  const shown = hubId !== null ? hubSchedule(data, hubId) : gapsOnly ? officesWithoutConstituent(data) : inScheduleOrder(data.visits);

  return (
    <main className="district-page lobby-page">
      <nav className="district-actions screen-only" aria-label="Page">
        <a href={`/lobby-days?campaign=${campaign.id}`}>← All lobby days</a>
        <a href={calendarHref} download>
          Add to calendar (.ics)
        </a>
        <button type="button" className="secondary" onClick={() => window.print()}>
          Print
        </button>
      </nav>
      <header className="brief-header">
        <p className="brief-kicker">{campaign.name}</p>
        <h1>
          {day.name}
          {hubId !== null && `: ${hubs.find(([id]) => id === hubId)?.[1] ?? "hub"}’s schedule`}
        </h1>
        <p>
          <time dateTime={day.heldOn}>{day.heldOn}</time>
          {day.startsAt ? `, briefing at ${day.startsAt}` : ""}
          {day.place ? ` · ${day.place}` : ""}
          {over ? " · this day is over: report back on each visit below" : ""}
        </p>
        {day.notes && <p className="muted">{day.notes}</p>}
        <p className="lobby-figure">
          <strong>
            {covered} of {data.visits.length}
          </strong>{" "}
          offices have a constituent signed up.
        </p>
      </header>

      <form className="targets-filters screen-only" aria-label="Show" onSubmit={(event) => event.preventDefault()}>
        <label>
          Schedule for
          <select value={hubId ?? ""} onChange={(event) => chooseHub(event.target.value ? Number(event.target.value) : null)}>
            <option value="">every office</option>
            {hubs.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {hubId === null && (
          <label className="checkbox">
            <input type="checkbox" checked={gapsOnly} onChange={(event) => setGapsOnly(event.target.checked)} />
            Only offices with no constituent going
          </label>
        )}
        {ownHub !== null && hubId !== ownHub && (
          <button type="button" className="link-button" onClick={() => chooseHub(ownHub)}>
            My hub’s schedule
          </button>
        )}
      </form>

      {data.visits.length === 0 ? (
        <p className="empty-state">
          No sitting legislator in the chambers this day visits. Import the legislators (the Import screen, or <code>groundswell import … --as legislators</code>), then come back.
        </p>
      ) : shown.length === 0 ? (
        <p className="empty-state">{hubId !== null ? "Nobody from this hub has signed up yet." : "Every office has a constituent going."}</p>
      ) : (
        <ol className="lobby-visits">
          {shown.map((visit) => (
            <VisitCard key={`${visit.seat.legislatorId}-${visit.seat.chamber}`} campaign={campaign} detail={data} visit={visit} role={role} ownHub={ownHub} over={over} />
          ))}
        </ol>
      )}
      {canEditAnyBody(role) && <LobbyDayForm campaign={campaign} lobbyDay={day} />}
    </main>
  );
}

function VisitCard({
  campaign,
  detail,
  visit,
  role,
  ownHub,
  over,
}: {
  campaign: Campaign;
  detail: LobbyDayDetail;
  visit: LobbyVisit;
  role: Role;
  ownHub: number | null;
  over: boolean;
}) {
  const bills = useBills(campaign.id);
  const day = detail.lobbyDay;
  const billList = (bills.data ?? []).filter((bill) => day.billIds.length === 0 || day.billIds.includes(bill.id));
  const seat = visit.seat;
  const isOwn = ownHub !== null && seat.hubs.some((hub) => hub.hubId === ownHub);
  const canEdit = canEditAnyBody(role) || (canEditSomeBodies(role) && isOwn);
  const firstBill = billList[0];
  const step = firstBill ? (seat.steps.find((entry) => entry.billId === firstBill.id)?.step ?? campaign.ladder.steps[0]!.id) : null;
  const ask = step ? askFor(campaign.ladder, step) : null;
  return (
    <li className={`lobby-visit${hasConstituent(visit) ? "" : " no-constituent"}`} aria-label={`Visit to ${seat.name}`}>
      <div className="lobby-visit-when">
        {visit.time ? <strong>{visit.time}</strong> : <span className="muted">no time yet</span>}
        {visit.room ? ` · ${visit.room}` : ""}
      </div>
      <h2>
        <a href={`/legislators/${seat.legislatorId}?campaign=${campaign.id}`}>{seat.name}</a>
        {seat.party && <small className="muted"> {seat.party}</small>}
      </h2>
      <p className="muted">
        {seat.label}
        {seat.hubs.length ? ` · ${seat.hubs.map((hub) => hub.name).join(", ")}` : " · no hub"}
        {seat.lastContact ? ` · last met ${seat.lastContact}` : ""}
      </p>
      {firstBill && step && (
        <p>
          {firstBill.name}: <LadderStepBadge ladder={campaign.ladder} step={step} />
          {ask && <span className="ladder-ask"> Ask: {ask.label}</span>}
        </p>
      )}
      <div className="lobby-going">
        <span className="field-caption">Going</span>
        {visit.signUps.length === 0 ? (
          <span className="gap"> nobody yet</span>
        ) : (
          <ul>
            {visit.signUps.map((signUp) => (
              <li key={signUp.id}>
                {signUp.name}
                <span className="muted">
                  {signUp.hubName ? ` · ${signUp.hubName}` : ""}
                  {signUp.constituent ? " · constituent" : ""}
                </span>
                {!over && (canEditAnyBody(role) || (ownHub !== null && signUp.hubId === ownHub)) && <WithdrawButton lobbyDayId={day.id} signUpId={signUp.id} name={signUp.name} />}
              </li>
            ))}
          </ul>
        )}
        {!hasConstituent(visit) && <p className="gap">No constituent signed up.</p>}
      </div>
      {canEdit && !over && <SignUpForm lobbyDayId={day.id} legislatorId={seat.legislatorId} legislatorName={seat.name} />}
      {canEditAnyBody(role) && <ScheduleForm lobbyDayId={day.id} visit={visit} />}
      {visit.meetingId !== null ? (
        <p className="notice">
          Reported back: <a href={`/legislators/${seat.legislatorId}?campaign=${campaign.id}`}>see the meeting in their log</a>.
        </p>
      ) : (
        over &&
        canEdit && (
          <MeetingForm campaign={campaign} bills={billList} legislatorId={seat.legislatorId} legislatorName={seat.name} lobbyVisit={{ lobbyDayId: day.id, heldOn: day.heldOn }} />
        )
      )}
    </li>
  );
}

function SignUpForm({ lobbyDayId, legislatorId, legislatorName }: { lobbyDayId: number; legislatorId: number; legislatorName: string }) {
  const trpc = useTRPC();
  const id = useId();
  const applyChange = useApplyChange();
  const [name, setName] = useState("");
  const [constituent, setConstituent] = useState(true);
  const signUp = useMutation(
    trpc.lobbyDay.signUp.mutationOptions({
      onSuccess: async () => {
        setName("");
        await applyChange({ kind: "lobby" });
      },
    }),
  );
  return (
    <form
      className="lobby-sign-up screen-only"
      aria-label={`Sign up to meet ${legislatorName}`}
      onSubmit={(event) => {
        event.preventDefault();
        signUp.mutate({ lobbyDayId, legislatorId, name, constituent });
      }}
    >
      <label htmlFor={`${id}-name`}>Who is going</label>
      <input id={`${id}-name`} required maxLength={120} value={name} placeholder="Name" onChange={(event) => setName(event.target.value)} />
      <label className="check">
        <input type="checkbox" checked={constituent} onChange={(event) => setConstituent(event.target.checked)} />
        lives in the district
      </label>
      <button type="submit" className="secondary" disabled={signUp.isPending}>
        {signUp.isPending ? "Signing up…" : "Sign up"}
      </button>
      {signUp.isSuccess && !signUp.isPending && (
        <span className="notice" role="status">
          Signed up.
        </span>
      )}
      {signUp.error && <ErrorNotice title="Not signed up" message={signUp.error.message} error={signUp.error} />}
    </form>
  );
}

function WithdrawButton({ lobbyDayId, signUpId, name }: { lobbyDayId: number; signUpId: number; name: string }) {
  const trpc = useTRPC();
  const applyChange = useApplyChange();
  const withdraw = useMutation(trpc.lobbyDay.withdraw.mutationOptions({ onSuccess: () => applyChange({ kind: "lobby" }) }));
  return (
    <button
      type="button"
      className="link-button screen-only"
      aria-label={`Take back ${name}’s sign-up`}
      disabled={withdraw.isPending}
      onClick={() => withdraw.mutate({ lobbyDayId, signUpId })}
    >
      remove
    </button>
  );
}

function ScheduleForm({ lobbyDayId, visit }: { lobbyDayId: number; visit: LobbyVisit }) {
  const trpc = useTRPC();
  const id = useId();
  const applyChange = useApplyChange();
  const [time, setTime] = useState(visit.time ?? "");
  const [room, setRoom] = useState(visit.room ?? "");
  const schedule = useMutation(trpc.lobbyDay.schedule.mutationOptions({ onSuccess: () => applyChange({ kind: "lobby" }) }));
  return (
    <form
      className="lobby-schedule screen-only"
      aria-label={`Time and room for ${visit.seat.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        schedule.mutate({ lobbyDayId, legislatorId: visit.seat.legislatorId, time: time || null, room: room || null });
      }}
    >
      <label htmlFor={`${id}-time`}>Time</label>
      <input id={`${id}-time`} type="time" value={time} onChange={(event) => setTime(event.target.value)} />
      <label htmlFor={`${id}-room`}>Room</label>
      <input id={`${id}-room`} maxLength={120} value={room} placeholder="Room 11" onChange={(event) => setRoom(event.target.value)} />
      <button type="submit" className="secondary" disabled={schedule.isPending}>
        {schedule.isPending ? "Saving…" : "Set"}
      </button>
      {schedule.isSuccess && !schedule.isPending && (
        <span className="notice" role="status">
          Saved.
        </span>
      )}
      {schedule.error && <ErrorNotice title="Not saved" message={schedule.error.message} error={schedule.error} />}
    </form>
  );
}
