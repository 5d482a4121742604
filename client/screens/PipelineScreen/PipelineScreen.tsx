import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Campaign } from "../../../shared/model/campaign";
import type { PipelineFilter } from "../../../shared/model/pipeline";
import { canEditSomeBodies } from "../../../shared/model/account";
import { useLiveChanges } from "../../api/live-changes";
import { useSession } from "../../api/session";
import { useCampaigns } from "../../api/map-data";
import { useTRPC } from "../../api/trpc";
import { LiveIndicator } from "../../components/LiveIndicator";
import { ErrorNotice } from "../../components/ErrorNotice";
import { formatCount } from "../../lib/format";
import { formatPipelineView, parsePipelineView, upcomingWindow, type PipelineView } from "../../lib/pipeline-url";
import { PipelineBoard } from "./PipelineBoard";
import { PipelineFilters } from "./PipelineFilters";
import { PipelineTable } from "./PipelineTable";
import { UpcomingVotes } from "./UpcomingVotes";

/** `/pipeline`: every body's resolution by stage, as a sortable table or a board, with upcoming votes. */
export function PipelineScreen() {
  const campaigns = useCampaigns();
  const [view, setView] = useState<PipelineView>(() => parsePipelineView(window.location.search));

  // The address bar always holds the view, so a copied link reopens it.
  useEffect(() => {
    const search = formatPipelineView(view);
    if (search !== window.location.search) window.history.replaceState(null, "", `${window.location.pathname}${search}`);
  }, [view]);

  const campaign = campaigns.data?.find((entry) => entry.id === view.campaignId) ?? campaigns.data?.[0];
  return (
    <div className="page pipeline-page">
      <header className="page-header">
        <div className="brand">
          <span className="logo" aria-hidden="true" />
          <h1>Pipeline</h1>
        </div>
        <nav aria-label="Pages" className="page-nav">
          <a href={`/${campaign ? `?campaign=${campaign.id}` : ""}`}>Map</a>
          {campaign && (
            <a href={`/calendar.ics?campaign=${encodeURIComponent(campaign.slug)}`} title="Subscribe to this feed in your calendar app">
              Calendar feed (ICS)
            </a>
          )}
        </nav>
        {campaigns.data && campaigns.data.length > 1 && campaign && (
          <select aria-label="Campaign" value={campaign.id} onChange={(event) => setView({ ...view, campaignId: Number(event.target.value), stages: [], page: 1 })}>
            {campaigns.data.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name}
              </option>
            ))}
          </select>
        )}
        {campaign && campaigns.data?.length === 1 && <p className="campaign-name">{campaign.name}</p>}
      </header>
      {campaigns.isPending && (
        <p className="page-status" role="status">
          Loading campaigns…
        </p>
      )}
      {campaigns.error && <ErrorNotice title="Groundswell could not reach its server" message={campaigns.error.message} onRetry={() => void campaigns.refetch()} />}
      {campaigns.data && !campaign && (
        <section className="page-status">
          <h2>No campaign yet</h2>
          <p>
            Create one with <code>npx groundswell campaign add "Medicare for All resolution"</code> or import a spreadsheet with{" "}
            <code>npx groundswell import sheet.csv --as resolutions --campaign NAME</code>.
          </p>
        </section>
      )}
      {campaign && <CampaignPipeline campaign={campaign} view={view} onChange={setView} />}
    </div>
  );
}

function CampaignPipeline({ campaign, view, onChange }: { campaign: Campaign; view: PipelineView; onChange: (view: PipelineView) => void }) {
  const trpc = useTRPC();
  // What anyone changes shows up here within seconds (the same live feed as the map).
  const live = useLiveChanges(campaign.id);
  const filter: PipelineFilter = {
    campaignId: campaign.id,
    ...(view.stages.length ? { stages: view.stages } : {}),
    ...(view.kinds.length ? { kinds: view.kinds } : {}),
    ...(view.county ? { county: view.county } : {}),
    ...(view.hubId ? { hubId: view.hubId } : {}),
    ...(view.voteFrom ? { voteFrom: view.voteFrom } : {}),
    ...(view.voteTo ? { voteTo: view.voteTo } : {}),
  };
  const facets = useQuery(trpc.pipeline.facets.queryOptions());
  const board = useQuery(trpc.pipeline.board.queryOptions({ ...filter, perStage: 30 }));
  const { role } = useSession();
  const list = useQuery({
    ...trpc.pipeline.list.queryOptions({ ...filter, sort: view.sort, direction: view.direction, page: view.page, pageSize: 100 }),
    enabled: view.view === "table",
    placeholderData: (previous) => previous,
  });
  // Upcoming votes: the same filters, with the next 30 days as the vote-date range.
  const [window30] = useState(() => upcomingWindow(new Date()));
  const upcoming = useQuery(trpc.pipeline.list.queryOptions({ ...filter, voteFrom: window30.from, voteTo: window30.to, sort: "voteDate", pageSize: 100 }));

  return (
    <main className="pipeline-layout">
      <section className="pipeline-main" aria-labelledby="pipeline-heading">
        <h2 id="pipeline-heading" className="visually-hidden">
          Resolutions by stage
        </h2>
        <PipelineFilters scheme={campaign.stageScheme} facets={facets.data} view={view} counts={board.data?.columns} onChange={onChange} />
        <div className="view-switch" role="group" aria-label="Show as">
          <button type="button" aria-pressed={view.view === "table"} onClick={() => onChange({ ...view, view: "table" })}>
            Table
          </button>
          <button type="button" aria-pressed={view.view === "board"} onClick={() => onChange({ ...view, view: "board" })}>
            Board
          </button>
          <LiveIndicator status={live.status} dropped={live.dropped} />
          {board.data && (
            <span className="muted" role="status" data-testid="pipeline-total">
              {formatCount(board.data.total)} {board.data.total === 1 ? "body matches" : "bodies match"}
            </span>
          )}
        </div>
        {(board.error ?? list.error) && (
          <ErrorNotice
            title="The pipeline could not load"
            message={(board.error ?? list.error)!.message}
            onRetry={() => {
              void board.refetch();
              void list.refetch();
            }}
          />
        )}
        {view.view === "table" ? (
          <PipelineTable scheme={campaign.stageScheme} campaignId={campaign.id} data={list.data} loading={list.isPending} view={view} onChange={onChange} />
        ) : (
          <PipelineBoard scheme={campaign.stageScheme} campaignId={campaign.id} board={board.data} loading={board.isPending} mayEdit={canEditSomeBodies(role)} />
        )}
      </section>
      <UpcomingVotes
        scheme={campaign.stageScheme}
        campaignId={campaign.id}
        range={window30}
        rows={upcoming.data?.rows}
        loading={upcoming.isPending}
        error={upcoming.error?.message ?? null}
      />
    </main>
  );
}
