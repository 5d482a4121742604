import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import { pressFrame } from "../../../shared/geo/bbox";
import { pressLayout, type PressLayout } from "../../../shared/geo/press-layout";
import type { BBox } from "../../../shared/model/body";
import { PRINT_WIDTH, type PressSnapshot } from "../../../shared/model/public-view";
import { useBallotMap, useBodyGeometry } from "../../api/map-data";
import { ballotCounts, ballotColoring } from "../../lib/ballot-map";
import { BALLOT_COLORS, BALLOT_NEUTRAL } from "../../map/ballot-style";
import { PERCENT_YES_CLASSES } from "../../../shared/rules/ballot-results";
import { scopeGeometry } from "../../lib/body-index";
import { describeScope } from "../../../shared/model/campaign-scope";
import { queryKeys } from "../../api/query-keys";
import { parsePrintParams } from "../../state/url-state";
import { patternBackground } from "../../lib/pattern-image";
import { formatDay } from "../../lib/dates";
import { formatCount } from "../../lib/format";
import { MapView, type MapViewProps } from "../../map/MapView";
import { describeUnverifiedMark, marksUnverifiedPasses, UNVERIFIED_PASS_LABEL, unverifiedPasses } from "../../../shared/rules/verification";
import { unverifiedSwatchStyle } from "../../components/UnverifiedPassKey";

declare global {
  interface Window {
    /** Set by the export renderer before the page loads: the one snapshot every file is made from. */
    groundswellSnapshot?: PressSnapshot;
  }
}

/** An inset's size on the 1600 px page (styles.css `.print-inset`), and the room the main map leaves for them at its foot. */
const INSET_WIDTH = 260;
const INSET_ROOM = 180 + 12 + 24;

async function fetchSnapshot(query: string): Promise<PressSnapshot> {
  if (window.groundswellSnapshot) return window.groundswellSnapshot;
  const response = await fetch(`/export/view.json?${query}`);
  if (!response.ok) throw new Error((await response.text()).trim() || `HTTP ${response.status}`);
  return (await response.json()) as PressSnapshot;
}

/**
 * `/print`: the press map, 1600 CSS pixels wide: title, subtitle, "as of" date, the map, a legend
 * with counts, the source line and attribution; a national scope puts Alaska, Hawaii, Puerto Rico
 * and the other territories in insets (shared/geo/press-layout.ts). The export renderer screenshots it (PNG at 2×)
 * or prints it (PDF, text stays text); it waits for `data-print-ready` on the root element.
 */
export function PrintScreen() {
  const settings = useMemo(() => parsePrintParams(window.location.search), []);
  const snapshot = useQuery({ queryKey: queryKeys.printSnapshot(settings.query), queryFn: () => fetchSnapshot(settings.query), staleTime: Infinity, retry: false });
  const geometry = useBodyGeometry({ retry: false });
  const [drawnMaps, setDrawnMaps] = useState<ReadonlySet<string>>(new Set());
  const data = snapshot.data;
  const stages = useMemo(() => new Map(data?.mapStages ?? []), [data]);
  // Passes not yet verified, hatched on the press map as on the public one (once the campaign verifies passes).
  const unverified = useMemo(() => {
    if (!data || !marksUnverifiedPasses(data.passes)) return new Set<number>();
    const verified = new Set(data.bodies.filter((body) => body.verified).map((body) => body.id));
    return unverifiedPasses(
      data.campaign.stageScheme,
      data.bodies.map((body) => [body.id, body.stage] as const),
      verified,
    );
  }, [data]);
  // Only the bodies the campaign counts are drawn, as in its legend and files.
  const scoped = useMemo(() => (geometry.data && data ? scopeGeometry(geometry.data, data.campaign.scope) : undefined), [geometry.data, data]);
  const mapDrawn = useCallback((key: string) => setDrawnMaps((drawn) => (drawn.has(key) ? drawn : new Set([...drawn, key]))), []);
  const onStagesDrawn = useCallback(() => mapDrawn("main"), [mapDrawn]);
  // A ballot question's press map: towns by % yes, its legend, text, date and source; framed on its towns.
  const ballotMap = useBallotMap(data?.campaign.slug ?? "", settings.ballot);
  const ballot = settings.ballot ? ballotMap.data : undefined;
  const layout = useMemo((): PressLayout & { main: BBox } => {
    if (settings.bbox) return { main: settings.bbox, insets: [] };
    const towns = ballot ? new Set(ballot.towns.map((town) => town.bodyId)) : null;
    const bodies = (data?.bodies ?? []).filter((body) => !towns || towns.has(body.id));
    // A ballot question's towns lie in one state: framed whole, with no insets.
    const laid = towns
      ? {
          main: pressFrame(
            bodies.map((body) => body.bbox),
            { scoped: true },
          ),
          insets: [],
        }
      : pressLayout(bodies, { scoped: Boolean(data?.campaign.scope.states.length) });
    return { main: laid.main ?? ([-125, 24, -66, 50] as BBox), insets: laid.insets };
  }, [settings.bbox, data, ballot]);
  const drawn = drawnMaps.size >= 1 + layout.insets.length;
  const coloring = useMemo(() => (ballot ? ballotColoring(ballot) : null), [ballot]);
  const failure = snapshot.error ?? geometry.error ?? ballotMap.error;

  useEffect(() => {
    if (failure) document.documentElement.dataset.printError = failure.message;
    else if (drawn) document.documentElement.dataset.printReady = "1";
  }, [drawn, failure]);

  if (failure) return <p className="print-error">The map could not be prepared: {failure.message}</p>;
  if (!data || !scoped || (settings.ballot && !ballot)) return <p className="print-loading">Preparing the map…</p>;

  const scheme = data.campaign.stageScheme;
  const title = settings.title || (ballot ? `Ballot question ${ballot.question.name}` : data.campaign.name);
  const asOfText = data.asOf ? formatDay(data.asOf) : formatDay(data.takenAt.slice(0, 10));
  const filtered = data.filters.stages ? ` · showing ${data.filters.stages.length} of ${scheme.stages.length} stages` : "";

  // What the main map and each inset share: the bodies, their colours, and no interaction.
  const printMap = {
    scheme,
    basemapStyleUrl: null,
    geometry: scoped,
    districts: null,
    visibleChambers: [],
    selectedDistrictId: null,
    stages,
    visibleStages: data.filters.stages,
    selectedBodyId: null,
    flyTo: null,
    patterns: settings.patterns,
    unverified,
    ballot: coloring,
    onSelect: () => undefined,
    onHover: () => undefined,
    onViewChange: () => undefined,
    onFirstRender: () => undefined,
  } satisfies Partial<MapViewProps>;

  return (
    <div className="print-page" style={{ width: PRINT_WIDTH }}>
      <header className="print-header">
        <h1>{title}</h1>
        {settings.subtitle && <p className="print-subtitle">{settings.subtitle}</p>}
        {ballot ? (
          <>
            {ballot.question.text && <p className="print-subtitle">“{ballot.question.text}”</p>}
            <p className="print-asof" data-testid="print-asof">
              Election of {ballot.question.electionDate ? formatDay(ballot.question.electionDate) : (ballot.question.year ?? "")} · % yes = yes ÷ (yes + no)
            </p>
          </>
        ) : (
          <>
            <p className="print-asof" data-testid="print-asof">
              As of {asOfText}
              {filtered}
            </p>
            <p className="print-headline" data-testid="print-headline">
              {data.headline}
            </p>
          </>
        )}
      </header>
      <div className="print-body">
        <div className="print-map">
          <MapView
            {...printMap}
            // Insets sit along the bottom: the main frame keeps its bodies above them.
            initialView={{ bounds: layout.main, padding: layout.insets.length ? { top: 24, left: 24, right: 24, bottom: INSET_ROOM } : 24 }}
            onStagesDrawn={onStagesDrawn}
            label={`Map of ${title}`}
          />
          {layout.insets.map((inset, index) => (
            <figure key={inset.state} className="print-inset" style={{ left: 12 + index * (INSET_WIDTH + 12) }} data-testid="print-inset">
              <MapView {...printMap} initialView={{ bounds: inset.frame, padding: 12 }} inset onStagesDrawn={() => mapDrawn(inset.state)} label={`Inset map of ${inset.label}`} />
              <figcaption>{inset.label}</figcaption>
            </figure>
          ))}
        </div>
        {ballot ? (
          <aside className="print-legend" data-testid="print-ballot-legend">
            <h2>Towns by % yes</h2>
            <table>
              <tbody>
                {[...PERCENT_YES_CLASSES].reverse().map((entry, reversed) => {
                  const index = PERCENT_YES_CLASSES.length - 1 - reversed;
                  return (
                    <tr key={entry.label}>
                      <td>
                        <span className="swatch" style={{ backgroundColor: BALLOT_COLORS[index] }} />
                      </td>
                      <th scope="row">{entry.label} yes</th>
                      <td className="print-count">{formatCount(ballotCounts(ballot).classes[index]!)}</td>
                    </tr>
                  );
                })}
                <tr>
                  <td>
                    <span className="swatch ballot-hatch-swatch" />
                  </td>
                  <th scope="row">Partial town (precincts inside the district)</th>
                  <td className="print-count">{formatCount(ballotCounts(ballot).partial)}</td>
                </tr>
                <tr>
                  <td>
                    <span className="swatch" style={{ backgroundColor: BALLOT_NEUTRAL }} />
                  </td>
                  <th scope="row">Did not run there</th>
                  <td className="print-count">{formatCount(Math.max(0, scoped.features.length - ballot.towns.length))}</td>
                </tr>
              </tbody>
            </table>
            {ballot.question.districts
              .filter((district) => !district.estimated)
              .map((district) => (
                <p key={`${district.chamber}-${district.district}`} className="print-footnote">
                  {district.district}: {district.pctYes === null ? "no yes or no votes" : `${district.pctYes.toFixed(1)} % yes`} ({formatCount(district.yes)} to{" "}
                  {formatCount(district.no)})
                </p>
              ))}
          </aside>
        ) : (
          <aside className="print-legend">
            <h2>Bodies by stage</h2>
            <table>
              <tbody>
                {data.counts.map((entry, index) => (
                  <tr key={entry.stageId} data-stage={entry.stageId}>
                    <td>
                      <span className="swatch" style={{ backgroundColor: entry.color, backgroundImage: settings.patterns ? patternBackground(index, entry.color) : undefined }} />
                    </td>
                    <th scope="row">{entry.label}</th>
                    <td className="print-count">{formatCount(entry.count)}</td>
                  </tr>
                ))}
                {marksUnverifiedPasses(data.passes) && (
                  <tr data-testid="print-unverified">
                    <td>
                      <span className="swatch" style={unverifiedSwatchStyle(scheme)} />
                    </td>
                    <th scope="row">{UNVERIFIED_PASS_LABEL} (also counted above)</th>
                    <td className="print-count">{formatCount(unverified.size)}</td>
                  </tr>
                )}
              </tbody>
              <tfoot>
                <tr>
                  <td />
                  <th scope="row">Total</th>
                  <td className="print-count">
                    {formatCount(data.total)}
                    {data.total < data.inScope && (
                      <span className="print-shown">
                        {" "}
                        (shown: {formatCount(data.total)} of {formatCount(data.inScope)} bodies)
                      </span>
                    )}
                  </td>
                </tr>
              </tfoot>
            </table>
            {marksUnverifiedPasses(data.passes) && <p className="print-footnote">{describeUnverifiedMark(data.passes)}</p>}
            <p className="print-footnote">{describeScope(data.campaign.scope)}</p>
          </aside>
        )}
      </div>
      <footer className="print-footer">
        <p>Source: {[...(ballot?.question.source ? [`results: ${ballot.question.source}`] : []), ...data.sources].join("; ")}.</p>
        <p>
          Map: Groundswell, rendered with MapLibre GL. Snapshot {data.takenAt.replace("T", " ").slice(0, 19)} UTC.
          {data.campaign.isDemo ? " Demo data: stages are invented." : ""}
        </p>
      </footer>
    </div>
  );
}
