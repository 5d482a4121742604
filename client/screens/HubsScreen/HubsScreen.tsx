import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { CHAMBER_LABELS, CHAMBERS, districtLabel, type Chamber } from "../../../shared/model/district";
import { useApplyChange } from "../../api/change-queries";
import { useCampaigns, useDistrictGeometry, useDistrictList } from "../../api/map-data";
import { pickAddressedCampaign } from "../../state/url-state";
import { FindMyHub, type HubSearch } from "../../components/FindMyHub";
import { GapList } from "./GapList";
import { canEditCampaignWide } from "../../../shared/model/account";
import { isUnauthorized } from "../../api/errors";
import { useSession } from "../../api/session";
import { SignInPrompt } from "../../components/SignInPrompt";
import { useTRPC } from "../../api/trpc";
import { ErrorNotice } from "../../components/ErrorNotice";
import { RecruitingMap, WITH_HUB, WITHOUT_HUB } from "./RecruitingMap";

/** `/hubs`: the recruiting map (districts with and without a hub), Find my hub, and the hubs themselves. */
export function HubsScreen() {
  const trpc = useTRPC();
  const id = useId();
  const [chamber, setChamber] = useState<Chamber>("state_lower");
  const [finding, setFinding] = useState<HubSearch | null>(null);
  const coverage = useQuery(trpc.hub.coverage.queryOptions({ chamber }));
  const outlines = useDistrictGeometry();
  const campaigns = useCampaigns();
  const campaign = pickAddressedCampaign(campaigns.data ?? [], window.location.search);

  return (
    <main className="district-page hubs-page">
      <nav className="district-actions" aria-label="Page">
        <a href="/">← Back to the map</a>
      </nav>
      <h1>Hubs</h1>
      <p className="muted">One hub per state-representative district is the goal. Orange districts have no hub yet: that is where to recruit.</p>

      <section aria-labelledby={`${id}-find`} className="find-hub">
        <h2 id={`${id}-find`}>Find my hub</h2>
        <FindMyHub campaign={campaign} search={finding} onSearch={setFinding} />
        <p className="hint">…or click a spot on the map below.</p>
      </section>

      <section aria-labelledby={`${id}-map`}>
        <h2 id={`${id}-map`}>Recruiting map</h2>
        <fieldset className="chamber-choice">
          <legend>Districts of</legend>
          {CHAMBERS.map((value) => (
            <label key={value}>
              <input type="radio" name={`${id}-chamber`} value={value} checked={chamber === value} onChange={() => setChamber(value)} /> {CHAMBER_LABELS[value]}
            </label>
          ))}
        </fieldset>
        <p className="brief-legend">
          <span className="swatch" style={{ background: WITH_HUB }} /> has a hub ({coverage.data ? coverage.data.districts.length - coverage.data.withoutHub.length : "…"}){" "}
          <span className="swatch" style={{ background: WITHOUT_HUB }} /> no hub yet ({coverage.data?.withoutHub.length ?? "…"})
        </p>
        {(coverage.isPending || outlines.isPending) && <p className="muted">Loading the districts…</p>}
        {coverage.error && <ErrorNotice title="Could not load hub coverage" message={coverage.error.message} onRetry={() => void coverage.refetch()} />}
        {outlines.error && <ErrorNotice title="Could not load district outlines" message={outlines.error.message} onRetry={() => void outlines.refetch()} />}
        {coverage.data && outlines.data && (
          <RecruitingMap
            outlines={outlines.data}
            coverage={coverage.data}
            onPickPoint={(point) => setFinding({ point, label: "the point picked on the map" })}
            label={`${CHAMBER_LABELS[chamber]} districts, coloured by whether a hub covers them`}
          />
        )}
        {coverage.data && (
          <>
            <h3>Districts without a hub ({coverage.data.withoutHub.length})</h3>
            {coverage.data.withoutHub.length === 0 ? (
              <p className="muted">{coverage.data.districts.length ? "Every district has a hub." : "No current districts in this chamber yet."}</p>
            ) : (
              <ul className="district-chips">
                {coverage.data.withoutHub.map((district) => (
                  <li key={district.id}>
                    <a href={`/districts/${district.id}`}>{districtLabel(district)}</a>
                  </li>
                ))}
              </ul>
            )}
            {coverage.data.withoutHub.length > 0 && (
              <p>
                <a href={`/targets?chamber=${chamber}&nohub=1`}>Their legislators, steps and towns passed, as a list you can download →</a>
              </p>
            )}
            <h3>Where to recruit next</h3>
            {campaign ? <GapList campaign={campaign} chamber={chamber} /> : <p className="muted">Create a campaign to rank the gaps by its legislators’ steps.</p>}
          </>
        )}
      </section>
      <HubList />
    </main>
  );
}

/** Members see every hub with its private contacts; organizers add hubs. */
function HubList() {
  const trpc = useTRPC();
  const applyChange = useApplyChange();
  const id = useId();
  const hubs = useQuery({ ...trpc.hub.list.queryOptions(), retry: false });
  const { role } = useSession();
  const districts = useDistrictList();
  const [form, setForm] = useState({ name: "", publicContact: "", onboarding: "", privateContacts: "", districtIds: [] as number[] });
  const create = useMutation(
    trpc.hub.create.mutationOptions({
      onSuccess: async () => {
        setForm({ name: "", publicContact: "", onboarding: "", privateContacts: "", districtIds: [] });
        await applyChange({ kind: "hub" });
      },
    }),
  );
  if (hubs.error && isUnauthorized(hubs.error)) return <SignInPrompt what="Signed-in members see every hub and its private contacts." />;
  if (hubs.error) return <ErrorNotice title="Could not load the hubs" message={hubs.error.message} onRetry={() => void hubs.refetch()} />;
  return (
    <section aria-labelledby={`${id}-hubs`}>
      <h2 id={`${id}-hubs`}>All hubs {hubs.data ? `(${hubs.data.length})` : ""}</h2>
      {hubs.data?.length === 0 && (
        <p className="muted">
          No hub yet. Add the first below, or import a list with <code>groundswell import hubs.csv --as hubs</code>.
        </p>
      )}
      <ul className="overlap-list">
        {hubs.data?.map((hub) => (
          <li key={hub.id}>
            <strong>{hub.name}</strong> <small className="muted">{hub.districts.map((district) => districtLabel(district)).join(", ") || "no districts"}</small>
            {hub.publicContact && <small className="sponsors">Public: {hub.publicContact}</small>}
            {hub.privateContacts && <small className="sponsors">Private: {hub.privateContacts}</small>}
          </li>
        ))}
      </ul>
      {canEditCampaignWide(role) && (
        <form
          className="hub-form"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate({ ...form, publicContact: form.publicContact || null, onboarding: form.onboarding || null, privateContacts: form.privateContacts || null });
          }}
        >
          <h3>New hub</h3>
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} required value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} />
          <label htmlFor={`${id}-public`}>Public contact</label>
          <input id={`${id}-public`} value={form.publicContact} onChange={(event) => setForm({ ...form, publicContact: event.target.value })} />
          <label htmlFor={`${id}-onboarding`}>How to join (public)</label>
          <textarea id={`${id}-onboarding`} value={form.onboarding} onChange={(event) => setForm({ ...form, onboarding: event.target.value })} />
          <label htmlFor={`${id}-private`}>Private contacts (members only)</label>
          <textarea id={`${id}-private`} value={form.privateContacts} onChange={(event) => setForm({ ...form, privateContacts: event.target.value })} />
          <label htmlFor={`${id}-districts`}>Districts it covers</label>
          <select
            id={`${id}-districts`}
            multiple
            value={form.districtIds.map(String)}
            onChange={(event) => setForm({ ...form, districtIds: [...event.target.selectedOptions].map((option) => Number(option.value)) })}
          >
            {districts.data?.map((district) => (
              <option key={district.id} value={district.id}>
                {districtLabel(district)}
              </option>
            ))}
          </select>
          <button type="submit" className="primary" disabled={create.isPending || !form.name.trim()}>
            {create.isPending ? "Saving…" : "Add hub"}
          </button>
          {create.error && (
            <p className="error-text" role="alert">
              {create.error.message}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
