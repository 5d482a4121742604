import { useId } from "react";
import { BODY_KIND_LABELS, type BodyKind } from "../../../shared/model/body";
import type { PipelineBoard, PipelineFacets } from "../../../shared/model/pipeline";
import type { StageScheme } from "../../../shared/model/stage";
import { formatCount } from "../../lib/format";
import { DEFAULT_PIPELINE_VIEW, type PipelineView } from "../../lib/pipeline-url";

/** Stage toggles (with counts), kind, county, hub and vote-date range; every change goes to page 1. */
export function PipelineFilters({
  scheme,
  facets,
  view,
  counts,
  onChange,
}: {
  scheme: StageScheme;
  facets: PipelineFacets | undefined;
  view: PipelineView;
  counts: PipelineBoard["columns"] | undefined;
  onChange: (view: PipelineView) => void;
}) {
  const id = useId();
  const update = (patch: Partial<PipelineView>) => onChange({ ...view, ...patch, page: 1 });
  const toggleStage = (stageId: string) => update({ stages: view.stages.includes(stageId) ? view.stages.filter((id) => id !== stageId) : [...view.stages, stageId] });
  const filtered = view.stages.length || view.kinds.length || view.county || view.hubId || view.voteFrom || view.voteTo;
  return (
    <form className="pipeline-filters card" onSubmit={(event) => event.preventDefault()} aria-label="Filters">
      <fieldset className="stage-toggles">
        <legend>Stage</legend>
        {scheme.stages.map((stage) => {
          const count = counts?.find((column) => column.stageId === stage.id)?.count;
          return (
            <button key={stage.id} type="button" className="stage-toggle" aria-pressed={view.stages.includes(stage.id)} onClick={() => toggleStage(stage.id)} data-stage={stage.id}>
              <span className="swatch" style={{ background: stage.color }} aria-hidden="true" />
              {stage.label}
              {count !== undefined && !view.stages.length && <span className="legend-count"> {formatCount(count)}</span>}
            </button>
          );
        })}
      </fieldset>
      <div className="filter-row">
        <div className="filter-field">
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select id={`${id}-kind`} value={view.kinds[0] ?? ""} onChange={(event) => update({ kinds: event.target.value ? [event.target.value as BodyKind] : [] })}>
            <option value="">All kinds</option>
            {(facets?.kinds ?? []).map(({ kind, count }) => (
              <option key={kind} value={kind}>
                {BODY_KIND_LABELS[kind] ?? kind} ({formatCount(count)})
              </option>
            ))}
          </select>
        </div>
        <div className="filter-field">
          <label htmlFor={`${id}-county`}>County</label>
          <select id={`${id}-county`} value={view.county ?? ""} onChange={(event) => update({ county: event.target.value || null })}>
            <option value="">All counties</option>
            {(facets?.counties ?? []).map((county) => (
              <option key={county.geoid} value={county.geoid}>
                {county.name}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-field">
          <label htmlFor={`${id}-hub`}>Hub</label>
          <select id={`${id}-hub`} value={view.hubId ?? ""} onChange={(event) => update({ hubId: event.target.value ? Number(event.target.value) : null })}>
            <option value="">{facets && facets.hubs.length === 0 ? "No hubs yet" : "All hubs"}</option>
            {(facets?.hubs ?? []).map((hub) => (
              <option key={hub.id} value={hub.id}>
                {hub.name}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-field">
          <label htmlFor={`${id}-from`}>Vote from</label>
          <input id={`${id}-from`} type="date" value={view.voteFrom ?? ""} onChange={(event) => update({ voteFrom: event.target.value || null })} />
        </div>
        <div className="filter-field">
          <label htmlFor={`${id}-to`}>Vote to</label>
          <input id={`${id}-to`} type="date" value={view.voteTo ?? ""} onChange={(event) => update({ voteTo: event.target.value || null })} />
        </div>
        {filtered ? (
          <button
            type="button"
            className="link-button"
            onClick={() => onChange({ ...DEFAULT_PIPELINE_VIEW, campaignId: view.campaignId, view: view.view, sort: view.sort, direction: view.direction })}
          >
            Clear filters
          </button>
        ) : null}
      </div>
    </form>
  );
}
