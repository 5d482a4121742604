import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../server/db/connect";
import { importDistricts } from "../../server/domain/imports";
import { runCliInProcess, parseCsv } from "../helpers/cli";
import { buildWorld, type World } from "../helpers/district-world";
import { makeCampaign } from "../helpers/factories";
import { forEachEngine } from "../helpers/test-db";
import { createCaller } from "../../server/api/router";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../server/http/server";
import { CSRF_HEADERS } from "../../shared/csrf";
import { signedInHeaders } from "../helpers/sign-in";

/**
 * Ballot questions on both engines, in the small Vermont of test/helpers/district-world.ts:
 * `groundswell import --as ballot-results` (the election-statistics export with its Totals row
 * and a BOM, plain town,yes,no,blanks, partial towns, bad rows, a dry run, a re-import), the
 * district roll-up, the estimate for the current plan through the overlaps, and
 * `groundswell export ballot-results` by district and by town.
 */

const fixture = (name: string) => path.resolve(__dirname, "../fixtures/ballot", name);
const count = async (db: Db, table: "ballotQuestion" | "ballotResult" | "ballotQuestionDistrict") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
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
const CAMPAIGN = "Single payer questions";

forEachEngine(
  (getDatabase, engine) => {
    let world: World;
    let scratch: string;
    const cli = (...args: string[]) => runCliInProcess(args, getDatabase().env);
    const rows = (text: string) => {
      const [header, ...body] = parseCsv(text);
      return body.map((row) => Object.fromEntries(header!.map((column, index) => [column, row[index]])));
    };

    beforeAll(async () => {
      const { db } = getDatabase();
      world = await buildWorld(db);
      await makeCampaign(db, { name: CAMPAIGN });
      await makeCampaign(db, { name: "Another campaign" });
      // An older plan: its House 1 held Ashby, Brookfield and Carlton whole. 2022 stays current.
      await db
        .transaction()
        .execute((trx) =>
          importDistricts(
            trx,
            { features: [{ properties: { DISTRICT: "1" }, geometry: box(-72.9, 44.0, -72.84, 44.02) }], fields: ["DISTRICT"] },
            { chamber: "state_lower", state: "VT", vintage: "2010" },
          ),
        );
      scratch = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-ballot-"));
    });
    afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

    describe("groundswell import --as ballot-results", () => {
      it("a dry run prints the roll-up and writes nothing", async () => {
        const { db } = getDatabase();
        const result = await cli(
          "import",
          fixture("house-1-2018-precincts.csv"),
          "--as",
          "ballot-results",
          "--campaign",
          CAMPAIGN,
          "--question",
          "2018 Q5",
          "--district",
          "1",
          "--chamber",
          "state_lower",
          "--state",
          "VT",
          "--dry-run",
        );
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        expect(result.stdout).toContain('Would import 3 precinct rows (2 towns) from house-1-2018-precincts.csv into ballot question "2018 Q5"');
        expect(result.stdout).toContain("state_lower 1 (2022 plan): yes 4,390, no 1,811, blanks 213, total 6,414: 70.8 % yes; 68.4 % of ballots");
        expect(result.stdout).toContain("Dry run: nothing was written.");
        expect(await count(db, "ballotQuestion")).toBe(0);
        expect(await count(db, "ballotResult")).toBe(0);
      });

      it("imports the export format (BOM, thousands separators, Totals row): district totals equal the file's, Brookfield partial", async () => {
        const result = await cli(
          "import",
          fixture("house-1-2018-precincts.csv"),
          "--as",
          "ballot-results",
          "--campaign",
          CAMPAIGN,
          "--question",
          "2018 Q5",
          "--text",
          "Shall the representative for this district be instructed to vote for a single-payer system?",
          "--date",
          "2018-11-06",
          "--district",
          "1",
          "--chamber",
          "state_lower",
          "--state",
          "VT",
        );
        expect(result.stderr).toBe("");
        expect(result.stdout).toContain("(new question)");
        expect(result.stdout).toContain("the file's Totals row: yes 4,390, no 1,811, blanks 213, total 6,414");
        expect(result.stdout).toContain("partial towns (only the precincts inside the district): Brookfield");
        expect(result.stdout).not.toContain("warning");
        const question = await getDatabase().db.selectFrom("ballotQuestion").selectAll().executeTakeFirstOrThrow();
        expect(question).toMatchObject({ name: "2018 Q5", year: 2018, electionDate: "2018-11-06", state: "VT", source: "house-1-2018-precincts.csv" });

        const byDistrict = rows((await cli("export", "ballot-results", "--format", "csv", "--campaign", CAMPAIGN)).stdout);
        expect(byDistrict).toEqual([
          { question: "2018 Q5", year: "2018", chamber: "state_lower", district: "1", yes: "4390", no: "1811", blanks: "213", total: "6414", pct_yes: "70.8", estimated: "false" },
        ]);
        const byTown = rows((await cli("export", "ballot-results", "--format", "csv", "--by", "town")).stdout);
        expect(byTown).toEqual([
          { question: "2018 Q5", year: "2018", town: "Ashby", state: "VT", yes: "3514", no: "1401", blanks: "173", total: "5088", pct_yes: "71.5", partial: "false" },
          { question: "2018 Q5", year: "2018", town: "Brookfield", state: "VT", yes: "876", no: "410", blanks: "40", total: "1326", pct_yes: "68.1", partial: "true" },
        ]);
      });

      it("a second import of the same question replaces its results", async () => {
        const { db } = getDatabase();
        const again = await cli(
          "import",
          fixture("house-2-2018-towns.csv"),
          "--as",
          "ballot-results",
          "--campaign",
          CAMPAIGN,
          "--question",
          "2018 Q5",
          "--district",
          "District 2",
          "--chamber",
          "state-lower",
          "--state",
          "VT",
        );
        expect(again.stderr).toBe("");
        expect(again.stdout).toContain("replacing its 3 result rows");
        expect(again.stdout).toContain("state_lower 2 (2022 plan): yes 4,300, no 2,400, blanks 170, total 6,870: 64.2 % yes");
        expect(await count(db, "ballotQuestion")).toBe(1);
        expect(await count(db, "ballotResult")).toBe(3);
        const question = await db.selectFrom("ballotQuestion").selectAll().executeTakeFirstOrThrow();
        // What the second import did not say is kept: the text and the date.
        expect(question).toMatchObject({ electionDate: "2018-11-06", totalsYes: null });
        expect(question.questionText).toMatch(/^Shall the representative/);
        const byTown = rows((await cli("export", "ballot-results", "--by", "town", "--format", "csv")).stdout);
        expect(byTown.map((row) => [row.town, row.partial, row.pct_yes])).toEqual([
          ["Brookfield", "true", "50.0"],
          ["Carlton", "false", "75.0"],
          ["Dover", "false", "47.1"],
        ]);
      });

      it("estimates the current districts for a question that ran under an older plan, labelled with its method", async () => {
        const result = await cli(
          "import",
          fixture("old-house-1-2010-towns.csv"),
          "--as",
          "ballot-results",
          "--campaign",
          CAMPAIGN,
          "--question",
          "2010 Q4",
          "--district",
          "1",
          "--chamber",
          "state_lower",
          "--vintage",
          "2010",
          "--state",
          "VT",
        );
        expect(result.stderr).toBe("");
        expect(result.stdout).toContain("state_lower 1 (2010 plan): yes 7,890, no 3,311, blanks 333, total 11,534: 70.4 % yes");
        expect(result.stdout).toContain("estimated state_lower 1 (2022 plan): yes 4,202, no 1,856, blanks 203, total 6,261: 69.4 % yes");
        expect(result.stdout).toContain("estimated state_lower 2 (2022 plan): yes 3,688, no 1,455, blanks 130, total 5,273: 71.7 % yes");
        expect(result.stdout).toMatch(/estimate: each town's results split by the share of the town's area inside the district/);
        const geojson = JSON.parse((await cli("export", "ballot-results", "--format", "geojson", "--campaign", CAMPAIGN)).stdout) as GeoJSON.FeatureCollection;
        const old = geojson.features.filter((feature) => feature.properties!.question === "2010 Q4");
        expect(old.map((feature) => [feature.properties!.district, feature.properties!.estimated, feature.properties!.vintage, feature.geometry?.type])).toEqual([
          ["1", false, "2010", "Polygon"],
          ["1", true, "2022", "Polygon"],
          ["2", true, "2022", "Polygon"],
        ]);
        expect(old[1]!.properties!.method).toMatch(/^estimate: /);
        const towns = JSON.parse((await cli("export", "ballot-results", "--format", "geojson", "--by", "town")).stdout) as GeoJSON.FeatureCollection;
        expect(towns.features.find((feature) => feature.properties!.town === "Ashby" && feature.properties!.question === "2010 Q4")?.properties).toMatchObject({
          pct_yes: 71.5,
          partial: false,
          body_id: world.bodies.ashby,
        });
      });

      it("refuses bad rows, one problem per row named, and writes nothing", async () => {
        const { db } = getDatabase();
        const before = [await count(db, "ballotQuestion"), await count(db, "ballotResult")];
        const result = await cli("import", fixture("bad-rows.csv"), "--as", "ballot-results", "--campaign", CAMPAIGN, "--question", "2020 Q9", "--state", "VT");
        expect(result.status).toBe(2);
        expect(result.stderr).toBe(
          'groundswell: 3 problems, nothing imported: row 2 (Ashby pct 1): yes -12 is negative; row 3 (Dover pct 1): yes "lots" is not a whole number; row 5 (Ashby pct 2): the same precinct as row 4\n',
        );
        const unknown = await cli(
          "import",
          write("unknown.csv", "town,yes,no,blanks\nAtlantis,1,2,3\nDover,1,1,1\n"),
          "--as",
          "ballot-results",
          "--campaign",
          CAMPAIGN,
          "--question",
          "2020 Q9",
          "--state",
          "VT",
        );
        expect(unknown.stderr).toBe('groundswell: 1 problem, nothing imported: row 2 (Atlantis): no body named "Atlantis" in VT\n');
        const noDistrict = await cli(
          "import",
          fixture("house-2-2018-towns.csv"),
          "--as",
          "ballot-results",
          "--campaign",
          CAMPAIGN,
          "--question",
          "2020 Q9",
          "--district",
          "9th Nowhere",
          "--chamber",
          "state_lower",
          "--state",
          "VT",
        );
        expect(noDistrict.stderr).toBe('groundswell: 1 problem, nothing imported: --district: no state_lower district "9th Nowhere" in VT in any imported plan\n');
        const noChamber = await cli(
          "import",
          fixture("house-2-2018-towns.csv"),
          "--as",
          "ballot-results",
          "--campaign",
          CAMPAIGN,
          "--question",
          "2020 Q9",
          "--district",
          "1",
          "--state",
          "VT",
        );
        expect(noChamber.stderr).toBe("groundswell: --chamber is required with --district: state_lower, state_upper, congressional\n");
        const noQuestion = await cli("import", fixture("house-2-2018-towns.csv"), "--as", "ballot-results", "--campaign", CAMPAIGN);
        expect(noQuestion.stderr).toBe('groundswell: --question is required for ballot-results, e.g. "2018 Q5"\n');
        expect([await count(db, "ballotQuestion"), await count(db, "ballotResult")]).toEqual(before);
      });

      it("warns when a row's counts or the Totals row do not add up, and refuses with --strict", async () => {
        const { db } = getDatabase();
        const file = fixture("totals-disagree.csv");
        const args = ["import", file, "--as", "ballot-results", "--campaign", CAMPAIGN, "--question", "2022 Q7", "--state", "VT"];
        const strict = await cli(...args, "--strict");
        expect(strict.stderr).toBe("groundswell: 1 problem, nothing imported: row 3 (Brookfield): yes + no + blanks = 16 but the total is 18\n");
        expect(await count(db, "ballotQuestion")).toBe(2);
        const lenient = await cli(...args);
        expect(lenient.status).toBe(0);
        expect(lenient.stdout).toContain("warning: row 3 (Brookfield): yes + no + blanks = 16 but the total is 18");
        expect(lenient.stdout).toContain(
          "warning: row 4 (Totals): the file's Totals say yes 21, no 10, blanks 2, total 34 but its rows add up to yes 20, no 10, blanks 2, total 34",
        );
        expect(lenient.stdout).toContain("warning: no --district given");
      });
    });

    describe("public.ballot*: what anyone may read", () => {
      const anonymous = () => createCaller({ db: getDatabase().db, actor: { name: "anon", role: "public" } });
      it("lists the questions with their districts, and gives each district its brief sentence", async () => {
        const questions = await anonymous().public.ballotQuestions({ campaign: "single-payer-questions" });
        expect(questions.map((question) => [question.name, question.year, question.districts.map((district) => `${district.district}${district.estimated ? "~" : ""}`)])).toEqual([
          ["2022 Q7", 2022, []],
          ["2018 Q5", 2018, ["2"]],
          ["2010 Q4", 2010, ["1", "1~", "2~"]],
        ]);
        const house2 = await anonymous().public.ballotDistrict({ campaign: "single-payer-questions", districtId: world.districts.house2 });
        expect(house2.map((result) => result.sentence)).toEqual([
          "In 2018, 64.2 % of voters in this district said yes (4,300 to 2,400).",
          "In 2010, an estimated 71.7 % of voters in this district said yes (3,688 to 1,455), estimated from the towns' results.",
        ]);
      });

      it("quotes each district's latest question on the targets view and the legislator page (actual before estimate)", async () => {
        const campaign = await getDatabase().db.selectFrom("campaign").select("id").where("name", "=", CAMPAIGN).executeTakeFirstOrThrow();
        const targets = await anonymous().legislator.targets({ campaignId: campaign.id });
        const ballotOf = (name: string) => targets.rows.find((row) => row.name === name)!.ballot;
        expect(ballotOf("Robert Brown")).toEqual({ question: "2018 Q5", year: 2018, pctYes: 64.2, estimated: false });
        expect(ballotOf("Alice Ann Brown")).toMatchObject({ question: "2010 Q4", year: 2010, estimated: true });
        const page = await anonymous().legislator.page({ campaignId: campaign.id, legislatorId: world.legislators.robert });
        expect(page.seats[0]!.ballot).toEqual({ question: "2018 Q5", year: 2018, pctYes: 64.2, estimated: false });
      });

      it("gives the map one question's towns, partial ones marked, and the outline of where it ran", async () => {
        const [question] = (await anonymous().public.ballotQuestions({ campaign: "single-payer-questions" })).filter((entry) => entry.name === "2018 Q5");
        const map = await anonymous().public.ballotMap({ campaign: "single-payer-questions", questionId: question!.id });
        expect(map.towns.map((town) => [town.bodyId, town.pctYes, town.partial])).toEqual([
          [world.bodies.brookfield, 50, true],
          [world.bodies.carlton, 75, false],
          [world.bodies.dover, 47.1, false],
        ]);
        expect(map.outline.features.map((feature) => [feature.id, feature.properties?.name])).toEqual([[world.districts.house2, "2"]]);
        await expect(anonymous().public.ballotMap({ campaign: "another-campaign", questionId: question!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      });
    });

    describe("groundswell export ballot-results", () => {
      it("refuses an unknown --by and names the choices", async () => {
        const result = await cli("export", "ballot-results", "--by", "county");
        expect(result.stderr).toBe('groundswell: unknown --by "county"; use town or district\n');
      });

      it("keeps to one campaign when asked", async () => {
        const result = await cli("export", "ballot-results", "--campaign", "Another campaign");
        expect(result.stdout).toBe("question,year,chamber,district,yes,no,blanks,total,pct_yes,estimated\r\n");
      });
    });

    describe("the Import screen's requests", () => {
      let app: FastifyInstance;
      let session: Record<string, string>;
      beforeAll(async () => {
        const { db } = getDatabase();
        app = await buildServer({ db, engine, basemapStyleUrl: null, serveClient: false, imports: { maxBytes: 64 * 1024, directory: scratch } });
        session = await signedInHeaders(app, db, "admin");
      });
      afterAll(async () => app?.close());
      const post = async (url: string, payload: string | Record<string, unknown>, contentType = "application/json") => {
        const response = await app.inject({ method: "POST", url, headers: { "content-type": contentType, ...CSRF_HEADERS, ...session }, payload });
        return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
      };

      it("previews a results file, checks it without writing, then imports it; blank choices count as left out", async () => {
        const { db } = getDatabase();
        const preview = await post("/api/imports/preview?fileName=house-2-2018-towns.csv", fs.readFileSync(fixture("house-2-2018-towns.csv"), "utf8"), "application/octet-stream");
        expect(preview.status).toBe(200);
        expect(preview.body).toMatchObject({ format: "ballot-results", level: "town", rows: 3, hasTotals: false, samples: ["Brookfield", "Carlton", "Dover"], year: 2018 });
        const choices = {
          token: preview.body.token,
          as: "ballot-results",
          campaign: "Another campaign",
          question: "2018 Q3",
          year: "",
          date: "",
          text: "",
          district: "2",
          chamber: "state_lower",
          vintage: "",
          state: "VT",
          strict: false,
        };
        const before = await count(db, "ballotResult");
        const dry = await post("/api/imports/commit", { ...choices, dryRun: true });
        expect(dry.status).toBe(200);
        expect(dry.body).toMatchObject({
          dryRun: true,
          isNew: true,
          rows: 3,
          partialTowns: ["Brookfield"],
          districts: [{ district: "2", yes: 4300, no: 2400, pctYes: 64.2, estimated: false }],
        });
        expect(await count(db, "ballotResult")).toBe(before);
        const done = await post("/api/imports/commit", { ...choices, dryRun: false });
        expect(done.status).toBe(200);
        expect(await count(db, "ballotResult")).toBe(before + 3);
        const question = await db.selectFrom("ballotQuestion").select(["year", "electionDate"]).where("name", "=", "2018 Q3").executeTakeFirstOrThrow();
        expect(question).toEqual({ year: 2018, electionDate: null });
      });

      it("names a refused choice by its form label", async () => {
        const preview = await post("/api/imports/preview?fileName=q.csv", "town,yes,no,blanks\nDover,1,2,3\n", "application/octet-stream");
        const refused = await post("/api/imports/commit", {
          token: preview.body.token,
          as: "ballot-results",
          campaign: "Another campaign",
          question: "Q",
          year: "18",
          dryRun: true,
        });
        expect(refused).toEqual({ status: 400, body: { error: 'Election year must be a year such as 2018 (got "18")' } });
      });
    });

    function write(name: string, text: string) {
      const file = path.join(scratch, name);
      fs.writeFileSync(file, text);
      return file;
    }
  },
  { sqliteOnDisk: true },
);
