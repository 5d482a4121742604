import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../api/trpc";
import { HubContacts } from "../../components/HubContacts";
import { ErrorNotice } from "../../components/ErrorNotice";

/** Local hubs and the contact each chose to publish. */
export function HubList({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const hubs = useQuery(trpc.public.hubs.queryOptions());
  return (
    <aside className="body-panel card" aria-labelledby="hub-list-title">
      <button type="button" className="close-button" onClick={onClose} aria-label="Close panel">
        ×
      </button>
      <h2 id="hub-list-title">Local hubs</h2>
      {hubs.isPending && <p className="muted">Loading…</p>}
      {hubs.error && <ErrorNotice title="Could not load the hubs" message={hubs.error.message} onRetry={() => void hubs.refetch()} />}
      {hubs.data?.length === 0 && <p className="muted">No hub has published its contact yet.</p>}
      {hubs.data && <HubContacts hubs={hubs.data} />}
    </aside>
  );
}
