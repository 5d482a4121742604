import fs from "node:fs";
import path from "node:path";
import { area, featureCollection, intersect, polygon } from "@turf/turf";
import { describe, expect, it } from "vitest";
import type { ImportFeature } from "../../shared/model/boundary";
import type { Db } from "../../server/db/connect";
import { listDistricts } from "../../server/domain/districts";
import { importBodies, importDistricts, type ImportBodiesOptions, type ImportDistrictsOptions } from "../../server/domain/imports";
import { recomputeOverlaps } from "../../server/domain/overlaps";
import { InputError } from "../../server/errors";
import { squarePolygon } from "../helpers/factories";
import { snapshotBoundaryTables } from "../helpers/row-snapshot";
import { forEachEngine } from "../helpers/test-db";
import { rejectionOf } from "../helpers/rejection";

/**
 * The import and overlap use cases against a real database: small layers built here (squares
 * whose areas have a closed form) and two golden inputs from test/fixtures/geo/in, whose shares
 * are checked against turf.intersect + turf.area computed in the test.
 */

const geoIn = path.resolve(import.meta.dirname, "../fixtures/geo/in");

/** turf's mean Earth radius: the area of a lon/lat rectangle on that sphere is exact. */
const EARTH_RADIUS = 6371008.8;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Closed-form area of the lon/lat rectangle [west, south] + size°: R² · Δλ · (sin φ₂ − sin φ₁). */
function rectangleArea([, south]: [number, number], size: number): number {
  return EARTH_RADIUS ** 2 * radians(size) * (Math.sin(radians(south + size)) - Math.sin(radians(south)));
}

/** A lon/lat box as an RFC 7946 polygon (counter-clockwise shell). */
function box(west: number, south: number, east: number, north: number): GeoJSON.Polygon {
  return {
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
  };
}

const feature = (properties: Record<string, unknown>, geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): ImportFeature => ({ properties, geometry });

/** A layer as the boundary reader hands it over: features plus field names in first-seen order. */
function layerOf(features: ImportFeature[]) {
  const fields = [...new Set(features.flatMap((item) => Object.keys(item.properties)))];
  return { features, fields };
}

/** The golden inputs carry bodies and districts in one file, told apart by `role`. */
function goldenLayers(file: string) {
  const collection = JSON.parse(fs.readFileSync(path.join(geoIn, file), "utf8")) as GeoJSON.FeatureCollection<GeoJSON.Polygon>;
  const pick = (role: string) =>
    collection.features.filter((item) => item.properties!.role === role).map((item) => feature({ NAME: item.properties!.name as string }, item.geometry));
  return { bodies: layerOf(pick("body")), districts: layerOf(pick("district")) };
}

/** Share of `body` inside `district` and of `district` inside `body`, by turf alone. */
function turfShares(body: GeoJSON.Polygon, district: GeoJSON.Polygon) {
  const shared = intersect(featureCollection([polygon(body.coordinates), polygon(district.coordinates)]));
  const intersection = shared ? area(shared) : 0;
  return { intersection, shareOfBody: intersection / area(body), shareOfDistrict: intersection / area(district) };
}

forEachEngine((getDatabase) => {
  /** The way every door calls the use cases: inside one transaction. */
  const bodiesImport = (layer: ReturnType<typeof layerOf>, options: ImportBodiesOptions, now?: Date) =>
    getDatabase()
      .db.transaction()
      .execute((trx) => importBodies(trx, layer, options, now));
  const districtsImport = (layer: ReturnType<typeof layerOf>, options: ImportDistrictsOptions, now?: Date) =>
    getDatabase()
      .db.transaction()
      .execute((trx) => importDistricts(trx, layer, options, now));
  const recompute = (minShare?: number) =>
    getDatabase()
      .db.transaction()
      .execute((trx) => recomputeOverlaps(trx, minShare === undefined ? {} : { minShare }));

  const bodiesByGeoid = (db: Db, geoids: string[]) => db.selectFrom("body").selectAll().where("geoid", "in", geoids).orderBy("geoid").execute();
  const overlapsOf = (db: Db, bodyId: number) =>
    db
      .selectFrom("bodyDistrictOverlap")
      .innerJoin("district", "district.id", "bodyDistrictOverlap.districtId")
      .select(["district.id as districtId", "district.name", "district.vintage", "district.isCurrent", "shareOfBody", "shareOfDistrict", "intersectionAreaM2"])
      .where("bodyId", "=", bodyId)
      .orderBy("district.name")
      .execute();

  describe("importBodies", () => {
    // Three towns west of Narragansett Bay; Beta comes as a mainland square and an island.
    const alpha: [number, number] = [-71.7, 41.6];
    const beta: [number, number] = [-71.64, 41.6];
    const betaIsland: [number, number] = [-71.64, 41.54];
    const gamma: [number, number] = [-71.58, 41.6];
    const towns = () =>
      layerOf([
        feature({ NAME: "ALPHA", GEOID: "4400100001", POP: 100 }, squarePolygon(alpha, 0.05)),
        feature({ NAME: "BETA", GEOID: "4400100002", POP: 200 }, squarePolygon(beta, 0.05)),
        feature({ NAME: "BETA", GEOID: "4400100002", POP: 200 }, squarePolygon(betaIsland, 0.02)),
        feature({ NAME: "GAMMA", GEOID: "4400100003", POP: 300 }, squarePolygon(gamma, 0.05)),
      ]);
    const geoids = ["4400100001", "4400100002", "4400100003"];

    it("creates one body per id, with its bbox, geodesic area and the state its GEOID names", async () => {
      const { db } = getDatabase();
      const summary = await bodiesImport(towns(), { kind: "town_meeting" });
      expect(summary).toEqual({ read: 4, created: 3, updated: 0, merged: 1, skipped: [], nameField: "NAME", idField: "GEOID", populationField: "POP" });

      const rows = await bodiesByGeoid(db, geoids);
      // The island repeats Beta's population: it is one body's second part, not more people.
      expect(rows.map((row) => row.population)).toEqual([100, 200, 300]);
      expect(rows.map(({ name, kind, state, geoid }) => ({ name, kind, state, geoid }))).toEqual([
        { name: "Alpha", kind: "town_meeting", state: "RI", geoid: "4400100001" },
        { name: "Beta", kind: "town_meeting", state: "RI", geoid: "4400100002" },
        { name: "Gamma", kind: "town_meeting", state: "RI", geoid: "4400100003" },
      ]);
      const [alphaRow, betaRow, gammaRow] = rows;
      expect([alphaRow!.minLon, alphaRow!.minLat, alphaRow!.maxLon, alphaRow!.maxLat]).toEqual([-71.7, 41.6, -71.65, 41.65]);
      expect(alphaRow!.geometry).toBe(JSON.stringify(squarePolygon(alpha, 0.05)));
      expect(alphaRow!.areaM2! / rectangleArea(alpha, 0.05)).toBeCloseTo(1, 9);
      expect(gammaRow!.areaM2! / rectangleArea(gamma, 0.05)).toBeCloseTo(1, 9);
      expect(alphaRow!.areaM2! / 1e6).toBeCloseTo(23.1, 1);

      // The island and the mainland are one body: a MultiPolygon whose bbox and area span both.
      const betaShape = JSON.parse(betaRow!.geometry) as GeoJSON.MultiPolygon;
      expect(betaShape).toEqual({
        type: "MultiPolygon",
        coordinates: [squarePolygon(beta, 0.05).coordinates, squarePolygon(betaIsland, 0.02).coordinates],
      });
      expect([betaRow!.minLon, betaRow!.minLat, betaRow!.maxLon, betaRow!.maxLat]).toEqual([-71.64, 41.54, -71.59, 41.65]);
      expect(betaRow!.areaM2! / (rectangleArea(beta, 0.05) + rectangleArea(betaIsland, 0.02))).toBeCloseTo(1, 9);
    });

    it("takes the state from --state over the GEOID, and bodies without a GEOID get none", async () => {
      const { db } = getDatabase();
      const summary = await bodiesImport(layerOf([feature({ TOWN: "Far Harbor", CODE: "X1" }, squarePolygon([-70.5, 43.5], 0.04))]), {
        kind: "select_board",
        state: "ME",
        idField: "CODE",
      });
      expect(summary).toMatchObject({ created: 1, nameField: "TOWN", idField: "CODE" });
      const row = await db.selectFrom("body").selectAll().where("name", "=", "Far Harbor").executeTakeFirstOrThrow();
      // "X1" is the layer's own id, not a Census GEOID, so it matches re-imports but is not stored as one.
      expect(row).toMatchObject({ kind: "select_board", state: "ME", geoid: null });
    });

    it("updates a re-imported layer in place: same ids, no duplicates, new names and shapes applied", async () => {
      const { db } = getDatabase();
      const before = await bodiesByGeoid(db, geoids);
      const total = async () => Number((await db.selectFrom("body").select(db.fn.countAll().as("count")).executeTakeFirstOrThrow()).count);
      const totalBefore = await total();

      const later = new Date(Date.now() + 60_000);
      const changed = towns();
      changed.features[0] = feature({ NAME: "ALPHA CITY", GEOID: "4400100001", POP: 100 }, squarePolygon(alpha, 0.05));
      changed.features[3] = feature({ NAME: "GAMMA", GEOID: "4400100003", POP: 300 }, squarePolygon(gamma, 0.03));
      const summary = await bodiesImport(changed, { kind: "town_meeting" }, later);
      expect(summary).toMatchObject({ read: 4, created: 0, updated: 3, merged: 1 });

      expect(await total()).toBe(totalBefore);
      const after = await bodiesByGeoid(db, geoids);
      expect(after.map((row) => row.id)).toEqual(before.map((row) => row.id));
      expect(after.map((row) => row.name)).toEqual(["Alpha City", "Beta", "Gamma"]);
      const gammaRow = after[2]!;
      expect(JSON.parse(gammaRow.geometry)).toEqual(squarePolygon(gamma, 0.03));
      expect([gammaRow.minLon, gammaRow.minLat, gammaRow.maxLon, gammaRow.maxLat]).toEqual([-71.58, 41.6, -71.55, 41.63]);
      expect(gammaRow.areaM2! / rectangleArea(gamma, 0.03)).toBeCloseTo(1, 9);
      for (const [index, row] of after.entries()) {
        expect(row.createdAt).toBe(before[index]!.createdAt);
        expect(row.updatedAt).toBe(later.toISOString());
      }
    });

    it("matches a layer without ids by name, ignoring case, and keeps the kinds apart", async () => {
      const { db } = getDatabase();
      const shape = squarePolygon([-71.3, 41.9], 0.02);
      await bodiesImport(layerOf([feature({ NAME: "DELTA FALLS" }, shape)]), { kind: "school_committee", state: "RI" });
      const first = await db.selectFrom("body").selectAll().where("name", "=", "Delta Falls").execute();
      expect(first).toHaveLength(1);

      const moved = squarePolygon([-71.3, 41.9], 0.025);
      const summary = await bodiesImport(layerOf([feature({ NAME: "Delta Falls" }, moved)]), { kind: "school_committee", state: "RI" });
      expect(summary).toMatchObject({ created: 0, updated: 1, idField: null });
      const second = await db.selectFrom("body").selectAll().where("name", "=", "Delta Falls").execute();
      expect(second.map((row) => row.id)).toEqual([first[0]!.id]);
      expect(JSON.parse(second[0]!.geometry)).toEqual(moved);

      // The same name as another kind of body is another body.
      await bodiesImport(layerOf([feature({ NAME: "Delta Falls" }, moved)]), { kind: "city_council", state: "RI" });
      const both = await db.selectFrom("body").select(["kind"]).where("name", "=", "Delta Falls").orderBy("kind").execute();
      expect(both.map((row) => row.kind)).toEqual(["city_council", "school_committee"]);
    });

    it("matches a GEOID layer imported without --state when it comes again with the state its GEOIDs name", async () => {
      const { db } = getDatabase();
      const county = () => layerOf([feature({ NAME: "Kent Plantation", GEOID: "2300300001" }, squarePolygon([-68.6, 46.5], 0.03))]);
      const first = await bodiesImport(county(), { kind: "town_meeting" });
      expect(first).toMatchObject({ created: 1 });
      // `groundswell setup --state ME` imports the same TIGER layer with the state named.
      const again = await bodiesImport(county(), { kind: "town_meeting", state: "ME" });
      expect(again).toMatchObject({ created: 0, updated: 1 });
      const rows = await db.selectFrom("body").select(["name", "state"]).where("geoid", "=", "2300300001").execute();
      expect(rows).toEqual([{ name: "Kent Plantation", state: "ME" }]);
    });

    it("refuses a --name-field or --id-field the file lacks, naming the fields it has, and writes nothing", async () => {
      const { db } = getDatabase();
      const before = await snapshotBoundaryTables(db);

      const byName = await rejectionOf(bodiesImport(towns(), { kind: "town_meeting", nameField: "TOWN_NAME" }));
      expect(byName).toBeInstanceOf(InputError);
      expect((byName as InputError).message).toBe('no field "TOWN_NAME" in this file; its fields are: NAME, GEOID, POP');

      const byId = await rejectionOf(bodiesImport(towns(), { kind: "town_meeting", idField: "GEOID20" }));
      expect(byId).toBeInstanceOf(InputError);
      expect((byId as InputError).message).toBe('no field "GEOID20" in this file; its fields are: NAME, GEOID, POP');

      const unguessable = await rejectionOf(bodiesImport(layerOf([feature({ LABEL: "x", CODE: 1 }, squarePolygon([-71, 41]))]), { kind: "town_meeting" }));
      expect((unguessable as InputError).message).toBe("cannot tell which field holds the body name; name it with --name-field (fields: LABEL, CODE)");

      expect(await snapshotBoundaryTables(db)).toEqual(before);
    });

    it("imports names and ids holding control characters (a NUL) the same on both engines, without them", async () => {
      const { db } = getDatabase();
      const summary = await bodiesImport(layerOf([feature({ NAME: "Nul\u0000ville\u0007 ", CODE: "N\u00001" }, squarePolygon([-71.2, 41.95], 0.01))]), {
        kind: "select_board",
        state: "RI",
        idField: "CODE",
      });
      expect(summary).toMatchObject({ created: 1 });
      const row = await db.selectFrom("body").select(["id", "name"]).where("kind", "=", "select_board").where("state", "=", "RI").executeTakeFirstOrThrow();
      expect(row.name).toBe("Nul ville");
      // The cleaned id still matches the layer on the next import.
      const again = await bodiesImport(layerOf([feature({ NAME: "Nulville", CODE: "N\u00001" }, squarePolygon([-71.2, 41.95], 0.01))]), {
        kind: "select_board",
        state: "RI",
        idField: "CODE",
      });
      expect(again).toMatchObject({ created: 0, updated: 1 });
    });

    it("accepts a field named in another case", async () => {
      const summary = await bodiesImport(towns(), { kind: "town_meeting", nameField: "name", idField: "geoid" });
      expect(summary).toMatchObject({ created: 0, updated: 3, nameField: "NAME", idField: "GEOID" });
    });
  });

  describe("importDistricts", () => {
    // One strip of Rhode Island cut in two, differently in 2012 and 2022.
    const house2012 = () => layerOf([feature({ DISTRICT: "07" }, box(-71.5, 41.4, -71.4, 41.5)), feature({ DISTRICT: "30" }, box(-71.4, 41.4, -71.3, 41.5))]);
    const house2022 = () => layerOf([feature({ DISTRICT: "07" }, box(-71.5, 41.4, -71.35, 41.5)), feature({ DISTRICT: "30" }, box(-71.35, 41.4, -71.3, 41.5))]);
    const epsilon: [number, number] = [-71.45, 41.42];

    const districtRows = (db: Db, chamber: string) =>
      db
        .selectFrom("district")
        .select(["id", "chamber", "state", "name", "geoid", "vintage", "isCurrent", "areaM2", "minLon", "minLat", "maxLon", "maxLat"])
        .where("chamber", "=", chamber)
        .where("state", "=", "RI")
        .orderBy("vintage")
        .orderBy("name")
        .execute();

    it("names numbered districts without leading zeros and gives them Census GEOIDs (RI 44 + 030)", async () => {
      const { db } = getDatabase();
      const summary = await districtsImport(house2012(), { chamber: "state_lower", state: "RI", vintage: "2012" });
      expect(summary).toEqual({ read: 2, created: 2, updated: 0, merged: 0, skipped: [], nameField: "DISTRICT", idField: null, vintage: "2012", current: true, state: "RI" });
      const rows = await districtRows(db, "state_lower");
      expect(rows.map(({ name, geoid, vintage, isCurrent }) => ({ name, geoid, vintage, isCurrent }))).toEqual([
        { name: "30", geoid: "44030", vintage: "2012", isCurrent: 1 },
        { name: "7", geoid: "44007", vintage: "2012", isCurrent: 1 },
      ]);
      expect([rows[1]!.minLon, rows[1]!.minLat, rows[1]!.maxLon, rows[1]!.maxLat]).toEqual([-71.5, 41.4, -71.4, 41.5]);
      expect(rows[1]!.areaM2 / rectangleArea([-71.5, 41.4], 0.1)).toBeCloseTo(1, 9);

      // Senate and congressional numbering: three digits, and two for the US House.
      await districtsImport(layerOf([feature({ DISTRICT: "07" }, box(-71.5, 41.4, -71.3, 41.5))]), { chamber: "state_upper", state: "RI", vintage: "2022" });
      await districtsImport(layerOf([feature({ DISTRICT: "1" }, box(-71.5, 41.4, -71.3, 41.5))]), { chamber: "congressional", state: "RI", vintage: "2022" });
      expect((await districtRows(db, "state_upper")).map((row) => row.geoid)).toEqual(["44007"]);
      expect((await districtRows(db, "congressional")).map((row) => row.geoid)).toEqual(["4401"]);
    });

    it("takes the state from the GEOIDs when --state is absent, so the same plan with --state updates it", async () => {
      const { db } = getDatabase();
      const tiger = () =>
        layerOf([feature({ SLDUST: "011", GEOID: "09011" }, box(-72.9, 41.6, -72.8, 41.7)), feature({ SLDUST: "012", GEOID: "09012" }, box(-72.8, 41.6, -72.7, 41.7))]);
      await districtsImport(tiger(), { chamber: "state_upper", vintage: "2024" });
      const again = await districtsImport(tiger(), { chamber: "state_upper", state: "CT", vintage: "2024" });
      expect(again).toMatchObject({ created: 0, updated: 2 });
      const rows = await db.selectFrom("district").select(["state", "geoid"]).where("chamber", "=", "state_upper").where("vintage", "=", "2024").orderBy("geoid").execute();
      expect(rows).toEqual([
        { state: "CT", geoid: "09011" },
        { state: "CT", geoid: "09012" },
      ]);
    });

    it("puts a new vintage beside the old one and makes it current; an older plan imported later stays behind", async () => {
      const { db } = getDatabase();
      const summary = await districtsImport(house2022(), { chamber: "state_lower", state: "RI", vintage: "2022" });
      expect(summary).toMatchObject({ created: 2, updated: 0, vintage: "2022", current: true });
      const rows = await districtRows(db, "state_lower");
      expect(rows.map(({ name, vintage, isCurrent }) => `${vintage}:${name}:${isCurrent}`)).toEqual(["2012:30:0", "2012:7:0", "2022:30:1", "2022:7:1"]);
      expect(rows.filter((row) => row.vintage === "2022").map((row) => row.geoid)).toEqual(["44030", "44007"]);

      // Re-importing the old plan updates it in place and leaves 2022 current.
      const again = await districtsImport(house2012(), { chamber: "state_lower", state: "RI", vintage: "2012" });
      expect(again).toMatchObject({ created: 0, updated: 2, vintage: "2012", current: false });
      const after = await districtRows(db, "state_lower");
      expect(after.map((row) => row.id)).toEqual(rows.map((row) => row.id));
      expect(after.map(({ vintage, isCurrent }) => `${vintage}:${isCurrent}`)).toEqual(["2012:0", "2012:0", "2022:1", "2022:1"]);

      // Other chambers keep their own current plan.
      expect((await districtRows(db, "state_upper")).map((row) => row.isCurrent)).toEqual([1]);

      const listed = (await listDistricts(db)).filter((district) => district.state === "RI" && district.chamber === "state_lower");
      expect(listed.map((district) => `${district.vintage}:${district.name}`).sort()).toEqual(["2022:30", "2022:7"]);
    });

    it("refuses a vintage that is not a short label, and writes nothing", async () => {
      const { db } = getDatabase();
      const before = await snapshotBoundaryTables(db);
      const error = await rejectionOf(districtsImport(house2022(), { chamber: "state_lower", state: "RI", vintage: "2022 plan; drop table" }));
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toBe('vintage "2022 plan; drop table" should be a short label such as 2022');
      const noField = await rejectionOf(districtsImport(house2022(), { chamber: "state_lower", state: "RI", nameField: "SLDLST" }));
      expect((noField as InputError).message).toBe('no field "SLDLST" in this file; its fields are: DISTRICT');
      expect(await snapshotBoundaryTables(db)).toEqual(before);
    });

    it("computes overlaps with the current plan only", async () => {
      const { db } = getDatabase();
      await bodiesImport(layerOf([feature({ NAME: "Epsilon", GEOID: "4400100005" }, squarePolygon(epsilon, 0.06))]), { kind: "town_meeting" });
      const summary = await recompute();
      const current = await db.selectFrom("district").select("id").where("isCurrent", "=", 1).execute();
      expect(summary.districts).toBe(current.length);

      const [body] = await bodiesByGeoid(db, ["4400100005"]);
      const overlaps = await overlapsOf(db, body!.id);
      // In 2012 the line at -71.40 cut Epsilon (-71.45…-71.39); in 2022 House 7 holds all of it.
      expect(overlaps.every((row) => row.isCurrent === 1)).toBe(true);
      expect(overlaps.filter((row) => row.vintage === "2012")).toEqual([]);
      const house7 = overlaps.find((row) => row.name === "7" && row.vintage === "2022");
      expect(house7?.shareOfBody).toBeCloseTo(1, 9);
      // Senate 7 and congressional 1 cover the whole strip as well.
      expect(overlaps).toHaveLength(3);
      const stored = await db.selectFrom("bodyDistrictOverlap").innerJoin("district", "district.id", "districtId").select("isCurrent").execute();
      expect(stored.every((row) => row.isCurrent === 1)).toBe(true);
    });
  });

  describe("recomputeOverlaps", () => {
    const straddle = goldenLayers("town-straddles-two-districts.geojson");
    const sliver = goldenLayers("sliver.geojson");

    const idsOf = async (db: Db, chamber: string, names: string[]) => {
      const rows = await db.selectFrom("district").select(["id", "name"]).where("chamber", "=", chamber).where("state", "is", null).execute();
      return names.map((name) => rows.find((row) => row.name === name)!.id);
    };
    const bodyId = async (db: Db, name: string) => (await db.selectFrom("body").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;

    it("splits a town straddling two districts in the shares turf.intersect gives", async () => {
      const { db } = getDatabase();
      await bodiesImport(straddle.bodies, { kind: "city_council" });
      await districtsImport(straddle.districts, { chamber: "state_lower", vintage: "2024" });
      await recompute();

      const town = await bodyId(db, "Straddleton");
      const [west, east] = await idsOf(db, "state_lower", ["West", "East"]);
      const rows = (await overlapsOf(db, town)).filter((row) => row.districtId === west || row.districtId === east);
      expect(rows.map((row) => row.name)).toEqual(["East", "West"]);

      const townShape = straddle.bodies.features[0]!.geometry as GeoJSON.Polygon;
      for (const row of rows) {
        const districtShape = straddle.districts.features.find((item) => item.properties.NAME === row.name)!.geometry as GeoJSON.Polygon;
        const expected = turfShares(townShape, districtShape);
        expect(row.shareOfBody).toBeCloseTo(expected.shareOfBody, 6);
        expect(row.shareOfDistrict).toBeCloseTo(expected.shareOfDistrict, 6);
        expect(row.intersectionAreaM2 / expected.intersection).toBeCloseTo(1, 6);
      }
      // About 53 % west and 47 % east, and nothing of the town is lost (the area formula splits
      // edges at the crossings, which moves the sum by parts per ten million).
      expect(rows.find((row) => row.name === "West")!.shareOfBody).toBeGreaterThan(0.5);
      expect(rows.find((row) => row.name === "East")!.shareOfBody).toBeGreaterThan(0.4);
      expect(rows[0]!.shareOfBody + rows[1]!.shareOfBody).toBeCloseTo(1, 6);
    });

    it("drops a sliver under the threshold and keeps it at --min-share 0, with turf's share", async () => {
      const { db } = getDatabase();
      await bodiesImport(sliver.bodies, { kind: "city_council" });
      await districtsImport(sliver.districts, { chamber: "state_upper", vintage: "2024" });
      const [home, neighbour] = await idsOf(db, "state_upper", ["Home", "Neighbour"]);
      const town = await bodyId(db, "Slivertown");
      const townShape = sliver.bodies.features[0]!.geometry as GeoJSON.Polygon;
      const shapeOf = (name: string) => sliver.districts.features.find((item) => item.properties.NAME === name)!.geometry as GeoJSON.Polygon;
      const expectedHome = turfShares(townShape, shapeOf("Home"));
      const expectedSliver = turfShares(townShape, shapeOf("Neighbour"));
      expect(expectedSliver.shareOfBody).toBeGreaterThan(0);
      expect(expectedSliver.shareOfBody).toBeLessThan(0.01);

      await recompute();
      const kept = (await overlapsOf(db, town)).filter((row) => row.districtId === home || row.districtId === neighbour);
      expect(kept.map((row) => row.name)).toEqual(["Home"]);
      expect(kept[0]!.shareOfBody).toBeCloseTo(expectedHome.shareOfBody, 6);
      expect(kept[0]!.shareOfDistrict).toBeCloseTo(expectedHome.shareOfDistrict, 6);

      const everything = await recompute(0);
      const all = (await overlapsOf(db, town)).filter((row) => row.districtId === home || row.districtId === neighbour);
      expect(all.map((row) => row.name)).toEqual(["Home", "Neighbour"]);
      expect(all[1]!.shareOfBody).toBeCloseTo(expectedSliver.shareOfBody, 6);
      expect(all[1]!.shareOfDistrict).toBeCloseTo(expectedSliver.shareOfDistrict, 7);

      // Recomputing replaces the stored rows rather than adding to them.
      const back = await recompute();
      expect(back.overlaps).toBeLessThan(everything.overlaps);
      const count = await db.selectFrom("bodyDistrictOverlap").select(db.fn.countAll().as("count")).executeTakeFirstOrThrow();
      expect(Number(count.count)).toBe(back.overlaps);
    });

    it("refuses a threshold outside [0, 1) and keeps the stored overlaps", async () => {
      const { db } = getDatabase();
      const before = await snapshotBoundaryTables(db);
      for (const minShare of [-0.1, 1, Number.NaN]) {
        const error = await rejectionOf(recompute(minShare));
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).message).toMatch(/^--min-share must be at least 0 and below 1/);
      }
      expect(await snapshotBoundaryTables(db)).toEqual(before);
    });
  });
});
