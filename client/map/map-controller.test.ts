import type { LayerSpecification, Map as MapLibreMap, MapOptions, StyleSpecification } from "maplibre-gl";
import { describe, expect, it, vi } from "vitest";
import { defaultStageScheme } from "../../shared/model/stage";
import { MapController } from "./map-controller";

/** The parts of a MapLibre map the controller touches, recording every call. */
function fakeMap() {
  const listeners = new Map<string, Array<(...args: unknown[]) => void>>();
  const source = { setData: vi.fn() };
  const map = {
    setFeatureState: vi.fn(),
    setPaintProperty: vi.fn(),
    setLayoutProperty: vi.fn(),
    getSource: vi.fn(() => source),
    addSource: vi.fn(),
    addLayer: vi.fn(),
    addImage: vi.fn(),
    hasImage: vi.fn(() => false),
    // map.on(event, listener) is recorded; map.on(event, layer, listener) is not needed here.
    on: vi.fn((event: string, listener: unknown) => {
      if (typeof listener === "function") listeners.set(event, [...(listeners.get(event) ?? []), listener as () => void]);
    }),
    off: vi.fn((event: string, listener: () => void) =>
      listeners.set(
        event,
        (listeners.get(event) ?? []).filter((known) => known !== listener),
      ),
    ),
    once: vi.fn((event: string, listener: () => void) => {
      const once = () => {
        listeners.set(
          event,
          (listeners.get(event) ?? []).filter((known) => known !== once),
        );
        listener();
      };
      listeners.set(event, [...(listeners.get(event) ?? []), once]);
    }),
    fitBounds: vi.fn(),
    jumpTo: vi.fn(),
    getCanvas: () => ({ style: {} }),
    remove: vi.fn(),
    fire: (event: string) => [...(listeners.get(event) ?? [])].forEach((listener) => listener()),
  };
  return { map, source };
}

function controllerWith(map: ReturnType<typeof fakeMap>["map"]) {
  const controller = new MapController({
    container: {} as HTMLElement,
    scheme: defaultStageScheme,
    basemapStyleUrl: null,
    initialView: { center: [0, 0], zoom: 2 },
    createMap: () => map as unknown as MapLibreMap,
    onSelect: () => undefined,
    onHover: () => undefined,
    onViewChange: () => undefined,
  });
  map.fire("style.load");
  return controller;
}

const square = (x: number): GeoJSON.Feature => ({
  type: "Feature",
  id: x,
  properties: { name: `Body ${x}` },
  geometry: {
    type: "Polygon",
    coordinates: [
      [
        [x, 0],
        [x + 1, 0],
        [x + 1, 1],
        [x, 1],
        [x, 0],
      ],
    ],
  },
});

describe("MapController", () => {
  it("colours a ballot question through feature-state, clears towns left out, and goes back to stages", async () => {
    const { map, source } = fakeMap();
    const controller = controllerWith(map);
    await controller.setBodies({ type: "FeatureCollection", features: [square(1), square(2), square(3)] });
    source.setData.mockClear();
    const outline: GeoJSON.FeatureCollection = { type: "FeatureCollection", features: [] };
    await controller.setBallot({
      classes: new Map([
        [1, { ballot: 5, partial: false }],
        [2, { ballot: 2, partial: true }],
      ]),
      outline,
    });
    expect(map.setFeatureState.mock.calls).toEqual([
      [
        { source: "bodies", id: 1 },
        { ballot: 5, partial: false },
      ],
      [
        { source: "bodies", id: 2 },
        { ballot: 2, partial: true },
      ],
    ]);
    expect(map.setPaintProperty).toHaveBeenLastCalledWith("body-fill", "fill-color", expect.arrayContaining([["coalesce", ["feature-state", "ballot"], -1]]));
    expect(source.setData).toHaveBeenCalledWith(outline);

    map.setFeatureState.mockClear();
    await controller.setBallot({ classes: new Map([[2, { ballot: 2, partial: true }]]), outline });
    expect(map.setFeatureState.mock.calls).toEqual([
      [
        { source: "bodies", id: 1 },
        { ballot: -1, partial: false },
      ],
    ]);

    await controller.setBallot(null);
    expect(map.setPaintProperty).toHaveBeenLastCalledWith("body-fill", "fill-color", expect.arrayContaining([["coalesce", ["feature-state", "stage"], ""]]));
    expect(map.setLayoutProperty).toHaveBeenCalledWith("ballot-partial", "visibility", "none");
  });

  it("recolours a stage change through feature-state only, never re-uploading geometry", async () => {
    const { map, source } = fakeMap();
    const controller = controllerWith(map);
    const geometry: GeoJSON.FeatureCollection = { type: "FeatureCollection", features: [square(1), square(2), square(3)] };
    await controller.setBodies(geometry);
    await controller.setStages(
      new Map([
        [1, "organizing"],
        [2, "passed"],
        [3, "not_started"],
      ]),
    );
    // One upload of the shapes, one of their label points (a point inside each, named).
    expect(source.setData).toHaveBeenCalledTimes(2);
    expect(source.setData.mock.calls[0]![0]).toBe(geometry);
    const labels = source.setData.mock.calls[1]![0] as GeoJSON.FeatureCollection<GeoJSON.Point>;
    expect(labels.features.map((feature) => [feature.id, feature.properties?.name, feature.geometry.coordinates])).toEqual([
      [1, "Body 1", [1.5, 0.5]],
      [2, "Body 2", [2.5, 0.5]],
      [3, "Body 3", [3.5, 0.5]],
    ]);
    expect(map.setFeatureState).toHaveBeenCalledTimes(3);

    map.setFeatureState.mockClear();
    await controller.setBodies(geometry); // same payload again: no upload
    await controller.setStages(
      new Map([
        [1, "sponsor_found"],
        [2, "passed"],
        [3, "not_started"],
      ]),
    );
    expect(source.setData).toHaveBeenCalledTimes(2);
    expect(map.setFeatureState).toHaveBeenCalledTimes(1);
    expect(map.setFeatureState).toHaveBeenCalledWith({ source: "bodies", id: 1 }, { stage: "sponsor_found" });
  });

  it("hands the shapes over once the style is parsed, not after a first full load, and reports the first frame that has them", async () => {
    const { map, source } = fakeMap();
    const rendered = vi.fn();
    const controller = new MapController({
      container: {} as HTMLElement,
      scheme: defaultStageScheme,
      basemapStyleUrl: null,
      initialView: { center: [-96, 38], zoom: 3 },
      createMap: () => map as unknown as MapLibreMap,
      onSelect: () => undefined,
      onHover: () => undefined,
      onViewChange: () => undefined,
      onFirstRender: rendered,
    });
    map.fire("idle"); // the empty map settles before the shapes arrive: not the frame anyone waits for
    expect(rendered).not.toHaveBeenCalled();
    controller.showInitialView({ bounds: [1, 0, 4, 1], padding: 24 });
    expect(map.fitBounds).toHaveBeenCalledWith([1, 0, 4, 1], { padding: 24, duration: 0 });
    const uploaded = controller.setBodies({ type: "FeatureCollection", features: [{ ...square(1), label: [1.25, 0.75] } as GeoJSON.Feature] });
    map.fire("style.load");
    await uploaded;
    expect(source.setData).toHaveBeenCalledTimes(2);
    // The server's label point is used as it is.
    expect((source.setData.mock.calls[1]![0] as GeoJSON.FeatureCollection<GeoJSON.Point>).features[0]!.geometry.coordinates).toEqual([1.25, 0.75]);
    controller.showInitialView({ center: [0, 0], zoom: 9 }); // shapes drawn: the reader's view is left alone
    expect(map.jumpTo).not.toHaveBeenCalled();
    map.fire("idle");
    map.fire("idle");
    expect(rendered).toHaveBeenCalledTimes(1);
  });

  it("hatches unverified passes through feature-state only: the image and layer once, then only the bodies that changed", async () => {
    const { map, source } = fakeMap();
    const controller = controllerWith(map);
    await controller.setBodies({ type: "FeatureCollection", features: [square(1), square(2), square(3)] });
    await controller.setUnverified(new Set());
    expect(map.addLayer).not.toHaveBeenCalledWith(expect.objectContaining({ id: "body-unverified" }), expect.anything());
    source.setData.mockClear();
    map.setFeatureState.mockClear();

    await controller.setUnverified(new Set([1, 2]));
    expect(map.addImage).toHaveBeenCalledWith("unverified-hatch", expect.objectContaining({ width: 10, height: 10 }));
    expect(map.addLayer).toHaveBeenCalledWith(
      expect.objectContaining({ id: "body-unverified", paint: expect.objectContaining({ "fill-pattern": "unverified-hatch" }) }),
      "body-outline",
    );
    expect(map.setFeatureState.mock.calls).toEqual([
      [{ source: "bodies", id: 1 }, { unverified: true }],
      [{ source: "bodies", id: 2 }, { unverified: true }],
    ]);

    // Body 2 is verified, body 3 reported passed: two calls, no upload, the layer not added again.
    map.setFeatureState.mockClear();
    map.addLayer.mockClear();
    await controller.setUnverified(new Set([1, 3]));
    expect(map.setFeatureState.mock.calls).toEqual([
      [{ source: "bodies", id: 2 }, { unverified: false }],
      [{ source: "bodies", id: 3 }, { unverified: true }],
    ]);
    expect(map.addLayer).not.toHaveBeenCalled();
    expect(source.setData).not.toHaveBeenCalled();
  });

  it("credits the payload's boundary sources in the attribution, not the Census Bureau by default", async () => {
    const { map } = fakeMap();
    const controls: Array<{ text: string }> = [];
    const created: MapOptions[] = [];
    const controller = new MapController({
      container: {} as HTMLElement,
      scheme: defaultStageScheme,
      basemapStyleUrl: null,
      initialView: { center: [0, 0], zoom: 2 },
      createMap: (options) => {
        created.push(options);
        return map as unknown as MapLibreMap;
      },
      createAttribution: (text) => ({ text, onAdd: () => ({}) as HTMLElement, onRemove: () => undefined }),
      onSelect: () => undefined,
      onHover: () => undefined,
      onViewChange: () => undefined,
    });
    Object.assign(map, { addControl: vi.fn((control: { text: string }) => controls.push(control)), removeControl: vi.fn() });
    map.fire("style.load");
    expect(created[0]!.attributionControl).toBe(false);
    const rigis = { type: "FeatureCollection", attribution: "Boundaries: RIGIS municipalities", features: [square(1)] } as GeoJSON.FeatureCollection;
    await controller.setBodies(rigis);
    await controller.setBodies({ ...rigis, features: [square(1), square(2)] });
    expect(controls.map((control) => control.text)).toEqual(["Boundaries: RIGIS municipalities"]);
    await controller.setBodies({ ...rigis, attribution: "Boundaries: RIGIS municipalities, wards.geojson" } as GeoJSON.FeatureCollection);
    expect(controls.map((control) => control.text)).toEqual(["Boundaries: RIGIS municipalities", "Boundaries: RIGIS municipalities, wards.geojson"]);
    expect((map as unknown as { removeControl: ReturnType<typeof vi.fn> }).removeControl).toHaveBeenCalledWith(controls[0]);
  });

  it("mutes only the bodies that leave the filter and unmutes them when it clears", async () => {
    const { map } = fakeMap();
    const controller = controllerWith(map);
    const stages = new Map([
      [1, "passed"],
      [2, "failed"],
      [3, "passed"],
    ]);
    await controller.setVisibleStages(["passed"], stages);
    expect(map.setFeatureState.mock.calls).toEqual([[{ source: "bodies", id: 2 }, { muted: true }]]);
    map.setFeatureState.mockClear();
    await controller.setVisibleStages(null, stages);
    expect(map.setFeatureState.mock.calls).toEqual([[{ source: "bodies", id: 2 }, { muted: false }]]);
  });

  it("moves the selection highlight from one body to the next", async () => {
    const { map } = fakeMap();
    const controller = controllerWith(map);
    await controller.setSelected(4);
    await controller.setSelected(5);
    expect(map.setFeatureState.mock.calls).toEqual([
      [{ source: "bodies", id: 4 }, { selected: true }],
      [{ source: "bodies", id: 4 }, { selected: false }],
      [{ source: "bodies", id: 5 }, { selected: true }],
    ]);
  });
});

describe("district layers", () => {
  it("shows and hides chambers by layout visibility, touching only layers that change", async () => {
    const { map } = fakeMap();
    const controller = controllerWith(map);
    await controller.setVisibleChambers(["state_lower"]);
    await controller.setVisibleChambers(["state_lower", "congressional"]);
    await controller.setVisibleChambers(["congressional"]);
    expect(map.setLayoutProperty.mock.calls).toEqual([
      ["district-state_lower", "visibility", "visible"],
      ["district-congressional", "visibility", "visible"],
      ["district-state_lower", "visibility", "none"],
    ]);
  });
});

describe("bodies from vector tiles", () => {
  /** The fake map, keeping its layer list in order as MapLibre does (add before, remove). */
  function tiledMap() {
    const { map, source } = fakeMap();
    let layers: LayerSpecification[] = [];
    const removeSource = vi.fn();
    const setFilter = vi.fn();
    Object.assign(map, {
      getStyle: () => ({ layers }),
      removeLayer: (id: string) => (layers = layers.filter((layer) => layer.id !== id)),
      removeSource,
      setFilter,
    });
    map.addLayer.mockImplementation(((layer: LayerSpecification, before?: string) => {
      const at = before ? layers.findIndex((known) => known.id === before) : -1;
      if (at < 0) layers.push(layer);
      else layers.splice(at, 0, layer);
    }) as () => void);
    const controller = new MapController({
      container: {} as HTMLElement,
      scheme: defaultStageScheme,
      basemapStyleUrl: null,
      initialView: { center: [0, 0], zoom: 2 },
      createMap: (options) => {
        layers = [...(options.style as StyleSpecification).layers];
        return map as unknown as MapLibreMap;
      },
      absoluteUrl: (path) => `http://groundswell.test${path}`,
      onSelect: () => undefined,
      onHover: () => undefined,
      onViewChange: () => undefined,
    });
    map.fire("style.load");
    return { map, source, controller, removeSource, setFilter, layers: () => layers };
  }

  /** A slim index of bodies 1…n (a point each, with box and label) for tile version `version`. */
  const slimIndex = (ids: number[], bodyCount: number, version = "v1") =>
    ({
      type: "FeatureCollection",
      tiles: `/geo/bodies/${version}/{z}/{x}/{y}.pbf`,
      bodyCount,
      features: ids.map((id) => ({
        type: "Feature",
        id,
        bbox: [id, 0, id + 1, 1],
        label: [id + 0.5, 0.5],
        properties: { name: `Body ${id}` },
        geometry: { type: "Point", coordinates: [id + 0.5, 0.5] },
      })),
    }) as unknown as GeoJSON.FeatureCollection;

  const bodyLayers = (layers: LayerSpecification[]) => layers.filter((layer) => "source" in layer && layer.source === "bodies");

  it("swaps the GeoJSON source for the tiles, keeps every layer in its place, and sends the stages already set again", async () => {
    const { map, source, controller, removeSource, layers } = tiledMap();
    const order = layers().map((layer) => layer.id);
    await controller.setStages(new Map([[1, "passed"]]));
    map.setFeatureState.mockClear();

    await controller.setBodies(slimIndex([1, 2, 3], 3));
    expect(removeSource).toHaveBeenCalledWith("bodies");
    expect(map.addSource).toHaveBeenCalledWith("bodies", { type: "vector", tiles: ["http://groundswell.test/geo/bodies/v1/{z}/{x}/{y}.pbf"], minzoom: 0, maxzoom: 12 });
    expect(layers().map((layer) => layer.id)).toEqual(order);
    expect(bodyLayers(layers()).map((layer) => layer.id)).toEqual(["body-fill", "body-outline", "body-highlight"]);
    for (const layer of bodyLayers(layers())) expect(layer).toMatchObject({ "source-layer": "bodies" });
    for (const layer of bodyLayers(layers())) expect(layer).not.toHaveProperty("filter");
    expect(map.setFeatureState.mock.calls).toEqual([[{ source: "bodies", sourceLayer: "bodies", id: 1 }, { stage: "passed" }]]);
    // Only the names are uploaded (a point per body, from the index); the shapes come from the tiles.
    expect(source.setData).toHaveBeenCalledTimes(1);
    expect((source.setData.mock.calls[0]![0] as GeoJSON.FeatureCollection).features.map((feature) => feature.properties?.name)).toEqual(["Body 1", "Body 2", "Body 3"]);

    // A recolour stays feature-state only, addressed to the tile layer.
    map.setFeatureState.mockClear();
    await controller.setStages(
      new Map([
        [1, "passed"],
        [2, "organizing"],
      ]),
    );
    expect(map.setFeatureState.mock.calls).toEqual([[{ source: "bodies", sourceLayer: "bodies", id: 2 }, { stage: "organizing" }]]);
    expect(source.setData).toHaveBeenCalledTimes(1);
  });

  it("shows only the campaign's bodies with an id filter, changed in place when the scope changes, and a new source per body-set version", async () => {
    const { map, controller, setFilter, layers } = tiledMap();
    await controller.setBodies(slimIndex([1, 2], 3));
    for (const layer of bodyLayers(layers())) expect(layer).toMatchObject({ filter: ["match", ["id"], [1, 2], true, false] });
    // Layers added later over the bodies (the unverified hatch) get the tile layer and the filter too.
    await controller.setUnverified(new Set([1]));
    expect(layers().find((layer) => layer.id === "body-unverified")).toMatchObject({ "source-layer": "bodies", filter: ["match", ["id"], [1, 2], true, false] });

    await controller.setBodies(slimIndex([1, 2, 3], 3));
    expect(setFilter.mock.calls.map(([id, filter]) => [id, filter])).toEqual(bodyLayers(layers()).map((layer) => [layer.id, null]));
    expect(map.addSource).toHaveBeenCalledTimes(1);

    map.setFeatureState.mockClear();
    await controller.setBodies(slimIndex([1, 2, 3, 4], 4, "v2"));
    expect(map.addSource).toHaveBeenLastCalledWith("bodies", expect.objectContaining({ tiles: ["http://groundswell.test/geo/bodies/v2/{z}/{x}/{y}.pbf"] }));
    // The hatch lived in the old source: sent again to the new one.
    expect(map.setFeatureState.mock.calls).toEqual([[{ source: "bodies", sourceLayer: "bodies", id: 1 }, { unverified: true }]]);
  });
});
