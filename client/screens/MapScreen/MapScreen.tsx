import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { robustExtent } from "../../../shared/geo/bbox";
import type { Campaign } from "../../../shared/model/campaign";
import { findStage } from "../../../shared/model/stage";
import { countByStage } from "../../../shared/rules/stage-counts";
import { fetchAppConfig, fetchBodyGeometry, fetchDistrictGeometry } from "../../api/geometry";
import { useLiveChanges } from "../../api/live-changes";
import { useSession } from "../../api/session";
import { useTRPC } from "../../api/trpc";
import { canAdminister, canReadPrivate } from "../../../shared/model/account";
import { AccountMenu } from "../../components/AccountMenu";
import { toBodySummaries } from "../../lib/body-index";
import { AsOfSlider } from "../../components/AsOfSlider";
import { ErrorNotice } from "../../components/ErrorNotice";
import { ExportMenu } from "../../components/ExportMenu";
import { StageTable } from "../../components/StageTable";
import { ViewToggles } from "../../components/ViewToggles";
import { formatDay } from "../../lib/dates";
import type { BBox } from "../../../shared/model/body";
import { LayerToggles } from "../../components/LayerToggles";
import { Legend } from "../../components/Legend";
import { LiveIndicator } from "../../components/LiveIndicator";
import { SearchBox } from "../../components/SearchBox";
import { StatusOverlay } from "../../components/StatusOverlay";
import { formatCount } from "../../lib/format";
import { MapView } from "../../map/MapView";
import {
  useAsOfDate,
  usePatternsShown,
  useTableShown,
  useCampaignId,
  useDashboardOpen,
  useFlyRequest,
  useImportOpen,
  useInitialView,
  useSelectedBodyId,
  useSelectedDistrictId,
  useUiActions,
  useVisibleChambers,
  useVisibleStages,
} from "../../state/hooks";
import { ImportScreen } from "../ImportScreen/ImportScreen";
import { BodyPanel } from "./BodyPanel";
import { DashboardPanel } from "./DashboardPanel";
import { DistrictPanel } from "./DistrictPanel";

export function MapScreen() {
  const trpc = useTRPC();
  const campaigns = useQuery(trpc.campaign.list.queryOptions());
  const chosenId = useCampaignId();
  const campaign = campaigns.data?.find((entry) => entry.id === chosenId) ?? campaigns.data?.[0];

  if (campaigns.isPending) return <StatusOverlay busy>Loading campaigns…</StatusOverlay>;
  if (campaigns.error) {
    return (
      <StatusOverlay>
        <ErrorNotice title="Groundswell could not reach its server" message={campaigns.error.message} onRetry={() => void campaigns.refetch()} />
      </StatusOverlay>
    );
  }
  if (!campaign) {
    return (
      <StatusOverlay>
        <h1>No campaign yet</h1>
        <p>
          Create one with <code>npx groundswell campaign add "Medicare for All resolution"</code>, then import your bodies with{" "}
          <code>npx groundswell import towns.geojson --as bodies</code>.
        </p>
      </StatusOverlay>
    );
  }
  return <CampaignMap campaign={campaign} campaigns={campaigns.data} />;
}

function CampaignMap({ campaign, campaigns }: { campaign: Campaign; campaigns: Campaign[] }) {
  const trpc = useTRPC();
  const { role } = useSession();
  const scheme = campaign.stageScheme;
  const stagePayload = useQuery(trpc.resolution.stages.queryOptions({ campaignId: campaign.id }));
  const live = useLiveChanges(campaign.id);
  const geometry = useQuery({ queryKey: ["geometry"], queryFn: ({ signal }) => fetchBodyGeometry(signal), staleTime: Infinity });
  const bodyList = useMemo(
    () => (geometry.data && stagePayload.data ? toBodySummaries(geometry.data, stagePayload.data) : undefined),
    [geometry.data, stagePayload.data],
  );
  const config = useQuery({ queryKey: ["config"], queryFn: fetchAppConfig, staleTime: Infinity });
  const districtList = useQuery(trpc.district.list.queryOptions());
  const hasDistricts = (districtList.data?.length ?? 0) > 0;
  const districtGeometry = useQuery({
    queryKey: ["district-geometry"],
    queryFn: ({ signal }) => fetchDistrictGeometry(signal),
    staleTime: Infinity,
    enabled: hasDistricts,
  });
  const selectedDistrictId = useSelectedDistrictId();
  const visibleChambers = useVisibleChambers();
  const selectedBodyId = useSelectedBodyId();
  const visibleStages = useVisibleStages();
  const flyRequest = useFlyRequest();
  const initialUrlView = useInitialView();
  const actions = useUiActions();
  const importOpen = useImportOpen();
  const dashboardOpen = useDashboardOpen();
  const [hover, setHover] = useState<{ bodyId: number; x: number; y: number } | null>(null);
  const [rendered, setRendered] = useState(false);

  const asOf = useAsOfDate();
  const tableShown = useTableShown();
  const patterns = usePatternsShown();
  // The date slider: stages replayed as of a day come from the public map payload (geometry stays put).
  const replay = useQuery({ ...trpc.public.map.queryOptions({ campaign: campaign.id, asOf }), placeholderData: keepPreviousData });
  const stages = useMemo(() => {
    if (asOf && replay.data) {
      const replayed = new Map(replay.data.stages);
      return new Map((bodyList ?? []).map((body) => [body.id, replayed.get(body.id) ?? replay.data.initialStage]));
    }
    return new Map((bodyList ?? []).map((body) => [body.id, body.stage]));
  }, [asOf, replay.data, bodyList]);
  const shownBodies = useMemo(() => (bodyList ?? []).map((body) => ({ ...body, stage: stages.get(body.id) ?? body.stage })), [bodyList, stages]);
  const byId = useMemo(() => new Map((bodyList ?? []).map((body) => [body.id, body])), [bodyList]);
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
  const counts = useMemo(() => countByStage(scheme, stages.values()), [scheme, stages]);
  const initialView = useMemo(() => {
    if (initialUrlView) return initialUrlView;
    const extent = robustExtent((bodyList ?? []).map((body) => body.bbox));
    return extent ? { bounds: extent } : { center: [-96, 38] as [number, number], zoom: 3 };
  }, [initialUrlView, bodyList]);
  const flyTo = useMemo(() => {
    const body = flyRequest && byId.get(flyRequest.bodyId);
    return body && flyRequest ? { bbox: body.bbox, nonce: flyRequest.nonce } : null;
  }, [flyRequest, byId]);
  const onFirstRender = useCallback(() => setRendered(true), []);

  const loading = stagePayload.isPending || geometry.isPending || config.isPending;
  const failure = stagePayload.error ?? geometry.error;
  const hoveredBody = hover ? byId.get(hover.bodyId) : undefined;
  const bodyCount = bodyList?.length ?? 0;

  return (
    <div className="app">
      {!loading && !failure && bodyCount > 0 && !tableShown && (
        <MapView
          scheme={scheme}
          basemapStyleUrl={config.data?.basemapStyleUrl ?? null}
          geometry={geometry.data ?? null}
          districts={districtGeometry.data ?? null}
          visibleChambers={visibleChambers}
          selectedDistrictId={selectedDistrictId}
          stages={stages}
          visibleStages={visibleStages}
          selectedBodyId={selectedBodyId}
          initialView={initialView}
          flyTo={flyTo}
          onSelect={actions.bodySelected}
          onHover={setHover}
          onViewChange={actions.viewChanged}
          onFirstRender={onFirstRender}
          patterns={patterns}
        />
      )}

      <header className="topbar card">
        <div className="brand">
          <span className="logo" aria-hidden="true" />
          <h1>Groundswell</h1>
          {canAdminister(role) && (
            <button type="button" className="secondary import-open" onClick={actions.importOpened}>
              Import
            </button>
          )}
          <a className={`header-link${canAdminister(role) ? "" : " push-right"}`} href={`/pipeline?campaign=${campaign.id}`}>
            Pipeline
          </a>
          <a className="header-link" href="/hubs">
            Hubs
          </a>
        </div>
        <div className="campaign-line">
          {campaigns.length > 1 ? (
            <select aria-label="Campaign" value={campaign.id} onChange={(event) => actions.campaignSelected(Number(event.target.value))}>
              {campaigns.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.name}
                </option>
              ))}
            </select>
          ) : (
            <p className="campaign-name">{campaign.name}</p>
          )}
          <LiveIndicator status={live.status} dropped={live.dropped} />
        </div>
        {bodyList && <SearchBox bodies={bodyList} onPick={(body) => actions.bodyFound(body.id)} />}
        <div className="toolbar">
          <ViewToggles tableShown={tableShown} patterns={patterns} onTable={actions.tableToggled} onPatterns={actions.patternsToggled} />
          <ExportMenu currentView={currentView} />
          {canReadPrivate(role) && (
            <button type="button" className="secondary" aria-pressed={dashboardOpen} onClick={actions.dashboardToggled}>
              Dashboard
            </button>
          )}
          <a className="hint" href={`/campaigns/${campaign.slug}`}>
            Campaign settings
          </a>
          <a className="hint" href={`/public/${campaign.slug}`}>
            Public page
          </a>
        </div>
        <AccountMenu />
        {campaign.isDemo && (
          <p className="demo-note" role="note">
            <strong>Demo data.</strong> The shapes are real US counties (Census Bureau); every stage, note and date is invented
            to show how Groundswell works.
          </p>
        )}
      </header>

      <AsOfSlider
        range={replay.data?.range ?? null}
        value={asOf}
        onChange={actions.asOfDateChanged}
        pastHint={asOf ? `Showing stages as of ${formatDay(asOf)}; a stage change in the panel applies to today.` : undefined}
      />

      {bodyList && bodyList.length > 0 && (
        <Legend
          scheme={scheme}
          counts={counts}
          visibleStages={visibleStages}
          onToggle={actions.legendStageToggled}
          onClear={actions.filtersCleared}
          patterns={patterns}
          caption={asOf ? `As of ${formatDay(asOf)}` : undefined}
        >
          {hasDistricts && (
            <LayerToggles districts={districtList.data ?? []} visibleChambers={visibleChambers} onToggle={actions.chamberLayerToggled} />
          )}
        </Legend>
      )}

      {tableShown && bodyList && (
        <StageTable
          scheme={scheme}
          bodies={shownBodies}
          visibleStages={visibleStages}
          caption={`${campaign.name}, ${asOf ? `as of ${formatDay(asOf)}` : "today"}`}
          onPick={actions.bodySelected}
        />
      )}

      {selectedBodyId !== null && (
        <BodyPanel
          key={selectedBodyId}
          campaign={campaign}
          bodyId={selectedBodyId}
          onClose={() => actions.bodySelected(null)}
          onPickDistrict={actions.districtSelected}
        />
      )}
      {dashboardOpen && canReadPrivate(role) && selectedBodyId === null && selectedDistrictId === null && (
        <DashboardPanel campaign={campaign} onClose={actions.dashboardToggled} onPickBody={actions.bodyFound} />
      )}
      {selectedDistrictId !== null && selectedBodyId === null && (
        <DistrictPanel
          key={`district-${selectedDistrictId}`}
          campaign={campaign}
          districtId={selectedDistrictId}
          onClose={() => actions.districtSelected(null)}
          onPickBody={actions.bodyFound}
        />
      )}

      {hoveredBody && hover && (
        <div className="hover-tip" style={{ left: hover.x + 14, top: hover.y + 14 }} aria-hidden="true">
          <strong>{hoveredBody.name}</strong>
          <span>{findStage(scheme, stages.get(hoveredBody.id) ?? hoveredBody.stage)?.label ?? hoveredBody.stage}</span>
        </div>
      )}

      {loading && (
        <StatusOverlay busy>
          Loading the map{bodyList ? ` of ${formatCount(bodyList.length)} bodies` : ""}…
        </StatusOverlay>
      )}
      {!loading && !failure && bodyCount > 0 && !rendered && !tableShown && <StatusOverlay busy>Drawing the map…</StatusOverlay>}
      {failure && (
        <StatusOverlay>
          <ErrorNotice
            title="The map could not load"
            message={failure.message}
            onRetry={() => {
              void stagePayload.refetch();
              void geometry.refetch();
            }}
          />
        </StatusOverlay>
      )}
      {!loading && !failure && bodyCount === 0 && (
        <StatusOverlay>
          <h1>No bodies on the map yet</h1>
          <p>
            {canAdminister(role) ? (
              <>
                Import municipal boundaries with the <strong>Import</strong> button above (or{" "}
                <code>npx groundswell import towns.geojson --as bodies</code>); they will appear here coloured by stage.
              </>
            ) : (
              <>
                An admin imports municipal boundaries (<code>npx groundswell import towns.geojson --as bodies</code>); they will appear here
                coloured by stage.
              </>
            )}
          </p>
        </StatusOverlay>
      )}
      {importOpen && canAdminister(role) && <ImportScreen onClose={actions.importClosed} />}
    </div>
  );
}
