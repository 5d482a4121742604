import { describe, expect, it } from "vitest";
import type { Db } from "../../server/db/connect";
import { importLegislators } from "../../server/domain/legislators";
import type { SeatChamber } from "../../shared/model/district";
import type { LegislatorRecord } from "../../shared/model/legislator";
import { forEachEngine } from "../helpers/test-db";

/**
 * State and federal rosters live side by side (issue 12): a roster import closes only seats of the
 * chambers it covers, and only for people absent from it; a partial file closes nobody. Records
 * are built here (no ../shared fixtures needed); district matching is not the point.
 */

const id = (n: number) => `ocd-person/00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const person = (n: number, chamber: SeatChamber, district: string, state = "RI"): LegislatorRecord => ({
  ocdPersonId: id(n),
  name: `Person ${n}`,
  party: "Democratic",
  email: null,
  links: [],
  extras: {},
  roles: [{ chamber, state, districtName: district, validFrom: "2023-01-03", validTo: null }],
});

const STATE = [person(1, "state_lower", "1"), person(2, "state_lower", "2"), person(3, "state_upper", "1")];
const FEDERAL = [person(11, "congressional", "1"), person(12, "congressional", "2")];
const NOW = new Date("2026-12-01T12:00:00Z");

async function openSeats(db: Db) {
  const rows = await db
    .selectFrom("legislatorRole")
    .innerJoin("legislator", "legislator.id", "legislatorRole.legislatorId")
    .select(["legislator.name", "legislatorRole.chamber"])
    .where("legislatorRole.validTo", "is", null)
    .orderBy("legislator.name")
    .execute();
  return rows.map((row) => `${row.name} (${row.chamber})`);
}

const run = (db: Db, records: LegislatorRecord[], isFullRoster: boolean) =>
  db.transaction().execute((trx) => importLegislators(trx, records, { state: "RI", isFullRoster, now: NOW }));

forEachEngine((getDatabase) => {
  describe("rosters of different jurisdictions", () => {
    it("importing the federal roster after the state's closes no state seat, and the reverse", async () => {
      const { db } = getDatabase();
      await run(db, STATE, true);
      const federal = await run(db, FEDERAL, true);
      expect(federal.rolesClosed).toBe(0);
      const again = await run(db, STATE, true);
      expect(again.rolesClosed).toBe(0);
      expect(await openSeats(db)).toEqual(["Person 1 (state_lower)", "Person 11 (congressional)", "Person 12 (congressional)", "Person 2 (state_lower)", "Person 3 (state_upper)"]);
    });

    it("a partial file (one member of Congress, a cosponsor list) closes nobody", async () => {
      const { db } = getDatabase();
      const partial = await run(db, [FEDERAL[0]!], false);
      expect(partial.rolesClosed).toBe(0);
      expect(await openSeats(db)).toHaveLength(5);
    });

    it("a full state roster without a person closes that person's state seat only", async () => {
      const { db } = getDatabase();
      const summary = await run(db, STATE.slice(1), true);
      expect(summary.rolesClosed).toBe(1);
      expect(await openSeats(db)).not.toContain("Person 1 (state_lower)");
      expect(await openSeats(db)).toContain("Person 11 (congressional)");
    });

    it("a federal folder without --state seats each state's House members and two Senators, closing only that state's federal seats", async () => {
      const { db } = getDatabase();
      const senators = [person(21, "us_senate", "RI"), person(22, "us_senate", "RI"), person(23, "us_senate", "CT", "CT")];
      const federal = [...FEDERAL, ...senators, person(24, "congressional", "1", "CT")];
      const first = await db.transaction().execute((trx) => importLegislators(trx, federal, { isFullRoster: true, now: NOW }));
      expect(first.states).toEqual(["CT", "RI"]);
      expect(first.unmatched.map((row) => row.name)).not.toContain("Person 21");
      // Senator 22 retires: the next federal folder closes their Senate seat and nothing else.
      const next = await db.transaction().execute((trx) =>
        importLegislators(
          trx,
          federal.filter((record) => record !== senators[1]),
          { isFullRoster: true, now: NOW },
        ),
      );
      expect(next.closed).toEqual([{ name: "Person 22", chamber: "us_senate", state: "RI", districtName: "RI" }]);
      expect(next.rolesClosed).toBe(1);
      const seats = await openSeats(db);
      expect(seats).toEqual(
        expect.arrayContaining(["Person 2 (state_lower)", "Person 3 (state_upper)", "Person 21 (us_senate)", "Person 23 (us_senate)", "Person 24 (congressional)"]),
      );
      expect(seats).not.toContain("Person 22 (us_senate)");
    });

    it("a dry-run-able report names who moved and who left", async () => {
      const { db } = getDatabase();
      const moved = { ...STATE[1]!, roles: [{ ...STATE[1]!.roles[0]!, districtName: "9", validFrom: "2025-01-07" }] };
      const summary = await run(db, [moved, STATE[2]!], true); // Person 1 left in the test above
      expect(summary.moved).toEqual([{ name: "Person 2", chamber: "state_lower", state: "RI", from: "2", to: "9" }]);
      expect(summary.closed).toEqual([]);
    });
  });
});
