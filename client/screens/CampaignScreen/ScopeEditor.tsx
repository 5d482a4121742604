import { useState } from "react";
import { BODY_KIND_PLURALS, BODY_KINDS, type BodyKind } from "../../../shared/model/body";
import type { Campaign } from "../../../shared/model/campaign";
import { describeScope, readCountyList, readStateList, type CampaignScope } from "../../../shared/model/campaign-scope";
import { ErrorNotice } from "../../components/ErrorNotice";
import { SaveEditsRow } from "./SaveEditsRow";
import { useCampaignUpdate } from "./use-campaign-update";

/** Kinds that sit inside another body (wards in a city, towns in a county) and may be counted instead of it. */
const NESTED_KINDS: readonly BodyKind[] = BODY_KINDS.filter((kind) => kind !== "county_board");

/**
 * Where the campaign works and what its counts include (the scope of `groundswell campaign
 * scope`): its states, optionally some counties, and which nested bodies count instead of the
 * body they belong to. The legend's own footnote previews the result before it is saved.
 */
export function ScopeEditor({ campaign, mayEdit }: { campaign: Campaign; mayEdit: boolean }) {
  const saved = campaign.scope;
  const [statesText, setStatesText] = useState(saved.states.join(", "));
  const [countiesText, setCountiesText] = useState(saved.counties.join(", "));
  const [kinds, setKinds] = useState<BodyKind[]>(saved.countedChildKinds);
  const [done, setDone] = useState(false);
  const update = useCampaignUpdate(() => setDone(true));
  const states = readStateList(statesText);
  const counties = readCountyList(countiesText);
  const draft: CampaignScope = { ...saved, states: states.states, counties: counties.counties, countedChildKinds: kinds };
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const problem =
    states.bad !== null
      ? `“${states.bad}” is not a state code: use two letters such as MA or NH.`
      : counties.bad !== null
        ? `“${counties.bad}” is not a county GEOID: use five digits such as 25025 (Suffolk County, MA).`
        : null;
  const edited =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      setDone(false);
      set(value);
    };
  const toggle = (kind: BodyKind, on: boolean) => edited(setKinds)(on ? BODY_KINDS.filter((each) => each === kind || kinds.includes(each)) : kinds.filter((each) => each !== kind));
  return (
    <section className="card campaign-section" aria-labelledby="scope-title">
      <h2 id="scope-title">Where the campaign works</h2>
      <p className="muted">The map, the counts, the press maps and the headline include only these bodies. Leave the states empty to include every body imported.</p>
      <fieldset disabled={!mayEdit} className="campaign-fields">
        <label className="field">
          <span>States</span>
          <input value={statesText} placeholder="e.g. MA, NH" aria-invalid={states.bad !== null} onChange={(event) => edited(setStatesText)(event.target.value)} />
        </label>
        <label className="field">
          <span>Only these counties (optional, county GEOIDs)</span>
          <input value={countiesText} placeholder="e.g. 25025, 25017" aria-invalid={counties.bad !== null} onChange={(event) => edited(setCountiesText)(event.target.value)} />
        </label>
        <fieldset className="scope-kinds">
          <legend>Count these instead of the body they belong to</legend>
          {NESTED_KINDS.map((kind) => (
            <label key={kind} className="check">
              <input type="checkbox" checked={kinds.includes(kind)} onChange={(event) => toggle(kind, event.target.checked)} />
              {BODY_KIND_PLURALS[kind]}
            </label>
          ))}
        </fieldset>
        {saved.bodyIds.length > 0 && (
          <p className="muted">
            Also {saved.bodyIds.length} {saved.bodyIds.length === 1 ? "body" : "bodies"} listed by id (kept; set with <code>groundswell campaign scope --body</code>).
          </p>
        )}
      </fieldset>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : (
        <p className="scope-preview" aria-live="polite">
          <span className="field-caption">The legend will say</span> {describeScope(draft)}
        </p>
      )}
      {mayEdit && (
        <SaveEditsRow
          dirty={dirty && problem === null}
          pending={update.isPending}
          saveLabel="Save where it works"
          onSave={() => {
            setDone(false);
            update.mutate({ campaignId: campaign.id, scope: draft });
          }}
          onUndo={() => {
            setStatesText(saved.states.join(", "));
            setCountiesText(saved.counties.join(", "));
            setKinds(saved.countedChildKinds);
          }}
        />
      )}
      {done && !dirty && (
        <p className="notice" role="status">
          Saved.
        </p>
      )}
      {update.error && <ErrorNotice title="Not saved" message={update.error.message} error={update.error} />}
    </section>
  );
}
