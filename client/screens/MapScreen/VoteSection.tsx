import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { ResolutionDetails } from "../../../shared/model/resolution";
import { useTRPC } from "../../api/trpc";
import { ErrorNotice } from "../../components/ErrorNotice";
import { toVoteForm, voteFormChanges, type VoteForm } from "../../lib/resolution-form";
import { ConflictNotice } from "./ConflictNotice";
import { useResolutionSave } from "./use-resolution-save";

/**
 * Vote date, time and place, the hearing, the tally and the links. One Save sends only the
 * fields that changed; a tally can move the stage to passed or failed.
 */
export function VoteSection({ details, canEdit }: { details: ResolutionDetails; canEdit: boolean }) {
  const trpc = useTRPC();
  const hubs = useQuery(trpc.public.hubs.queryOptions());
  // `base` is what the form started from. Newer saved values (another tab, a live update) replace
  // it only while the form is untouched, so nobody's half-typed edit vanishes; a save from a stale
  // base meets a conflict and can be re-applied.
  const [base, setBase] = useState(details);
  const loaded = toVoteForm(base);
  const [form, setForm] = useState<VoteForm>(loaded);
  const [notice, setNotice] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const adopt = (next: ResolutionDetails) => {
    setBase(next);
    setForm(toVoteForm(next));
  };
  const saver = useResolutionSave(details.campaignId, details.bodyId, (result) => {
    adopt(result);
    setNotice(result.notice);
  });
  const set =
    <K extends keyof VoteForm>(field: K) =>
    (value: VoteForm[K]) =>
      setForm((previous) => ({ ...previous, [field]: value }));
  const text = (field: Exclude<keyof VoteForm, "voteCancelled" | "hubId">, label: string, type = "text", extra: Record<string, unknown> = {}) => (
    <label className="field">
      <span>{label}</span>
      <input type={type} value={form[field]} disabled={!canEdit} onChange={(event) => set(field)(event.target.value)} {...extra} />
    </label>
  );
  const changes = voteFormChanges(loaded, form);
  const dirty = "error" in changes || Object.keys(changes).length > 0;
  const stale = details.version !== base.version;
  if (stale && !dirty && !saver.isPending && !saver.conflict) adopt(details);

  return (
    <section className="panel-section" aria-labelledby="vote-title">
      <h3 id="vote-title">Vote</h3>
      <form
        className="vote-form"
        onSubmit={(event) => {
          event.preventDefault();
          if ("error" in changes) return setFormError(changes.error);
          setFormError(null);
          setNotice(null);
          saver.save(changes, base.version);
        }}
      >
        <fieldset className="field-grid" disabled={!canEdit}>
          <legend>Resolution</legend>
          {text("introducedOn", "Introduced on", "date")}
          <label className="field">
            <span>Hub working on it</span>
            <select value={form.hubId} onChange={(event) => set("hubId")(event.target.value)}>
              <option value="">No hub</option>
              {(hubs.data ?? []).map((hub) => (
                <option key={hub.id} value={String(hub.id)}>
                  {hub.name}
                </option>
              ))}
              {form.hubId && !(hubs.data ?? []).some((hub) => String(hub.id) === form.hubId) && <option value={form.hubId}>Hub {form.hubId}</option>}
            </select>
          </label>
        </fieldset>
        <fieldset className="field-grid" disabled={!canEdit}>
          <legend>Vote</legend>
          {text("voteDate", "Date", "date")}
          {text("voteTime", "Time", "time")}
          {text("voteLocation", "Location", "text", { placeholder: "e.g. City Hall, room 2", className: "wide" })}
          <label className="check wide">
            <input type="checkbox" checked={form.voteCancelled} onChange={(event) => set("voteCancelled")(event.target.checked)} />
            Vote cancelled (the calendar marks it cancelled)
          </label>
        </fieldset>
        <fieldset className="field-grid" disabled={!canEdit}>
          <legend>Committee hearing</legend>
          {text("hearingDate", "Date", "date")}
          {text("hearingTime", "Time", "time")}
          {text("hearingLocation", "Location", "text", { className: "wide" })}
        </fieldset>
        <fieldset className="field-grid tally-grid" disabled={!canEdit}>
          <legend>Tally</legend>
          <p className="hint wide">Record the result after the vote: a passing or failing tally moves the stage for you.</p>
          {text("tallyYes", "Yes", "number", { min: 0, inputMode: "numeric" })}
          {text("tallyNo", "No", "number", { min: 0, inputMode: "numeric" })}
          {text("tallyAbstain", "Abstain", "number", { min: 0, inputMode: "numeric" })}
          {text("tallyAbsent", "Absent", "number", { min: 0, inputMode: "numeric" })}
        </fieldset>
        <fieldset className="field-grid" disabled={!canEdit}>
          <legend>Links</legend>
          {text("agendaUrl", "Agenda", "url", { placeholder: "https://…", className: "wide" })}
          {text("minutesUrl", "Minutes", "url", { placeholder: "https://…", className: "wide" })}
          {text("adoptedTextUrl", "Adopted text", "url", { placeholder: "https://…", className: "wide" })}
        </fieldset>
        <LinkList details={details} />
        {canEdit && (
          <button type="submit" className="primary" disabled={!dirty || saver.isPending}>
            {saver.isPending ? "Saving…" : "Save vote details"}
          </button>
        )}
        {stale && dirty && !saver.conflict && (
          <p className="hint" role="status">
            Someone else saved newer values while you were editing. Save to compare them with yours and re-apply.
          </p>
        )}
        {formError && <ErrorNotice title="Not saved" message={formError} />}
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
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

/** The saved links, opened in a new tab (only http/https links are ever saved). */
function LinkList({ details }: { details: ResolutionDetails }) {
  const links = [
    ["Agenda", details.agendaUrl],
    ["Minutes", details.minutesUrl],
    ["Adopted text", details.adoptedTextUrl],
  ].filter((entry): entry is [string, string] => Boolean(entry[1]));
  if (links.length === 0) return null;
  return (
    <p className="saved-links">
      {links.map(([label, url]) => (
        <a key={label} href={url} target="_blank" rel="noreferrer noopener">
          {label} ↗
        </a>
      ))}
    </p>
  );
}
