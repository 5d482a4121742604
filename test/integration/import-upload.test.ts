import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportPreview, ImportResult } from "../../shared/model/import-upload";
import type { CommitteeUploadPreview } from "../../shared/model/committee";
import type { LegislatorImportReport, LegislatorUploadPreview } from "../../shared/model/legislator-import";
import { writeZip } from "../../server/io/zip-writer";
import type { Db } from "../../server/db/connect";
import { CSRF_HEADERS } from "../../shared/csrf";
import { buildServer } from "../../server/http/server";
import { squarePolygon } from "../helpers/factories";
import { signedInHeaders } from "../helpers/sign-in";
import { forEachEngine } from "../helpers/test-db";

const badDir = path.resolve(import.meta.dirname, "../fixtures/bad");
const UPLOAD_CAP = 128 * 1024;

/** Three made-up towns in a row (west of Narragansett Bay), each a square with a GEOID. */
function townsGeoJson(names = ["Ashford Falls", "Birchwood", "Cedar Hollow"]): string {
  return JSON.stringify({
    type: "FeatureCollection",
    features: names.map((name, index) => ({
      type: "Feature",
      properties: { NAME: name, GEOID: String(4499000001 + index), POP: 1000 * (index + 1) },
      geometry: squarePolygon([-71.8 + index * 0.1, 41.5], 0.08),
    })),
  });
}

/** Two districts splitting those towns at -71.65°: both House plans' worth of overlaps. */
function districtsGeoJson(): string {
  const box = (west: number, east: number) => ({
    type: "Polygon",
    coordinates: [
      [
        [west, 41.4],
        [east, 41.4],
        [east, 41.7],
        [west, 41.7],
        [west, 41.4],
      ],
    ],
  });
  return JSON.stringify({
    type: "FeatureCollection",
    features: [
      { type: "Feature", properties: { DISTRICT: "1" }, geometry: box(-71.85, -71.65) },
      { type: "Feature", properties: { DISTRICT: "2" }, geometry: box(-71.65, -71.45) },
    ],
  });
}

/** Every row of the tables an import writes, in id order: equal snapshots mean nothing changed. */
async function snapshotImportTables(db: Db) {
  return {
    bodies: await db.selectFrom("body").selectAll().orderBy("id").execute(),
    districts: await db.selectFrom("district").selectAll().orderBy("id").execute(),
    overlaps: await db.selectFrom("bodyDistrictOverlap").selectAll().orderBy("bodyId").orderBy("districtId").execute(),
  };
}

/** The session cookie of a signed-in admin: writes need an account now. */
let session: Record<string, string> = {};

forEachEngine((getDatabase, engine) => {
  let app: FastifyInstance;
  let uploadDir: string;

  beforeAll(async () => {
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-upload-test-"));
    app = await buildServer({
      db: getDatabase().db,
      engine,
      basemapStyleUrl: null,
      serveClient: false,
      imports: { maxBytes: UPLOAD_CAP, directory: uploadDir },
    });
    session = await signedInHeaders(app, getDatabase().db, "admin");
  });

  afterAll(async () => {
    await app?.close();
    if (uploadDir) {
      // Closing the server removes every upload it still held.
      expect(fs.readdirSync(uploadDir)).toEqual([]);
      fs.rmSync(uploadDir, { recursive: true, force: true });
    }
  });

  const preview = (payload: string | Buffer | Readable, fileName = "towns.geojson", headers: Record<string, string> = {}) =>
    app.inject({
      method: "POST",
      url: `/api/imports/preview?fileName=${encodeURIComponent(fileName)}`,
      headers: { "content-type": "application/octet-stream", ...CSRF_HEADERS, ...session, ...headers },
      payload,
    });
  const commit = (body: Record<string, unknown>) => app.inject({ method: "POST", url: "/api/imports/commit", headers: { ...CSRF_HEADERS, ...session }, payload: body });

  describe("preview", () => {
    it("reads the uploaded GeoJSON: count, fields with samples, guessed fields, outlines and a token", async () => {
      const response = await preview(townsGeoJson());
      expect(response.statusCode).toBe(200);
      const body = response.json() as ImportPreview;
      expect(body).toMatchObject({
        fileName: "towns.geojson",
        format: "geojson",
        featureCount: 3,
        reprojected: false,
        guesses: { bodyName: "NAME", districtName: "NAME", id: "GEOID", population: "POP" },
        repairs: { count: 0, first: [] },
        skipped: { count: 0, first: [] },
        outlinesComplete: true,
      });
      expect(body.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(body.fields).toEqual([
        { name: "NAME", samples: ["Ashford Falls", "Birchwood", "Cedar Hollow"], filled: 3, unique: true },
        { name: "GEOID", samples: ["4499000001", "4499000002", "4499000003"], filled: 3, unique: true },
        { name: "POP", samples: ["1000", "2000", "3000"], filled: 3, unique: true },
      ]);
      expect(body.bbox.map((value) => Number(value.toFixed(6)))).toEqual([-71.8, 41.5, -71.52, 41.58]);
      expect(body.outlines.features).toHaveLength(3);
      expect(body.outlines.features[0]!.geometry.type).toBe("Polygon");
      expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 25 * 60_000);
      // The file waits on disk for its commit, in a folder of its own.
      expect(fs.readdirSync(uploadDir)).toHaveLength(1);
      expect((await commit({ token: body.token, as: "nothing" })).json()).toEqual({
        error:
          'What the file holds must be one of bodies, districts, legislators, committees, cosponsors, resolutions, members, hubs, ballot-results, endorsers, population (got "nothing")',
      });
    });

    it("streams an upload sent without a length (chunked) just the same", async () => {
      const response = await preview(Readable.from([Buffer.from(townsGeoJson().slice(0, 100)), Buffer.from(townsGeoJson().slice(100))]));
      expect(response.statusCode).toBe(200);
      expect((response.json() as ImportPreview).featureCount).toBe(3);
    });

    it("asks for the file name when it is missing", async () => {
      const response = await app.inject({
        method: "POST",
        url: "/api/imports/preview",
        headers: { "content-type": "application/octet-stream", ...CSRF_HEADERS, ...session },
        payload: townsGeoJson(),
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ error: "name the uploaded file in the query, e.g. ?fileName=towns.geojson" });
    });
  });

  describe("commit", () => {
    it("imports the previewed file as bodies, with the chosen kind and state, and the database has them", async () => {
      const { db } = getDatabase();
      const before = await db.selectFrom("body").select(db.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
      const uploaded = (await preview(townsGeoJson())).json() as ImportPreview;
      const response = await commit({ token: uploaded.token, as: "bodies", kind: "select_board", state: "RI", nameField: "NAME", idField: "GEOID" });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        fileName: "towns.geojson",
        as: "bodies",
        read: 3,
        created: 3,
        updated: 0,
        merged: 0,
        nameField: "NAME",
        idField: "GEOID",
        populationField: "POP",
        vintage: null,
        current: null,
        repairs: { count: 0, first: [] },
        skipped: { count: 0, first: [] },
        overlaps: { pairs: 0, bodies: Number(before.count) + 3, districts: 0, problems: 0 },
        legislators: null,
      } satisfies ImportResult);
      const rows = await db.selectFrom("body").select(["name", "kind", "state", "geoid", "population"]).where("geoid", "like", "449900000%").orderBy("geoid").execute();
      expect(rows).toEqual([
        { name: "Ashford Falls", kind: "select_board", state: "RI", geoid: "4499000001", population: 1000 },
        { name: "Birchwood", kind: "select_board", state: "RI", geoid: "4499000002", population: 2000 },
        { name: "Cedar Hollow", kind: "select_board", state: "RI", geoid: "4499000003", population: 3000 },
      ]);
      // A committed upload is gone: its token no longer works and its file is removed.
      expect((await commit({ token: uploaded.token, as: "bodies" })).statusCode).toBe(404);
      expect(fs.readdirSync(uploadDir).some((folder) => fs.readdirSync(path.join(uploadDir, folder)).length === 0)).toBe(false);
    });

    it("updates in place when the same layer comes again, and imports districts with their overlaps", async () => {
      const { db } = getDatabase();
      const again = (await preview(townsGeoJson(["Ashford Falls", "Birchwood Village", "Cedar Hollow"]))).json() as ImportPreview;
      const updated = (await commit({ token: again.token, as: "bodies", kind: "select_board", state: "RI", nameField: "NAME", idField: "GEOID" })).json() as ImportResult;
      expect(updated).toMatchObject({ created: 0, updated: 3 });
      expect(await db.selectFrom("body").select("name").where("geoid", "=", "4499000002").executeTakeFirst()).toEqual({ name: "Birchwood Village" });

      const plan = (await preview(districtsGeoJson(), "house.geojson")).json() as ImportPreview;
      expect(plan.guesses.districtName).toBe("DISTRICT");
      const response = await commit({ token: plan.token, as: "districts", chamber: "state_lower", state: "RI", nameField: "DISTRICT", vintage: "2022" });
      expect(response.statusCode).toBe(200);
      const result = response.json() as ImportResult;
      expect(result).toMatchObject({ as: "districts", created: 2, vintage: "2022", current: true, idField: null });
      // Ashford Falls lies in district 1, Cedar Hollow in 2, Birchwood Village straddles the line.
      expect(result.overlaps!.districts).toBe(2);
      const pairs = await db
        .selectFrom("bodyDistrictOverlap as overlap")
        .innerJoin("body", "body.id", "overlap.bodyId")
        .innerJoin("district", "district.id", "overlap.districtId")
        .select(["body.name as body", "district.name as district"])
        .where("body.geoid", "like", "449900000%")
        .orderBy("body.name")
        .orderBy("district.name")
        .execute();
      expect(pairs).toEqual([
        { body: "Ashford Falls", district: "1" },
        { body: "Birchwood Village", district: "1" },
        { body: "Birchwood Village", district: "2" },
        { body: "Cedar Hollow", district: "2" },
      ]);
      expect(result.overlaps!.pairs).toBeGreaterThanOrEqual(4);
    });

    it("refuses a bad choice with one line, keeps the upload for another try, and changes nothing", async () => {
      const { db } = getDatabase();
      const before = await snapshotImportTables(db);
      const uploaded = (await preview(townsGeoJson())).json() as ImportPreview;
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ as: "bodies", nameField: "TOWN" }, 'no field "TOWN" in this file; its fields are: NAME, GEOID, POP'],
        [
          { as: "bodies", kind: "parliament" },
          'Kind of body "parliament" is not a body kind; use one of city_council, town_meeting, select_board, board_of_aldermen, county_board, ward_committee, neighborhood_council, school_committee',
        ],
        [{ as: "districts" }, "Chamber is required for districts: state_lower, state_upper, congressional"],
        [{ as: "bodies", state: "Rhode Island" }, 'State "Rhode Island" is not a USPS state code (e.g. MA, RI)'],
        [{ as: "districts", chamber: "state_upper", vintage: "the new one!" }, 'Plan year (vintage) "the new one!" should be a short label such as 2022'],
        [{ as: 7 }, "What the file holds must be text"],
      ];
      for (const [choices, message] of cases) {
        const response = await commit({ token: uploaded.token, ...choices });
        expect(response.statusCode, JSON.stringify(choices)).toBe(400);
        expect(response.json()).toEqual({ error: message });
      }
      expect(await snapshotImportTables(db)).toEqual(before);
      // The file is still there: the organizer fixes the choice and imports.
      const fixed = await commit({ token: uploaded.token, as: "bodies", kind: "select_board", state: "RI" });
      expect(fixed.statusCode).toBe(200);
      expect(fixed.json()).toMatchObject({ updated: 3, nameField: "NAME", idField: "GEOID" });
    });

    it("answers 404 for an unknown, malformed or missing token", async () => {
      for (const token of ["AAAAAAAAAAAAAAAAAAAAAAAA", "../../etc/passwd", ""]) {
        const response = await commit({ token, as: "bodies" });
        expect(response.statusCode, token).toBe(404);
        expect(response.json()).toEqual({ error: "this upload is unknown or has expired (uploads wait 30 minutes at most); choose the file again" });
      }
      const malformed = await app.inject({
        method: "POST",
        url: "/api/imports/commit",
        headers: { "content-type": "application/json", ...CSRF_HEADERS, ...session },
        payload: "{not json",
      });
      expect(malformed.statusCode).toBe(400);
      expect(Object.keys(malformed.json())).toEqual(["error"]);
    });
  });

  describe("legislators (Open States)", () => {
    const openStatesCsv =
      "id,name,current_party,current_district,current_chamber,email\n" +
      "ocd-person/11111111-2222-4333-8444-555555555555,Teresa Kowalczyk,Democratic,District 1,lower,tk@example.org\n" +
      "ocd-person/11111111-2222-4333-8444-666666666666,Marcus Oyelaran,Republican,2,lower,\n" +
      "ocd-person/11111111-2222-4333-8444-777777777777,Nowhere Rep,Independent,9,lower,\n";
    const personFile = (uuid: string, name: string, district: string) =>
      [
        `id: ocd-person/${uuid}`,
        `name: ${name}`,
        "party:",
        "- name: Democratic",
        "roles:",
        "- start_date: 2023-01-03",
        "  type: lower",
        "  jurisdiction: ocd-jurisdiction/country:us/state:ri/government",
        `  district: '${district}'`,
        "",
      ].join("\n");
    const seated = (db: Db) =>
      db
        .selectFrom("legislatorRole")
        .innerJoin("legislator", "legislator.id", "legislatorRole.legislatorId")
        .leftJoin("district", "district.id", "legislatorRole.districtId")
        .select(["legislator.name", "district.name as district"])
        .where("legislatorRole.validTo", "is", null)
        .orderBy("legislator.name")
        .execute();

    it("previews the Open States CSV export as legislators, guesses the state from ri.csv, and imports them after a dry run that writes nothing", async () => {
      const { db } = getDatabase();
      const response = await preview(openStatesCsv, "ri.csv");
      expect(response.statusCode, response.body).toBe(200);
      const uploaded = response.json() as LegislatorUploadPreview;
      expect(uploaded).toMatchObject({ format: "legislators", source: "csv", fileName: "ri.csv", people: 3, seats: { state_lower: 3 }, state: "RI" });
      expect(uploaded.samples).toEqual(["Teresa Kowalczyk", "Marcus Oyelaran", "Nowhere Rep"]);

      // Without a state, the export's name (ri.csv) says which state its people sit in.
      const guessed = await commit({ token: uploaded.token, as: "legislators", dryRun: true });
      expect(guessed.statusCode, guessed.body).toBe(200);
      expect(guessed.json()).toMatchObject({ state: "RI", dryRun: true });
      // The one state-code check, worded with the form's label (the CLI says --state).
      const noState = await commit({ token: uploaded.token, as: "legislators", state: "ZZ" });
      expect(noState.statusCode).toBe(400);
      expect(noState.json()).toEqual({ error: 'State "ZZ" is not a USPS state code (e.g. MA, RI)' });

      const dryRun = await commit({ token: uploaded.token, as: "legislators", state: "RI", dryRun: true });
      expect(dryRun.statusCode, dryRun.body).toBe(200);
      expect(dryRun.json()).toMatchObject({
        as: "legislators",
        dryRun: true,
        state: "RI",
        legislators: 3,
        created: 3,
        matched: 2,
        vacantDistricts: [],
      } satisfies Partial<LegislatorImportReport>);
      expect((dryRun.json() as LegislatorImportReport).unmatched).toEqual([
        { name: "Nowhere Rep", chamber: "state_lower", districtName: "9", reason: 'no current state_lower district in RI named "9"' },
      ]);
      expect(await db.selectFrom("legislator").select("id").execute()).toEqual([]);

      const done = await commit({ token: uploaded.token, as: "legislators", state: "RI" });
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json()).toMatchObject({ dryRun: false, created: 3, matched: 2 });
      expect(await seated(db)).toEqual([
        { name: "Marcus Oyelaran", district: "2" },
        { name: "Nowhere Rep", district: null },
        { name: "Teresa Kowalczyk", district: "1" },
      ]);
      expect((await commit({ token: uploaded.token, as: "legislators", state: "RI" })).statusCode).toBe(404);

      // Importing the plan again says who of the chamber's sitting legislators it seats.
      const plan = (await preview(districtsGeoJson(), "house.geojson")).json() as ImportPreview;
      const again = (await commit({ token: plan.token, as: "districts", chamber: "state_lower", state: "RI", nameField: "DISTRICT", vintage: "2022" })).json() as ImportResult;
      expect(again.legislators).toEqual({ sitting: 3, matched: 2, unmatched: ["Nowhere Rep (district “9”)"] });
    });

    it("reads a zipped folder of person files (skipping _municipalities.yml), taking the state from their jurisdiction", async () => {
      const { db } = getDatabase();
      const zip = writeZip(
        [
          {
            name: "legislature/Teresa-Kowalczyk-11111111-2222-4333-8444-555555555555.yml",
            bytes: Buffer.from(personFile("11111111-2222-4333-8444-555555555555", "Teresa Kowalczyk", "2")),
          },
          { name: "legislature/Ana-Ruiz-11111111-2222-4333-8444-888888888888.yml", bytes: Buffer.from(personFile("11111111-2222-4333-8444-888888888888", "Ana Ruiz", "1")) },
          { name: "legislature/_municipalities.yml", bytes: Buffer.from("- name: Providence\n") },
        ],
        new Date("2026-01-01T00:00:00Z"),
      );
      const uploaded = (await preview(zip, "people.zip")).json() as LegislatorUploadPreview;
      expect(uploaded).toMatchObject({ format: "legislators", source: "folder", people: 2, seats: { state_lower: 2 }, state: "RI" });
      const done = await commit({ token: uploaded.token, as: "legislators", state: "RI" });
      expect(done.statusCode, done.body).toBe(200);
      // The folder is the whole roster: the people missing from it have left office.
      expect(done.json()).toMatchObject({ legislators: 2, created: 1, updated: 1, matched: 2, unmatched: [], vacantDistricts: [] });
      expect(await seated(db)).toEqual([
        { name: "Ana Ruiz", district: "1" },
        { name: "Teresa Kowalczyk", district: "2" },
      ]);
    });

    it("names the people a state's import leaves out: the federal folder imported for MA skips other states' members of Congress", async () => {
      const folder = path.join(import.meta.dirname, "../fixtures/openstates/us");
      const zip = writeZip(
        fs.readdirSync(folder).map((name) => ({ name: `legislature/${name}`, bytes: fs.readFileSync(path.join(folder, name)) })),
        new Date("2026-01-01T00:00:00Z"),
      );
      const uploaded = (await preview(zip, "us.zip")).json() as LegislatorUploadPreview;
      const dryRun = await commit({ token: uploaded.token, as: "legislators", state: "MA", dryRun: true });
      expect(dryRun.statusCode, dryRun.body).toBe(200);
      const report = dryRun.json() as LegislatorImportReport;
      expect(report).toMatchObject({ state: "MA", legislators: 0, created: 0, rolesClosed: 0 });
      expect([...report.skipped].sort()).toEqual(["Amata Radewagen", "Ben Ray Luján"]);
    });

    it("reads a zipped committees folder: a preview, a dry run naming new committees, then the members with their roles", async () => {
      const { db } = getDatabase();
      const committee = (members: string[]) =>
        [
          "id: ocd-organization/99999999-2222-4333-8444-555555555555",
          "jurisdiction: ocd-jurisdiction/country:us/state:ri/government",
          "classification: committee",
          "name: Health and Human Services",
          "chamber: lower",
          "members:",
          ...members,
          "",
        ].join("\n");
      const chair = ["- name: Teresa Kowalczyk", "  role: Chair", "  person_id: ocd-person/11111111-2222-4333-8444-555555555555"];
      const zipOf = (text: string) =>
        writeZip([{ name: "committees/lower-Health-99999999-2222-4333-8444-555555555555.yml", bytes: Buffer.from(text) }], new Date("2026-01-01T00:00:00Z"));

      const unknown = (await preview(zipOf(committee([...chair, "- name: Pat Nobody", "  role: member"])), "committees.zip")).json() as CommitteeUploadPreview;
      const refused = await commit({ token: unknown.token, as: "committees", state: "RI", dryRun: true });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toEqual({ error: 'committee "Health and Human Services": member Pat Nobody is not an imported RI legislator' });

      const uploaded = (await preview(zipOf(committee([...chair, "- name: Ana Ruiz", "  role: member"])), "committees.zip")).json() as CommitteeUploadPreview;
      expect(uploaded).toMatchObject({ format: "committees", source: "folder", committees: 1, members: 2, state: "RI", samples: ["Health and Human Services"] });
      const dryRun = await commit({ token: uploaded.token, as: "committees", state: "RI", dryRun: true });
      expect(dryRun.json()).toMatchObject({ as: "committees", dryRun: true, committees: 1, created: ["Health and Human Services"], memberships: 2, chairs: 1 });
      expect(await db.selectFrom("committeeMember").selectAll().execute()).toEqual([]);
      const done = await commit({ token: uploaded.token, as: "committees", state: "RI" });
      expect(done.statusCode, done.body).toBe(200);
      const seats = await db
        .selectFrom("committeeMember")
        .innerJoin("legislator", "legislator.id", "committeeMember.legislatorId")
        .select(["legislator.name", "committeeMember.role"])
        .orderBy("legislator.name")
        .execute();
      expect(seats).toEqual([
        { name: "Ana Ruiz", role: "member" },
        { name: "Teresa Kowalczyk", role: "chair" },
      ]);
    });

    it("still reads a campaign spreadsheet as a spreadsheet, and refuses a person file that is not one", async () => {
      const sheet = (await preview("body_name,state,stage\nCedar Hollow,RI,organizing\n", "sheet.csv")).json() as { format: string };
      expect(sheet.format).toBe("csv");
      const broken = await preview("id: not-an-ocd-id\nname: Someone\n", "someone.yml");
      expect(broken.statusCode).toBe(400);
      expect(broken.json()).toEqual({ error: "someone.yml: ocdPersonId: expected an id like ocd-person/<uuid>" });
    });
  });

  describe("hostile files", () => {
    const hostile = [
      "not-json.geojson",
      "truncated.geojson",
      "nan-coordinates.geojson",
      "lines-only.geojson",
      "zip-slip.zip",
      "decompression-bomb.zip",
      "shp-without-dbf.zip",
      "not-a-zip.zip",
      "unknown-prj.zip",
      "empty.geojson",
    ];
    for (const name of hostile) {
      it(`refuses ${name} with one line and changes nothing`, async () => {
        const { db } = getDatabase();
        const before = await snapshotImportTables(db);
        const foldersBefore = fs.readdirSync(uploadDir).length;
        const response = await preview(fs.readFileSync(path.join(badDir, name)), name);
        expect(response.statusCode).toBe(400);
        const { error } = response.json() as { error: string };
        expect(error.length).toBeGreaterThan(10);
        expect(error).not.toMatch(/\n/);
        // The message is about the file, never the server's temporary folder.
        expect(error).not.toContain(uploadDir);
        expect(await snapshotImportTables(db)).toEqual(before);
        expect(fs.readdirSync(uploadDir)).toHaveLength(foldersBefore);
      });
    }

    it("asks for a zip when a loose .shp arrives without its sidecars", async () => {
      const shp = fs.readdirSync(path.join(badDir, "loose-without-dbf")).find((name) => name.endsWith(".shp"))!;
      const response = await preview(fs.readFileSync(path.join(badDir, "loose-without-dbf", shp)), shp);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ error: `${shp} is a bare .shp; send a .zip holding its .shp, .dbf and .prj` });
    });
  });

  describe("size cap", () => {
    const big = Buffer.alloc(UPLOAD_CAP + 1, 0x20);

    it("answers 413 for an upload declared bigger than the cap, keeping nothing", async () => {
      const foldersBefore = fs.readdirSync(uploadDir).length;
      const response = await preview(big, "huge.geojson");
      expect(response.statusCode).toBe(413);
      expect(response.json()).toEqual({ error: "the file is 129 KB, over the 128 KB upload limit; import it with the groundswell import command instead" });
      expect(fs.readdirSync(uploadDir)).toHaveLength(foldersBefore);
    });

    it("answers 413 when a stream with no declared length runs past the cap, keeping nothing", async () => {
      const foldersBefore = fs.readdirSync(uploadDir).length;
      const chunks = Array.from({ length: 20 }, () => Buffer.alloc(8 * 1024, 0x20));
      const response = await preview(Readable.from(chunks), "huge.geojson");
      expect(response.statusCode).toBe(413);
      expect(response.json()).toEqual({ error: "the file is bigger than the 128 KB upload limit; import it with the groundswell import command instead" });
      expect(fs.readdirSync(uploadDir)).toHaveLength(foldersBefore);
    });

    it("answers 413 over a real socket while the client is still sending, and stops reading: the cap is not a buffer", async () => {
      const address = await app.listen({ port: 0, host: "127.0.0.1" });
      const foldersBefore = fs.readdirSync(uploadDir).length;
      // An upload 1,000 times the cap, sent chunked (no length to refuse up front), honouring backpressure.
      const total = UPLOAD_CAP * 1000;
      const outcome = await new Promise<{ status: number | null; sent: number; body: string }>((resolve) => {
        let sent = 0;
        let status: number | null = null;
        let body = "";
        let finished = false;
        const finish = () => {
          if (finished) return;
          finished = true;
          request.destroy();
          resolve({ status, sent, body });
        };
        const request = http.request(`${address}/api/imports/preview?fileName=endless.geojson`, {
          method: "POST",
          headers: { "content-type": "application/octet-stream", "transfer-encoding": "chunked", ...CSRF_HEADERS, ...session },
        });
        request.on("response", (response) => {
          status = response.statusCode ?? null;
          response.setEncoding("utf8");
          response.on("data", (text: string) => (body += text));
        });
        request.on("error", finish);
        request.on("close", finish);
        const chunk = Buffer.alloc(16 * 1024, 0x20);
        const pump = () => {
          // Keep sending after the answer too: only the server closing the connection stops us.
          while (!finished && sent < total) {
            sent += chunk.length;
            if (!request.write(chunk)) return void request.once("drain", pump);
          }
          if (!finished) request.end();
        };
        pump();
      });
      expect(outcome.status).toBe(413);
      expect(JSON.parse(outcome.body)).toEqual({ error: "the file is bigger than the 128 KB upload limit; import it with the groundswell import command instead" });
      // The answer came while most of the upload was still unsent: the server never needed the whole body.
      expect(outcome.sent).toBeLessThan(total / 10);
      expect(fs.readdirSync(uploadDir)).toHaveLength(foldersBefore);
    });
  });
});
