import type {
  FeatureIdentifier,
  FilterSpecification,
  IControl,
  LayerSpecification,
  LngLatBoundsLike,
  Map as MapLibreMap,
  MapOptions,
  PaddingOptions,
  SourceSpecification,
  StyleSpecification,
} from "maplibre-gl";
import { BODY_TILE_LAYER, BODY_TILE_MAX_ZOOM, bodyIndexMembers, type BodyIndexMembers } from "../../shared/model/body-tiles";
import { featureLabelPoint, labelPoints } from "../../shared/geo/label-points";
import type { BBox } from "../../shared/model/body";
import type { StageScheme } from "../../shared/model/stage";
import { patternImageId, stagePatternPixels } from "../lib/stage-patterns";
import { BALLOT_HATCH_IMAGE, BALLOT_OUTLINE_LAYER, BALLOT_OUTLINE_SOURCE, BALLOT_PARTIAL_LAYER, ballotColorExpression, ballotHatchPixels, ballotLayers } from "./ballot-style";
import { UNVERIFIED_HATCH_IMAGE, UNVERIFIED_LAYER, unverifiedHatchPixels, unverifiedLayer } from "./unverified-style";
import { ENDORSER_CLUSTER_LAYER, ENDORSER_POINT_LAYER, ENDORSER_SOURCE, endorserColorExpression, endorserLayers } from "./endorser-style";
import {
  BODY_FILL_LAYER,
  BODY_LABEL_SOURCE,
  bodyLabelLayer,
  BODY_OUTLINE_LAYER,
  BODY_SOURCE,
  bodyLayers,
  DISTRICT_LINE_STYLES,
  DISTRICT_SOURCE,
  districtLayerId,
  patternLayerId,
  patternLayers,
  selfContainedStyle,
  stageColorExpression,
} from "./style";

/** Endorsers on the map: one point feature each (id = endorser id, `step` property), and a colour per step. */
export interface EndorserPoints {
  points: GeoJSON.FeatureCollection<GeoJSON.Point>;
  colors: ReadonlyArray<[string, string]>;
}

/** The reference layer's URL and the label font's files (MapLibre `font-faces`), both served by the app. */
export interface MapAssets {
  referenceUrl: string;
  fontFaces: NonNullable<StyleSpecification["font-faces"]>;
}

const NO_ASSETS: MapAssets = { referenceUrl: 'data:application/json,{"type":"FeatureCollection","features":[]}', fontFaces: {} };

/** A ballot question on the map: each town's class of % yes and whether it is partial, and where it ran. */
export interface BallotColoring {
  classes: ReadonlyMap<number, { ballot: number; partial: boolean }>;
  outline: GeoJSON.FeatureCollection;
}

export interface MapControllerOptions {
  container: HTMLElement;
  scheme: StageScheme;
  /** A MapLibre style URL for a basemap; null draws the self-contained style. */
  basemapStyleUrl: string | null;
  /** Where the self-contained style's reference geometry and label font come from (the app's own server). */
  assets?: MapAssets;
  /** Where the map opens: a centre and zoom, or a box fitted with `padding` pixels (24 by default) inside each edge. */
  initialView: { center: [number, number]; zoom: number } | { bounds: BBox; padding?: number | PaddingOptions };
  /** Draw the world again east and west of ±180° (an inset of Alaska, whose Aleutians cross it). */
  renderWorldCopies?: boolean;
  createMap: (options: MapOptions) => MapLibreMap;
  /** Places an HTML label on the map (a MapLibre Marker); labels need no remote glyphs this way. */
  createLabel?: (map: MapLibreMap, text: string, lngLat: [number, number]) => { remove(): void };
  onSelect: (bodyId: number | null) => void;
  /** Any click, first, as a point: true when it was taken (a "pick on the map"), and then nothing is selected. */
  onClickPoint?: (point: [number, number]) => boolean;
  /** An endorser's point was clicked. */
  onSelectEndorser?: (endorserId: number) => void;
  onHover: (hover: { bodyId: number; x: number; y: number } | null) => void;
  onViewChange: (view: { center: [number, number]; zoom: number }) => void;
  onFirstRender?: () => void;
  /** An absolute URL for a server path (tile URLs must be absolute: MapLibre's workers fetch them); default unchanged. */
  absoluteUrl?: (path: string) => string;
  /** The credit line control (a MapLibre AttributionControl) for the body payload's `attribution`. */
  createAttribution?: (text: string) => IControl;
}

/**
 * Owns the MapLibre map (Placemark's PMap pattern). React feeds it data; it remembers what it
 * last sent so a stage change is a handful of `setFeatureState` calls and never a `setData`.
 */
export class MapController {
  readonly map: MapLibreMap;
  private readonly ready: Promise<void>;
  private scheme: StageScheme;
  private geometry: GeoJSON.FeatureCollection | null = null;
  private sentStages = new Map<number, string>();
  private sentMuted = new Set<number>();
  private sentUnverified = new Set<number>();
  private unverifiedLayerAdded = false;
  private selectedId: number | null = null;
  private hoveredId: number | null = null;
  private features = new Map<number, GeoJSON.Feature>();
  private selectedLabel: { remove(): void } | null = null;
  private districts: GeoJSON.FeatureCollection | null = null;
  private selectedDistrictId: number | null = null;
  private visibleChambers: readonly string[] = [];
  private patternsOn = false;
  private patternScheme: StageScheme | null = null;
  private attribution: { text: string; control: IControl } | null = null;
  private ballot: BallotColoring | null = null;
  private sentBallot = new Map<number, { ballot: number; partial: boolean }>();
  private ballotLayersAdded = false;
  private endorsers: EndorserPoints | null = null;
  private endorserLayersAdded = false;
  /** Drawing the bodies from vector tiles (the slim index's `tiles`): their URL and the campaign's scope as an id filter (null: every body). */
  private tiles: { url: string; filter: FilterSpecification | null } | null = null;

  constructor(private readonly options: MapControllerOptions) {
    this.scheme = options.scheme;
    const view = options.initialView;
    this.map = options.createMap({
      container: options.container,
      style: options.basemapStyleUrl ?? selfContainedStyle(options.scheme, options.assets ?? NO_ASSETS),
      ...("bounds" in view ? { bounds: view.bounds as LngLatBoundsLike, fitBoundsOptions: { padding: view.padding ?? 24 } } : view),
      // The credit comes with the shapes (their `attribution`): a town layer from a state GIS office is not the Census Bureau's.
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      renderWorldCopies: options.renderWorldCopies ?? false,
      canvasContextAttributes: { preserveDrawingBuffer: true },
    } as MapOptions);
    this.map.touchZoomRotate?.disableRotation();

    // Sources exist once the style is parsed ("style.load"); waiting for "load" would also wait for
    // every other source (the reference layer, the font) to be tiled and drawn before the bodies
    // are even handed to MapLibre's worker.
    this.ready = new Promise((resolve) => {
      this.map.once("style.load", () => {
        if (options.basemapStyleUrl) this.addBodyLayers();
        resolve();
      });
    });
    // The map is created before the shapes arrive: its first frame that counts is the first idle with them.
    const firstRender = () => {
      if (!this.geometry) return;
      this.map.off?.("idle", firstRender);
      options.onFirstRender?.();
    };
    this.map.on("idle", firstRender);
    this.map.on("mousemove", BODY_FILL_LAYER, (event) => {
      const id = event.features?.[0]?.id;
      if (typeof id !== "number") return;
      this.setHovered(id);
      this.map.getCanvas().style.cursor = "pointer";
      options.onHover({ bodyId: id, x: event.point.x, y: event.point.y });
    });
    this.map.on("mouseleave", BODY_FILL_LAYER, () => {
      this.setHovered(null);
      this.map.getCanvas().style.cursor = "";
      options.onHover(null);
    });
    this.map.on("click", (event) => {
      if (options.onClickPoint?.([event.lngLat.lng, event.lngLat.lat])) return;
      if (this.endorserLayersAdded && this.endorsers) {
        const [point] = this.map.queryRenderedFeatures(event.point, { layers: [ENDORSER_POINT_LAYER, ENDORSER_CLUSTER_LAYER] });
        if (point?.layer.id === ENDORSER_POINT_LAYER && typeof point.id === "number") return options.onSelectEndorser?.(point.id);
        // A cluster opens up: zoom in two levels on it.
        if (point) return void this.map.easeTo({ center: (point.geometry as GeoJSON.Point).coordinates as [number, number], zoom: this.map.getZoom() + 2 });
      }
      const hit = this.map.queryRenderedFeatures(event.point, { layers: [BODY_FILL_LAYER] })[0];
      options.onSelect(typeof hit?.id === "number" ? hit.id : null);
    });
    this.map.on("moveend", () => {
      const center = this.map.getCenter();
      options.onViewChange({ center: [center.lng, center.lat], zoom: this.map.getZoom() });
    });
  }

  private addBodyLayers() {
    this.map.addSource(BODY_SOURCE, { type: "geojson", data: { type: "FeatureCollection", features: [] } });
    this.map.addSource(DISTRICT_SOURCE, { type: "geojson", data: { type: "FeatureCollection", features: [] } });
    for (const layer of bodyLayers(this.scheme) as Parameters<MapLibreMap["addLayer"]>[0][]) this.map.addLayer(layer);
    // Body names over a basemap too, in the app's own font (the basemap's glyphs may not have it).
    this.map.addSource(BODY_LABEL_SOURCE, { type: "geojson", data: { type: "FeatureCollection", features: [] } });
    this.map.setFontFaces?.({ ...(this.map.getStyle?.()["font-faces"] ?? {}), ...(this.options.assets?.fontFaces ?? {}) });
    this.map.addLayer(bodyLabelLayer() as Parameters<MapLibreMap["addLayer"]>[0]);
  }

  private target(id: number): FeatureIdentifier {
    return this.tiles ? { source: BODY_SOURCE, sourceLayer: BODY_TILE_LAYER, id } : { source: BODY_SOURCE, id };
  }

  /** A body's feature-state as the map holds it (for tests: the same call in either mode). */
  bodyState(bodyId: number): Record<string, unknown> {
    return this.map.getFeatureState(this.target(bodyId));
  }

  /** Whether the bodies are drawn from vector tiles. */
  get tiled(): boolean {
    return this.tiles !== null;
  }

  /** A layer over the bodies as this map draws them: from tiles, their layer and the campaign's scope as a filter. */
  private bodyLayer<L extends LayerSpecification>(layer: L): L {
    if (!this.tiles || !("source" in layer) || layer.source !== BODY_SOURCE) return layer;
    return { ...layer, "source-layer": BODY_TILE_LAYER, ...(this.tiles.filter ? { filter: this.tiles.filter } : {}) };
  }

  /**
   * Swap the body source (GeoJSON for vector tiles, or one tile version for the next): every layer
   * drawing it is taken off and put back in its place, then the feature-state the controller sent
   * (stages, filters, hatches, ballot classes, selection) is sent again, since it lived in the old source.
   */
  private replaceBodySource(source: SourceSpecification) {
    const layers = this.map.getStyle().layers;
    const drawsBodies = (layer: LayerSpecification) => "source" in layer && layer.source === BODY_SOURCE;
    const plan = layers.flatMap((layer, index) => (drawsBodies(layer) ? [{ layer, before: layers.slice(index + 1).find((next) => !drawsBodies(next))?.id }] : []));
    for (const { layer } of plan) this.map.removeLayer(layer.id);
    this.map.removeSource(BODY_SOURCE);
    this.map.addSource(BODY_SOURCE, source);
    for (const { layer, before } of plan) {
      const { "source-layer": _sourceLayer, filter: _filter, ...plain } = layer as LayerSpecification & { "source-layer"?: string; filter?: FilterSpecification };
      this.map.addLayer(this.bodyLayer(plain as LayerSpecification), before);
    }
    for (const [id, stage] of this.sentStages) this.map.setFeatureState(this.target(id), { stage });
    for (const id of this.sentMuted) this.map.setFeatureState(this.target(id), { muted: true });
    for (const id of this.sentUnverified) this.map.setFeatureState(this.target(id), { unverified: true });
    for (const [id, state] of this.sentBallot) this.map.setFeatureState(this.target(id), state);
    if (this.selectedId !== null) this.map.setFeatureState(this.target(this.selectedId), { selected: true });
    this.hoveredId = null;
  }

  /**
   * Bodies from tiles: the source becomes the index's tile URL (once per body-set version), and a
   * campaign that counts fewer bodies than the tiles hold shows only its own (an id filter: MapLibre
   * looks a `match` label up in a table, so 35,000 ids cost no more per feature than ten).
   */
  private showTiles(index: BodyIndexMembers, ids: number[]) {
    const filter: FilterSpecification | null =
      ids.length >= index.bodyCount ? null : ids.length === 0 ? ["==", 1, 0] : (["match", ["id"], ids, true, false] as unknown as FilterSpecification);
    const url = (this.options.absoluteUrl ?? ((path: string) => path))(index.tiles);
    if (this.tiles?.url !== url) {
      this.tiles = { url, filter };
      this.replaceBodySource({ type: "vector", tiles: [url], minzoom: 0, maxzoom: BODY_TILE_MAX_ZOOM });
    } else if (JSON.stringify(filter) !== JSON.stringify(this.tiles.filter)) {
      this.tiles.filter = filter;
      for (const layer of this.map.getStyle().layers) if ("source" in layer && layer.source === BODY_SOURCE) this.map.setFilter(layer.id, filter);
    }
  }

  /**
   * The first view, once the shapes say where they are (the map is created before they arrive):
   * applied only while no shapes have been drawn, so it never moves a map the reader is using.
   */
  showInitialView(view: MapControllerOptions["initialView"]): void {
    if (this.geometry) return;
    if ("bounds" in view) this.map.fitBounds(view.bounds as LngLatBoundsLike, { padding: view.padding ?? 24, duration: 0 });
    else this.map.jumpTo(view);
  }

  /** Upload geometry. Called once per change of the body set, never for a stage change. */
  async setBodies(geometry: GeoJSON.FeatureCollection): Promise<void> {
    if (geometry === this.geometry) return;
    await this.ready;
    this.geometry = geometry;
    this.features = new Map(geometry.features.map((feature) => [feature.id as number, feature]));
    const index = bodyIndexMembers(geometry);
    if (index) {
      this.showTiles(
        index,
        geometry.features.map((feature) => feature.id as number),
      );
    } else {
      // Back from tiles (the body set shrank below the threshold): a GeoJSON source again.
      if (this.tiles) {
        this.tiles = null;
        this.replaceBodySource({ type: "geojson", data: { type: "FeatureCollection", features: [] } });
      }
      (this.map.getSource(BODY_SOURCE) as { setData(data: GeoJSON.FeatureCollection): void } | undefined)?.setData(geometry);
    }
    (this.map.getSource(BODY_LABEL_SOURCE) as { setData(data: GeoJSON.FeatureCollection): void } | undefined)?.setData(labelPoints(geometry));
    this.updateSelectedLabel();
    this.setAttribution((geometry as { attribution?: unknown }).attribution);
  }

  private setAttribution(text: unknown): void {
    if (typeof text !== "string" || !this.options.createAttribution || this.attribution?.text === text) return;
    if (this.attribution) this.map.removeControl(this.attribution.control);
    const control = this.options.createAttribution(text);
    this.map.addControl(control);
    this.attribution = { text, control };
  }

  /** Recolour by stage: only bodies whose stage changed since the last call get a new feature-state. */
  async setStages(stages: ReadonlyMap<number, string>): Promise<void> {
    await this.ready;
    for (const [id, stage] of stages) {
      if (this.sentStages.get(id) === stage) continue;
      this.map.setFeatureState(this.target(id), { stage });
      this.sentStages.set(id, stage);
    }
  }

  async setScheme(scheme: StageScheme): Promise<void> {
    if (scheme === this.scheme) return;
    await this.ready;
    this.scheme = scheme;
    if (!this.ballot) this.map.setPaintProperty(BODY_FILL_LAYER, "fill-color", stageColorExpression(scheme));
    if (this.patternsOn) this.installPatterns();
  }

  /** Draw a pattern per stage over the colours (colour-blind readers, greyscale prints). */
  async setPatterns(on: boolean): Promise<void> {
    await this.ready;
    if (on === this.patternsOn) return;
    this.patternsOn = on;
    if (on && this.patternScheme !== this.scheme) this.installPatterns();
    else for (const stage of this.scheme.stages) this.map.setLayoutProperty(patternLayerId(stage.id), "visibility", on ? "visible" : "none");
  }

  /** Images and layers for the current scheme's patterns (added once; rebuilt when the scheme changes). */
  private installPatterns() {
    for (const stage of this.patternScheme?.stages ?? []) {
      if (this.map.getLayer(patternLayerId(stage.id))) this.map.removeLayer(patternLayerId(stage.id));
      if (this.map.hasImage(patternImageId(stage.id))) this.map.removeImage(patternImageId(stage.id));
    }
    this.scheme.stages.forEach((stage, index) => this.map.addImage(patternImageId(stage.id), stagePatternPixels(index, stage.color)));
    for (const layer of patternLayers(this.scheme, this.patternsOn) as LayerSpecification[]) this.map.addLayer(this.bodyLayer(layer), BODY_OUTLINE_LAYER);
    this.patternScheme = this.scheme;
  }

  /** Resolves once the map has drawn everything sent so far (the print page waits on it). */
  async whenIdle(): Promise<void> {
    await this.ready;
    await new Promise<void>((resolve) => {
      this.map.once("idle", () => resolve());
      this.map.triggerRepaint();
    });
  }

  /** Mute every body whose stage is not in `visible` (null shows all). */
  async setVisibleStages(visible: readonly string[] | null, stages: ReadonlyMap<number, string>): Promise<void> {
    await this.ready;
    const muted = new Set<number>();
    if (visible) for (const [id, stage] of stages) if (!visible.includes(stage)) muted.add(id);
    for (const id of this.sentMuted) if (!muted.has(id)) this.map.setFeatureState(this.target(id), { muted: false });
    for (const id of muted) if (!this.sentMuted.has(id)) this.map.setFeatureState(this.target(id), { muted: true });
    this.sentMuted = muted;
  }

  /**
   * Hatch the passes no organizer has verified (an empty set hatches none). Only feature-state
   * changes, like a recolour; the hatch image and layer are added the first time one is needed.
   */
  async setUnverified(unverified: ReadonlySet<number>): Promise<void> {
    await this.ready;
    if (!this.unverifiedLayerAdded && unverified.size > 0) {
      if (!this.map.hasImage(UNVERIFIED_HATCH_IMAGE)) this.map.addImage(UNVERIFIED_HATCH_IMAGE, unverifiedHatchPixels());
      this.map.addLayer(this.bodyLayer(unverifiedLayer(BODY_SOURCE)), BODY_OUTLINE_LAYER);
      if (this.ballot) this.map.setLayoutProperty(UNVERIFIED_LAYER, "visibility", "none");
      this.unverifiedLayerAdded = true;
    }
    for (const id of this.sentUnverified) if (!unverified.has(id)) this.map.setFeatureState(this.target(id), { unverified: false });
    for (const id of unverified) if (!this.sentUnverified.has(id)) this.map.setFeatureState(this.target(id), { unverified: true });
    this.sentUnverified = new Set(unverified);
  }

  async setSelected(bodyId: number | null): Promise<void> {
    await this.ready;
    if (this.selectedId === bodyId) return;
    if (this.selectedId !== null) this.map.setFeatureState(this.target(this.selectedId), { selected: false });
    if (bodyId !== null) this.map.setFeatureState(this.target(bodyId), { selected: true });
    this.selectedId = bodyId;
    this.updateSelectedLabel();
  }

  private updateSelectedLabel() {
    this.selectedLabel?.remove();
    this.selectedLabel = null;
    const feature = this.selectedId === null ? undefined : this.features.get(this.selectedId);
    if (!feature || !this.options.createLabel) return;
    const name = String((feature.properties as { name?: unknown } | null)?.name ?? "");
    this.selectedLabel = this.options.createLabel(this.map, name, featureLabelPoint(feature));
  }

  private setHovered(bodyId: number | null) {
    if (this.hoveredId === bodyId) return;
    if (this.hoveredId !== null) this.map.setFeatureState(this.target(this.hoveredId), { hover: false });
    if (bodyId !== null) this.map.setFeatureState(this.target(bodyId), { hover: true });
    this.hoveredId = bodyId;
  }

  /**
   * Colour towns by a ballot question's % yes (class per body, partial towns hatched, the outline
   * of where it ran), or back to stages with null. Only feature-state changes, never geometry.
   */
  async setBallot(ballot: BallotColoring | null): Promise<void> {
    await this.ready;
    if (ballot === this.ballot) return;
    if (!this.ballotLayersAdded) {
      this.map.addSource(BALLOT_OUTLINE_SOURCE, { type: "geojson", data: { type: "FeatureCollection", features: [] } });
      if (!this.map.hasImage(BALLOT_HATCH_IMAGE)) this.map.addImage(BALLOT_HATCH_IMAGE, ballotHatchPixels());
      for (const layer of ballotLayers(BODY_SOURCE) as LayerSpecification[]) this.map.addLayer(this.bodyLayer(layer));
      this.ballotLayersAdded = true;
    }
    this.ballot = ballot;
    const wanted = ballot?.classes ?? new Map<number, { ballot: number; partial: boolean }>();
    for (const [id] of this.sentBallot) if (!wanted.has(id)) this.map.setFeatureState(this.target(id), { ballot: -1, partial: false });
    for (const [id, state] of wanted) {
      const sent = this.sentBallot.get(id);
      if (sent?.ballot !== state.ballot || sent.partial !== state.partial) this.map.setFeatureState(this.target(id), state);
    }
    this.sentBallot = new Map(wanted);
    (this.map.getSource(BALLOT_OUTLINE_SOURCE) as { setData(data: GeoJSON.FeatureCollection): void } | undefined)?.setData(
      ballot?.outline ?? { type: "FeatureCollection", features: [] },
    );
    const visibility = ballot ? "visible" : "none";
    this.map.setLayoutProperty(BALLOT_PARTIAL_LAYER, "visibility", visibility);
    this.map.setLayoutProperty(BALLOT_OUTLINE_LAYER, "visibility", visibility);
    this.map.setPaintProperty(BODY_FILL_LAYER, "fill-color", ballot ? ballotColorExpression() : stageColorExpression(this.scheme));
    // Stage patterns and the unverified hatch would contradict the ballot colours: hidden while the mode is on.
    if (this.unverifiedLayerAdded) this.map.setLayoutProperty(UNVERIFIED_LAYER, "visibility", visibility === "visible" ? "none" : "visible");
    if (this.patternScheme)
      for (const stage of this.scheme.stages) this.map.setLayoutProperty(patternLayerId(stage.id), "visibility", this.patternsOn && !ballot ? "visible" : "none");
  }

  /**
   * Show endorsers as points coloured by step, clustered at low zoom; null hides them. The source
   * and layers are added the first time (over the bodies and districts).
   */
  async setEndorsers(endorsers: EndorserPoints | null): Promise<void> {
    await this.ready;
    if (endorsers === this.endorsers) return;
    if (!this.endorserLayersAdded && endorsers) {
      this.map.addSource(ENDORSER_SOURCE, { type: "geojson", data: endorsers.points, cluster: true, clusterMaxZoom: 8, clusterRadius: 30 });
      for (const layer of endorserLayers(endorsers.colors) as Parameters<MapLibreMap["addLayer"]>[0][]) this.map.addLayer(layer);
      this.endorserLayersAdded = true;
    } else if (this.endorserLayersAdded && endorsers) {
      if (endorsers.points !== this.endorsers?.points)
        (this.map.getSource(ENDORSER_SOURCE) as { setData(data: GeoJSON.FeatureCollection): void } | undefined)?.setData(endorsers.points);
      this.map.setPaintProperty(ENDORSER_POINT_LAYER, "circle-color", endorserColorExpression(endorsers.colors));
    }
    if (this.endorserLayersAdded)
      for (const layer of [ENDORSER_POINT_LAYER, ENDORSER_CLUSTER_LAYER]) this.map.setLayoutProperty(layer, "visibility", endorsers ? "visible" : "none");
    this.endorsers = endorsers;
  }

  /** Upload district outlines (once per change of the current plans). */
  async setDistricts(districts: GeoJSON.FeatureCollection): Promise<void> {
    if (districts === this.districts) return;
    await this.ready;
    this.districts = districts;
    (this.map.getSource(DISTRICT_SOURCE) as { setData(data: GeoJSON.FeatureCollection): void } | undefined)?.setData(districts);
  }

  async setVisibleChambers(chambers: readonly string[]): Promise<void> {
    await this.ready;
    for (const chamber of Object.keys(DISTRICT_LINE_STYLES)) {
      const visible = chambers.includes(chamber);
      if (visible !== this.visibleChambers.includes(chamber)) {
        this.map.setLayoutProperty(districtLayerId(chamber), "visibility", visible ? "visible" : "none");
      }
    }
    this.visibleChambers = [...chambers];
  }

  async setSelectedDistrict(districtId: number | null): Promise<void> {
    await this.ready;
    if (districtId === this.selectedDistrictId) return;
    const target = (id: number): FeatureIdentifier => ({ source: DISTRICT_SOURCE, id });
    if (this.selectedDistrictId !== null) this.map.setFeatureState(target(this.selectedDistrictId), { selected: false });
    if (districtId !== null) this.map.setFeatureState(target(districtId), { selected: true });
    this.selectedDistrictId = districtId;
  }

  flyToBBox(bbox: BBox): void {
    this.map.fitBounds(bbox as LngLatBoundsLike, { padding: { top: 80, bottom: 80, left: 80, right: 420 }, maxZoom: 10, duration: 900 });
  }

  /** Screen position of a point inside the body (for tests and labels), or null when unknown. */
  screenPointOf(bodyId: number): { x: number; y: number } | null {
    const feature = this.features.get(bodyId);
    if (!feature) return null;
    const [lon, lat] = featureLabelPoint(feature);
    const point = this.map.project([lon, lat]);
    return { x: point.x, y: point.y };
  }

  geometryOf(bodyId: number): GeoJSON.Geometry | null {
    return this.features.get(bodyId)?.geometry ?? null;
  }

  destroy(): void {
    this.map.remove();
  }
}

export type { StyleSpecification };
