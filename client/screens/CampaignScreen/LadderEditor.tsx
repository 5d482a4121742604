import { useState } from "react";
import type { Campaign } from "../../../shared/model/campaign";
import { COSPONSOR_STEP, type Ladder } from "../../../shared/model/ladder";
import { ErrorNotice } from "../../components/ErrorNotice";
import { moveItem, uniqueIdFor } from "../../lib/stage-scheme-edit";
import { OrderButtons } from "./OrderButtons";
import { SaveEditsRow } from "./SaveEditsRow";
import { useCampaignUpdate } from "./use-campaign-update";

/**
 * The campaign's ladder, lowest step first, edited like the stages: rename, describe, reorder,
 * add; steps legislators stand at cannot be removed (the server says which), and cosponsor stays.
 */
export function LadderEditor({ campaign, mayEdit }: { campaign: Campaign; mayEdit: boolean }) {
  const [ladder, setLadder] = useState<Ladder>(campaign.ladder);
  const [newLabel, setNewLabel] = useState("");
  const [saved, setSaved] = useState(false);
  const update = useCampaignUpdate(() => setSaved(true));
  const change = (next: Ladder) => {
    setSaved(false);
    setLadder(next);
  };
  const edit = (index: number, patch: Partial<Ladder["steps"][number]>) => change({ steps: ladder.steps.map((step, at) => (at === index ? { ...step, ...patch } : step)) });
  const dirty = JSON.stringify(ladder) !== JSON.stringify(campaign.ladder);
  return (
    <section className="card campaign-section" aria-labelledby="ladder-title">
      <h2 id="ladder-title">Ladder</h2>
      <p className="muted">
        Where a legislator stands on each bill, lowest first. A legislator with nothing recorded stands at the first step; cosponsor
        lists move legislators up to “cosponsor”, never down. Steps legislators stand at cannot be removed.
      </p>
      <ol className="scheme-list">
        {ladder.steps.map((step, index) => (
          <li key={step.id} className="ladder-row">
            <label className="field">
              <span className="visually-hidden">Label of step {step.id}</span>
              <input value={step.label} maxLength={60} disabled={!mayEdit} onChange={(event) => edit(index, { label: event.target.value })} />
            </label>
            <label className="field">
              <span className="visually-hidden">What {step.label} means</span>
              <input value={step.description} maxLength={300} disabled={!mayEdit} placeholder="What reaching it means" onChange={(event) => edit(index, { description: event.target.value })} />
            </label>
            {mayEdit && (
              <span className="scheme-buttons">
                <OrderButtons label={step.label} index={index} count={ladder.steps.length} onMove={(by) => change({ steps: moveItem(ladder.steps, index, by) })} />
                <button type="button" aria-label={`Remove ${step.label}`} disabled={step.id === COSPONSOR_STEP || ladder.steps.length <= 2} onClick={() => change({ steps: ladder.steps.filter((_, at) => at !== index) })}>
                  Remove
                </button>
              </span>
            )}
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
              change({ steps: [...ladder.steps, { id: uniqueIdFor(newLabel, new Set(ladder.steps.map((step) => step.id)), "step"), label: newLabel.trim(), description: "" }] });
              setNewLabel("");
            }}
          >
            <label className="field">
              <span>New step (added at the top; move it down into place)</span>
              <input value={newLabel} maxLength={60} placeholder="e.g. Committee vote" onChange={(event) => setNewLabel(event.target.value)} />
            </label>
            <button type="submit" className="secondary" disabled={!newLabel.trim()}>
              Add step
            </button>
          </form>
          <SaveEditsRow dirty={dirty} pending={update.isPending} saveLabel="Save ladder" onSave={() => update.mutate({ campaignId: campaign.id, ladder })} onUndo={() => change(campaign.ladder)} />
        </>
      )}
      {saved && !dirty && (
        <p className="notice" role="status">
          Ladder saved.
        </p>
      )}
      {update.error && <ErrorNotice title="Ladder not saved" message={update.error.message} error={update.error} />}
    </section>
  );
}
