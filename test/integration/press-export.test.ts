import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { changeStage } from "../../server/domain/resolutions";
import { buildServer } from "../../server/http/server";
import { parseCsv, runCliInProcess } from "../helpers/cli";
import { makeBody, makeCampaign } from "../helpers/factories";
import { leakedFields, seedPrivateMarkers } from "../helpers/private-markers";
import { forEachEngine } from "../helpers/test-db";

const organizer = { name: "Organizer", role: "organizer" as const };

/** Exports of a view (CSV, GeoJSON, counts, methodology) agree with the database; bad input is one line. */
forEachEngine(
  (getDatabase, engine) => {
    let app: FastifyInstance;
    let slug: string;
    let markers: Map<string, string>;
    const bodies: number[] = [];

    beforeAll(async () => {
      const { db } = getDatabase();
      const campaign = await makeCampaign(db, { name: `Press ${engine}` });
      slug = campaign.slug;
      // Counties (5-digit GEOIDs) and county subdivisions in them, in two states.
      const specs = [
        { name: "Kent County", geoid: "44003", state: "RI", kind: "county_board" as const },
        { name: "Warwick", geoid: "4400374300", state: "RI" },
        { name: "Coventry", geoid: "4400318640", state: "RI" },
        { name: "Newport", geoid: "4400549960", state: "RI" },
        { name: "Springfield", geoid: "2567000", state: "MA" },
      ];
      for (const spec of specs) bodies.push((await makeBody(db, spec)).id);
      const move = async (bodyId: number, stages: string[]) => {
        let version = 0;
        for (const toStage of stages) await changeStage(db, { campaignId: campaign.id, bodyId, toStage, expectedVersion: version++ }, organizer);
      };
      await move(bodies[1]!, ["organizing", "sponsor_found", "introduced", "vote_scheduled", "passed"]);
      await move(bodies[2]!, ["organizing"]);
      await move(bodies[4]!, ["organizing", "sponsor_found"]);
      markers = await seedPrivateMarkers(db, { campaignId: campaign.id, bodyId: bodies[2]! });
      app = await buildServer({ db, engine, basemapStyleUrl: null, serveClient: false, chromiumPath: "/nonexistent/chromium" });
    });
    afterAll(async () => {
      await app?.close();
    });

    const get = (file: string, query: string) => app.inject({ method: "GET", url: `/export/${file}?campaign=${slug}&${query}` });

    it("writes the bodies CSV with stages that agree with the counts table and the methodology", async () => {
      const csv = parseCsv((await get("bodies.csv", "")).body);
      const header = csv[0]!;
      const rows = csv.slice(1).map((row) => Object.fromEntries(header.map((name, index) => [name, row[index]])));
      expect(rows.map((row) => row.body_name).sort()).toEqual(["Coventry", "Kent County", "Newport", "Springfield", "Warwick"]);
      const stageOf = (name: string) => rows.find((row) => row.body_name === name)!.stage;
      expect([stageOf("Warwick"), stageOf("Coventry"), stageOf("Springfield"), stageOf("Newport")]).toEqual(["passed", "introduced", "sponsor_found", "not_started"]);
      expect(rows.find((row) => row.body_name === "Coventry")!.sponsors).toBe("Public Sponsor (lead); Noted Member");
      expect(new Set(rows.map((row) => row.snapshot_at)).size).toBe(1);

      const counts = parseCsv((await get("counts.csv", "")).body);
      const countHeader = counts[0]!;
      const cell = (area: string, column: string) => counts.find((row) => row[0] === area)![countHeader.indexOf(column)];
      expect(cell("All bodies", "passed")).toBe("1");
      expect(cell("All bodies", "not_started")).toBe("2");
      expect(cell("All bodies", "total")).toBe("5");
      // By county where the GEOID names it (44003 Kent, 44005 Newport), else by state.
      expect(cell("Kent County, RI", "total")).toBe("3");
      expect(cell("County 44005, RI", "not_started")).toBe("1");
      expect(cell("MA", "sponsor_found")).toBe("1");

      const methodology = (await get("methodology.md", "")).body;
      expect(methodology).toContain("| Passed | 1 |");
      expect(methodology).toContain("| **Total** | **5** |");
    });

    it("filters by stage and box, and replays as of a day, in CSV and GeoJSON alike", async () => {
      const day = new Date().toISOString().slice(0, 10);
      const geojson = (await get("bodies.geojson", `stages=passed,not_started&bbox=-180,-90,180,90&asof=${day}`)).json() as GeoJSON.FeatureCollection & {
        groundswell: { counts: Record<string, number>; total: number; as_of: string };
      };
      expect(geojson.features.map((feature) => feature.properties!.body_name).sort()).toEqual(["Kent County", "Newport", "Warwick"]);
      expect(geojson.groundswell.counts.passed).toBe(1);
      expect(geojson.groundswell.total).toBe(3);
      expect(geojson.features[0]!.geometry.type).toBe("Polygon");
      const before = parseCsv((await get("bodies.csv", "asof=2000-01-01")).body).slice(1);
      expect(new Set(before.map((row) => row[6]))).toEqual(new Set(["not_started"]));
    });

    it("never shows a private marker in any export", async () => {
      for (const file of ["bodies.csv", "bodies.geojson", "counts.csv", "methodology.md", "view.json"]) {
        const response = await get(file, "");
        expect(response.statusCode, file).toBe(200);
        expect(leakedFields(markers, response.body), file).toEqual([]);
      }
    });

    it("refuses bad export input with one line", async () => {
      for (const [query, message] of [
        ["asof=2026-02-30", /not a date/],
        ["bbox=1,2,3", /not a bbox/],
        ["bbox=10,0,5,1", /not a bbox/],
      ] as const) {
        const response = await get("bodies.csv", query);
        expect(response.statusCode, query).toBe(400);
        expect(response.body.trim()).toMatch(message);
        expect(response.body.trim().split("\n")).toHaveLength(1);
      }
      expect((await app.inject({ method: "GET", url: "/export/bodies.csv?campaign=nope" })).statusCode).toBe(404);
    });

    it("answers 503 with one clear line when the map renderer cannot run", async () => {
      const response = await get("map.png", "");
      expect(response.statusCode).toBe(503);
      expect(response.body.trim().split("\n")).toHaveLength(1);
    });

    it("export map and press-kit refuse bad options with one line and exit 2, or exit 1 when chromium is missing", async () => {
      const { env } = getDatabase();
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-press-"));
      try {
        const out = path.join(folder, "map.png");
        for (const [args, message] of [
          [["export", "map", "--format", "gif", "--out", out], /use png or pdf/],
          [["export", "map", "--out", out, "--as-of", "2026-02-30"], /not a date/],
          [["export", "map", "--out", out, "--bbox", "a,b,c,d"], /not a bbox/],
          [["export", "map", "--format", "png"], /--out is required/],
          [["export", "press-kit", "--out", path.join(folder, "kit"), "--campaign", "nope"], /No campaign named "nope"/],
        ] as const) {
          const result = await runCliInProcess([...args], env);
          expect(result.status, args.join(" ")).toBe(/No campaign/.test(String(message)) ? 3 : 2);
          expect(result.stderr.trim()).toMatch(message);
          expect(result.stderr.trim().split("\n")).toHaveLength(1);
        }
        const missing = await runCliInProcess(["export", "map", "--format", "png", "--out", out, "--campaign", slug], { ...env, CHROMIUM_PATH: "/nonexistent/chromium" });
        expect(missing.status).toBe(1);
        expect(missing.stderr.trim()).toMatch(/^groundswell: Chromium is not installed at \/nonexistent\/chromium/);
        expect(fs.existsSync(out)).toBe(false);
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    }, 120_000);

    it("public API answers carry an ETag and answer 304 when unchanged", async () => {
      const url = `/trpc/public.map?input=${encodeURIComponent(JSON.stringify({ campaign: slug }))}`;
      const first = await app.inject({ method: "GET", url });
      expect(first.statusCode).toBe(200);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await app.inject({ method: "GET", url, headers: { "if-none-match": etag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe("");
      // A signed-in read is not marked cacheable.
      const privateRead = await app.inject({ method: "GET", url: `/trpc/campaign.list` });
      expect(privateRead.headers.etag).toBeUndefined();
    });

    it("credits the boundaries' real publisher (--source, else the file's name) on the map and in the press files, not the Census Bureau", async () => {
      const { env } = getDatabase();
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-credit-"));
      try {
        const square = (west: number, name: string) => ({
          type: "Feature",
          properties: { TOWN: name },
          geometry: {
            type: "Polygon",
            coordinates: [
              [
                [west, 44.2],
                [west + 0.1, 44.2],
                [west + 0.1, 44.3],
                [west, 44.3],
                [west, 44.2],
              ],
            ],
          },
        });
        const towns = path.join(folder, "vt-towns.geojson");
        fs.writeFileSync(towns, JSON.stringify({ type: "FeatureCollection", features: [square(-72.6, "Ashby"), square(-72.5, "Barre Town")] }));
        const more = path.join(folder, "vt-more.geojson");
        fs.writeFileSync(more, JSON.stringify({ type: "FeatureCollection", features: [square(-72.4, "Calais")] }));
        for (const args of [[towns, "--source", "Vermont Center for Geographic Information"], [more]]) {
          const result = await runCliInProcess(["import", ...args, "--as", "bodies", "--kind", "select_board", "--state", "VT", "--no-overlaps"], env);
          expect(result.status, result.stderr).toBe(0);
        }
        const vermont = "bbox=-72.7,44.1,-72.25,44.4";
        const credit = (methodology: string) => methodology.split("\n").find((line) => line.startsWith("- Boundaries:"));
        expect(credit((await get("methodology.md", vermont)).body)).toBe("- Boundaries: Vermont Center for Geographic Information, vt-more.geojson");
        expect(credit((await get("methodology.md", "bbox=-72.7,44.1,-72.45,44.4")).body)).toBe("- Boundaries: Vermont Center for Geographic Information");
        // The factory-made bodies elsewhere carry no source: they are "imported boundary files", still not the Census Bureau.
        expect(credit((await get("methodology.md", "")).body)).toBe("- Boundaries: imported boundary files, Vermont Center for Geographic Information, vt-more.geojson");
        // The in-app maps credit every body's source through the geometry payload.
        const payload = JSON.parse((await app.inject({ method: "GET", url: "/geo/bodies.geojson" })).body) as { attribution?: string };
        expect(payload.attribution).toBe("Boundaries: imported boundary files, Vermont Center for Geographic Information, vt-more.geojson");
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });
  },
  { sqliteOnDisk: true },
);
