import { useState } from "react";
import type { Campaign } from "../../../shared/model/campaign";
import type { EndorserStep } from "../../../shared/model/endorser";
import { COSPONSOR_STEP } from "../../../shared/model/ladder";
import { ErrorNotice } from "../../components/ErrorNotice";
import { moveItem, uniqueIdFor } from "../../lib/stage-scheme-edit";
import { OrderButtons } from "./OrderButtons";
import { SaveEditsRow } from "./SaveEditsRow";
import { useCampaignUpdate } from "./use-campaign-update";

/** A step of either ladder; endorser steps also say whether standing at them is public. */
type Step = { id: string; label: string; description: string; public?: boolean };

/** The two ladders a campaign edits: where legislators stand on each bill, and where endorsers stand. */
const LADDERS = {
  ladder: {
    title: "Ladder",
    explanation:
      "Where a legislator stands on each bill, lowest first. A legislator with nothing recorded stands at the first step; cosponsor lists move legislators up to “cosponsor”, never down. Steps legislators stand at cannot be removed.",
    kept: COSPONSOR_STEP,
    placeholder: "e.g. Committee vote",
  },
  endorserLadder: {
    title: "Endorser ladder",
    explanation:
      "Where each organisation or key person stands, lowest first; new endorsers start at the first step. Anyone may see the step of an endorser who agreed to be listed only when the step is marked public (endorsed, active partner). Steps endorsers stand at cannot be removed.",
    kept: null,
    placeholder: "e.g. Spoke at a hearing",
  },
} as const;

/**
 * One of the campaign's ladders, lowest step first, edited like the stages: rename, describe,
 * reorder, add; steps someone stands at cannot be removed (the server says which); the
 * legislators' ladder keeps cosponsor, the endorsers' marks which steps are public.
 */
export function LadderEditor({ campaign, mayEdit, which = "ladder" }: { campaign: Campaign; mayEdit: boolean; which?: keyof typeof LADDERS }) {
  const saved = campaign[which] as { steps: Step[] };
  const { title, explanation, kept, placeholder } = LADDERS[which];
  const [ladder, setLadder] = useState<{ steps: Step[] }>(saved);
  const [newLabel, setNewLabel] = useState("");
  const [done, setDone] = useState(false);
  const update = useCampaignUpdate(() => setDone(true));
  const change = (next: { steps: Step[] }) => {
    setDone(false);
    setLadder(next);
  };
  const edit = (index: number, patch: Partial<Step>) => change({ steps: ladder.steps.map((step, at) => (at === index ? { ...step, ...patch } : step)) });
  const dirty = JSON.stringify(ladder) !== JSON.stringify(saved);
  const titleId = `${which}-title`;
  return (
    <section className="card campaign-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <p className="muted">{explanation}</p>
      <ol className="scheme-list">
        {ladder.steps.map((step, index) => (
          <li key={step.id} className="ladder-row">
            <label className="field">
              <span className="visually-hidden">Label of step {step.id}</span>
              <input value={step.label} maxLength={60} disabled={!mayEdit} onChange={(event) => edit(index, { label: event.target.value })} />
            </label>
            <label className="field">
              <span className="visually-hidden">What {step.label} means</span>
              <input
                value={step.description}
                maxLength={300}
                disabled={!mayEdit}
                placeholder="What reaching it means"
                onChange={(event) => edit(index, { description: event.target.value })}
              />
            </label>
            <span className="scheme-buttons">
              {step.public !== undefined && (
                <label className="check">
                  <input type="checkbox" checked={step.public} disabled={!mayEdit} onChange={(event) => edit(index, { public: event.target.checked })} /> Public
                </label>
              )}
              {mayEdit && (
                <>
                  <OrderButtons label={step.label} index={index} count={ladder.steps.length} onMove={(by) => change({ steps: moveItem(ladder.steps, index, by) })} />
                  <button
                    type="button"
                    aria-label={`Remove ${step.label}`}
                    disabled={step.id === kept || ladder.steps.length <= 2}
                    onClick={() => change({ steps: ladder.steps.filter((_, at) => at !== index) })}
                  >
                    Remove
                  </button>
                </>
              )}
            </span>
          </li>
        ))}
      </ol>
      {mayEdit && (
        <>
          <form
            className="add-stage"
            onSubmit={(event) => {
              event.preventDefault();
              if (!newLabel.trim()) return;
              const added: Step = { id: uniqueIdFor(newLabel, new Set(ladder.steps.map((step) => step.id)), "step"), label: newLabel.trim(), description: "" };
              change({ steps: [...ladder.steps, which === "endorserLadder" ? ({ ...added, public: false } satisfies EndorserStep) : added] });
              setNewLabel("");
            }}
          >
            <label className="field">
              <span>New step (added at the top; move it down into place)</span>
              <input value={newLabel} maxLength={60} placeholder={placeholder} onChange={(event) => setNewLabel(event.target.value)} />
            </label>
            <button type="submit" className="secondary" disabled={!newLabel.trim()}>
              Add step
            </button>
          </form>
          <SaveEditsRow
            dirty={dirty}
            pending={update.isPending}
            saveLabel={`Save ${title.toLowerCase()}`}
            onSave={() => update.mutate({ campaignId: campaign.id, [which]: ladder } as Parameters<typeof update.mutate>[0])}
            onUndo={() => change(saved)}
          />
        </>
      )}
      {done && !dirty && (
        <p className="notice" role="status">
          {title} saved.
        </p>
      )}
      {update.error && <ErrorNotice title={`${title} not saved`} message={update.error.message} error={update.error} />}
    </section>
  );
}
