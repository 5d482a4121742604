import type { ImportFeature } from "../../shared/model/boundary";
import type { LegislatorRecord } from "../../shared/model/legislator";
import type { Db } from "../../server/db/connect";
import { importBodies, importDistricts } from "../../server/domain/imports";
import { importLegislators } from "../../server/domain/legislators";
import { recomputeOverlaps } from "../../server/domain/overlaps";
import { squarePolygon } from "./factories";

/**
 * A small Vermont for legislator, coverage and hub tests (the squares are 0.02° a side):
 *
 *   House 1: -72.90 … -72.87            House 2: -72.87 … -72.78
 *   | Ashby (1,000) | Brookfield (3,000) | Carlton (6,000) |  gap 0.04°  | Dover (2,000) |
 *                       └ cut in half ┘   └ Ward 1 = its west half (no population)
 *
 * House 1 is 2/3 Ashby and 1/3 Brookfield; House 2 is 1/9 Brookfield, 2/9 Carlton, 2/9 Dover and
 * 4/9 no body. Alice Ann Brown sits for House 1 and Robert Brown for House 2.
 */

const box = (west: number, south: number, east: number, north: number): GeoJSON.Polygon => ({
  type: "Polygon",
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});
const feature = (properties: Record<string, unknown>, geometry: GeoJSON.Polygon): ImportFeature => ({ properties, geometry });
const layerOf = (features: ImportFeature[]) => ({ features, fields: [...new Set(features.flatMap((item) => Object.keys(item.properties)))] });

export const WORLD_PEOPLE: LegislatorRecord[] = [
  {
    ocdPersonId: "ocd-person/00000000-0000-4000-8000-000000000001",
    name: "Alice Ann Brown",
    party: "Democratic",
    email: "alice@example.org",
    links: [],
    extras: {},
    roles: [{ chamber: "state_lower", state: "VT", districtName: "1", validFrom: "2023-01-04", validTo: null }],
  },
  {
    ocdPersonId: "ocd-person/00000000-0000-4000-8000-000000000002",
    name: "Robert Brown",
    party: "Republican",
    email: null,
    links: [],
    extras: {},
    roles: [{ chamber: "state_lower", state: "VT", districtName: "District 2", validFrom: "2023-01-04", validTo: null }],
  },
];

export interface World {
  bodies: { ashby: number; brookfield: number; carlton: number; ward: number; dover: number };
  districts: { house1: number; house2: number };
  legislators: { alice: number; robert: number };
}

export async function buildWorld(db: Db): Promise<World> {
  await db.transaction().execute(async (trx) => {
    await importBodies(
      trx,
      layerOf([
        feature({ NAME: "Ashby", GEOID: "5000100001", POP20: 1000 }, squarePolygon([-72.9, 44.0], 0.02)),
        feature({ NAME: "Brookfield", GEOID: "5000100002", POP20: 3000 }, squarePolygon([-72.88, 44.0], 0.02)),
        feature({ NAME: "Dover", GEOID: "5000100004", POP20: "2,000" }, squarePolygon([-72.8, 44.0], 0.02)),
      ]),
      { kind: "town_meeting", state: "VT" },
    );
    await importBodies(trx, layerOf([feature({ NAME: "Carlton", GEOID: "5000100003", POP20: 6000 }, squarePolygon([-72.86, 44.0], 0.02))]), {
      kind: "city_council",
      state: "VT",
    });
    const carlton = await trx.selectFrom("body").select("id").where("geoid", "=", "5000100003").executeTakeFirstOrThrow();
    await importBodies(trx, layerOf([feature({ NAME: "Carlton Ward 1" }, box(-72.86, 44.0, -72.85, 44.02))]), { kind: "ward_committee", state: "VT", parent: String(carlton.id) });
    await importDistricts(trx, layerOf([feature({ DISTRICT: "1" }, box(-72.9, 44.0, -72.87, 44.02)), feature({ DISTRICT: "2" }, box(-72.87, 44.0, -72.78, 44.02))]), {
      chamber: "state_lower",
      state: "VT",
      vintage: "2022",
    });
    await recomputeOverlaps(trx);
    await importLegislators(trx, WORLD_PEOPLE, { state: "VT" });
  });
  const bodies = await db.selectFrom("body").select(["id", "name"]).where("state", "=", "VT").execute();
  const bodyId = (name: string) => bodies.find((row) => row.name === name)!.id;
  const districts = await db.selectFrom("district").select(["id", "name"]).where("state", "=", "VT").execute();
  const people = await db.selectFrom("legislator").select(["id", "name"]).execute();
  return {
    bodies: { ashby: bodyId("Ashby"), brookfield: bodyId("Brookfield"), carlton: bodyId("Carlton"), ward: bodyId("Carlton Ward 1"), dover: bodyId("Dover") },
    districts: { house1: districts.find((row) => row.name === "1")!.id, house2: districts.find((row) => row.name === "2")!.id },
    legislators: { alice: people.find((row) => row.name === "Alice Ann Brown")!.id, robert: people.find((row) => row.name === "Robert Brown")!.id },
  };
}
