/** ↑ and ↓ for one entry of a list edited in place (stages, ladder steps, bills). */
export function OrderButtons({ label, index, count, onMove }: { label: string; index: number; count: number; onMove: (by: -1 | 1) => void }) {
  return (
    <>
      <button type="button" aria-label={`Move ${label} up`} disabled={index === 0} onClick={() => onMove(-1)}>
        ↑
      </button>
      <button type="button" aria-label={`Move ${label} down`} disabled={index === count - 1} onClick={() => onMove(1)}>
        ↓
      </button>
    </>
  );
}
