import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "../../server/db/connect";
import { commandLineActor } from "../../server/domain/actor";
import { importBoundaryLayer, planBoundaryImport } from "../../server/domain/boundary-import";
import { importCommittees } from "../../server/domain/committees";
import { importLegislators } from "../../server/domain/legislators";
import { readBoundaryFile } from "../../server/io/boundary-file";
import { readOpenStates } from "../../server/io/open-states";
import { parseCommitteeFile, readOpenStatesCommittees } from "../../server/io/open-states-committees";
import { forEachEngine } from "../helpers/test-db";

/**
 * Massachusetts, a second real state (issue 12): real Open States person and committee files
 * (test/fixtures/openstates/ma, see its README) against district layers named the way the
 * Census's TIGER/Line 2024 SLDL/SLDU layers name them ("Barnstable-Dukes-Nantucket District",
 * "Third Essex District"), generated here as squares. Hard cases: "\xF3" escapes in names and
 * other_names, a term listed twice (once undated), an ended term with no start date, an old-format
 * file (`contact_details`), a caucus with a treasurer, "ranking republican member", vacancies.
 */

const FIXTURES = path.join(import.meta.dirname, "../fixtures/openstates");
const NOW = new Date("2026-12-01T12:00:00Z");

/** TIGER NAMELSAD spellings: the seats the fixture people hold, an old seat and two vacancies. */
const LOWER = ["Barnstable-Dukes-Nantucket District", "16th Worcester District", "1st Bristol District", "2nd Hampshire District", "11th Essex District", "5th Essex District"];
const UPPER = ["Hampden District", "Third Essex District", "Norfolk and Middlesex District", "Berkshire-Hampden-Franklin-Hampshire District"];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ma-roster-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A TIGER-like layer: one square per district, with GEOID and NAMELSAD as the Census writes them. */
function writeLayer(file: string, names: string[], geoid: (index: number) => string): string {
  const features = names.map((name, index) => {
    const [x, y] = [-73 + index * 0.2, 42];
    return {
      type: "Feature",
      properties: { GEOID: geoid(index), NAMELSAD: name },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [x, y],
            [x + 0.1, y],
            [x + 0.1, y + 0.1],
            [x, y + 0.1],
            [x, y],
          ],
        ],
      },
    };
  });
  const target = path.join(tmp, file);
  fs.writeFileSync(target, JSON.stringify({ type: "FeatureCollection", features }));
  return target;
}

async function importDistricts(db: Db) {
  const lower = writeLayer("ma-sldl.geojson", LOWER, (index) => `25${String(index + 1).padStart(3, "0")}`);
  const upper = writeLayer("ma-sldu.geojson", UPPER, (index) => `25D${String(index + 1).padStart(2, "0")}`);
  for (const [file, chamber] of [
    [lower, "state_lower"],
    [upper, "state_upper"],
  ] as const) {
    const layer = await readBoundaryFile(file);
    await db.transaction().execute((trx) => importBoundaryLayer(trx, layer, planBoundaryImport({ as: "districts", chamber, state: "MA" }), commandLineActor, { overlaps: false }));
  }
}

const importMa = async (db: Db) => {
  const roster = await readOpenStates(path.join(FIXTURES, "ma/legislature"), { state: "MA" });
  return db.transaction().execute((trx) => importLegislators(trx, roster.records, { state: "MA", isFullRoster: roster.isFullRoster, now: NOW }));
};

/** Current district name → names of the legislators whose open role points at it. */
async function sitting(db: Db) {
  const rows = await db
    .selectFrom("district")
    .leftJoin("legislatorRole", (join) => join.onRef("legislatorRole.districtId", "=", "district.id").on("legislatorRole.validTo", "is", null))
    .leftJoin("legislator", "legislator.id", "legislatorRole.legislatorId")
    .select(["district.name as district", "legislator.name as legislator"])
    .where("district.isCurrent", "=", 1)
    .execute();
  const map: Record<string, string[]> = {};
  for (const row of rows) (map[row.district] ??= []).push(...(row.legislator ? [row.legislator] : []));
  return map;
}

async function rolesOf(db: Db, name: string) {
  return db
    .selectFrom("legislatorRole")
    .innerJoin("legislator", "legislator.id", "legislatorRole.legislatorId")
    .select(["legislatorRole.chamber", "legislatorRole.districtName", "legislatorRole.validFrom", "legislatorRole.validTo"])
    .where("legislator.name", "=", name)
    .orderBy("legislatorRole.districtName")
    .execute();
}

forEachEngine((getDatabase) => {
  describe("a Massachusetts roster against TIGER-named districts", () => {
    it("seats every sitting legislator in exactly one district, names the vacancies, and imports again without a change", async () => {
      const { db } = getDatabase();
      await importDistricts(db);
      const summary = await importMa(db);
      expect(summary).toMatchObject({ legislators: 7, created: 7, matched: 7, unmatched: [], sharedDistricts: [], skipped: [], rolesClosed: 0 });
      expect(summary.vacantDistricts.map((district) => district.name).sort()).toEqual([
        "11th Essex District",
        "5th Essex District",
        "Berkshire-Hampden-Franklin-Hampshire District",
      ]);
      expect(await sitting(db)).toEqual({
        "Barnstable-Dukes-Nantucket District": ["Dylan Fernandes"],
        "16th Worcester District": ["Dan Donahue"],
        "1st Bristol District": ["F. Jay Barrows"],
        "2nd Hampshire District": ["Homar Gomez"],
        "11th Essex District": [],
        "5th Essex District": [],
        "Hampden District": ["Adam Gómez"],
        "Third Essex District": ["Brendan P. Crighton"],
        "Norfolk and Middlesex District": ["Cynthia Creem"],
        "Berkshire-Hampden-Franklin-Hampshire District": [],
      });
      // "16th Worcester" listed undated and again from 2013: one seat, from 2013.
      expect(await rolesOf(db, "Dan Donahue")).toEqual([{ chamber: "state_lower", districtName: "16th Worcester", validFrom: "2013-01-01", validTo: null }]);
      // An ended term without a start date keeps an unknown start, not one after its end.
      expect(await rolesOf(db, "Cynthia Creem")).toEqual([
        { chamber: "state_upper", districtName: "First Middlesex and Norfolk", validFrom: null, validTo: "2023-01-04" },
        { chamber: "state_upper", districtName: "Norfolk and Middlesex", validFrom: "2023-01-04", validTo: null },
      ]);
      const gomez = await db
        .selectFrom("legislator")
        .select(["name", "otherNames"])
        .where("ocdPersonId", "=", "ocd-person/d2a82a0d-fbd1-4448-be2d-b786a7e11168")
        .executeTakeFirstOrThrow();
      expect(gomez).toEqual({ name: "Adam Gómez", otherNames: JSON.stringify(["A. Gómez", "Adam Gomez", "Gómez, A."]) });

      const again = await importMa(db);
      expect(again).toMatchObject({ created: 0, updated: 7, rolesAdded: 0, rolesClosed: 0, matched: 7 });
      expect((await rolesOf(db, "Cynthia Creem")).length).toBe(2);
    });

    it("the federal folder imported for MA skips other states' members, and closes no state seat; the state folder after it closes no federal one", async () => {
      const { db } = getDatabase();
      const federal = await readOpenStates(path.join(FIXTURES, "us"), { state: "MA" });
      const summary = await db.transaction().execute((trx) => importLegislators(trx, federal.records, { state: "MA", isFullRoster: true, now: NOW }));
      expect(summary).toMatchObject({ legislators: 0, created: 0, rolesClosed: 0, closed: [] });
      expect(summary.skipped.sort()).toEqual(["Amata Radewagen", "Ben Ray Luján"]);
      const everyone = await db.transaction().execute((trx) => importLegislators(trx, federal.records, { isFullRoster: true, now: NOW }));
      expect(everyone).toMatchObject({ states: ["AS", "NM"], rolesClosed: 0 });
      const state = await importMa(db);
      expect(state).toMatchObject({ rolesClosed: 0, closed: [], matched: 7 });
      expect((await rolesOf(db, "Ben Ray Luján")).filter((role) => role.chamber === "us_senate")).toEqual([
        { chamber: "us_senate", districtName: "NM", validFrom: "2021-01-03", validTo: "2030-01-01" },
      ]);
    });

    it("committees: a caucus naming people not yet imported is refused whole; roles are normalised; a committee of imported people is seated with its roles", async () => {
      const { db } = getDatabase();
      const real = await readOpenStatesCommittees(path.join(FIXTURES, "ma/committees"));
      expect(real.committees.map((committee) => [committee.name, committee.chamber])).toEqual([
        ["Legislative Black and Latino Caucus", "joint"],
        ["Rules", "state_lower"],
      ]);
      const caucus = real.committees[0]!;
      expect(caucus.members.find((member) => member.personId === "ocd-person/d2a82a0d-fbd1-4448-be2d-b786a7e11168")).toEqual({
        name: "Adam Gómez",
        role: "treasurer",
        personId: "ocd-person/d2a82a0d-fbd1-4448-be2d-b786a7e11168",
      });
      expect(real.committees[1]!.members.find((member) => member.name === "Donald Wong")?.role).toBe("ranking member");
      await expect(db.transaction().execute((trx) => importCommittees(trx, real.committees, { state: "MA", now: NOW }))).rejects.toThrow(
        /committee "Legislative Black and Latino Caucus": member Andy Vargas \(ocd-person\/c1f81bec-d032-4f41-940c-ca32f2b5af12\) is not an imported MA legislator/,
      );
      expect(await db.selectFrom("committee").select("id").execute()).toEqual([]);

      // The same shape, with the people imported above (one listed twice, one by name only).
      const committee = parseCommitteeFile(
        [
          "id: ocd-organization/fc37afe6-4ccb-4b3f-a169-d3e11061296b",
          "jurisdiction: ocd-jurisdiction/country:us/state:ma/government",
          "classification: committee",
          "name: Ways and Means",
          "chamber: legislature",
          "members:",
          "- name: Cindy Creem",
          "  role: Chair",
          "  person_id: ocd-person/ece82669-b6f6-4f0f-ae5d-7b238b1cd1dd",
          '- name: "Adam G\\xF3mez"',
          "  role: member",
          "  person_id: ocd-person/d2a82a0d-fbd1-4448-be2d-b786a7e11168",
          "- name: Dylan Fernandes",
          "  role: member",
          "  person_id: ocd-person/cd05a88c-19f0-4fc5-bc3b-d339572842b7",
          "- name: Dylan Fernandes",
          "  role: member",
          "  person_id: ocd-person/cd05a88c-19f0-4fc5-bc3b-d339572842b7",
          "- name: Daniel M. Donahue",
          "  role: Ranking Republican Member",
          "",
        ].join("\n"),
        "ways-and-means.yml",
      );
      const summary = await db.transaction().execute((trx) => importCommittees(trx, [committee], { state: "MA", now: NOW }));
      expect(summary).toMatchObject({ committees: 1, created: ["Ways and Means"], memberships: 4, chairs: 1 });
      const seats = await db
        .selectFrom("committeeMember")
        .innerJoin("legislator", "legislator.id", "committeeMember.legislatorId")
        .select(["legislator.name", "committeeMember.role"])
        .orderBy("legislator.name")
        .execute();
      expect(seats).toEqual([
        { name: "Adam Gómez", role: "member" },
        { name: "Cynthia Creem", role: "chair" },
        { name: "Dan Donahue", role: "ranking member" },
        { name: "Dylan Fernandes", role: "member" },
      ]);
    });
  });
});
