import fs from "node:fs";
import { createRequire } from "node:module";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { stateByFips } from "../../shared/ids/usps";
import type { NewBody } from "../../shared/model/body";

/**
 * The demo's real geography: US counties (and county equivalents) from the `us-atlas` package,
 * Census Bureau cartographic boundaries 1:10,000,000 in lon/lat, as county boards.
 */
export function readUsAtlasCounties(): NewBody[] {
  const require = createRequire(import.meta.url);
  const file = require.resolve("us-atlas/counties-10m.json");
  const topology = JSON.parse(fs.readFileSync(file, "utf8")) as Topology<{ counties: GeometryCollection<{ name: string }> }>;
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
