/** Save and "Undo edits" under a list edited in place (stages, ladder). */
export function SaveEditsRow({ dirty, pending, saveLabel, onSave, onUndo }: { dirty: boolean; pending: boolean; saveLabel: string; onSave: () => void; onUndo: () => void }) {
  return (
    <div className="button-row">
      <button type="button" className="primary" disabled={!dirty || pending} onClick={onSave}>
        {pending ? "Saving…" : saveLabel}
      </button>
      <button type="button" className="secondary" disabled={!dirty} onClick={onUndo}>
        Undo edits
      </button>
    </div>
  );
}
