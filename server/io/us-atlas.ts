import fs from "node:fs";
import { createRequire } from "node:module";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { labelPoints } from "../../shared/geo/label-points";
import { stateByFips } from "../../shared/ids/usps";
import type { NewBody } from "../../shared/model/body";

/**
 * The demo's real geography: US counties (and county equivalents) from the `us-atlas` package,
 * Census Bureau cartographic boundaries 1:10,000,000 in lon/lat, as county boards.
 */
type UsAtlas = Topology<{ counties: GeometryCollection<{ name: string }>; states: GeometryCollection<{ name: string }>; nation: GeometryCollection }>;

function readUsAtlas(): UsAtlas {
  const require = createRequire(import.meta.url);
  return JSON.parse(fs.readFileSync(require.resolve("us-atlas/counties-10m.json"), "utf8")) as UsAtlas;
}

export function readUsAtlasCounties(): NewBody[] {
  const topology = readUsAtlas();
  const collection = feature(topology, topology.objects.counties);
  return collection.features.flatMap((county) => {
    const geoid = String(county.id);
    const state = stateByFips(geoid.slice(0, 2));
    if (!county.geometry || (county.geometry.type !== "Polygon" && county.geometry.type !== "MultiPolygon")) return [];
    return [
      {
        name: countyName(county.properties.name, geoid),
        kind: "county_board" as const,
        state: state?.usps ?? null,
        geoid,
        ocdDivisionId: null,
        parentId: null,
        geometry: county.geometry,
      },
    ];
  });
}

/** Census-style names: "Suffolk County", "Orleans Parish", "Baltimore city", "Ponce Municipio". */
export function countyName(name: string, geoid: string): string {
  const stateFips = geoid.slice(0, 2);
  const countyCode = Number(geoid.slice(2));
  if (stateFips === "11") return name;
  if (stateFips === "22") return `${name} Parish`;
  if (stateFips === "72") return `${name} Municipio`;
  if (stateFips === "02") return name;
  if (countyCode >= 510) return /city$/i.test(name) ? name : `${name} city`;
  return `${name} County`;
}

/** The reference layer's kinds of feature (the `layer` property), drawn under and over the bodies. */
export type ReferenceLayer = "land" | "state_border" | "county_border" | "state_label";

/** About 100 m: plenty for borders drawn at 1:10,000,000. */
const round = (value: number) => Math.round(value * 1000) / 1000;
function roundCoordinates(coordinates: unknown): unknown {
  if (typeof (coordinates as number[])[0] === "number") return (coordinates as number[]).map(round);
  return (coordinates as unknown[]).map(roundCoordinates);
}

/**
 * The map's reference layer, from the shipped `us-atlas` package (no network): the land (so the
 * sea and the Great Lakes read as water), state borders, county borders within each state, and one
 * label point per state. Each feature carries its `layer`.
 */
export function readUsAtlasReference(): GeoJSON.Feature[] {
  const topology = readUsAtlas();
  const stateOf = (county: { id?: string | number }) => String(county.id).slice(0, 2);
  const line = (layer: ReferenceLayer, geometry: GeoJSON.MultiLineString): GeoJSON.Feature => ({
    type: "Feature",
    properties: { layer },
    geometry: { type: "MultiLineString", coordinates: roundCoordinates(geometry.coordinates) as GeoJSON.Position[][] },
  });
  const land = feature(topology, topology.objects.nation).features.map((nation): GeoJSON.Feature => ({
    type: "Feature",
    properties: { layer: "land" },
    geometry: { ...nation.geometry, coordinates: roundCoordinates((nation.geometry as GeoJSON.MultiPolygon).coordinates) } as GeoJSON.MultiPolygon,
  }));
  const states = feature(topology, topology.objects.states);
  return [
    ...land,
    line(
      "county_border",
      mesh(topology, topology.objects.counties, (a, b) => a !== b && stateOf(a) === stateOf(b)),
    ),
    line(
      "state_border",
      mesh(topology, topology.objects.states, (a, b) => a !== b),
    ),
    ...labelPoints(states).features.map((point) => ({ ...point, id: undefined, properties: { ...point.properties, layer: "state_label" } })),
  ];
}
