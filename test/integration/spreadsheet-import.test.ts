import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../server/db/connect";
import { runCli, runCliInProcess, type CliResult } from "../helpers/cli";
import { makeBody, makeCampaign, type MadeBody } from "../helpers/factories";
import { snapshotResolutionTables } from "../helpers/row-snapshot";
import { createTestDatabase, enginesUnderTest, forEachEngine } from "../helpers/test-db";

/**
 * `groundswell import x.csv --as resolutions|members` and `export resolutions` on both engines:
 * planning, all-or-nothing refusal, ambiguous bodies, dry run, stage events along legal moves,
 * sponsors, and a byte-identical round trip.
 */

let folder: string;
beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-spreadsheet-"));
});
afterAll(() => {
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

let fileSerial = 0;
function csvFile(text: string): string {
  const file = path.join(folder, `sheet-${++fileSerial}.csv`);
  fs.writeFileSync(file, text);
  return file;
}

/** A refused command: non-zero, nothing on stdout, exactly one "groundswell: …" line on stderr. */
function expectOneLineFailure(result: CliResult, status = 2): string {
  expect(result.status, result.stderr).toBe(status);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(/^groundswell: \S[^\n]*\n$/);
  return result.stderr.slice("groundswell: ".length, -1);
}

async function snapshotAll(db: Db) {
  return {
    ...(await snapshotResolutionTables(db)),
    members: await db.selectFrom("member").selectAll().orderBy("id").execute(),
    positions: await db.selectFrom("memberPosition").selectAll().orderBy("id").execute(),
    campaigns: await db.selectFrom("campaign").selectAll().orderBy("id").execute(),
  };
}

forEachEngine(
  (getDatabase) => {
    const env = () => getDatabase().env;
    const run = (args: string[]) => runCliInProcess(args, env());
    let providence: MadeBody;
    let cranston: MadeBody;
    let springfieldCity: MadeBody;
    let springfieldTown: MadeBody;
    let campaignName: string;

    beforeAll(async () => {
      const { db } = getDatabase();
      campaignName = (await makeCampaign(db, { name: "Resolution drive 2026" })).name;
      providence = await makeBody(db, { name: "Providence", state: "RI", geoid: "4459000" });
      cranston = await makeBody(db, { name: "Cranston", state: "RI", geoid: "4419180" });
      springfieldCity = await makeBody(db, { name: "Springfield", state: "MA", geoid: "2567000" });
      springfieldTown = await makeBody(db, { name: "Springfield", state: "MA", geoid: "2501367000", kind: "town_meeting" });
      await makeBody(db, { name: "Springfield", state: "IL", geoid: "1772000" });
    });

    describe("import resolutions", () => {
      it("creates resolutions, walks each stage change along legal moves as CSV import events, and makes sponsors members (first = lead)", async () => {
        const file = csvFile(
          "\uFEFFbody_name,state,stage,introduced_on,vote_date,vote_time,tally_yes,tally_no,tally_abstain,sponsors,note\r\n" +
            `Providence,RI,passed,2026-01-05,2026-02-10,7:00 pm,9,2,1,Ana Ruiz; Bo Chen,"Long story,\r\nwith a comma"\r\n` +
            "City of Cranston,ri,Sponsor found,,,,,,,Cy Diaz,\r\n",
        );
        const result = await run(["import", file, "--as", "resolutions", "--campaign", campaignName]);
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout.split("\n")[0]).toBe(
          `Imported 2 rows of ${path.basename(file)} as resolutions into "${campaignName}": 2 created, 0 updated, 0 unchanged; 3 stage events.`,
        );
        const { db } = getDatabase();
        const rows = await db.selectFrom("resolution").selectAll().where("bodyId", "in", [providence.id, cranston.id]).orderBy("bodyId").execute();
        expect(
          rows.map((row) => [row.bodyId, row.stage, row.introducedOn, row.voteDate, row.voteTime, row.tallyYes, row.tallyNo, row.tallyAbstain, row.tallyAbsent, row.note]),
        ).toEqual([
          [providence.id, "passed", "2026-01-05", "2026-02-10", "19:00", 9, 2, 1, null, "Long story,\r\nwith a comma"],
          [cranston.id, "sponsor_found", null, null, null, null, null, null, null, null],
        ]);
        const events = await db.selectFrom("stageEvent").select(["resolutionId", "fromStage", "toStage", "actor", "note"]).orderBy("id").execute();
        expect(events).toEqual([
          { resolutionId: rows[0]!.id, fromStage: "not_started", toStage: "introduced", actor: "command line", note: "CSV import" },
          { resolutionId: rows[0]!.id, fromStage: "introduced", toStage: "passed", actor: "command line", note: "CSV import" },
          { resolutionId: rows[1]!.id, fromStage: "not_started", toStage: "sponsor_found", actor: "command line", note: "CSV import" },
        ]);
        const sponsors = await db
          .selectFrom("member")
          .innerJoin("memberPosition", "memberPosition.memberId", "member.id")
          .select(["member.bodyId", "member.name", "memberPosition.sponsorRole", "memberPosition.position"])
          .orderBy("member.id")
          .execute();
        expect(sponsors).toEqual([
          { bodyId: providence.id, name: "Ana Ruiz", sponsorRole: "lead", position: "yes" },
          { bodyId: providence.id, name: "Bo Chen", sponsorRole: "cosponsor", position: "yes" },
          { bodyId: cranston.id, name: "Cy Diaz", sponsorRole: "lead", position: "yes" },
        ]);
      });

      it("refuses a file with bad rows as a whole, naming every bad row, and changes nothing (row snapshot)", async () => {
        const { db } = getDatabase();
        const before = await snapshotAll(db);
        const file = csvFile(
          [
            "body_geoid,body_name,state,stage,vote_date,tally_yes,tally_no,sponsors",
            "4459000,,,passed,2026-02-11,10,1,Ana Ruiz",
            "4419180,,,no_such_stage,2026-02-30,-3,x,",
            "9999999,,,organizing,,,,",
            ",Springfield,MA,organizing,,,,",
            ",Springfield,,organizing,,,,",
            ",Nowhere,RI,organizing,,,,",
            "4459000,,,passed,,,,",
          ].join("\n"),
        );
        const message = expectOneLineFailure(await run(["import", file, "--as", "resolutions", "--campaign", campaignName]));
        expect(message).toMatch(/^10 errors, nothing was imported: row 3: /);
        expect(message).toContain('row 3: stage "no_such_stage" is not a stage of the campaign');
        expect(message).toContain('row 3: vote_date "2026-02-30" is not a real date');
        expect(message).toContain("row 3: tally_yes -3 is negative");
        expect(message).toContain('row 3: tally_no "x" is not a whole number');
        expect(message).toContain("row 4: no body with GEOID 9999999");
        expect(message).toContain(
          `row 5: "Springfield" in MA is ambiguous: 2 bodies have that name (id ${springfieldCity.id} GEOID 2567000 city_council MA; id ${springfieldTown.id} GEOID 2501367000 town_meeting MA)`,
        );
        expect(message).toContain('row 6: "Springfield" is ambiguous: 3 bodies have that name');
        expect(message).toContain('row 7: no body named "Nowhere" in RI');
        expect(message).toContain("row 8: Providence, RI is already on row 2");
        // Clearing the vote date would leave the stored vote time without one.
        expect(message).toContain("row 8: vote_time needs a vote_date");
        expect(await snapshotAll(db)).toEqual(before);
      });

      it("refuses a stage the rules give no way to reach (passed is final), by row", async () => {
        const { db } = getDatabase();
        const before = await snapshotAll(db);
        const file = csvFile(`body_id,stage\n${cranston.id},organizing\n${providence.id},failed\n`);
        expect(expectOneLineFailure(await run(["import", file, "--as", "resolutions", "--campaign", campaignName]))).toBe(
          '1 error, nothing was imported: row 3: stage cannot move from "Passed" to "Failed" (the campaign\'s stage rules allow no way there)',
        );
        expect(await snapshotAll(db)).toEqual(before);
      });

      it("applies the app's own checks: a tally must fit the body's sitting members, a vote time needs a vote date", async () => {
        const { db } = getDatabase();
        await db.updateTable("body").set({ seats: 9, vacancies: 1 }).where("id", "=", cranston.id).execute();
        const before = await snapshotAll(db);
        const file = csvFile(`body_id,tally_yes,tally_no,vote_time\n${cranston.id},7,2,\n${springfieldCity.id},,,19:00\n`);
        expect(expectOneLineFailure(await run(["import", file, "--as", "resolutions", "--campaign", campaignName]))).toBe(
          "2 errors, nothing was imported: row 2: tally: the tally counts 9 members but the body has 8 sitting (9 seats, 1 vacant); row 3: vote_time needs a vote_date",
        );
        expect(await snapshotAll(db)).toEqual(before);
      });

      it("dry run: the same plan, created / updated / unchanged with names, and nothing written", async () => {
        const { db } = getDatabase();
        const before = await snapshotAll(db);
        const file = csvFile(
          `body_id,body_geoid,stage,vote_date\n${providence.id},4459000,passed,2026-02-10\n${cranston.id},,introduced,2026-03-01\n${springfieldCity.id},,organizing,\n`,
        );
        const result = await run(["import", file, "--as", "resolutions", "--campaign", campaignName, "--dry-run"]);
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout).toBe(
          [
            `Dry run of ${path.basename(file)} as resolutions into "${campaignName}": 3 rows would give 1 created, 1 updated, 1 unchanged; 2 stage events. Nothing was written.`,
            "Created (1):",
            "  row 4 Springfield, MA: stage: not_started → organizing",
            "Updated (1):",
            "  row 3 Cranston, RI: stage: sponsor_found → introduced, vote_date: — → 2026-03-01",
            "Unchanged (1):",
            "  row 2 Providence, RI",
            "",
          ].join("\n"),
        );
        expect(await snapshotAll(db)).toEqual(before);
      });

      it("creates the campaign named by a new --campaign on import, but not on a dry run", async () => {
        const { db } = getDatabase();
        const file = csvFile(`body_id,stage\n${cranston.id},organizing\n`);
        const dry = await run(["import", file, "--as", "resolutions", "--campaign", "Brand new drive", "--dry-run"]);
        expect(dry.stdout).toContain('into "Brand new drive" (a new campaign, created on import): 1 row would give 1 created');
        expect(await db.selectFrom("campaign").select("name").where("name", "=", "Brand new drive").execute()).toEqual([]);
        const real = await run(["import", file, "--as", "resolutions", "--campaign", "Brand new drive"]);
        expect(real.status, real.stderr).toBe(0);
        expect(real.stdout).toContain('into "Brand new drive" (new campaign): 1 created');
        expect(await db.selectFrom("campaign").select("name").where("name", "=", "Brand new drive").execute()).toEqual([{ name: "Brand new drive" }]);
      });

      it("refuses unknown columns, a missing body column, a missing file and a bad --as, each in one line", async () => {
        expect(expectOneLineFailure(await run(["import", csvFile("body_id,tally_yess\n1,2\n"), "--as", "resolutions", "--campaign", campaignName]))).toMatch(
          /^unknown column "tally_yess"; the columns are body_id, /,
        );
        expect(expectOneLineFailure(await run(["import", csvFile("stage\npassed\n"), "--as", "resolutions", "--campaign", campaignName]))).toBe(
          "the file needs a column naming the body: body_id, body_geoid, or body_name (with state)",
        );
        expect(expectOneLineFailure(await run(["import", path.join(folder, "missing.csv"), "--as", "resolutions", "--campaign", campaignName]))).toMatch(
          /^cannot read .*missing\.csv: ENOENT$/,
        );
        expect(expectOneLineFailure(await run(["import", csvFile('body_id\n"1\n'), "--as", "members", "--campaign", campaignName]))).toBe("row 2: a quoted field is not closed");
        expect(expectOneLineFailure(await run(["import", csvFile("body_id\n1\n"), "--as", "bodies", "--dry-run"]))).toBe(
          "--dry-run works with legislators, committees, cosponsors, resolutions, members, hubs, ballot-results, endorsers, population",
        );
      });
    });

    describe("import members", () => {
      it("creates and updates members with their positions; private contacts are not echoed; two leads are refused", async () => {
        const { db } = getDatabase();
        const file = csvFile(
          [
            "body_geoid,name,role,term_start,term_end,public_contact,private_contact,position,position_internal,sponsor_role",
            "4459000,Ana Ruiz,Council president,2025-01-06,2027-01-04,ana@city.example,555-0100 cell,yes,,lead",
            "4459000,Dee Evans,Councillor,,,,,Lean no,yes,",
          ].join("\n"),
        );
        const result = await run(["import", file, "--as", "members", "--campaign", campaignName]);
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout).toContain("1 created, 1 updated, 0 unchanged.");
        expect(result.stdout).toContain("row 2 Ana Ruiz (Providence, RI): role: — → Council president");
        expect(result.stdout).toContain("private_contact changed");
        expect(result.stdout).not.toContain("555-0100");
        const dee = await db
          .selectFrom("member")
          .innerJoin("memberPosition", "memberPosition.memberId", "member.id")
          .select(["member.role", "memberPosition.position", "memberPosition.isInternal", "memberPosition.sponsorRole"])
          .where("member.name", "=", "Dee Evans")
          .executeTakeFirstOrThrow();
        expect(dee).toEqual({ role: "Councillor", position: "lean_no", isInternal: 1, sponsorRole: null });

        const before = await snapshotAll(db);
        const twoLeads = csvFile("body_geoid,name,sponsor_role,term_start\n4459000,Dee Evans,lead,\n4459000,Eli Fox,,someday\n");
        const message = expectOneLineFailure(await run(["import", twoLeads, "--as", "members", "--campaign", campaignName]));
        expect(message).toContain('row 3: term_start "someday" is not a date');
        expect(message).toContain("row 2: Providence, RI would have 2 lead sponsors");
        expect(await snapshotAll(db)).toEqual(before);
      });
    });

    describe("export resolutions", () => {
      it("round trip: export → import → export is byte-identical, and the import changes nothing", async () => {
        const first = await runCli(["export", "resolutions", "--format", "csv", "--campaign", campaignName], env());
        expect(first.status, first.stderr).toBe(0);
        expect(first.stdout.split("\r\n")[0]).toBe(
          "body_id,body_geoid,body_name,state,stage,stage_date,introduced_on,hearing_date,hearing_time,hearing_location,vote_date,vote_time,vote_location,vote_cancelled,tally_yes,tally_no,tally_abstain,tally_absent,agenda_url,minutes_url,adopted_text_url,hub,sponsors,note",
        );
        expect(first.stdout).toContain(
          `${providence.id},4459000,Providence,RI,passed,2026-02-10,2026-01-05,,,,2026-02-10,19:00,,,9,2,1,,,,,,Ana Ruiz; Bo Chen,"Long story,\r\nwith a comma"\r\n`,
        );
        const { db } = getDatabase();
        const before = await snapshotAll(db);
        const reimport = await run(["import", csvFile(first.stdout), "--as", "resolutions", "--campaign", campaignName]);
        expect(reimport.status, reimport.stderr).toBe(0);
        expect(reimport.stdout).toMatch(/: 0 created, 0 updated, 2 unchanged; 0 stage events\.\n/);
        expect(await snapshotAll(db)).toEqual(before);
        const second = await run(["export", "resolutions", "--format", "csv", "--campaign", campaignName]);
        expect(second.stdout).toBe(first.stdout);
      });

      it("GeoJSON: one feature per resolution with the body's shape, without the private note", async () => {
        const result = await run(["export", "resolutions", "--format", "geojson", "--campaign", campaignName]);
        expect(result.status, result.stderr).toBe(0);
        const collection = JSON.parse(result.stdout) as GeoJSON.FeatureCollection;
        const feature = collection.features.find((f) => f.id === providence.id)!;
        expect(feature.geometry).toEqual(providence.geometry);
        expect(feature.properties).toMatchObject({ body_name: "Providence", stage: "passed", tally_yes: 9, sponsors: "Ana Ruiz; Bo Chen" });
        expect(feature.properties).not.toHaveProperty("note");
        expect(result.stdout).not.toContain("Long story");
      });
    });
  },
  { sqliteOnDisk: true },
);

describe("round trip into a fresh database", () => {
  for (const engine of enginesUnderTest()) {
    it(`${engine}: importing an export into a new database with the same bodies reproduces the same rows`, async () => {
      const databases = [await createTestDatabase(engine), await createTestDatabase(engine)];
      try {
        const [source, target] = databases as [Awaited<ReturnType<typeof createTestDatabase>>, Awaited<ReturnType<typeof createTestDatabase>>];
        for (const { db } of [source, target]) {
          await makeBody(db, { name: "Warwick", state: "RI", geoid: "4474300" });
          await makeBody(db, { name: "Newport", state: "RI", geoid: "4449960" });
        }
        await makeCampaign(source.db, { name: "Drive" });
        const { importSpreadsheet } = await import("../../server/domain/spreadsheet-import");
        const { exportResolutions } = await import("../../server/domain/spreadsheet-export");
        const { readCsvTable, toCsv } = await import("../../server/io/csv");
        const { RESOLUTION_COLUMNS } = await import("../../shared/model/spreadsheet-import");
        const { resolveCampaign } = await import("../../server/domain/campaigns");
        const actor = { name: "Test", role: "admin" as const };
        const sheet = [
          RESOLUTION_COLUMNS.join(","),
          ',4474300,Warwick,RI,vote_scheduled,,2026-03-01,2026-03-10,18:30,"Room 2, City Hall",2026-04-02,19:00,Council chambers,yes,,,,,https://warwick.example/agenda,,,,"Fay Gil; Hal Ito",private',
          ",4449960,Newport,RI,failed,,2026-01-01,,,,2026-02-01,,,,3,4,0,2,,https://newport.example/minutes,,,,",
        ].join("\r\n");
        const plan = await source.db
          .transaction()
          .execute((trx) => importSpreadsheet(trx, { as: "resolutions", campaign: "Drive", table: readCsvTable(sheet, RESOLUTION_COLUMNS) }, actor, { dryRun: false }));
        expect(plan.errors).toEqual([]);
        const exported = toCsv(await exportResolutions(source.db, await resolveCampaign(source.db, "Drive"), { withNote: true, withGeometry: false }), [...RESOLUTION_COLUMNS]);
        const into = await target.db
          .transaction()
          .execute((trx) => importSpreadsheet(trx, { as: "resolutions", campaign: "Drive", table: readCsvTable(exported, RESOLUTION_COLUMNS) }, actor, { dryRun: false }));
        expect(into.created.length).toBe(2);
        const reExported = toCsv(await exportResolutions(target.db, await resolveCampaign(target.db, "Drive"), { withNote: true, withGeometry: false }), [...RESOLUTION_COLUMNS]);
        expect(reExported).toBe(exported);
        const rows = async (db: Db) =>
          (await db.selectFrom("resolution").selectAll().orderBy("bodyId").execute()).map(({ id: _id, updatedAt: _at, campaignId: _campaign, ...row }) => row);
        expect(await rows(target.db)).toEqual(await rows(source.db));
        const events = async (db: Db) => await db.selectFrom("stageEvent").select(["fromStage", "toStage", "note"]).orderBy("id").execute();
        expect(await events(target.db)).toEqual(await events(source.db));
      } finally {
        for (const database of databases) await database.close();
      }
    });
  }
});
