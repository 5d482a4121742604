import type { ReactNode } from "react";
import type { Campaign } from "../../shared/model/campaign";
import { useCampaigns } from "../api/map-data";
import { pickAddressedCampaign } from "../state/url-state";
import { CampaignGate } from "./CampaignGate";

/**
 * A page about one campaign outside the map (district brief, targets, legislator): the campaign
 * the address names (`?campaign=ID` or slug), else the first one, with loading, failure and "no
 * campaign yet" handled the same way on each.
 */
export function CampaignPage({ children }: { children: (campaign: Campaign) => ReactNode }) {
  const campaigns = useCampaigns();
  return (
    <CampaignGate
      campaigns={campaigns}
      pick={(list) => pickAddressedCampaign(list, window.location.search)}
      loading="Loading…"
      failureTitle="Could not reach the server"
      missing={() => (
        <>
          No campaign yet: create one first. <a href="/">Back to the map</a>
        </>
      )}
    >
      {children}
    </CampaignGate>
  );
}
