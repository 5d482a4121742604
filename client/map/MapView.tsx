import { AttributionControl, GeolocateControl, Map as MapLibreMap, Marker, NavigationControl, ScaleControl, setWorkerCount, setWorkerUrl } from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import { useEffect, useRef } from "react";
import type { BBox } from "../../shared/model/body";
import type { StageScheme } from "../../shared/model/stage";
import { labelFontFaces } from "./label-font";
import { MapController, type BallotColoring, type EndorserPoints, type MapControllerOptions } from "./map-controller";

setWorkerUrl(workerUrl);
// Two workers (MapLibre starts one): the bodies are parsed and tiled on one while the reference
// layer, the names and the districts load on the other. They start with the first map, which the
// map pages create while the shapes are still on their way (not on pages without a map).
setWorkerCount(2);

declare global {
  interface Window {
    /** The live map controller, for browser tests and debugging. */
    groundswellMap?: MapController;
  }
}

export interface MapViewProps {
  scheme: StageScheme;
  basemapStyleUrl: string | null;
  geometry: GeoJSON.FeatureCollection | null;
  districts: GeoJSON.FeatureCollection | null;
  visibleChambers: readonly string[];
  selectedDistrictId: number | null;
  stages: ReadonlyMap<number, string>;
  visibleStages: readonly string[] | null;
  selectedBodyId: number | null;
  initialView: MapControllerOptions["initialView"];
  flyTo: { bbox: BBox; nonce: number } | null;
  onSelect: (bodyId: number | null) => void;
  onClickPoint?: (point: [number, number]) => boolean;
  onHover: (hover: { bodyId: number; x: number; y: number } | null) => void;
  onViewChange: (view: { center: [number, number]; zoom: number }) => void;
  onFirstRender: () => void;
  /** Colour towns by a ballot question instead of by stage (null: by stage). */
  ballot?: BallotColoring | null;
  /** Endorsers as points coloured by step (null or absent: hidden). */
  endorsers?: EndorserPoints | null;
  onSelectEndorser?: (endorserId: number) => void;
  /** Passes no organizer has verified, hatched over their colour (absent or empty: none). */
  unverified?: ReadonlySet<number>;
  /** Draw stage patterns over the colours. */
  patterns?: boolean;
  /** Called each time the map has drawn a new set of stages (the print page waits for it). */
  onStagesDrawn?: () => void;
  /** Accessible name of the map region. */
  label?: string;
  /** Zoom, locate and scale controls (the interactive maps; not the print page). */
  controls?: boolean;
  /** A press map's inset (Alaska, Hawaii…): no credit line of its own, world copies drawn, not the page's `window.groundswellMap`. */
  inset?: boolean;
}

const NONE: ReadonlySet<number> = new Set();

/** The phone layout's media query (styles.css uses the same). */
export const SMALL_SCREEN = "(max-width: 700px), (max-height: 640px)";

/**
 * Room the first view leaves around the shapes: on wide screens the header card and the legend
 * stand over the map's left 390 px, so the country is fitted to the right of them, not under them.
 */
export function firstViewPadding(): number | { top: number; bottom: number; left: number; right: number } {
  return window.matchMedia?.(SMALL_SCREEN).matches !== false ? 24 : { top: 24, bottom: 24, left: 420, right: 72 };
}

/** Thin React wrapper: mounts the controller once and forwards prop changes to it. */
export function MapView(props: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<MapController | null>(null);
  const callbacks = useRef(props);
  useEffect(() => {
    callbacks.current = props;
  });

  useEffect(() => {
    const instance = new MapController({
      container: container.current!,
      scheme: props.scheme,
      basemapStyleUrl: props.basemapStyleUrl,
      assets: { referenceUrl: new URL("/geo/reference.geojson", window.location.href).href, fontFaces: labelFontFaces(window.location.href) },
      initialView: props.initialView,
      renderWorldCopies: props.inset ?? false,
      createMap: (options) => new MapLibreMap(options),
      absoluteUrl: (path) => `${window.location.origin}${path}`,
      createLabel: (map, text, lngLat) => {
        const element = document.createElement("div");
        element.className = "map-label";
        element.textContent = text;
        return new Marker({ element }).setLngLat(lngLat).addTo(map);
      },
      ...(props.inset ? {} : { createAttribution: (text: string) => new AttributionControl({ compact: true, customAttribution: text }) }),
      onSelect: (id) => callbacks.current.onSelect(id),
      onClickPoint: (point) => callbacks.current.onClickPoint?.(point) ?? false,
      onSelectEndorser: (id) => callbacks.current.onSelectEndorser?.(id),
      onHover: (hover) => callbacks.current.onHover(hover),
      onViewChange: (view) => callbacks.current.onViewChange(view),
      onFirstRender: () => callbacks.current.onFirstRender(),
    });
    controller.current = instance;
    if (!props.inset) window.groundswellMap = instance;
    if (props.controls) {
      instance.map.addControl(new NavigationControl({ showCompass: false }), "bottom-right");
      instance.map.addControl(new GeolocateControl({ trackUserLocation: false, showAccuracyCircle: false }), "bottom-right");
      instance.map.addControl(new ScaleControl({ unit: "imperial" }), "bottom-right");
      instance.map.addControl(new ScaleControl({ unit: "metric" }), "bottom-right");
      // On a phone or a small embed the credit line starts folded behind its (i) button.
      if (window.matchMedia?.(SMALL_SCREEN).matches) {
        instance.map.once("idle", () => container.current?.querySelector(".maplibregl-ctrl-attrib")?.classList.remove("maplibregl-compact-show"));
      }
    }
    return () => {
      instance.destroy();
      controller.current = null;
      if (window.groundswellMap === instance) delete window.groundswellMap;
    };
    // The map is created once; later prop changes are forwarded below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The map is created before the shapes arrive; the first view that fits them comes with them.
  const viewShown = useRef(props.initialView);
  useEffect(() => {
    if (props.initialView === viewShown.current) return;
    viewShown.current = props.initialView;
    controller.current?.showInitialView(props.initialView);
  }, [props.initialView]);
  useEffect(() => {
    if (props.geometry) void controller.current?.setBodies(props.geometry);
  }, [props.geometry]);
  useEffect(() => {
    if (props.districts) void controller.current?.setDistricts(props.districts);
  }, [props.districts]);
  useEffect(() => {
    void controller.current?.setVisibleChambers(props.visibleChambers);
  }, [props.visibleChambers]);
  useEffect(() => {
    void controller.current?.setSelectedDistrict(props.selectedDistrictId);
  }, [props.selectedDistrictId]);
  useEffect(() => {
    void controller.current?.setScheme(props.scheme);
  }, [props.scheme]);
  useEffect(() => {
    void controller.current?.setEndorsers(props.endorsers ?? null);
  }, [props.endorsers]);
  useEffect(() => {
    const instance = controller.current;
    if (!instance) return;
    void Promise.all([instance.setStages(props.stages), instance.setVisibleStages(props.visibleStages, props.stages)])
      .then(() => (props.geometry ? instance.whenIdle() : undefined))
      .then(() => callbacks.current.onStagesDrawn?.());
  }, [props.stages, props.visibleStages, props.geometry]);
  useEffect(() => {
    void controller.current?.setUnverified(props.unverified ?? NONE);
  }, [props.unverified]);
  useEffect(() => {
    void controller.current?.setPatterns(props.patterns ?? false);
  }, [props.patterns]);
  useEffect(() => {
    void controller.current?.setBallot(props.ballot ?? null);
  }, [props.ballot]);
  useEffect(() => {
    void controller.current?.setSelected(props.selectedBodyId);
  }, [props.selectedBodyId]);
  useEffect(() => {
    if (props.flyTo) controller.current?.flyToBBox(props.flyTo.bbox);
  }, [props.flyTo]);

  return <div ref={container} className="map" role="region" aria-label={props.label ?? "Map of bodies coloured by stage"} />;
}
