import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../server/db/connect";
import { createCaller } from "../../server/api/router";
import { importLegislators } from "../../server/domain/legislators";
import { readOpenStates } from "../../server/io/open-states";
import type { LegislatorRecord } from "../../shared/model/legislator";
import { parseCsv, runCliInProcess } from "../helpers/cli";
import { makeCampaign } from "../helpers/factories";
import { needsSharedFixtures, sharedFixture } from "../helpers/shared-fixtures";
import { enginesUnderTest, forEachEngine } from "../helpers/test-db";

/**
 * Committees and members of Congress from Open States (issue 12), on both engines: committee
 * files written here in Open States' layout, real federal person files from test/fixtures/openstates
 * (a Senator, an at-large delegate), and, when ../shared/fixtures is present, Rhode Island's 29
 * committee files and its members of Congress beside its 113 state legislators.
 */

const id = (n: number) => `ocd-person/00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const person = (n: number, name: string, chamber: "state_lower" | "state_upper", district: string): LegislatorRecord => ({
  ocdPersonId: id(n),
  name,
  party: "Democratic",
  email: null,
  links: [],
  extras: {},
  roles: [{ chamber, state: "NM", districtName: district, validFrom: "2025-01-01", validTo: null }],
});
const PEOPLE = [person(1, "Angelica Rubio", "state_lower", "35"), person(2, "Carrie Hamblen", "state_upper", "38"), person(3, "Adam Gómez", "state_lower", "12")];

const committeeFile = (org: string, name: string, chamber: string, members: Array<{ name: string; role: string; person?: number }>) =>
  [
    `id: ocd-organization/${org}`,
    "jurisdiction: ocd-jurisdiction/country:us/state:nm/government",
    "classification: committee",
    `name: "${name}"`,
    `chamber: ${chamber}`,
    "members:",
    ...members.flatMap((member) => [`- name: "${member.name}"`, `  role: ${member.role}`, ...(member.person ? [`  person_id: ${id(member.person)}`] : [])]),
    "other_names:",
    `- name: "${name} Committee"`,
    "",
  ].join("\n");

const HEALTH = "11111111-1111-4111-8111-111111111111";
const RULES = "22222222-2222-4222-8222-222222222222";

const csvOf = (text: string) => {
  const [header, ...rows] = parseCsv(text);
  return rows.map((row) => Object.fromEntries(header!.map((column, index) => [column, row[index] ?? ""])));
};

const sharedPresent = needsSharedFixtures(2 * enginesUnderTest().length);

forEachEngine(
  (getDatabase) => {
    describe("committees from Open States files", () => {
      let scratch: string;
      beforeAll(async () => {
        const { db } = getDatabase();
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-committees-"));
        await db.transaction().execute((trx) => importLegislators(trx, PEOPLE, { state: "NM", isFullRoster: true }));
      });
      afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

      const folder = (name: string, files: Record<string, string>) => {
        const dir = path.join(scratch, name);
        fs.mkdirSync(dir);
        for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
        return dir;
      };
      const committeeRows = (db: Db) =>
        db
          .selectFrom("committeeMember")
          .innerJoin("committee", "committee.id", "committeeMember.committeeId")
          .innerJoin("legislator", "legislator.id", "committeeMember.legislatorId")
          .select(["committee.name as committee", "committee.chamber", "legislator.name", "committeeMember.role"])
          .orderBy("committee.name")
          .orderBy("legislator.name")
          .execute();

      it("refuses a member who is no imported legislator, naming the committee, and writes nothing", async () => {
        const { db, env } = getDatabase();
        const dir = folder("unknown", {
          "lower-Health.yml": committeeFile(HEALTH, "Health", "lower", [
            { name: "Angelica Rubio", role: "chair", person: 1 },
            { name: "Pat Nobody", role: "member" },
          ]),
        });
        const result = await runCliInProcess(["import", dir, "--as", "committees", "--state", "NM"], env);
        expect(result.status).toBe(2);
        expect(result.stderr).toBe('groundswell: committee "Health": member Pat Nobody is not an imported NM legislator\n');
        expect(await committeeRows(db)).toEqual([]);

        const noState = await runCliInProcess(["import", dir, "--as", "committees"], env);
        expect(noState.stderr).toBe("groundswell: --state is required for committees, e.g. RI\n");
        const bad = folder("bad", { "lower-Bad.yml": "id: ocd-organization/x\nname: [Bad\n" });
        const badResult = await runCliInProcess(["import", bad, "--as", "committees", "--state", "NM"], env);
        expect(badResult.stderr).toMatch(/^groundswell: lower-Bad\.yml: line \d+: .*not valid YAML\)\n$/);
      });

      it("dry-runs, then imports members by person id or by name (accents folded), and a re-import reports who joined and left", async () => {
        const { db, env } = getDatabase();
        const dir = folder("nm", {
          "lower-Health.yml": committeeFile(HEALTH, "Health", "lower", [
            { name: "Angelica Rubio", role: "Chair", person: 1 },
            { name: "Adam Gomez", role: "member" },
          ]),
          "legislature-Rules.yml": committeeFile(RULES, "Rules", "legislature", [{ name: "Carrie Hamblen", role: "vice-chair", person: 2 }]),
        });
        const dry = await runCliInProcess(["import", dir, "--as", "committees", "--state", "NM", "--dry-run"], env);
        expect(dry.stderr).toBe("");
        expect(dry.stdout).toContain("Would import 2 NM committees from 2 committee files in nm: 2 new, 0 updated; 3 seats, 1 chairs.");
        expect(dry.stdout).toContain("Dry run: nothing was written.");
        expect(await committeeRows(db)).toEqual([]);

        const real = await runCliInProcess(["import", dir, "--as", "committees", "--state", "NM"], env);
        expect(real.stdout).toContain("Imported 2 NM committees");
        expect(await committeeRows(db)).toEqual([
          { committee: "Health", chamber: "state_lower", name: "Adam Gómez", role: "member" },
          { committee: "Health", chamber: "state_lower", name: "Angelica Rubio", role: "chair" },
          { committee: "Rules", chamber: "joint", name: "Carrie Hamblen", role: "vice chair" },
        ]);

        // Gómez leaves Health, Hamblen joins; Rules is not in this file and keeps its members.
        const next = folder("nm-next", {
          "lower-Health.yml": committeeFile(HEALTH, "Health", "lower", [
            { name: "Angelica Rubio", role: "chair", person: 1 },
            { name: "Carrie Hamblen", role: "member", person: 2 },
          ]),
        });
        const again = await runCliInProcess(["import", next, "--as", "committees", "--state", "NM"], env);
        expect(again.stdout).toContain("Health: joined: Carrie Hamblen; left: Adam Gómez");
        expect((await committeeRows(db)).map((row) => `${row.committee}: ${row.name}`)).toEqual(["Health: Angelica Rubio", "Health: Carrie Hamblen", "Rules: Carrie Hamblen"]);

        const exported = csvOf((await runCliInProcess(["export", "legislators", "--format", "csv"], env)).stdout);
        const hamblen = exported.find((row) => row.legislator === "Carrie Hamblen")!;
        expect(hamblen.jurisdiction).toBe("state");
        expect(hamblen.committees).toBe("Rules (vice chair); Health");
      });

      it("imports real members of Congress without --state: a Senator with an escaped accent and an at-large delegate", async () => {
        const { db, env } = getDatabase();
        const federal = path.join(import.meta.dirname, "../fixtures/openstates/us");
        const roster = await readOpenStates(federal, { state: undefined });
        const lujan = roster.records.find((record) => record.name === "Ben Ray Luján")!;
        expect(lujan.otherNames).toContain("Luján, B.");
        expect(lujan.roles.filter((role) => role.validTo === "2030-01-01")).toEqual([
          { chamber: "us_senate", state: "NM", districtName: "NM", validFrom: "2021-01-03", validTo: "2030-01-01" },
        ]);
        const radewagen = roster.records.find((record) => record.name === "Amata Radewagen")!;
        expect(radewagen.roles[0]).toMatchObject({ chamber: "congressional", state: "AS", districtName: "At-Large" });

        const result = await runCliInProcess(["import", federal, "--as", "legislators"], env);
        expect(result.stderr).toBe("");
        expect(result.stdout).toContain("Imported 2 AS, NM legislators from 2 person files in us: 2 new, 0 updated;");
        expect(result.stdout).toContain("Added (2): Amata Radewagen, Ben Ray Luján");
        // The state legislators of NM keep their seats: a federal folder closes only federal seats.
        const open = await db.selectFrom("legislatorRole").select(["chamber"]).where("state", "=", "NM").where("validTo", "is", null).execute();
        expect(open.map((row) => row.chamber).sort()).toEqual(["state_lower", "state_lower", "state_upper"]);

        const exported = csvOf((await runCliInProcess(["export", "legislators", "--format", "csv"], env)).stdout);
        expect(exported.find((row) => row.legislator === "Ben Ray Luján")).toMatchObject({ chamber: "us_senate", district: "NM", jurisdiction: "federal" });
      });

      it("serves the legislator page and the targets view: seats, committees, contacts, anonymous too", async () => {
        const { db } = getDatabase();
        const campaign = await makeCampaign(db, { name: "New Mexico single payer" });
        const anonymous = createCaller({ db, actor: { name: "anon", role: "public" } });
        const targets = await anonymous.legislator.targets({ campaignId: campaign.id, state: "NM" });
        expect(targets.rows.map((row) => `${row.name}: ${row.label}`)).toEqual([
          "Adam Gómez: NM State House 12",
          "Angelica Rubio: NM State House 35",
          "Carrie Hamblen: NM State Senate 38",
          "Ben Ray Luján: US Senate NM",
        ]);
        expect(targets.committees.map((committee) => committee.name)).toEqual(["Health", "Rules"]);
        const hamblen = targets.rows.find((row) => row.name === "Carrie Hamblen")!;
        expect(hamblen.committees.map((seat) => `${seat.name}:${seat.role}`)).toEqual(["Rules:vice chair", "Health:member"]);
        // No plan imported for NM: the seat has no district on the map, so no coverage figure.
        expect(hamblen.coverage).toBeNull();

        const lujan = targets.rows.find((row) => row.chamber === "us_senate")!;
        const page = await anonymous.legislator.page({ campaignId: campaign.id, legislatorId: lujan.legislatorId });
        expect(page).toMatchObject({ name: "Ben Ray Luján", party: "Democratic", email: "https://www.lujan.senate.gov/contact/contact-form/", committees: [] });
        expect(page.seats).toEqual([
          { chamber: "us_senate", state: "NM", districtId: null, districtName: "NM", label: "US Senate NM", coverage: null, endorsers: null, ballot: null },
        ]);
        expect(page.links).toContain("https://www.lujan.senate.gov");
        await expect(anonymous.legislator.page({ campaignId: campaign.id, legislatorId: 999_999 })).rejects.toThrow("No legislator with id 999999");

        // The day of the last meeting is for members: an organizer sees it, an anonymous visitor never does.
        const organizer = createCaller({ db, actor: { name: "Organizer", role: "organizer" } });
        await organizer.legislator.logMeeting({
          campaignId: campaign.id,
          legislatorId: hamblen.legislatorId,
          metOn: "2026-11-02",
          place: "State House",
          ask: "Cosponsor",
          answer: "Will read it",
        });
        const seen = await organizer.legislator.targets({ campaignId: campaign.id, state: "NM" });
        expect(seen.rows.find((row) => row.name === "Carrie Hamblen")!.lastContact).toBe("2026-11-02");
        expect(seen.rows.find((row) => row.name === "Adam Gómez")!.lastContact).toBeNull();
        const hidden = await anonymous.legislator.targets({ campaignId: campaign.id, state: "NM" });
        expect(hidden.rows.every((row) => row.lastContact === null)).toBe(true);
        expect(hidden.rows.every((row) => row.hubs.length === 0)).toBe(true);
      });
    });

    describe.skipIf(!sharedPresent)("Rhode Island: state legislature, members of Congress and committees side by side", () => {
      it("imports the 29 committee files after the 113 legislators, and the federal folder closes no state seat (nor the reverse)", async () => {
        const { db, env } = getDatabase();
        const run = (args: string[]) => runCliInProcess(args, env);
        expect((await run(["import", sharedFixture("ri/legislators"), "--as", "legislators", "--state", "RI"])).status).toBe(0);
        const federal = await run(["import", sharedFixture("ri/congress"), "--as", "legislators"]);
        expect(federal.stderr).toBe("");
        expect(federal.stdout).toContain("Imported 3 RI legislators");
        const state = await run(["import", sharedFixture("ri/legislators"), "--as", "legislators", "--state", "RI"]);
        expect(state.stdout).toContain("0 closed");
        // Sitting: no end date, or one ahead (members of Congress carry their term's end).
        const seats = await db
          .selectFrom("legislatorRole")
          .select(["chamber"])
          .where("state", "=", "RI")
          .where((eb) => eb.or([eb("validTo", "is", null), eb("validTo", ">", new Date().toISOString().slice(0, 10))]))
          .execute();
        const byChamber = Object.fromEntries(
          ["state_lower", "state_upper", "congressional", "us_senate"].map((chamber) => [chamber, seats.filter((row) => row.chamber === chamber).length]),
        );
        expect(byChamber).toEqual({ state_lower: 75, state_upper: 38, congressional: 2, us_senate: 1 });

        const committees = await run(["import", sharedFixture("ri/committees"), "--as", "committees", "--state", "RI"]);
        expect(committees.stderr).toBe("");
        expect(committees.stdout).toMatch(/^Imported 29 RI committees from 29 committee files in committees: 29 new, 0 updated; \d+ seats, \d+ chairs\./);
        const exported = csvOf((await run(["export", "legislators", "--format", "csv"])).stdout);
        const blazejewski = exported.find((row) => row.legislator === "Chris Blazejewski")!;
        expect(blazejewski.committees).toContain("Legislative Services (chair)");
      });
    });
  },
  { sqliteOnDisk: true },
);
