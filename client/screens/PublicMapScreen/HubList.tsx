import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Campaign } from "../../../shared/model/campaign";
import { useTRPC } from "../../api/trpc";
import { HubContacts } from "../../components/HubContacts";
import { ErrorNotice } from "../../components/ErrorNotice";
import { FindMyHub, type HubSearch } from "../../components/FindMyHub";

/** Find your local group (from a town, an address or where you stand), then every hub and the contact each chose to publish. */
export function HubList({ campaign, onClose }: { campaign: Campaign; onClose: () => void }) {
  const trpc = useTRPC();
  const hubs = useQuery(trpc.public.hubs.queryOptions());
  const [search, setSearch] = useState<HubSearch | null>(null);
  return (
    <aside className="body-panel card" aria-labelledby="hub-list-title">
      <button type="button" className="close-button" onClick={onClose} aria-label="Close panel">
        ×
      </button>
      <h2 id="hub-list-title">Find your local group</h2>
      <FindMyHub campaign={campaign} search={search} onSearch={setSearch} />
      <h3>Local hubs</h3>
      {hubs.isPending && <p className="muted">Loading…</p>}
      {hubs.error && <ErrorNotice title="Could not load the hubs" message={hubs.error.message} onRetry={() => void hubs.refetch()} />}
      {hubs.data?.length === 0 && <p className="muted">No hub has published its contact yet.</p>}
      {hubs.data && <HubContacts hubs={hubs.data} />}
    </aside>
  );
}
