/** A share (0…1) as a percentage with a small bar, readable without the bar. */
export function ShareBar({ share, label }: { share: number; label: string }) {
  const percent = share * 100;
  const text = percent >= 99.95 ? "100%" : percent === 0 ? "0%" : percent < 0.1 ? "<0.1%" : `${percent.toFixed(percent < 10 ? 1 : 0)}%`;
  return (
    <span className="share" title={`${text} ${label}`}>
      <span className="share-bar" aria-hidden="true">
        <span style={{ width: `${Math.min(100, percent)}%` }} />
      </span>
      <span className="share-text">
        {text} <span className="muted">{label}</span>
      </span>
    </span>
  );
}
