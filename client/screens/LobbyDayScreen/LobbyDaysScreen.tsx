import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState, type ReactNode } from "react";
import { canEditAnyBody, canReadPrivate, type Role } from "../../../shared/model/account";
import type { Campaign } from "../../../shared/model/campaign";
import { SEAT_CHAMBER_LABELS, SEAT_CHAMBERS, type SeatChamber } from "../../../shared/model/district";
import { useApplyChange } from "../../api/change-queries";
import { useBills } from "../../api/map-data";
import { useSession } from "../../api/session";
import { useTRPC } from "../../api/trpc";
import { CampaignPage } from "../../components/CampaignPage";
import { ErrorNotice } from "../../components/ErrorNotice";
import { SignInPrompt } from "../../components/SignInPrompt";
import { StatusOverlay } from "../../components/StatusOverlay";

/** `/lobby-days?campaign=ID`: the campaign's lobby days, the next first, and (organizers) "Plan a lobby day". */
export function LobbyDaysScreen() {
  return <CampaignPage>{(campaign) => <LobbyDays campaign={campaign} />}</CampaignPage>;
}

function LobbyDays({ campaign }: { campaign: Campaign }) {
  const trpc = useTRPC();
  const { role, isPending } = useSession();
  const days = useQuery({ ...trpc.lobbyDay.list.queryOptions({ campaignId: campaign.id }), enabled: canReadPrivate(role) });
  const refusal = membersOnly(role, isPending);
  if (refusal) return refusal;
  const today = new Date().toISOString().slice(0, 10);
  return (
    <main className="district-page lobby-page">
      <nav className="district-actions" aria-label="Page">
        <a href={`/?campaign=${campaign.id}`}>← Back to the map</a>
        <a href={`/targets?campaign=${campaign.id}`}>Targets</a>
      </nav>
      <header className="brief-header">
        <p className="brief-kicker">{campaign.name}</p>
        <h1>Lobby days</h1>
        <p className="muted">
          A day at the State House when hubs meet their own legislators. Sign up for your legislators, see which offices still need a constituent, print your hub’s schedule, and
          report back after each visit.
        </p>
      </header>
      {days.isPending && <p className="muted">Loading the lobby days…</p>}
      {days.error && <ErrorNotice title="Could not load the lobby days" message={days.error.message} onRetry={() => void days.refetch()} />}
      {days.data?.length === 0 && (
        <p className="empty-state">
          No lobby day planned yet.{canEditAnyBody(role) ? " Plan the first one below." : " An organizer plans them; you can sign up once one is planned."}
        </p>
      )}
      <ul className="lobby-day-list">
        {(days.data ?? []).map((day) => (
          <li key={day.id} className={day.heldOn < today ? "past" : undefined}>
            <a href={`/lobby-days/${day.id}?campaign=${campaign.id}`}>
              <strong>{day.name}</strong>
            </a>{" "}
            <time dateTime={day.heldOn}>{day.heldOn}</time>
            {day.place ? ` · ${day.place}` : ""}
            <div className="muted">
              {day.officesWithConstituent} of {day.offices} offices have a constituent going · {day.signUps} signed up{day.heldOn < today ? " · over" : ""}
            </div>
          </li>
        ))}
      </ul>
      {canEditAnyBody(role) && <LobbyDayForm campaign={campaign} />}
    </main>
  );
}

/** While the session loads, or for the public, what a lobby day page shows instead (null: go on). */
export function membersOnly(role: Role, isPending: boolean): ReactNode | null {
  if (isPending) return <StatusOverlay busy>Loading…</StatusOverlay>;
  if (canReadPrivate(role)) return null;
  return (
    <StatusOverlay>
      <SignInPrompt what="Lobby days are for the campaign's members." />
    </StatusOverlay>
  );
}

/** Plan a lobby day, or (with `lobbyDay`) change one: name, date, start, place, bills, chambers, notes. */
export function LobbyDayForm({
  campaign,
  lobbyDay,
}: {
  campaign: Campaign;
  lobbyDay?: { id: number; name: string; heldOn: string; startsAt: string | null; place: string | null; billIds: number[]; chambers: SeatChamber[]; notes: string | null };
}) {
  const trpc = useTRPC();
  const id = useId();
  const applyChange = useApplyChange();
  const bills = useBills(campaign.id);
  const empty = { name: "", heldOn: "", startsAt: "", place: "", billIds: [] as number[], chambers: ["state_lower", "state_upper"] as SeatChamber[], notes: "" };
  const [draft, setDraft] = useState(lobbyDay ? { ...lobbyDay, startsAt: lobbyDay.startsAt ?? "", place: lobbyDay.place ?? "", notes: lobbyDay.notes ?? "" } : empty);
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation(
    trpc.lobbyDay.save.mutationOptions({
      onSuccess: async (day) => {
        setSaved(day.name);
        if (!lobbyDay) setDraft(empty);
        await applyChange({ kind: "lobby" });
      },
    }),
  );
  const set = (change: Partial<typeof draft>) => {
    setSaved(null);
    setDraft((current) => ({ ...current, ...change }));
  };
  const toggle = <T,>(list: T[], value: T, on: boolean) => (on ? [...list, value] : list.filter((entry) => entry !== value));
  return (
    <details className="meeting-form-box lobby-day-form" open={!lobbyDay}>
      <summary>{lobbyDay ? "Change the lobby day" : "Plan a lobby day"}</summary>
      <form
        className="meeting-form"
        aria-label={lobbyDay ? "Change the lobby day" : "Plan a lobby day"}
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({
            campaignId: campaign.id,
            ...(lobbyDay ? { lobbyDayId: lobbyDay.id } : {}),
            name: draft.name,
            heldOn: draft.heldOn,
            startsAt: draft.startsAt || null,
            place: draft.place || null,
            billIds: draft.billIds,
            chambers: draft.chambers,
            notes: draft.notes || null,
          });
        }}
      >
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} required maxLength={200} value={draft.name} placeholder="Spring lobby day" onChange={(event) => set({ name: event.target.value })} />
        <label htmlFor={`${id}-date`}>Date</label>
        <input id={`${id}-date`} type="date" required value={draft.heldOn} onChange={(event) => set({ heldOn: event.target.value })} />
        <label htmlFor={`${id}-start`}>Briefing starts</label>
        <input id={`${id}-start`} type="time" value={draft.startsAt} onChange={(event) => set({ startsAt: event.target.value })} />
        <label htmlFor={`${id}-place`}>Place</label>
        <input id={`${id}-place`} maxLength={200} value={draft.place} placeholder="State House, Room 428" onChange={(event) => set({ place: event.target.value })} />
        <span className="field-caption">Bills</span>
        <span className="meeting-hubs">
          {(bills.data ?? []).map((bill) => (
            <label key={bill.id} className="check">
              <input type="checkbox" checked={draft.billIds.includes(bill.id)} onChange={(event) => set({ billIds: toggle(draft.billIds, bill.id, event.target.checked) })} />
              {bill.name}
            </label>
          ))}
          {draft.billIds.length === 0 && <span className="muted">none ticked: all of them</span>}
        </span>
        <span className="field-caption">Offices to visit</span>
        <span className="meeting-hubs">
          {SEAT_CHAMBERS.map((chamber) => (
            <label key={chamber} className="check">
              <input type="checkbox" checked={draft.chambers.includes(chamber)} onChange={(event) => set({ chambers: toggle(draft.chambers, chamber, event.target.checked) })} />
              {SEAT_CHAMBER_LABELS[chamber]}
            </label>
          ))}
        </span>
        <label htmlFor={`${id}-notes`}>Notes</label>
        <textarea
          id={`${id}-notes`}
          rows={2}
          maxLength={4000}
          value={draft.notes}
          placeholder="Briefing, parking, what to bring"
          onChange={(event) => set({ notes: event.target.value })}
        />
        <button type="submit" className="primary" disabled={save.isPending || draft.chambers.length === 0}>
          {save.isPending ? "Saving…" : lobbyDay ? "Save the changes" : "Plan it"}
        </button>
        {saved && (
          <p className="notice" role="status">
            Saved “{saved}”.
          </p>
        )}
        {save.error && <ErrorNotice title="Not saved" message={save.error.message} error={save.error} />}
      </form>
    </details>
  );
}
