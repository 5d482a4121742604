import { useState } from "react";
import type { ResolutionDetails } from "../../../shared/model/resolution";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ConflictNotice } from "./ConflictNotice";
import { useResolutionSave } from "./use-resolution-save";

/** The resolution's private note: signed-in campaign members only, never public. */
export function NoteSection({ details, canEdit }: { details: ResolutionDetails; canEdit: boolean }) {
  // As in the vote form: newer values replace the note only while it is untouched.
  const [base, setBase] = useState(details);
  const [note, setNote] = useState(details.note ?? "");
  const adopt = (next: ResolutionDetails) => {
    setBase(next);
    setNote(next.note ?? "");
  };
  const saver = useResolutionSave(details.campaignId, details.bodyId, adopt);
  const dirty = note.trim() !== (base.note ?? "");
  if (details.version !== base.version && !dirty && !saver.isPending && !saver.conflict) adopt(details);
  return (
    <section className="panel-section" aria-labelledby="note-title">
      <h3 id="note-title">
        Notes <span className="private-tag">private</span>
      </h3>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          saver.save({ note: note.trim() || null }, base.version);
        }}
      >
        <label htmlFor="resolution-note" className="visually-hidden">
          Private note
        </label>
        <textarea
          id="resolution-note"
          rows={3}
          maxLength={5000}
          readOnly={!canEdit}
          placeholder={canEdit ? "Only signed-in campaign members see this, e.g. “Clerk prefers email”." : "No note."}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
        {canEdit && (
          <button type="submit" className="secondary" disabled={!dirty || saver.isPending}>
            {saver.isPending ? "Saving…" : "Save note"}
          </button>
        )}
        {saver.error && <ErrorNotice title="Not saved" message={saver.error.message} error={saver.error} />}
        {saver.conflict && (
          <ConflictNotice
            newer={saver.conflict.newer}
            changes={saver.conflict.changes}
            onReapply={saver.reapply}
            onDiscard={() => {
              const newer = saver.conflict?.newer;
              saver.discard();
              if (newer) adopt(newer);
            }}
            busy={saver.isPending}
          />
        )}
      </form>
    </section>
  );
}
