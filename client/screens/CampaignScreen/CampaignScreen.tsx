import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Campaign } from "../../../shared/model/campaign";
import { STAGE_KIND_LABELS, STAGE_KINDS, type StageKind, type StageScheme } from "../../../shared/model/stage";
import { countByStage } from "../../../shared/rules/stage-counts";
import { canAdminister, roleRefusal } from "../../../shared/model/account";
import { useSession } from "../../api/session";
import { useCampaigns } from "../../api/map-data";
import { useTRPC } from "../../api/trpc";
import { CampaignGate } from "../../components/CampaignGate";
import { ErrorNotice } from "../../components/ErrorNotice";
import { Markdown } from "../../components/Markdown";
import { addStage, moveStage, removeStage, updateStage } from "../../lib/stage-scheme-edit";
import { BillsEditor } from "./BillsEditor";
import { LadderEditor } from "./LadderEditor";
import { OrderButtons } from "./OrderButtons";
import { SaveEditsRow } from "./SaveEditsRow";
import { ScopeEditor } from "./ScopeEditor";
import { useCampaignUpdate } from "./use-campaign-update";

/**
 * `/campaigns/:campaign`: a campaign's settings: name, bill, model resolution text (Markdown,
 * previewed safely), where it works (states, counties, the level nested bodies count at), the stage scheme (rename, recolour, reorder, add, remove unused stages), the
 * bills and the ladder.
 */
export function CampaignScreen({ campaign: key }: { campaign: string }) {
  const campaigns = useCampaigns();
  return (
    <CampaignGate
      campaigns={campaigns}
      pick={(list) => list.find((entry) => entry.slug === key || String(entry.id) === key)}
      loading="Loading the campaign…"
      failureTitle="Could not load campaigns"
      missing={() => (
        <>
          <h1>No campaign “{key}”</h1>
          <p>
            <a href="/">Back to the map</a>
          </p>
        </>
      )}
    >
      {(campaign) => <CampaignSettings key={campaign.id} campaign={campaign} />}
    </CampaignGate>
  );
}

function CampaignSettings({ campaign }: { campaign: Campaign }) {
  const { session, role } = useSession();
  const mayEdit = canAdminister(role);
  return (
    <main className="campaign-screen">
      <header className="campaign-header">
        <a href={`/?campaign=${campaign.slug}`}>← Back to the map</a>
        <h1>{campaign.name}</h1>
        <p className="muted">
          Campaign settings: what the campaign supports, its model resolution, where it works, the stages every body moves through, the bills and the ladder legislators climb on
          each.
        </p>
        {!mayEdit && session && (
          <p className="read-only-note" data-testid="read-only-note">
            {roleRefusal(session, "admin")}: these settings are shown read-only.
          </p>
        )}
      </header>
      <DetailsForm campaign={campaign} mayEdit={mayEdit} />
      <ScopeEditor campaign={campaign} mayEdit={mayEdit} />
      <SchemeEditor campaign={campaign} mayEdit={mayEdit} />
      <BillsEditor campaign={campaign} mayEdit={mayEdit} />
      <LadderEditor campaign={campaign} mayEdit={mayEdit} />
      <LadderEditor campaign={campaign} mayEdit={mayEdit} which="endorserLadder" />
    </main>
  );
}

function DetailsForm({ campaign, mayEdit }: { campaign: Campaign; mayEdit: boolean }) {
  const [name, setName] = useState(campaign.name);
  const [bill, setBill] = useState(campaign.bill ?? "");
  const [modelText, setModelText] = useState(campaign.modelText ?? "");
  const [countVerifiedOnly, setCountVerifiedOnly] = useState(campaign.countVerifiedOnly);
  const [saved, setSaved] = useState(false);
  const update = useCampaignUpdate(() => setSaved(true));
  return (
    <section className="card campaign-section" aria-labelledby="details-title">
      <h2 id="details-title">Campaign</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          update.mutate({ campaignId: campaign.id, name, bill: bill.trim() || null, modelText: modelText.trim() ? modelText : null, countVerifiedOnly });
        }}
      >
        <fieldset disabled={!mayEdit} className="campaign-fields">
          <label className="field">
            <span>Name</span>
            <input value={name} required maxLength={120} onChange={(event) => setName(event.target.value)} />
          </label>
          <label className="field">
            <span>Bill it supports</span>
            <input value={bill} maxLength={120} placeholder="e.g. H.1234 / S.567" onChange={(event) => setBill(event.target.value)} />
          </label>
          <div className="model-text">
            <label className="field">
              <span>Model resolution (Markdown: # headings, **bold**, *italic*, lists, [links](https://…))</span>
              <textarea rows={14} value={modelText} maxLength={50_000} onChange={(event) => setModelText(event.target.value)} />
            </label>
            <div className="model-preview" aria-label="Preview of the model resolution">
              <span className="field-caption">Preview</span>
              {modelText.trim() ? <Markdown source={modelText} /> : <p className="muted">No model text yet.</p>}
            </div>
          </div>
          <label className="check">
            <input type="checkbox" checked={countVerifiedOnly} onChange={(event) => setCountVerifiedOnly(event.target.checked)} />
            Count verified passes only
          </label>
          <p className="hint">
            On: the public page, the embed and press exports count a pass only once an organizer verified it from its evidence (minutes, adopted text, a signed copy, a news
            article); unverified passes stay on the map, marked as not yet verified. Off: every pass counts, and the headline says how many are verified.
          </p>
        </fieldset>
        {mayEdit && (
          <button type="submit" className="primary" disabled={update.isPending}>
            {update.isPending ? "Saving…" : "Save campaign"}
          </button>
        )}
        {saved && (
          <p className="notice" role="status">
            Saved.
          </p>
        )}
        {update.error && <ErrorNotice title="Not saved" message={update.error.message} error={update.error} />}
      </form>
    </section>
  );
}

const NEW_STAGE_COLOR = "#8da0cb";

function SchemeEditor({ campaign, mayEdit }: { campaign: Campaign; mayEdit: boolean }) {
  const trpc = useTRPC();
  const [scheme, setScheme] = useState<StageScheme>(campaign.stageScheme);
  const [newLabel, setNewLabel] = useState("");
  const [newKind, setNewKind] = useState<StageKind>("pipeline");
  const [saved, setSaved] = useState(false);
  const update = useCampaignUpdate(() => setSaved(true));
  const stagePayload = useQuery(trpc.resolution.stages.queryOptions({ campaignId: campaign.id }));
  const inUse = new Map(
    stagePayload.data
      ? countByStage(
          campaign.stageScheme,
          stagePayload.data.stages.map(([, stage]) => stage),
        ).map((entry) => [entry.stageId, entry.count])
      : [],
  );
  const change = (next: StageScheme) => {
    setSaved(false);
    setScheme(next);
  };
  const dirty = JSON.stringify(scheme) !== JSON.stringify(campaign.stageScheme);

  return (
    <section className="card campaign-section" aria-labelledby="scheme-title">
      <h2 id="scheme-title">Stages</h2>
      <p className="muted">
        The order here is the order of the legend and of the pipeline. What each stage may move to follows from its kind (steps move forward, or back one; a vote needs a step that
        opens a vote; after passage a resolution can be sent on, vetoed, overridden or rescinded). Stages that bodies stand at cannot be removed.
      </p>
      <ol className="scheme-list">
        {scheme.stages.map((stage, index) => {
          // The saved first stage also holds every body without a resolution, so it always counts as in use.
          const isImplicit = stage.id === campaign.stageScheme.stages[0]?.id;
          const count = inUse.get(stage.id) ?? 0;
          return (
            <li key={stage.id} className="scheme-row">
              <input
                type="color"
                aria-label={`Colour of ${stage.label}`}
                value={stage.color}
                disabled={!mayEdit}
                onChange={(event) => change(updateStage(scheme, index, { color: event.target.value }))}
              />
              <label className="field">
                <span className="visually-hidden">Label of stage {stage.id}</span>
                <input value={stage.label} maxLength={60} disabled={!mayEdit} onChange={(event) => change(updateStage(scheme, index, { label: event.target.value }))} />
              </label>
              <span className="scheme-kind">
                {STAGE_KIND_LABELS[stage.kind]}
                {stage.kind === "pipeline" && (
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={stage.opensVote}
                      disabled={!mayEdit}
                      onChange={(event) => change(updateStage(scheme, index, { opensVote: event.target.checked }))}
                    />
                    opens a vote
                  </label>
                )}
              </span>
              <span className="scheme-count muted">{isImplicit ? "every body not yet moved" : count ? `${count} ${count === 1 ? "body" : "bodies"}` : "unused"}</span>
              {mayEdit && (
                <span className="scheme-buttons">
                  <OrderButtons label={stage.label} index={index} count={scheme.stages.length} onMove={(by) => change(moveStage(scheme, index, by))} />
                  <button
                    type="button"
                    aria-label={`Remove ${stage.label}`}
                    disabled={count > 0 || isImplicit}
                    title={count > 0 || isImplicit ? "Bodies stand at this stage: move them first" : undefined}
                    onClick={() => change(removeStage(scheme, index))}
                  >
                    Remove
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {mayEdit && (
        <>
          <form
            className="add-stage"
            onSubmit={(event) => {
              event.preventDefault();
              if (!newLabel.trim()) return;
              change(addStage(scheme, newLabel, newKind, NEW_STAGE_COLOR));
              setNewLabel("");
            }}
          >
            <label className="field">
              <span>New stage</span>
              <input value={newLabel} maxLength={60} placeholder="e.g. Public hearing" onChange={(event) => setNewLabel(event.target.value)} />
            </label>
            <label className="field">
              <span>Kind</span>
              <select value={newKind} onChange={(event) => setNewKind(event.target.value as StageKind)}>
                {STAGE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {STAGE_KIND_LABELS[kind]}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="secondary" disabled={!newLabel.trim()}>
              Add stage
            </button>
          </form>
          <SaveEditsRow
            dirty={dirty}
            pending={update.isPending}
            saveLabel="Save stages"
            onSave={() => update.mutate({ campaignId: campaign.id, stageScheme: scheme })}
            onUndo={() => change(campaign.stageScheme)}
          />
        </>
      )}
      {saved && !dirty && (
        <p className="notice" role="status">
          Stages saved. The map and legend use them now.
        </p>
      )}
      {update.error && <ErrorNotice title="Stages not saved" message={update.error.message} error={update.error} />}
    </section>
  );
}
