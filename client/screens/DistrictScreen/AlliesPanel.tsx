import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { Campaign } from "../../../shared/model/campaign";
import { useTRPC } from "../../api/trpc";
import { ErrorNotice } from "../../components/ErrorNotice";
import { StageBadge } from "../../components/StageBadge";

/** Neighbouring allies of a body or a district: nearby bodies that passed, to ask for help. */
export function AlliesPanel({ campaign, target }: { campaign: Campaign; target: { bodyId: number } | { districtId: number } }) {
  const trpc = useTRPC();
  const id = useId();
  const [withinKm, setWithinKm] = useState(5);
  const allies = useQuery(trpc.hub.allies.queryOptions({ campaignId: campaign.id, withinKm, ...target }));
  return (
    <section className="allies screen-only" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Neighbouring allies</h2>
      <p className="hint">Bodies nearby that passed the resolution: ask their sponsors and hubs for help.</p>
      <label htmlFor={`${id}-km`}>Within</label>{" "}
      <input
        id={`${id}-km`}
        type="number"
        min={0}
        max={200}
        step={1}
        value={withinKm}
        onChange={(event) => setWithinKm(Math.max(0, Math.min(200, Number(event.target.value) || 0)))}
      />{" "}
      km
      {allies.isPending && <p className="muted">Looking…</p>}
      {allies.error && <ErrorNotice title="Could not find allies" message={allies.error.message} onRetry={() => void allies.refetch()} />}
      {allies.data && allies.data.length === 0 && <p className="muted">No body within {withinKm} km has passed yet. Widen the distance to look further.</p>}
      {allies.data && allies.data.length > 0 && (
        <ul className="overlap-list allies-list">
          {allies.data.map((ally) => (
            <li key={ally.bodyId}>
              <strong>{ally.name}</strong> <StageBadge scheme={campaign.stageScheme} stageId={ally.stage} />{" "}
              <small className="muted">
                {ally.distanceKm === 0 ? "touching" : `${ally.distanceKm.toFixed(1)} km`}
                {ally.stageDate ? ` · ${ally.stageDate}` : ""}
              </small>
              {ally.sponsors.length > 0 && <small className="sponsors">Sponsors: {ally.sponsors.map((sponsor) => sponsor.name).join(", ")}</small>}
              {ally.hubs.length > 0 && (
                <small className="sponsors">Hub: {ally.hubs.map((hub) => `${hub.name}${hub.publicContact ? ` (${hub.publicContact})` : ""}`).join(", ")}</small>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
