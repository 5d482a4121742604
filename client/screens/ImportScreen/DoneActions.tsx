/** The buttons after an import: back to the map, or another file. */
export function DoneActions({ onBackToMap, onImportAnother }: { onBackToMap: () => void; onImportAnother: () => void }) {
  return (
    <div className="step-actions">
      <button type="button" className="primary" onClick={onBackToMap}>
        Back to the map
      </button>
      <button type="button" className="secondary" onClick={onImportAnother}>
        Import another file
      </button>
    </div>
  );
}
