import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { SEAT_CHAMBER_LABELS } from "../../../shared/model/district";
import type { PublicCampaign } from "../../../shared/model/public-view";
import type { PublicLegislatorHere, PublicLegislatorsHere } from "../../../shared/model/public-output";
import { useTRPC } from "../../api/trpc";
import { ErrorNotice } from "../../components/ErrorNotice";
import { LadderStepBadge } from "../../components/LadderStepBadge";
import { PlaceSearchForm, placeSearchInput, type PlaceSearch } from "../../components/PlaceSearchForm";

/**
 * "Contact your legislator": the visitor says where they live (a town, an address with a
 * geocoder, or their location) and reads who represents them (State Rep, State Senator, Members
 * of Congress), how to reach them (the contacts Open States publishes), where each stands on the
 * campaign's bills and what to say. Only `public.legislatorsHere`.
 */
export function ContactLegislatorPanel({ campaign, onClose }: { campaign: PublicCampaign; onClose: () => void }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState<PlaceSearch | null>(null);
  const found = useQuery({ ...trpc.public.legislatorsHere.queryOptions({ campaign: campaign.slug, ...placeSearchInput(search) }), enabled: search !== null, retry: false });
  return (
    <aside className="body-panel card contact-panel" aria-labelledby="contact-legislator-title">
      <button type="button" className="close-button" onClick={onClose} aria-label="Close panel">
        ×
      </button>
      <h2 id="contact-legislator-title">Contact your legislator</h2>
      <p className="hint">Say where you live: you will see who represents you, how to reach them, where they stand and what to ask them.</p>
      <div className="find-my-hub">
        <PlaceSearchForm search={search} onSearch={setSearch} />
      </div>
      {found.isFetching && <p className="muted">Looking…</p>}
      {found.error && <ErrorNotice title="Could not look that up" message={found.error.message} />}
      {found.data && <LegislatorsFound found={found.data} campaign={campaign} />}
    </aside>
  );
}

function LegislatorsFound({ found, campaign }: { found: PublicLegislatorsHere; campaign: PublicCampaign }) {
  if (found.places.length === 0 && found.legislators.length === 0) return <p className="muted">Nothing found there. Try another town, or use your location.</p>;
  return (
    <div className="finding" aria-live="polite">
      {found.places.length > 0 && <p>Places: {found.places.map((place) => `${place.name}${place.state ? `, ${place.state}` : ""}`).join(" · ")}</p>}
      {found.legislators.length === 0 ? (
        <p className="muted">The campaign has not imported the legislators for this place yet.</p>
      ) : (
        <ul className="legislators-found" aria-label="Your legislators">
          {found.legislators.map((legislator) => (
            <LegislatorContact key={`${legislator.legislatorId}-${legislator.seat}`} legislator={legislator} campaign={campaign} />
          ))}
        </ul>
      )}
    </div>
  );
}

function LegislatorContact({ legislator, campaign }: { legislator: PublicLegislatorHere; campaign: PublicCampaign }) {
  const phones = legislator.offices.filter((office) => office.voice);
  const addresses = legislator.offices.filter((office) => office.address);
  const noContact = !legislator.email && phones.length === 0 && addresses.length === 0 && legislator.links.length === 0;
  return (
    <li className="legislator-card">
      <p className="muted legislator-seat">
        {SEAT_CHAMBER_LABELS[legislator.chamber]} · {legislator.seat}
      </p>
      <h3>
        {legislator.name}
        {legislator.party && <span className="muted"> ({legislator.party})</span>}
      </h3>
      {legislator.steps.map((step) => (
        <div key={step.billId} className="legislator-ask">
          <p>
            On {step.bill}: <LadderStepBadge ladder={campaign.ladder} step={step.step} />
          </p>
          <p>
            <strong>What to say:</strong> {step.whatToSay}
          </p>
        </div>
      ))}
      <ul className="contact-lines">
        {legislator.email && (
          <li>
            Email: <a href={`mailto:${legislator.email}`}>{legislator.email}</a>
          </li>
        )}
        {phones.map((office) => (
          <li key={`phone-${office.classification}-${office.voice}`}>
            {office.classification} phone: <a href={`tel:${office.voice!.replace(/[^\d+]/g, "")}`}>{office.voice}</a>
          </li>
        ))}
        {addresses.map((office) => (
          <li key={`address-${office.classification}-${office.address}`}>
            {office.classification} office: {office.address}
          </li>
        ))}
        {legislator.links.map((link) => (
          <li key={link}>
            <a href={link} target="_blank" rel="noopener noreferrer">
              {hostOf(link)}
            </a>
          </li>
        ))}
        {noContact && <li className="muted">No public contact is on file yet.</li>}
      </ul>
    </li>
  );
}

/** A link's site name ("www.rilegislature.gov"), or the link itself when it does not parse. */
function hostOf(link: string): string {
  try {
    return new URL(link).host || link;
  } catch {
    return link;
  }
}
