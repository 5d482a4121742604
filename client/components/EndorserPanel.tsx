import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { ENDORSER_CATEGORY_LABELS, type Endorser, type EndorserLadder, type PublicEndorser } from "../../shared/model/endorser";
import { stepLabel } from "../../shared/rules/ladder";
import { useApplyChange } from "../api/change-queries";
import { useTRPC } from "../api/trpc";
import { formatDateTime } from "../lib/format";
import { ErrorNotice } from "./ErrorNotice";

const LOCATED: Record<Endorser["locationSource"], string> = { coordinates: "its coordinates", town: "its town's centre", address: "its address (geocoded)" };

/**
 * One endorser beside the map: category, town, step, website and public contact; for members also
 * the address, private contact, note, whether they agreed to be listed, the step form (one event
 * with a private note) and the history with "Undo last change". Anonymous readers get the public part.
 */
export function EndorserPanel({
  endorser,
  ladder,
  colors,
  mayEdit,
  onClose,
  onPickBody,
}: {
  endorser: Endorser | PublicEndorser;
  ladder: EndorserLadder;
  colors: ReadonlyArray<[string, string]>;
  mayEdit: boolean;
  onClose: () => void;
  onPickBody: (bodyId: number) => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [endorser.id]);
  const full = "isPublic" in endorser ? endorser : null;
  return (
    <aside className="body-panel card" aria-labelledby="endorser-panel-title" data-testid="endorser-panel">
      <button type="button" className="close-button" onClick={onClose} aria-label="Close panel">
        ×
      </button>
      <h2 id="endorser-panel-title" tabIndex={-1} ref={heading}>
        {endorser.name}
      </h2>
      <p className="muted">
        {ENDORSER_CATEGORY_LABELS[endorser.category].one} · {endorser.town}, {endorser.state}
      </p>
      <p className="endorser-row">
        <span className="dot" style={{ backgroundColor: colors.find(([step]) => step === endorser.step)?.[1] ?? "#6b7280" }} aria-hidden="true" />
        {endorser.step ? <strong>{stepLabel(ladder, endorser.step)}</strong> : <span className="muted">Step not public</span>}
      </p>
      <dl className="endorser-facts">
        {endorser.website && (
          <>
            <dt>Website</dt>
            <dd>
              <a href={endorser.website} rel="noopener noreferrer" target="_blank">
                {endorser.website}
              </a>
            </dd>
          </>
        )}
        {endorser.publicContact && (
          <>
            <dt>Public contact</dt>
            <dd>{endorser.publicContact}</dd>
          </>
        )}
        {full && (
          <>
            <dt>Listed publicly</dt>
            <dd>{full.isPublic ? "Yes, they agreed" : "No: only members see them"}</dd>
            {full.address && (
              <>
                <dt>Address</dt>
                <dd>{full.address}</dd>
              </>
            )}
            {full.privateContact && (
              <>
                <dt>Private contact</dt>
                <dd>{full.privateContact}</dd>
              </>
            )}
            {full.note && (
              <>
                <dt>Note</dt>
                <dd>{full.note}</dd>
              </>
            )}
            <dt>On the map at</dt>
            <dd>{LOCATED[full.locationSource]}</dd>
          </>
        )}
      </dl>
      {endorser.linkedBodyId !== null && (
        <p>
          <button type="button" className="link-button" onClick={() => onPickBody(endorser.linkedBodyId!)}>
            Open the body they sit on
          </button>
        </p>
      )}
      {full && mayEdit && <EndorserStepForm endorser={full} ladder={ladder} />}
      {full && <EndorserHistory endorser={full} ladder={ladder} mayEdit={mayEdit} />}
    </aside>
  );
}

function EndorserStepForm({ endorser, ladder }: { endorser: Endorser; ladder: EndorserLadder }) {
  const trpc = useTRPC();
  const applyChange = useApplyChange();
  const [step, setStep] = useState("");
  const [note, setNote] = useState("");
  const save = useMutation(
    trpc.endorser.setStep.mutationOptions({
      onSuccess: async () => {
        setStep("");
        setNote("");
        await applyChange({ kind: "endorser" });
      },
    }),
  );
  return (
    <form
      className="stage-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (step) save.mutate({ endorserId: endorser.id, step, note: note || undefined, expectedStep: endorser.step });
      }}
    >
      <h3>Change step</h3>
      <label htmlFor="endorser-step">Move to</label>
      <select id="endorser-step" value={step} onChange={(event) => setStep(event.target.value)}>
        <option value="">Choose a step…</option>
        {ladder.steps
          .filter((candidate) => candidate.id !== endorser.step)
          .map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.label}
              {candidate.public ? " (public)" : ""}
            </option>
          ))}
      </select>
      <label htmlFor="endorser-note">Note (private)</label>
      <textarea id="endorser-note" value={note} maxLength={2000} rows={2} onChange={(event) => setNote(event.target.value)} placeholder="Who said what, when" />
      <button type="submit" className="primary" disabled={!step || save.isPending}>
        {save.isPending ? "Saving…" : "Save step"}
      </button>
      {save.error && <ErrorNotice title={save.error.data?.code === "CONFLICT" ? "Someone else changed this first" : "Step not saved"} message={save.error.message} />}
    </form>
  );
}

function EndorserHistory({ endorser, ladder, mayEdit }: { endorser: Endorser; ladder: EndorserLadder; mayEdit: boolean }) {
  const trpc = useTRPC();
  const applyChange = useApplyChange();
  const history = useQuery(trpc.endorser.history.queryOptions({ endorserId: endorser.id }));
  const undo = useMutation(trpc.endorser.undoStep.mutationOptions({ onSuccess: () => applyChange({ kind: "endorser" }) }));
  const events = [...(history.data ?? [])].reverse();
  const last = events[0];
  return (
    <section className="history" aria-labelledby="endorser-history-title">
      <h3 id="endorser-history-title">History</h3>
      {mayEdit && last && last.toStep === endorser.step && (
        <div className="undo-stage">
          <button type="button" className="secondary" disabled={undo.isPending} onClick={() => undo.mutate({ endorserId: endorser.id, expectedEventId: last.id })}>
            {undo.isPending ? "Undoing…" : `Undo last change (back to “${stepLabel(ladder, last.fromStep ?? ladder.steps[0]!.id)}”)`}
          </button>
          <p className="hint">Adds a new history entry; nothing is deleted.</p>
        </div>
      )}
      {undo.error && <ErrorNotice title="Not undone" message={undo.error.message} />}
      {history.error && <ErrorNotice title="Could not load the history" message={history.error.message} onRetry={() => void history.refetch()} />}
      {history.data && events.length === 0 && <p className="muted">No step changes yet: they start at “{stepLabel(ladder, ladder.steps[0]!.id)}”.</p>}
      <ol>
        {events.map((event) => (
          <li key={event.id}>
            <div className="history-move">
              {event.fromStep ? stepLabel(ladder, event.fromStep) : "start"} <span aria-label="to">→</span> {stepLabel(ladder, event.toStep)}
            </div>
            <div className="history-meta">
              <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time> · {event.actor}
            </div>
            {event.note && <p className="history-note">{event.note}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
