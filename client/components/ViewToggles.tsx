/** Map or table, and stage patterns for readers who cannot tell the colours apart. */
export function ViewToggles({ tableShown, patterns, onTable, onPatterns }: { tableShown: boolean; patterns: boolean; onTable: () => void; onPatterns: () => void }) {
  return (
    <>
      <button type="button" className="secondary" aria-pressed={tableShown} onClick={onTable}>
        Table
      </button>
      <button type="button" className="secondary" aria-pressed={patterns} onClick={onPatterns} title="Draw a pattern per stage over the colours">
        Patterns
      </button>
    </>
  );
}
