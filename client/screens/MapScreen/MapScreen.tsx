import type { Campaign } from "../../../shared/model/campaign";
import { canAdminister, canEditSomeBodies, canReadPrivate } from "../../../shared/model/account";
import { useLiveChanges } from "../../api/live-changes";
import { useCampaignMapData, useCampaigns, useDistrictGeometry, useDistrictList, useEndorsers, usePublicEndorsers, useSearchableLegislators } from "../../api/map-data";
import { useSession } from "../../api/session";
import { AccountMenu } from "../../components/AccountMenu";
import { CampaignGate } from "../../components/CampaignGate";
import { LayerToggles } from "../../components/LayerToggles";
import { LiveIndicator } from "../../components/LiveIndicator";
import { MapExportMenu, MapShell, MapViewToggles } from "../../components/MapShell";
import { SearchBox } from "../../components/SearchBox";
import { formatDay } from "../../lib/dates";
import { useAsOfDate, useCampaignId, useDashboardOpen, useImportOpen, useSelectedBodyId, useSelectedDistrictId, useUiActions, useVisibleChambers } from "../../state/hooks";
import { ImportScreen } from "../ImportScreen/ImportScreen";
import { BodyPanel } from "./BodyPanel";
import { DashboardPanel } from "./DashboardPanel";
import { DistrictPanel } from "./DistrictPanel";
import { FirstRunCard } from "./FirstRunCard";

export function MapScreen() {
  const campaigns = useCampaigns();
  const { role } = useSession();
  const chosenId = useCampaignId();
  return (
    <CampaignGate
      campaigns={campaigns}
      pick={(list) => list.find((entry) => entry.id === chosenId) ?? list[0]}
      loading="Loading campaigns…"
      failureTitle="Groundswell could not reach its server"
      missing={() =>
        canAdminister(role) ? (
          <FirstRunCard />
        ) : (
          <>
            <h1>No campaign yet</h1>
            <p>
              Create one with <code>npx groundswell campaign add "Medicare for All resolution"</code>, then import your bodies with{" "}
              <code>npx groundswell import towns.geojson --as bodies</code>.
            </p>
          </>
        )
      }
    >
      {(campaign, list) => <CampaignMap campaign={campaign} campaigns={list} />}
    </CampaignGate>
  );
}

function CampaignMap({ campaign, campaigns }: { campaign: Campaign; campaigns: Campaign[] }) {
  const { role } = useSession();
  const asOf = useAsOfDate();
  const data = useCampaignMapData(campaign, asOf);
  const live = useLiveChanges(campaign.id);
  const districtList = useDistrictList();
  const hasDistricts = (districtList.data?.length ?? 0) > 0;
  const districtGeometry = useDistrictGeometry({ enabled: hasDistricts });
  const selectedDistrictId = useSelectedDistrictId();
  const visibleChambers = useVisibleChambers();
  const selectedBodyId = useSelectedBodyId();
  const actions = useUiActions();
  const importOpen = useImportOpen();
  const dashboardOpen = useDashboardOpen();
  const bodyList = data.bodies;
  const legislators = useSearchableLegislators(campaign.id);
  const members = canReadPrivate(role);
  const memberEndorsers = useEndorsers(campaign.id, { enabled: members });
  const publicEndorsers = usePublicEndorsers(campaign.id, { enabled: !members });

  return (
    <MapShell
      campaign={campaign}
      data={data}
      header={
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
            <a className="header-link" href={`/targets?campaign=${campaign.id}`}>
              Targets
            </a>
            <a className="header-link" href="/hubs">
              Hubs
            </a>
            {canReadPrivate(role) && (
              <a className="header-link" href={`/lobby-days?campaign=${campaign.id}`}>
                Lobby days
              </a>
            )}
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
          {bodyList && (
            <SearchBox
              bodies={bodyList}
              onPick={(body) => actions.bodyFound(body.id)}
              legislators={legislators}
              onPickLegislator={(legislator) => window.location.assign(`/legislators/${legislator.id}?campaign=${campaign.id}`)}
            />
          )}
          <div className="toolbar">
            <MapViewToggles />
            <MapExportMenu campaign={campaign} />
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
              <strong>Demo data.</strong> The shapes are real US counties (Census Bureau); every stage, note and date is invented to show how Groundswell works.
            </p>
          )}
        </header>
      }
      slider={{ pastHint: asOf ? `Showing stages as of ${formatDay(asOf)}; a stage change in the panel applies to today.` : undefined }}
      legendExtras={hasDistricts && <LayerToggles districts={districtList.data ?? []} visibleChambers={visibleChambers} onToggle={actions.chamberLayerToggled} />}
      districts={{ districts: districtGeometry.data ?? null, visibleChambers, selectedDistrictId }}
      endorsers={{
        list: members ? memberEndorsers.data : publicEndorsers.data,
        ladder: campaign.endorserLadder,
        mayEdit: canEditSomeBodies(role),
        emptyHint: canAdminister(role)
          ? "No endorsers yet. Import a CSV of the organisations and people you ask (Import → Endorsers, or npx groundswell import endorsers.csv --as endorsers --campaign …)."
          : "No endorsers yet. An admin imports them from a CSV.",
      }}
      empty={
        <>
          <h1>No bodies on the map yet</h1>
          <p>
            {canAdminister(role) ? (
              <>
                Import municipal boundaries (a GeoJSON, TopoJSON or zipped shapefile of your towns, cities or counties; or{" "}
                <code>npx groundswell import towns.geojson --as bodies</code>); they will appear here coloured by stage.
                <button type="button" className="primary empty-action" onClick={actions.importOpened}>
                  Import boundaries
                </button>
              </>
            ) : (
              <>
                An admin imports municipal boundaries (<code>npx groundswell import towns.geojson --as bodies</code>); they will appear here coloured by stage.
              </>
            )}
          </p>
        </>
      }
    >
      {selectedBodyId !== null && (
        <BodyPanel key={selectedBodyId} campaign={campaign} bodyId={selectedBodyId} onClose={() => actions.bodySelected(null)} onPickDistrict={actions.districtSelected} />
      )}
      {dashboardOpen && canReadPrivate(role) && <DashboardPanel campaign={campaign} onClose={actions.dashboardToggled} onPickBody={actions.bodyFound} />}
      {selectedDistrictId !== null && (
        <DistrictPanel
          key={`district-${selectedDistrictId}`}
          campaign={campaign}
          districtId={selectedDistrictId}
          onClose={() => actions.districtSelected(null)}
          onPickBody={actions.bodyFound}
        />
      )}

      {importOpen && canAdminister(role) && <ImportScreen onClose={actions.importClosed} />}
    </MapShell>
  );
}
