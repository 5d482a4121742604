import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { robustExtent } from "../../../shared/geo/bbox";
import type { BBox } from "../../../shared/model/body";
import type { PublicCampaign } from "../../../shared/model/public-view";
import { findStage } from "../../../shared/model/stage";
import { fetchAppConfig } from "../../api/geometry";
import { useLiveChanges } from "../../api/live-changes";
import { usePublicMapData } from "../../api/public-map";
import { useTRPC } from "../../api/trpc";
import { AsOfSlider } from "../../components/AsOfSlider";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ExportMenu } from "../../components/ExportMenu";
import { Legend } from "../../components/Legend";
import { SearchBox } from "../../components/SearchBox";
import { StageTable } from "../../components/StageTable";
import { StatusOverlay } from "../../components/StatusOverlay";
import { ViewToggles } from "../../components/ViewToggles";
import { formatDay } from "../../lib/dates";
import { formatCount } from "../../lib/format";
import { MapView } from "../../map/MapView";
import {
  useAsOfDate,
  useCampaignId,
  useCampaignSlug,
  useFlyRequest,
  useInitialView,
  usePatternsShown,
  useSelectedBodyId,
  useTableShown,
  useUiActions,
  useVisibleStages,
} from "../../state/hooks";
import { HubList } from "./HubList";
import { PublicBodyPanel } from "./PublicBodyPanel";

/**
 * `/public`, `/public/<campaign>` and `/embed?campaign=…`: the read-only map anyone may see.
 * Calls only the `public` procedures; no sign-in, no edit controls. The embed keeps the chrome
 * to a legend, search and a link to the full map.
 */
export function PublicMapScreen({ slug, embed = false }: { slug?: string; embed?: boolean }) {
  const trpc = useTRPC();
  const campaigns = useQuery(trpc.public.campaigns.queryOptions());
  const urlSlug = useCampaignSlug();
  const urlId = useCampaignId();
  const wanted = slug ?? urlSlug ?? urlId;
  const campaign = campaigns.data?.find((entry) => entry.slug === wanted || entry.id === wanted) ?? (wanted ? undefined : campaigns.data?.[0]);

  if (campaigns.isPending) return <StatusOverlay busy>Loading the campaign…</StatusOverlay>;
  if (campaigns.error) {
    return (
      <StatusOverlay>
        <ErrorNotice title="The map could not reach its server" message={campaigns.error.message} onRetry={() => void campaigns.refetch()} />
      </StatusOverlay>
    );
  }
  if (!campaign) {
    return (
      <StatusOverlay>
        <h1>{wanted ? `No campaign “${wanted}”` : "No campaign yet"}</h1>
        {campaigns.data.length > 0 ? (
          <p>
            Public maps:{" "}
            {campaigns.data.map((entry, index) => (
              <span key={entry.id}>
                {index > 0 && ", "}
                <a href={`/public/${entry.slug}`}>{entry.name}</a>
              </span>
            ))}
          </p>
        ) : (
          <p>Nothing is published here yet.</p>
        )}
      </StatusOverlay>
    );
  }
  return <PublicCampaignMap campaign={campaign} campaigns={campaigns.data} embed={embed} />;
}

function PublicCampaignMap({ campaign, campaigns, embed }: { campaign: PublicCampaign; campaigns: PublicCampaign[]; embed: boolean }) {
  const scheme = campaign.stageScheme;
  const asOf = useAsOfDate();
  const { geometry, map, bodies, stages } = usePublicMapData(campaign.id, asOf);
  useLiveChanges(campaign.id);
  const config = useQuery({ queryKey: ["config"], queryFn: fetchAppConfig, staleTime: Infinity });
  const selectedBodyId = useSelectedBodyId();
  const visibleStages = useVisibleStages();
  const tableShown = useTableShown();
  const patterns = usePatternsShown();
  const flyRequest = useFlyRequest();
  const initialUrlView = useInitialView();
  const actions = useUiActions();
  const [rendered, setRendered] = useState(false);
  const [hubsOpen, setHubsOpen] = useState(false);
  const byId = useMemo(() => new Map((bodies ?? []).map((body) => [body.id, body])), [bodies]);
  const initialView = useMemo(() => {
    if (initialUrlView) return initialUrlView;
    const extent = robustExtent((bodies ?? []).map((body) => body.bbox));
    return extent ? { bounds: extent } : { center: [-96, 38] as [number, number], zoom: 3 };
  }, [initialUrlView, bodies]);
  const flyTo = useMemo(() => {
    const body = flyRequest && byId.get(flyRequest.bodyId);
    return body && flyRequest ? { bbox: body.bbox, nonce: flyRequest.nonce } : null;
  }, [flyRequest, byId]);
  const onFirstRender = useCallback(() => setRendered(true), []);
  const currentView = useCallback(() => {
    const bounds = window.groundswellMap?.map.getBounds();
    return {
      campaign: campaign.slug,
      asOf,
      stages: visibleStages,
      bbox: bounds ? ([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()] as BBox) : null,
      title: campaign.name,
    };
  }, [campaign, asOf, visibleStages]);

  const loading = geometry.isPending || map.isPending || config.isPending;
  const failure = geometry.error ?? map.error;
  const counts = map.data?.counts ?? [];
  const asOfCaption = asOf ? `as of ${formatDay(asOf)}` : "today";
  const fullMapUrl = `${window.location.origin}/public/${campaign.slug}${window.location.search}`;

  return (
    <div className={`app public-app${embed ? " is-embed" : ""}`}>
      {!loading && !failure && bodies && bodies.length > 0 && !tableShown && (
        <MapView
          scheme={scheme}
          basemapStyleUrl={config.data?.basemapStyleUrl ?? null}
          geometry={geometry.data ?? null}
          districts={null}
          visibleChambers={[]}
          selectedDistrictId={null}
          stages={stages}
          visibleStages={visibleStages}
          selectedBodyId={selectedBodyId}
          initialView={initialView}
          flyTo={flyTo}
          patterns={patterns}
          onSelect={actions.bodySelected}
          onHover={() => undefined}
          onViewChange={actions.viewChanged}
          onFirstRender={onFirstRender}
          label={`Map of ${campaign.name}: bodies coloured by stage ${asOfCaption}`}
        />
      )}

      <header className={`topbar card${embed ? " is-compact" : ""}`}>
        <div className="brand">
          <span className="logo" aria-hidden="true" />
          <h1>{campaign.name}</h1>
        </div>
        {!embed && campaigns.length > 1 && (
          <nav aria-label="Other campaigns" className="hint">
            Also:{" "}
            {campaigns
              .filter((entry) => entry.id !== campaign.id)
              .map((entry, index) => (
                <span key={entry.id}>
                  {index > 0 && ", "}
                  <a href={`/public/${entry.slug}`}>{entry.name}</a>
                </span>
              ))}
          </nav>
        )}
        {bodies && <SearchBox bodies={bodies} onPick={(body) => actions.bodyFound(body.id)} />}
        {embed ? (
          <a className="open-full-map" href={fullMapUrl} target="_blank" rel="noopener">
            Open full map
          </a>
        ) : (
          <>
            <div className="toolbar">
              <ViewToggles tableShown={tableShown} patterns={patterns} onTable={actions.tableToggled} onPatterns={actions.patternsToggled} />
              <button type="button" className="secondary" aria-expanded={hubsOpen} onClick={() => setHubsOpen((open) => !open)}>
                Local hubs
              </button>
              <ExportMenu currentView={currentView} />
            </div>
          </>
        )}
        {campaign.isDemo && !embed && (
          <p className="demo-note" role="note">
            <strong>Demo data.</strong> The shapes are real US counties (Census Bureau); every stage and date is invented.
          </p>
        )}
      </header>

      {!embed && <AsOfSlider range={map.data?.range ?? null} value={asOf} onChange={actions.asOfDateChanged} />}

      {bodies && bodies.length > 0 && (
        <Legend
          scheme={scheme}
          counts={counts}
          visibleStages={visibleStages}
          onToggle={actions.legendStageToggled}
          onClear={actions.filtersCleared}
          patterns={patterns}
          caption={asOf ? `As of ${formatDay(asOf)}` : undefined}
        />
      )}

      {/* Always present for screen readers: the counts the legend shows, as a table. */}
      <table className="visually-hidden">
        <caption>Bodies by stage {asOfCaption}</caption>
        <tbody>
          {counts.map((entry) => (
            <tr key={entry.stageId}>
              <th scope="row">{findStage(scheme, entry.stageId)?.label ?? entry.stageId}</th>
              <td>{formatCount(entry.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {tableShown && bodies && (
        <StageTable scheme={scheme} bodies={bodies} visibleStages={visibleStages} caption={`${campaign.name}, ${asOfCaption}`} onPick={actions.bodySelected} />
      )}

      {hubsOpen && <HubList onClose={() => setHubsOpen(false)} />}

      {selectedBodyId !== null && (
        <PublicBodyPanel key={`${selectedBodyId}-${asOf}`} campaign={campaign} bodyId={selectedBodyId} asOf={asOf} onClose={() => actions.bodySelected(null)} />
      )}

      {loading && <StatusOverlay busy>Loading the map…</StatusOverlay>}
      {!loading && !failure && !rendered && !tableShown && (bodies?.length ?? 0) > 0 && <StatusOverlay busy>Drawing the map…</StatusOverlay>}
      {failure && (
        <StatusOverlay>
          <ErrorNotice title="The map could not load" message={failure.message} onRetry={() => void map.refetch()} />
        </StatusOverlay>
      )}
      {!loading && !failure && bodies?.length === 0 && (
        <StatusOverlay>
          <h1>No bodies on the map yet</h1>
          <p>This campaign has not published any bodies.</p>
        </StatusOverlay>
      )}
    </div>
  );
}
