import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../server/errors";
import { downloadToFile } from "../../server/io/download";
import { runCliInProcess, type CliResult } from "../helpers/cli";
import { snapshotBoundaryTables } from "../helpers/row-snapshot";
import { needsSharedFixtures, sharedFixture } from "../helpers/shared-fixtures";
import { shapefileEntries, writeDbf, writeShp, writeZip, type DbfField, type Ring } from "../helpers/shapefile-writer";
import { enginesUnderTest, forEachEngine, type TestDatabase } from "../helpers/test-db";

/**
 * `groundswell setup` against local mirrors only (this machine has no internet): a loopback HTTP
 * server and a temporary directory, holding the real Maine 2019 county subdivisions from
 * ../shared/fixtures and small TIGER-shaped place and district layers written here.
 */

const MAINE_COUSUB = "tl_2019_23_cousub.zip";
/** Of Maine's 532 county subdivisions, 465 are active town governments (FUNCSTAT A). */
const MAINE_TOWNS = 465;
const FIXTURE_TESTS_PER_ENGINE = 5;
const hasFixtures = needsSharedFixtures(FIXTURE_TESTS_PER_ENGINE * enginesUnderTest().length);
const maineCousub = () => fs.readFileSync(sharedFixture(`shapefiles/${MAINE_COUSUB}`));

/** Run the CLI in this process against `database`. */
const groundswell = (database: TestDatabase, ...args: string[]): Promise<CliResult> => runCliInProcess(args, database.env);

/** A failed command: non-zero, nothing on stdout, exactly one "groundswell: …" line on stderr. */
function expectOneLineFailure(result: CliResult): string {
  expect(result.status, result.stderr).not.toBe(0);
  expect(result.stdout).toBe("");
  expect(result.stderr, JSON.stringify(result.stderr)).toMatch(/^groundswell: [^\n]+\n$/);
  return result.stderr.trimEnd();
}

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

interface Mirror {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** A loopback HTTP server answering `routes` by path, 404 for everything else. */
async function startMirror(routes: Record<string, Uint8Array | Handler>): Promise<Mirror> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    requests.push(request.url ?? "");
    const route = routes[request.url ?? ""];
    if (route === undefined) {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
    } else if (route instanceof Uint8Array) {
      response.writeHead(200, { "content-type": "application/zip", "content-length": route.length }).end(route);
    } else {
      route(request, response);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on which nothing listens: the connection is refused at once (no DNS, no waiting). */
async function refusedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const NAD83 =
  'GEOGCS["GCS_North_American_1983",DATUM["D_North_American_1983",SPHEROID["GRS_1980",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]';

/** A clockwise (shapefile outer ring) box. */
function box(west: number, south: number, east: number, north: number): Ring {
  return [
    [west, south],
    [west, north],
    [east, north],
    [east, south],
    [west, south],
  ];
}

/** A zipped shapefile shaped like a TIGER/Line layer: text fields, NAD83, one box per record. */
function tigerZip(base: string, rows: Array<[Record<string, string>, Ring]>): Uint8Array {
  const fields: DbfField[] = Object.keys(rows[0]![0]).map((name) => ({ name, type: "C", length: 60 }));
  const { shp, shx } = writeShp(rows.map(([, ring]) => ({ type: "polygon", rings: [ring] })));
  const dbf = writeDbf(
    fields,
    rows.map(([attributes]) => attributes),
  );
  return writeZip(shapefileEntries(base, { shp, shx, dbf, prj: NAD83, cpg: "UTF-8" }));
}

/** Maine spans about -71.1…-66.9 E, 42.9…47.5 N. */
const MAINE_PLACE = tigerZip("tl_2019_23_place", [
  [{ GEOID: "2360545", PLACEFP: "60545", NAMELSAD: "Portland city", FUNCSTAT: "A" }, box(-70.35, 43.6, -70.2, 43.7)],
  [{ GEOID: "2355190", PLACEFP: "55190", NAMELSAD: "Old Orchard Beach CDP", FUNCSTAT: "S" }, box(-70.4, 43.5, -70.35, 43.55)],
]);
const MAINE_SLDL = tigerZip("tl_2019_23_sldl", [
  [{ GEOID: "23001", SLDLST: "001", NAMELSAD: "State House District 1" }, box(-71.2, 42.8, -69, 47.6)],
  [{ GEOID: "23002", SLDLST: "002", NAMELSAD: "State House District 2" }, box(-69, 42.8, -66.8, 47.6)],
  [{ GEOID: "23ZZZ", SLDLST: "ZZZ", NAMELSAD: "State House Districts not defined" }, box(-70, 42, -69, 42.5)],
]);
const MAINE_SLDU = tigerZip("tl_2019_23_sldu", [[{ GEOID: "23001", SLDUST: "001", NAMELSAD: "State Senate District 1" }, box(-71.2, 42.8, -66.8, 47.6)]]);
const MAINE_CD = tigerZip("tl_2019_23_cd116", [
  [{ GEOID: "2301", CD116FP: "01", NAMELSAD: "Congressional District 1" }, box(-71.2, 42.8, -69.5, 47.6)],
  [{ GEOID: "2302", CD116FP: "02", NAMELSAD: "Congressional District 2" }, box(-69.5, 42.8, -66.8, 47.6)],
]);

const ROUTE = (folder: string, file: string) => `/TIGER2019/${folder}/${file}`;

forEachEngine(
  (getDatabase) => {
    const setup = (...args: string[]) => groundswell(getDatabase(), "setup", ...args);
    const bodies = () => getDatabase().db.selectFrom("body").select(["name", "kind", "state", "geoid"]).orderBy("geoid").execute();

    it("fails with one line naming the URL it tried when nothing answers, and changes nothing", async () => {
      const before = await snapshotBoundaryTables(getDatabase().db);
      const port = await refusedPort();
      const line = expectOneLineFailure(await setup("--state", "ME", "--year", "2019", "--mirror", `http://127.0.0.1:${port}`));
      expect(line).toBe(
        `groundswell: could not download http://127.0.0.1:${port}/TIGER2019/PLACE/tl_2019_23_place.zip (ECONNREFUSED); use --mirror DIR to import files you downloaded yourself`,
      );
      expect(await snapshotBoundaryTables(getDatabase().db)).toEqual(before);
    });

    it("refuses a mirror with none of the layers, and a bad state or year, with one line each", async () => {
      const mirror = await startMirror({});
      try {
        const line = expectOneLineFailure(await setup("--state", "ME", "--year", "2019", "--mirror", mirror.url));
        expect(line).toBe(
          `groundswell: found none of the 5 TIGER/Line 2019 layers for ME at ${mirror.url} (no place layer for ME (HTTP 404 at ${mirror.url}/TIGER2019/PLACE/tl_2019_23_place.zip), …); check --year and --mirror`,
        );
      } finally {
        await mirror.close();
      }
      expect(expectOneLineFailure(await setup("--state", "XX"))).toBe('groundswell: --state "XX" is not a USPS state code (e.g. MA, RI)');
      expect(expectOneLineFailure(await setup("--state", "ME", "--year", "2009"))).toBe(
        "groundswell: --year must be 2011 or later (earlier TIGER/Line releases use another layout); got 2009",
      );
      expect(expectOneLineFailure(await setup("--state", "ME", "--year", "soon"))).toBe('groundswell: --year must be a year such as 2024 (got "soon")');
      expect(await bodies()).toEqual([]);
    });

    describe.runIf(hasFixtures)("Maine county subdivisions from ../shared/fixtures", () => {
      it("imports them from a loopback HTTP mirror as town meetings, and reports each missing layer", async () => {
        const mirror = await startMirror({ [ROUTE("COUSUB", MAINE_COUSUB)]: maineCousub() });
        try {
          const result = await setup("--state", "ME", "--year", "2019", "--mirror", mirror.url);
          expect(result.status, result.stderr).toBe(0);
          expect(result.stderr).toBe("");
          expect(mirror.requests).toEqual([
            ROUTE("PLACE", "tl_2019_23_place.zip"),
            ROUTE("COUSUB", MAINE_COUSUB),
            ROUTE("SLDL", "tl_2019_23_sldl.zip"),
            ROUTE("SLDU", "tl_2019_23_sldu.zip"),
            ROUTE("CD", "tl_2019_23_cd116.zip"),
          ]);
          const lines = result.stdout.split("\n");
          expect(lines.slice(0, 8)).toEqual([
            `TIGER/Line 2019 for Maine from ${mirror.url}: 1 of 5 layers (3.4 MB)`,
            `  no place layer for ME (HTTP 404 at ${mirror.url}${ROUTE("PLACE", "tl_2019_23_place.zip")})`,
            `  no state house layer for ME (HTTP 404 at ${mirror.url}${ROUTE("SLDL", "tl_2019_23_sldl.zip")})`,
            `  no state senate layer for ME (HTTP 404 at ${mirror.url}${ROUTE("SLDU", "tl_2019_23_sldu.zip")})`,
            `  no congressional district layer for ME (HTTP 404 at ${mirror.url}${ROUTE("CD", "tl_2019_23_cd116.zip")})`,
            `Imported ${MAINE_COUSUB} as town meetings (shapefile, GCS_North_American_1983):`,
            `  532 features read → ${MAINE_TOWNS} bodies created, 0 updated`,
            '  name from "NAMELSAD", id from "GEOID"',
          ]);
          // 532 = 465 towns + 39 unorganized territories (S) + 27 cities and reservations (F) + 1 gore (N).
          expect(lines[8]).toBe(
            "  left out 67: 39 statistical, with no government (FUNCSTAT S), e.g. Criehaven UT, Blanchard UT; " +
              "27 stand-ins for a city (which comes from the place layer) or a reservation (FUNCSTAT F), e.g. Saco city, Passamaquoddy Indian Township Reservation; " +
              "1 nonfunctioning (FUNCSTAT N), e.g. Hibberts gore",
          );
          expect(lines[9]).toMatch(new RegExp(`^Overlaps: 0 body × district pairs from ${MAINE_TOWNS} bodies and 0 current districts in `));

          const imported = await bodies();
          expect(imported).toHaveLength(MAINE_TOWNS);
          expect(new Set(imported.map((body) => `${body.kind} ${body.state}`))).toEqual(new Set(["town_meeting ME"]));
          expect(imported.every((body) => /^23\d{8}$/.test(body.geoid ?? ""))).toBe(true);
          const names = imported.map((body) => body.name);
          expect(names).toEqual(expect.arrayContaining(["Lakeville town", "Medway town", "Atkinson town"]));
          expect(names).not.toEqual(expect.arrayContaining(["Portland city"]));
          expect(names.filter((name) => / UT$|gore$|Reservation$/.test(name))).toEqual([]);
        } finally {
          await mirror.close();
        }
      });

      it("takes the same file from a mirror directory (flat, then in Census folders) and updates in place", async () => {
        const before = await bodies();
        const flat = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-setup-flat-"));
        const nested = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-setup-nested-"));
        try {
          fs.copyFileSync(sharedFixture(`shapefiles/${MAINE_COUSUB}`), path.join(flat, MAINE_COUSUB));
          fs.mkdirSync(path.join(nested, "TIGER2019", "COUSUB"), { recursive: true });
          fs.copyFileSync(sharedFixture(`shapefiles/${MAINE_COUSUB}`), path.join(nested, "TIGER2019", "COUSUB", MAINE_COUSUB));
          for (const directory of [flat, nested]) {
            const result = await setup("--state", "me", "--year", "2019", "--mirror", directory);
            expect(result.status, result.stderr).toBe(0);
            expect(result.stdout).toContain(`TIGER/Line 2019 for Maine from ${directory}: 1 of 5 layers (3.4 MB)\n`);
            expect(result.stdout).toContain(`  no state house layer for ME (no tl_2019_23_sldl.zip in ${directory})\n`);
            expect(result.stdout).toContain(`  532 features read → 0 bodies created, ${MAINE_TOWNS} updated\n`);
            expect(await bodies()).toEqual(before);
          }
          expect(fs.readdirSync(flat)).toEqual([MAINE_COUSUB]);
        } finally {
          fs.rmSync(flat, { recursive: true, force: true });
          fs.rmSync(nested, { recursive: true, force: true });
        }
      });

      it("fails on a corrupt zip with one line naming it, and leaves the database unchanged", async () => {
        const before = await snapshotBoundaryTables(getDatabase().db);
        const whole = maineCousub();
        const mirror = await startMirror({
          [ROUTE("COUSUB", MAINE_COUSUB)]: whole,
          [ROUTE("SLDL", "tl_2019_23_sldl.zip")]: whole.subarray(0, 100_000),
        });
        try {
          const line = expectOneLineFailure(await setup("--state", "ME", "--year", "2019", "--mirror", mirror.url));
          expect(line).toBe(
            `groundswell: tl_2019_23_sldl.zip from ${mirror.url}${ROUTE("SLDL", "tl_2019_23_sldl.zip")}: not a zip archive, or a truncated one (no central directory at the end)`,
          );
        } finally {
          await mirror.close();
        }
        expect(await snapshotBoundaryTables(getDatabase().db)).toEqual(before);
      });

      it("refuses a layer that is not the TIGER layer it is named after, importing none of the others", async () => {
        const before = await snapshotBoundaryTables(getDatabase().db);
        const mirror = await startMirror({
          [ROUTE("PLACE", "tl_2019_23_place.zip")]: MAINE_PLACE,
          [ROUTE("COUSUB", MAINE_COUSUB)]: maineCousub(),
          [ROUTE("CD", "tl_2019_23_cd116.zip")]: tigerZip("tl_2019_23_cd116", [[{ DISTRICT: "1" }, box(-71, 43, -70, 44)]]),
        });
        try {
          const line = expectOneLineFailure(await setup("--state", "ME", "--year", "2019", "--mirror", mirror.url));
          expect(line).toBe("groundswell: tl_2019_23_cd116.zip is not a TIGER/Line congressional district layer: it has no GEOID field (fields: DISTRICT)");
        } finally {
          await mirror.close();
        }
        expect(await snapshotBoundaryTables(getDatabase().db)).toEqual(before);
      });

      it("imports places as city councils and the three district layers with the year as vintage, then overlaps", async () => {
        const mirror = await startMirror({
          [ROUTE("PLACE", "tl_2019_23_place.zip")]: MAINE_PLACE,
          [ROUTE("COUSUB", MAINE_COUSUB)]: maineCousub(),
          [ROUTE("SLDL", "tl_2019_23_sldl.zip")]: MAINE_SLDL,
          [ROUTE("SLDU", "tl_2019_23_sldu.zip")]: MAINE_SLDU,
          [ROUTE("CD", "tl_2019_23_cd116.zip")]: MAINE_CD,
        });
        let result: CliResult;
        try {
          result = await setup("--state", "ME", "--year", "2019", "--mirror", mirror.url);
        } finally {
          await mirror.close();
        }
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout).toContain(": 5 of 5 layers (");
        expect(result.stdout).not.toContain(" layer for ME");
        expect(result.stdout).toContain(
          "Imported tl_2019_23_place.zip as city councils (shapefile, GCS_North_American_1983):\n" +
            "  2 features read → 1 bodies created, 0 updated\n" +
            '  name from "NAMELSAD", id from "GEOID"\n' +
            "  left out 1: 1 statistical, with no government (FUNCSTAT S), e.g. Old Orchard Beach CDP\n",
        );
        expect(result.stdout).toContain(`  532 features read → 0 bodies created, ${MAINE_TOWNS} updated\n`);
        expect(result.stdout).toContain(
          "Imported tl_2019_23_sldl.zip as State House districts (shapefile, GCS_North_American_1983):\n" +
            "  3 features read → 2 districts created, 0 updated\n" +
            '  name from NAMELSAD ("State House District 1" → "1"), id from "GEOID"; vintage 2019 (current)\n' +
            '  left out 1: 1 "… not defined" (water and unassigned areas), e.g. State House Districts not defined\n',
        );

        const { db } = getDatabase();
        expect(await db.selectFrom("body").select("kind").where("kind", "=", "city_council").execute()).toHaveLength(1);
        const portland = await db.selectFrom("body").selectAll().where("geoid", "=", "2360545").executeTakeFirstOrThrow();
        expect(portland).toMatchObject({ name: "Portland city", kind: "city_council", state: "ME" });
        const districts = await db.selectFrom("district").select(["chamber", "name", "geoid", "state", "vintage", "isCurrent"]).orderBy("chamber").orderBy("name").execute();
        expect(districts.map((district) => ({ ...district, isCurrent: Boolean(district.isCurrent) }))).toEqual([
          { chamber: "congressional", name: "1", geoid: "2301", state: "ME", vintage: "2019", isCurrent: true },
          { chamber: "congressional", name: "2", geoid: "2302", state: "ME", vintage: "2019", isCurrent: true },
          { chamber: "state_lower", name: "1", geoid: "23001", state: "ME", vintage: "2019", isCurrent: true },
          { chamber: "state_lower", name: "2", geoid: "23002", state: "ME", vintage: "2019", isCurrent: true },
          { chamber: "state_upper", name: "1", geoid: "23001", state: "ME", vintage: "2019", isCurrent: true },
        ]);

        // The one senate district covers the state: every body overlaps it, and overlaps were stored.
        const bodyCount = MAINE_TOWNS + 1;
        const perChamber = await db
          .selectFrom("bodyDistrictOverlap")
          .innerJoin("district", "district.id", "bodyDistrictOverlap.districtId")
          .select(["district.chamber", (eb) => eb.fn.count<number>("bodyDistrictOverlap.bodyId").distinct().as("bodies")])
          .groupBy("district.chamber")
          .orderBy("district.chamber")
          .execute();
        expect(perChamber.map((row) => [row.chamber, Number(row.bodies)])).toEqual([
          ["congressional", bodyCount],
          ["state_lower", bodyCount],
          ["state_upper", bodyCount],
        ]);
        expect(result.stdout).toMatch(new RegExp(`\\nOverlaps: \\d+ body × district pairs from ${bodyCount} bodies and 5 current districts in `));
      });
    });

    it("--with-blocks places the 2020 blocks' people (POP20) in the same run, shared by area, and refuses a blocks file without POP20", async () => {
      // A block a line crosses is shared by area: b3 straddles the House line at -69 (half each).
      const block = (geoid: string, pop: string, ring: Ring): [Record<string, string>, Ring] => [{ GEOID20: geoid, POP20: pop, INTPTLAT20: "0", INTPTLON20: "0" }, ring];
      const blocks = [
        block("230050001001000", "1000", box(-70.3, 43.62, -70.25, 43.65)),
        block("230090001001000", "500", box(-68, 44, -67.9, 44.1)),
        block("230190001001000", "200", box(-69.1, 45, -68.9, 45.1)),
      ];
      const directory = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-setup-blocks-"));
      const { db } = getDatabase();
      try {
        fs.writeFileSync(path.join(directory, "tl_2019_23_place.zip"), MAINE_PLACE);
        fs.writeFileSync(path.join(directory, "tl_2019_23_sldl.zip"), MAINE_SLDL);
        // Before 2020 the blocks come from the 2020 release.
        fs.writeFileSync(
          path.join(directory, "tl_2020_23_tabblock20.zip"),
          tigerZip(
            "tl_2020_23_tabblock20",
            blocks.map(([attributes, ring]) => [{ ...attributes, POP20: "x" }, ring]),
          ),
        );
        const before = await snapshotBoundaryTables(db);
        expect(expectOneLineFailure(await setup("--state", "ME", "--year", "2019", "--mirror", directory, "--with-blocks"))).toBe(
          'groundswell: Feature 1 of tl_2020_23_tabblock20.zip has POP20 = "x": counts must be numbers of 0 or more; nothing was imported',
        );
        expect(await snapshotBoundaryTables(db)).toEqual(before);
        expect(await db.selectFrom("districtPeople").selectAll().execute()).toEqual([]);

        fs.writeFileSync(path.join(directory, "tl_2020_23_tabblock20.zip"), tigerZip("tl_2020_23_tabblock20", blocks));
        const result = await setup("--state", "ME", "--year", "2019", "--mirror", directory, "--with-blocks");
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout).toContain(": 3 of 6 layers (");
        // Earlier tests may have set up more of Maine (its towns, senate and congressional districts).
        expect(result.stdout).toMatch(
          /\ntl_2020_23_tabblock20\.zip: 1,700 people in 3 features \(POP20\) placed in ME\n {2}1,700 people placed in \d+ current districts and \d+ bodies\n/,
        );
        const people = await db
          .selectFrom("districtPeople")
          .innerJoin("district", "district.id", "districtPeople.districtId")
          .select(["district.chamber", "district.name", "districtPeople.people"])
          .where("district.isCurrent", "=", 1)
          .where("district.chamber", "=", "state_lower")
          .orderBy("district.name")
          .execute();
        expect(people.map((row) => [row.chamber, row.name, Math.round(row.people * 1000) / 1000])).toEqual([
          ["state_lower", "1", 1100],
          ["state_lower", "2", 600],
        ]);
        const portland = await db
          .selectFrom("body")
          .innerJoin("bodyPeople", "bodyPeople.bodyId", "body.id")
          .select(["body.name", "bodyPeople.people"])
          .where("body.geoid", "=", "2360545")
          .execute();
        expect(portland).toEqual([{ name: "Portland city", people: 1000 }]);
      } finally {
        fs.rmSync(directory, { recursive: true, force: true });
      }
    });
  },
  { sqliteOnDisk: true },
);

describe("downloadToFile", () => {
  let mirror: Mirror;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-download-"));
  const destination = path.join(folder, "layer.zip");
  const bytes = new Uint8Array(4096).fill(7);

  beforeAll(async () => {
    mirror = await startMirror({
      "/whole.zip": bytes,
      "/chunked.zip": (_request, response) => {
        response.writeHead(200, { "content-type": "application/zip" });
        response.write(bytes.subarray(0, 2048));
        response.end(bytes.subarray(2048));
      },
      "/stalls.zip": (_request, response) => {
        response.writeHead(200, { "content-type": "application/zip" });
        response.write(bytes.subarray(0, 10));
      },
      "/broken.zip": (_request, response) => {
        response.writeHead(500, "Internal Server Error").end();
      },
    });
  });
  afterAll(async () => {
    await mirror.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it("streams a file to disk and reports progress", async () => {
    const seen: Array<[number, number | undefined]> = [];
    expect(await downloadToFile(`${mirror.url}/whole.zip`, destination, { onProgress: (received, total) => seen.push([received, total]) })).toEqual({
      found: true,
      bytes: 4096,
    });
    expect(new Uint8Array(fs.readFileSync(destination))).toEqual(bytes);
    expect(seen.at(-1)).toEqual([4096, 4096]);
  });

  it("answers found: false for a 404", async () => {
    expect(await downloadToFile(`${mirror.url}/absent.zip`, destination)).toEqual({ found: false, status: 404 });
  });

  it("refuses a file over the size cap, declared or not, and leaves no partial file", async () => {
    fs.rmSync(destination, { force: true });
    await expect(downloadToFile(`${mirror.url}/whole.zip`, destination, { maxBytes: 1000 })).rejects.toThrow(
      `could not download ${mirror.url}/whole.zip (4 kB, over the 1000 bytes limit)`,
    );
    await expect(downloadToFile(`${mirror.url}/chunked.zip`, destination, { maxBytes: 3000 })).rejects.toThrow(
      `could not download ${mirror.url}/chunked.zip (more than the 3 kB limit)`,
    );
    expect(fs.existsSync(destination)).toBe(false);
  });

  it("gives up on a server that stops sending, and names HTTP errors", async () => {
    const stalled = downloadToFile(`${mirror.url}/stalls.zip`, destination, { idleTimeoutMs: 300, hint: "try again" });
    await expect(stalled).rejects.toThrow(new InputError(`could not download ${mirror.url}/stalls.zip (no answer for 300 ms); try again`));
    expect(fs.existsSync(destination)).toBe(false);
    await expect(downloadToFile(`${mirror.url}/broken.zip`, destination)).rejects.toThrow(`could not download ${mirror.url}/broken.zip (HTTP 500 Internal Server Error)`);
  });
});
