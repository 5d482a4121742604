import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from "react";
import { describeScope, type CampaignScope } from "../../shared/model/campaign-scope";
import { robustExtent } from "../../shared/geo/bbox";
import type { BBox } from "../../shared/model/body";
import { findStage, type StageScheme } from "../../shared/model/stage";
import { countPasses, describePassHeadline, marksUnverifiedPasses, unverifiedPasses } from "../../shared/rules/verification";
import type { CampaignMapData } from "../api/map-data";
import { useAppConfig, useBallotMap, useBallotQuestions } from "../api/map-data";
import { ballotColoring } from "../lib/ballot-map";
import type { BallotColoring, EndorserPoints } from "../map/map-controller";
import { endorserFeatures, endorserStepColors } from "../map/endorser-style";
import type { Endorser, EndorserLadder, PublicEndorser } from "../../shared/model/endorser";
import { EndorserListPanel } from "./EndorserListPanel";
import { EndorserPanel } from "./EndorserPanel";
import { EndorserLegend } from "./EndorserLegend";
import { BallotLegend, BallotPicker } from "./BallotLegend";
import { formatDay } from "../lib/dates";
import { formatCount } from "../lib/format";
import { firstViewPadding, MapView, type MapViewProps } from "../map/MapView";
import {
  useAsOfDate,
  useBallotQuestionId,
  useEndorserListOpen,
  useEndorsersShown,
  useSelectedEndorserId,
  useFlyRequest,
  useInitialView,
  usePatternsShown,
  usePointPick,
  useSelectedBodyId,
  useTableShown,
  useUiActions,
  useVisibleStages,
} from "../state/hooks";
import { useUiStore } from "../state/ui-store";
import { PointPickBanner } from "./PointPickBanner";
import { AsOfSlider } from "./AsOfSlider";
import { ExportMenu } from "./ExportMenu";
import { ViewToggles } from "./ViewToggles";
import { ErrorNotice } from "./ErrorNotice";
import { Legend } from "./Legend";
import { StageTable } from "./StageTable";
import { StatusOverlay } from "./StatusOverlay";
import { UnverifiedPassKey } from "./UnverifiedPassKey";

export interface MapShellProps {
  campaign: { slug: string; name: string; stageScheme: StageScheme; scope: CampaignScope; countVerifiedOnly: boolean };
  data: CampaignMapData;
  /** Extra classes on the page (`public-app`, `is-embed`). */
  className?: string;
  /** The page's header card (brand, search, toolbar); the shell places it over the map. A function gets the headline ("12 of 217 passed…"). */
  header: ReactNode | ((headline: string) => ReactNode);
  /** The as-of slider, with a hint under it while a past day is shown; null hides it (the embed). */
  slider: { pastHint?: string } | null;
  /** Controls under the legend's stages (district layer toggles). */
  legendExtras?: ReactNode;
  /** The campaign's endorsers (a member's list, or the public one) and its endorser ladder: points, legend and list. */
  endorsers?: {
    list: ReadonlyArray<Endorser | PublicEndorser> | undefined;
    ladder: EndorserLadder;
    /** The reader may move endorsers on the ladder (the server checks every write again). */
    mayEdit: boolean;
    /** What the list says when there are none: how to add them (or that none are public yet). */
    emptyHint: string;
  };
  /** Extra map layers: district outlines on the campaign map. */
  districts?: Pick<MapViewProps, "districts" | "visibleChambers" | "selectedDistrictId">;
  /** What to say when the campaign has no bodies yet, with the next step. */
  empty: ReactNode;
  /** Side panels (body, district, dashboard, hubs) and dialogs. */
  children?: ReactNode;
}

const NO_BODIES: ReadonlySet<number> = new Set();

const NO_DISTRICTS: NonNullable<MapShellProps["districts"]> = { districts: null, visibleChambers: [], selectedDistrictId: null };

/**
 * One map page, whoever looks at it: the campaign map, the public map and the embed differ only
 * in their header, panels and empty-state wording (props). The shell owns the map (first view,
 * fly-to, hover tip), the as-of slider, the legend, the table alternative, the counts for screen
 * readers, and the loading, drawing, failure and empty cards.
 */
/**
 * Keeps `--topbar-bottom` on the shell at the header card's lower edge, so the legend below it
 * (a long one: districts, endorsers, a ballot question) scrolls instead of sliding under it.
 */
function useHeaderHeight(shell: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const topbar = shell.current?.querySelector<HTMLElement>(".topbar");
    if (!shell.current || !topbar) return;
    const update = () => shell.current?.style.setProperty("--topbar-bottom", `${Math.ceil(topbar.getBoundingClientRect().bottom)}px`);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(topbar);
    return () => observer.disconnect();
  }, [shell]);
}

export function MapShell({ campaign, data, className, header, slider, legendExtras, endorsers, districts = NO_DISTRICTS, empty, children }: MapShellProps) {
  const scheme = campaign.stageScheme;
  const config = useAppConfig();
  const asOf = useAsOfDate();
  const selectedBodyId = useSelectedBodyId();
  const visibleStages = useVisibleStages();
  const tableShown = useTableShown();
  const patterns = usePatternsShown();
  const flyRequest = useFlyRequest();
  const initialUrlView = useInitialView();
  const actions = useUiActions();
  // A place search waiting for a point: the next map click is that point, not a body.
  const pointPick = usePointPick();
  const onClickPoint = useCallback(
    (point: [number, number]) => {
      if (!useUiStore.getState().pointPick) return false;
      actions.pointPicked(point);
      return true;
    },
    [actions],
  );
  const [hover, setHover] = useState<{ bodyId: number; x: number; y: number } | null>(null);
  const [rendered, setRendered] = useState(false);
  // Phones: the legend and the as-of slider share a bottom sheet, collapsed to the headline bar.
  const [sheetOpen, setSheetOpen] = useState(false);
  const { bodies, stages, counts } = data;
  const passes = useMemo(() => countPasses(scheme, stages, data.verified, campaign.countVerifiedOnly), [scheme, stages, data.verified, campaign.countVerifiedOnly]);
  const headline = describePassHeadline(passes, data.people, formatCount);
  // Passes not yet verified are hatched once the campaign verifies passes at all (or counts verified ones only).
  const unverified = useMemo(() => (marksUnverifiedPasses(passes) ? unverifiedPasses(scheme, stages, data.verified) : NO_BODIES), [passes, scheme, stages, data.verified]);
  const byId = useMemo(() => new Map((bodies ?? []).map((body) => [body.id, body])), [bodies]);
  // The shapes' own boxes frame the first view, so it is known as soon as they arrive (before the stages).
  const geometry = data.geometry;
  const initialView = useMemo(() => {
    if (initialUrlView) return initialUrlView;
    const extent = robustExtent((geometry?.features ?? []).flatMap((feature) => (feature.bbox ? [feature.bbox.slice(0, 4) as BBox] : [])));
    return extent ? { bounds: extent, padding: firstViewPadding() } : { center: [-96, 38] as [number, number], zoom: 3 };
  }, [initialUrlView, geometry]);
  const flyTo = useMemo(() => {
    const body = flyRequest && byId.get(flyRequest.bodyId);
    return body && flyRequest ? { bbox: body.bbox, nonce: flyRequest.nonce } : null;
  }, [flyRequest, byId]);
  const onFirstRender = useCallback(() => setRendered(true), []);
  // "Ballot question" mode: towns coloured by a question's % yes instead of by stage.
  const ballotId = useBallotQuestionId();
  const ballotQuestions = useBallotQuestions(campaign.slug);
  const ballotMap = useBallotMap(campaign.slug, ballotId);
  const ballot = ballotId !== null ? ballotMap.data : undefined;
  const coloring = useMemo<BallotColoring | null>(() => (ballot ? ballotColoring(ballot) : null), [ballot]);
  const ballotTowns = useMemo(() => new Map((ballot?.towns ?? []).map((town) => [town.bodyId, town])), [ballot]);
  const endorsersShown = useEndorsersShown();
  const endorserListOpen = useEndorserListOpen();
  const selectedEndorserId = useSelectedEndorserId();
  const endorserLadder = endorsers?.ladder;
  const endorserList = endorsers?.list;
  const endorserColors = useMemo(() => (endorserLadder ? endorserStepColors(endorserLadder) : []), [endorserLadder]);
  const endorserPoints = useMemo<EndorserPoints | null>(
    () => (endorserList && endorsersShown ? { points: endorserFeatures(endorserList), colors: endorserColors } : null),
    [endorserList, endorsersShown, endorserColors],
  );
  const selectedEndorser = selectedEndorserId === null ? undefined : endorserList?.find((endorser) => endorser.id === selectedEndorserId);
  const picker = <BallotPicker questions={ballotQuestions.data ?? []} value={ballotId} onChange={actions.ballotQuestionChosen} />;

  const loading = data.isPending || config.isPending;
  const failure = data.error;
  const bodyCount = bodies?.length ?? 0;
  // The map (its worker, style and reference layer) starts while the shapes are still on their way.
  const mapShown = !config.isPending && !failure && !tableShown && (data.isPending || bodyCount > 0);
  const asOfCaption = asOf ? `as of ${formatDay(asOf)}` : "today";
  const hovered = hover ? byId.get(hover.bodyId) : undefined;
  const shell = useRef<HTMLDivElement>(null);
  useHeaderHeight(shell);

  return (
    <div ref={shell} className={`app${className ? ` ${className}` : ""}${sheetOpen ? " sheet-open" : ""}${pointPick ? " picking-point" : ""}`}>
      <a className="skip-link" href="#map-main">
        Skip to the map
      </a>
      {typeof header === "function" ? header(headline) : header}

      <main id="map-main" className="map-main" tabIndex={-1} aria-label={`${campaign.name}: ${headline}`}>
        {mapShown && (
          <MapView
            controls
            scheme={scheme}
            basemapStyleUrl={config.data?.basemapStyleUrl ?? null}
            geometry={data.geometry ?? null}
            {...districts}
            stages={stages}
            visibleStages={ballot ? null : visibleStages}
            selectedBodyId={selectedBodyId}
            initialView={initialView}
            flyTo={flyTo}
            patterns={patterns}
            unverified={unverified}
            ballot={coloring}
            endorsers={endorserPoints}
            onSelectEndorser={actions.endorserSelected}
            onSelect={actions.bodySelected}
            onClickPoint={onClickPoint}
            onHover={setHover}
            onViewChange={actions.viewChanged}
            onFirstRender={onFirstRender}
            label={
              ballot
                ? `Map of ${campaign.name}: towns coloured by the % yes on ballot question ${ballot.question.name}`
                : `Map of ${campaign.name}: bodies coloured by stage ${asOfCaption}`
            }
          />
        )}

        {mapShown && pointPick && <PointPickBanner onCancel={actions.pointPickCancelled} />}

        {slider && bodyCount > 0 && !ballot && <AsOfSlider range={data.range} value={asOf} onChange={actions.asOfDateChanged} pastHint={asOf ? slider.pastHint : undefined} />}

        {bodyCount > 0 && ballot && <BallotLegend map={ballot} bodyCount={bodyCount} picker={picker} />}

        {bodyCount > 0 && !ballot && (
          <Legend
            scheme={scheme}
            counts={counts}
            visibleStages={visibleStages}
            onToggle={actions.legendStageToggled}
            onClear={actions.filtersCleared}
            patterns={patterns}
            caption={asOf ? `As of ${formatDay(asOf)}` : undefined}
            footnote={describeScope(campaign.scope)}
            headline={headline}
            open={sheetOpen}
            onOpenChange={setSheetOpen}
            stageKey={marksUnverifiedPasses(passes) && <UnverifiedPassKey scheme={scheme} passes={passes} count={unverified.size} />}
          >
            {picker}
            {legendExtras}
            {endorsers && (
              <EndorserLegend
                ladder={endorsers.ladder}
                colors={endorserColors}
                endorsers={endorsers.list ?? []}
                shown={endorsersShown}
                onToggle={actions.endorsersToggled}
                onOpenList={actions.endorserListToggled}
              />
            )}
          </Legend>
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

        {endorsers && endorserListOpen && (
          <EndorserListPanel
            endorsers={endorsers.list ?? []}
            ladder={endorsers.ladder}
            colors={endorserColors}
            onPick={actions.endorserSelected}
            onClose={actions.endorserListToggled}
            emptyHint={endorsers.emptyHint}
          />
        )}
        {endorsers && selectedEndorser && (
          <EndorserPanel
            key={selectedEndorser.id}
            endorser={selectedEndorser}
            ladder={endorsers.ladder}
            colors={endorserColors}
            mayEdit={endorsers.mayEdit}
            onClose={() => actions.endorserSelected(null)}
            onPickBody={actions.bodyFound}
          />
        )}

        {children}
      </main>

      {mapShown && hovered && hover && (
        <div className="hover-tip" style={{ left: hover.x + 14, top: hover.y + 14 }} aria-hidden="true">
          <strong>{hovered.name}</strong>
          <span>{ballot ? describeTownResult(ballotTowns.get(hovered.id)) : (findStage(scheme, hovered.stage)?.label ?? hovered.stage)}</span>
        </div>
      )}

      {loading && <StatusOverlay busy>Loading the map{bodies ? ` of ${formatCount(bodies.length)} bodies` : ""}…</StatusOverlay>}
      {mapShown && !loading && !rendered && <StatusOverlay busy>Drawing the map…</StatusOverlay>}
      {failure && (
        <StatusOverlay>
          <ErrorNotice title="The map could not load" message={failure.message} onRetry={data.retry} />
        </StatusOverlay>
      )}
      {!loading && !failure && bodyCount === 0 && <StatusOverlay>{empty}</StatusOverlay>}
    </div>
  );
}

/** What the export menu prints: the campaign, the day, the stage filter and the map's current bounds. */
export function useExportView(campaign: { slug: string; name: string }) {
  const asOf = useAsOfDate();
  const visibleStages = useVisibleStages();
  const ballot = useBallotQuestionId();
  return useCallback(() => {
    const bounds = window.groundswellMap?.map.getBounds();
    return {
      campaign: campaign.slug,
      asOf,
      stages: visibleStages,
      bbox: bounds ? ([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()] as BBox) : null,
      title: campaign.name,
      ballot,
    };
  }, [campaign, asOf, visibleStages, ballot]);
}

/** The map's view buttons (Table, Patterns), every map page's first tools. */
export function MapViewToggles() {
  const tableShown = useTableShown();
  const patterns = usePatternsShown();
  const actions = useUiActions();
  return <ViewToggles tableShown={tableShown} patterns={patterns} onTable={actions.tableToggled} onPatterns={actions.patternsToggled} />;
}

/** The Export menu for the map as shown: campaign, day, stage filter and bounds. */
export function MapExportMenu({ campaign }: { campaign: { slug: string; name: string } }) {
  return <ExportMenu currentView={useExportView(campaign)} />;
}

/** A town's line in the hover tip of the "Ballot question" mode. */
function describeTownResult(town: { yes: number; no: number; pctYes: number | null; partial: boolean } | undefined): string {
  if (!town) return "The question did not run here";
  const share = town.pctYes === null ? "no yes or no votes" : `${town.pctYes.toFixed(1)} % yes (${formatCount(town.yes)} to ${formatCount(town.no)})`;
  return town.partial ? `${share}, precincts inside the district only` : share;
}
