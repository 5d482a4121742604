import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../shared/model/campaign";
import { findStage, defaultStageScheme } from "../../shared/model/stage";
import { listBodies } from "../../server/domain/bodies";
import { listCampaigns } from "../../server/domain/campaigns";
import { changeStage } from "../../server/domain/resolutions";
import { parseCsv, runCli, runCliInProcess, type CliResult } from "../helpers/cli";
import { makeBody, makeCampaign, type MadeBody } from "../helpers/factories";
import { forEachEngine } from "../helpers/test-db";

const CSV_COLUMNS = ["body_id", "body_name", "kind", "state", "geoid", "campaign", "stage", "stage_label", "parent_id", "parent_name"];

/** A failed command: non-zero, nothing on stdout, exactly one "groundswell: …" line on stderr. */
function expectOneLineFailure(result: CliResult): string {
  expect(result.status, result.stderr).not.toBe(0);
  expect(result.stdout).toBe("");
  const lines = result.stderr.split("\n");
  expect(lines, JSON.stringify(result.stderr)).toHaveLength(2);
  expect(lines[1]).toBe("");
  expect(lines[0]).toMatch(/^groundswell: \S/);
  return lines[0]!;
}

forEachEngine(
  (getDatabase) => {
    // In this process (the commands as the bin runs them, much faster than a child each); the
    // first test goes through the real bin, and cli-builds.test.ts compares the bin with the sources.
    const cli = (...args: string[]) => runCliInProcess(args, getDatabase().env);

    describe("before any campaign exists", () => {
      it("export bodies lists the bodies with empty stage columns, and their parents", async () => {
        const { db } = getDatabase();
        const city = await makeBody(db, { name: "Cranston", kind: "city_council", state: "RI" });
        const ward = await makeBody(db, { name: "Cranston Ward 1", kind: "ward_committee", state: "RI", parentId: city.id });
        const result = await cli("export", "bodies");
        expect(result.status, result.stderr).toBe(0);
        const [header, ...rows] = parseCsv(result.stdout);
        expect(header).toEqual(CSV_COLUMNS);
        expect(rows).toEqual([
          [String(city.id), "Cranston", "city_council", "RI", city.geoid, "", "", "", "", ""],
          [String(ward.id), "Cranston Ward 1", "ward_committee", "RI", ward.geoid, "", "", "", String(city.id), "Cranston"],
        ]);
        const geojson = JSON.parse((await cli("export", "bodies", "--format", "geojson")).stdout) as GeoJSON.FeatureCollection;
        expect(geojson.features.map((feature) => feature.properties)).toEqual([
          expect.objectContaining({ body_name: "Cranston", campaign: null, stage: null, parent_id: null }),
          expect.objectContaining({ body_name: "Cranston Ward 1", campaign: null, stage: null, parent_id: city.id, parent_name: "Cranston" }),
        ]);
      });

      it("export resolutions says how to create a campaign (from the real bin), and campaign add does it", async () => {
        const line = expectOneLineFailure(await runCli(["export", "resolutions"], getDatabase().env));
        expect(line).toBe("groundswell: There is no campaign yet: create one with `groundswell campaign add NAME`");

        const added = await cli("campaign", "add", "Made from the command line", "--bill", "H.77");
        expect(added.status, added.stderr).toBe(0);
        const campaigns = await listCampaigns(getDatabase().db);
        expect(campaigns.map(({ name, bill }) => ({ name, bill }))).toEqual([{ name: "Made from the command line", bill: "H.77" }]);
        expect(added.stdout).toBe(`Created campaign "Made from the command line" (id ${campaigns[0]!.id}, slug made-from-the-command-line).\n`);
      });
    });

    describe("export bodies", () => {
      let campaign: Campaign;
      let bodies: MadeBody[];

      beforeAll(async () => {
        const { db } = getDatabase();
        campaign = await makeCampaign(db, { name: "Export drive" });
        bodies = [
          await makeBody(db, { name: "Providence, City of", kind: "city_council" }),
          await makeBody(db, { name: 'South "Kingstown"', kind: "town_meeting", state: "RI" }),
          await makeBody(db, { name: "Block Island", kind: "select_board", state: null, geoid: null }),
        ];
        const move = (bodyId: number, toStage: string, expectedVersion: number) =>
          db.transaction().execute((trx) => changeStage(trx, { campaignId: campaign.id, bodyId, toStage, expectedVersion }, { name: "Test", role: "organizer" }));
        await move(bodies[0]!.id, "introduced", 0);
        await move(bodies[0]!.id, "passed", 1);
        await move(bodies[1]!.id, "organizing", 0);
      });

      it("prints GeoJSON whose features carry the stage body.list reports, and the stored geometry", async () => {
        const result = await cli("export", "bodies", "--format", "geojson", "--campaign", "Export drive");
        expect(result.status, result.stderr).toBe(0);
        expect(result.stderr).toBe("");
        const collection = JSON.parse(result.stdout) as GeoJSON.FeatureCollection;
        expect(collection.type).toBe("FeatureCollection");
        const listed = await listBodies(getDatabase().db, campaign.id);
        expect(collection.features.map((feature) => feature.id)).toEqual(listed.map((body) => body.id));
        expect(collection.features.map((feature) => [feature.properties!.body_name, feature.properties!.stage])).toEqual(listed.map((body) => [body.name, body.stage]));
        const stages = Object.fromEntries(collection.features.map((feature) => [feature.id, feature.properties!.stage]));
        expect(stages[bodies[0]!.id]).toBe("passed");
        expect(stages[bodies[1]!.id]).toBe("organizing");
        expect(stages[bodies[2]!.id]).toBe("not_started");
        const byId = new Map(collection.features.map((feature) => [feature.id, feature]));
        for (const body of bodies) {
          expect(byId.get(body.id)!.geometry).toEqual(body.geometry);
          expect(byId.get(body.id)!.properties).toMatchObject({ campaign: "Export drive", kind: body.kind, state: body.state, geoid: body.geoid });
        }
      });

      it("prints CSV with a body_id,body_name header and one quoted-where-needed row per body", async () => {
        const result = await cli("export", "bodies", "--format", "csv", "--campaign", "export-drive");
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout.startsWith("body_id,body_name,")).toBe(true);
        const [header, ...rows] = parseCsv(result.stdout);
        expect(header).toEqual(CSV_COLUMNS);
        const listed = await listBodies(getDatabase().db, campaign.id);
        expect(rows).toHaveLength(listed.length);
        const record = (body: MadeBody) => rows.find((row) => row[0] === String(body.id));
        expect(record(bodies[0]!)).toEqual([String(bodies[0]!.id), "Providence, City of", "city_council", "RI", bodies[0]!.geoid, "Export drive", "passed", "Passed", "", ""]);
        expect(record(bodies[1]!)).toEqual([
          String(bodies[1]!.id),
          'South "Kingstown"',
          "town_meeting",
          "RI",
          bodies[1]!.geoid,
          "Export drive",
          "organizing",
          "Organizing",
          "",
          "",
        ]);
        expect(record(bodies[2]!)).toEqual([String(bodies[2]!.id), "Block Island", "select_board", "", "", "Export drive", "not_started", "Not started", "", ""]);
        for (const row of rows) {
          const body = listed.find((candidate) => String(candidate.id) === row[0])!;
          expect(row[6]).toBe(body.stage);
          expect(row[7]).toBe(findStage(defaultStageScheme, body.stage)!.label);
        }
      });

      it("asks which campaign when several exist and none is named", async () => {
        const line = expectOneLineFailure(await cli("export", "bodies"));
        expect(line).toBe('groundswell: Several campaigns exist; name one with --campaign ("Made from the command line", "Export drive")');
      });

      it("refuses an unknown --format with one line", async () => {
        const result = await cli("export", "bodies", "--format", "xml", "--campaign", "Export drive");
        expect(expectOneLineFailure(result)).toBe('groundswell: unknown --format "xml"; use csv or geojson');
        expect(result.status).toBe(2);
      });

      it("refuses an unknown --campaign with one line", async () => {
        const result = await cli("export", "bodies", "--campaign", "No such drive");
        expect(expectOneLineFailure(result)).toBe('groundswell: No campaign named "No such drive"');
        expect(result.status).toBe(3);
      });

      it("refuses to export something it cannot export yet", async () => {
        const line = expectOneLineFailure(await cli("export", "votes", "--campaign", "Export drive"));
        expect(line).toBe('groundswell: cannot export "votes" yet; choose one of: bodies, overlaps, legislators, resolutions, ballot-results, endorsers, map, press-kit');
      });
    });
  },
  { sqliteOnDisk: true },
);

// Commander rejects these before any database is opened, so they run once, not per engine.
describe("bad commands", () => {
  const cli = (...args: string[]) => runCliInProcess(args, { GROUNDSWELL_DB: path.join(os.tmpdir(), "groundswell-never-opened", "none.db") });

  it("refuses an unknown command with one line", async () => {
    const result = await cli("frobnicate");
    expect(expectOneLineFailure(result)).toBe("groundswell: unknown command 'frobnicate'");
    expect(result.status).toBe(2);
  });

  it("keeps commander's suggestion for a near miss on the same line", async () => {
    const line = expectOneLineFailure(await cli("exprot", "bodies"));
    expect(line).toBe("groundswell: unknown command 'exprot' (Did you mean export?)");
    const option = expectOneLineFailure(await cli("export", "bodies", "--formt", "csv"));
    expect(option).toBe("groundswell: unknown option '--formt' (Did you mean --format?)");
  });

  it("shows usage without a placeholder line when no command is given", async () => {
    const result = await cli();
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^Usage: groundswell /);
    expect(result.stderr).toContain("export [options] <what>");
    expect(result.stderr).not.toContain("(outputHelp)");
  });
});
