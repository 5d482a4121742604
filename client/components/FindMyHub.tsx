import { useQueries, useQuery } from "@tanstack/react-query";
import type { Campaign } from "../../shared/model/campaign";
import { districtLabel, SEAT_CHAMBER_LABELS, SEAT_CHAMBERS } from "../../shared/model/district";
import type { HubFinding } from "../../shared/model/hub";
import { useBills } from "../api/map-data";
import { useTRPC } from "../api/trpc";
import { ErrorNotice } from "./ErrorNotice";
import { LadderStepBadge } from "./LadderStepBadge";
import { PlaceSearchForm, placeSearchInput, type PlaceSearch } from "./PlaceSearchForm";

/** Where to look: a point (my location, a spot on the map, a geocoded address) or a town name. */
export type HubSearch = PlaceSearch;

/**
 * Find my hub: a town name (or, with a geocoder configured, a street address), "Use my location"
 * or a point the page picks on its map; the answer names the legislators there with their step on
 * the campaign's bills, and the hubs to join. `search`/`onSearch` let a page's map set the point.
 */
export function FindMyHub({ campaign, search, onSearch }: { campaign: Campaign | undefined; search: HubSearch | null; onSearch: (search: HubSearch) => void }) {
  const trpc = useTRPC();
  const found = useQuery({ ...trpc.hub.find.queryOptions(placeSearchInput(search)), enabled: search !== null, retry: false });
  return (
    <div className="find-my-hub">
      <PlaceSearchForm search={search} onSearch={onSearch} />
      {found.isFetching && <p className="muted">Looking…</p>}
      {found.error && <ErrorNotice title="Could not look that up" message={found.error.message} />}
      {found.data && <FindingResult finding={found.data} campaign={campaign} />}
    </div>
  );
}

function FindingResult({ finding, campaign }: { finding: HubFinding; campaign: Campaign | undefined }) {
  if (finding.places.length === 0 && finding.districts.length === 0) return <p className="muted">Nothing found there. Try another town, or a point inside a district.</p>;
  return (
    <div className="finding" aria-live="polite">
      {finding.places.length > 0 && <p>Places: {finding.places.map((place) => `${place.name}${place.state ? `, ${place.state}` : ""}`).join(" · ")}</p>}
      {campaign && finding.districts.length > 0 && <LegislatorsHere campaign={campaign} districtIds={finding.districts.map((district) => district.id)} />}
      <ul className="overlap-list">
        {finding.districts.map((district) => (
          <li key={district.id}>
            <a href={`/districts/${district.id}`}>{districtLabel(district)}</a>{" "}
            <small className="muted">{district.hubs.length ? district.hubs.map((hub) => hub.name).join(", ") : "no hub yet"}</small>
          </li>
        ))}
      </ul>
      {finding.hubs.length === 0 ? (
        <p>No hub covers this place yet. Start one: write to the campaign team.</p>
      ) : (
        finding.hubs.map((hub) => (
          <article key={hub.id} className="legislator-card hub-card">
            <h3>Join {hub.name}</h3>
            {hub.publicContact && <p>Contact: {hub.publicContact}</p>}
            {hub.onboarding && <p className="muted">{hub.onboarding}</p>}
          </article>
        ))
      )}
    </div>
  );
}

/** Who represents this place (State Rep, State Senator, Member of Congress, US Senators), with their step on each bill. */
function LegislatorsHere({ campaign, districtIds }: { campaign: Campaign; districtIds: number[] }) {
  const trpc = useTRPC();
  const bills = useBills(campaign.id);
  const details = useQueries({ queries: districtIds.map((districtId) => trpc.district.get.queryOptions({ campaignId: campaign.id, districtId })) });
  if (details.some((detail) => detail.isPending)) return <p className="muted">Looking up your legislators…</p>;
  const seats = new Map<number, NonNullable<(typeof details)[number]["data"]>["legislators"][number]>();
  for (const detail of details) {
    for (const legislator of detail.data?.legislators ?? []) seats.set(legislator.legislatorId, legislator);
    for (const legislator of detail.data?.over ?? []) if (legislator.chamber === "us_senate") seats.set(legislator.legislatorId, legislator);
  }
  if (seats.size === 0) return <p className="muted">No legislators are imported for these districts yet.</p>;
  const ordered = [...seats.values()].sort((a, b) => SEAT_CHAMBERS.indexOf(a.chamber) - SEAT_CHAMBERS.indexOf(b.chamber) || a.name.localeCompare(b.name));
  return (
    <section className="legislators-here" aria-label="Your legislators">
      <h3>Your legislators</h3>
      <ul>
        {ordered.map((legislator) => (
          <li key={legislator.legislatorId}>
            <span className="muted">{SEAT_CHAMBER_LABELS[legislator.chamber]}:</span>{" "}
            <a href={`/legislators/${legislator.legislatorId}?campaign=${campaign.id}`}>{legislator.name}</a>
            {legislator.party ? <span className="muted"> ({legislator.party})</span> : null}
            {legislator.steps.map((entry) => (
              <span key={entry.billId} className="over-step">
                {" "}
                {(bills.data ?? []).find((bill) => bill.id === entry.billId)?.name ?? "bill"} <LadderStepBadge ladder={campaign.ladder} step={entry.step} />
              </span>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
