import type { ReactNode } from "react";

/** A centred card over the map for loading, empty and error states (never a blank screen). */
export function StatusOverlay({ busy, children }: { busy?: boolean; children: ReactNode }) {
  return (
    <div className="status-overlay" role="status" aria-live="polite" aria-busy={busy ? "true" : "false"}>
      <div className="card status-card">
        {busy && <span className="spinner" aria-hidden="true" />}
        <div>{children}</div>
      </div>
    </div>
  );
}
