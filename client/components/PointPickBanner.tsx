import { useEffect } from "react";

/**
 * Shown while a place search waits for a point on the map ("Pick on the map"): says what to do,
 * and Cancel (or Escape) gives the map its usual clicks back.
 */
export function PointPickBanner({ onCancel }: { onCancel: () => void }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onCancel();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onCancel]);
  return (
    <div className="point-pick-banner" role="status">
      <span>Click or tap the map where you live.</span>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
