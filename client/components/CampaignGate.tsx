import type { ReactNode } from "react";
import { ErrorNotice } from "./ErrorNotice";
import { StatusOverlay } from "./StatusOverlay";

export interface CampaignGateProps<C> {
  /** The campaign list query (members' or the public one). */
  campaigns: { isPending: boolean; error: { message: string } | null; data: C[] | undefined; refetch: () => unknown };
  /** The campaign the address asks for, once the list is in. */
  pick: (campaigns: C[]) => C | undefined;
  loading: string;
  failureTitle: string;
  /** What to say when the list holds no such campaign, with the next step. */
  missing: (campaigns: C[]) => ReactNode;
  children: (campaign: C, campaigns: C[]) => ReactNode;
}

/**
 * Loads the campaign list, then renders the chosen campaign's page: a map screen never starts
 * without one. Loading, failure (with a retry) and "no such campaign" are full-screen cards.
 */
export function CampaignGate<C>({ campaigns, pick, loading, failureTitle, missing, children }: CampaignGateProps<C>) {
  if (campaigns.isPending) return <StatusOverlay busy>{loading}</StatusOverlay>;
  if (campaigns.error) {
    return (
      <StatusOverlay>
        <ErrorNotice title={failureTitle} message={campaigns.error.message} onRetry={() => void campaigns.refetch()} />
      </StatusOverlay>
    );
  }
  const list = campaigns.data ?? [];
  const campaign = pick(list);
  if (campaign === undefined) return <StatusOverlay>{missing(list)}</StatusOverlay>;
  return <>{children(campaign, list)}</>;
}
