const LABELS = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…", off: "Live updates off" } as const;
const TITLES = {
  connecting: "Connecting for live updates",
  live: "Changes made by others appear here within seconds",
  reconnecting: "The live connection dropped; reconnecting. Changes made meanwhile will appear once it is back.",
  off: "Live updates are unavailable; reload the page to see others' changes",
} as const;

/**
 * A small dot and word in the map header. Screen readers hear only a lost connection and its
 * return, never the routine first connect.
 */
export function LiveIndicator({ status, dropped }: { status: keyof typeof LABELS; dropped: boolean }) {
  const announcement =
    status === "reconnecting"
      ? "Live updates interrupted; reconnecting."
      : status === "off"
        ? "Live updates are off."
        : status === "live" && dropped
          ? "Live updates are back."
          : "";
  return (
    <span className="live-indicator" data-status={status} title={TITLES[status]} data-testid="live-indicator">
      <span className="live-dot" aria-hidden="true" />
      {LABELS[status]}
      <span className="visually-hidden" aria-live="polite">
        {announcement}
      </span>
    </span>
  );
}
