import { describe, expect, it } from "vitest";
import { toCsv } from "../csv";
import { defaultLadder, type Bill } from "../model/ladder";
import type { TargetRow } from "../model/targets";
import { filterTargets, NO_TARGET_FILTERS, parseTargetFilters, targetCsvRows, targetFiltersToSearch } from "./targets";

const row = (name: string, chamber: TargetRow["chamber"], district: string, step: string, extra: Partial<TargetRow> = {}): TargetRow => ({
  legislatorId: name.length,
  name,
  party: "Democratic",
  chamber,
  state: "RI",
  districtId: chamber === "us_senate" ? null : 1,
  districtName: district,
  label: `${chamber} ${district}`,
  coverage: chamber === "us_senate" ? null : { bodies: 3, bodiesPassed: 1, areaShare: 0.25, populationShare: null },
  endorsers: chamber === "us_senate" ? null : { count: 0, summary: null, basis: "", endorsers: [] },
  ballot: null,
  hubs: [],
  lastContact: null,
  otherPlan: null,
  steps: [{ billId: 1, step, updatedAt: null }],
  committees: [],
  ...extra,
});

const ROWS = [
  row("Zed Senator", "us_senate", "RI", "unknown"),
  row("Ann Ten", "state_lower", "10", "undecided", { hubs: [{ hubId: 1, name: "Tenth Hub", share: 1 }], lastContact: "2026-11-30" }),
  row("Bo Two", "state_lower", "2", "cosponsor", {
    committees: [{ committeeId: 7, name: "Health", chamber: "state_lower", role: "member" }],
    ballot: { question: "2018 Q5", year: 2018, pctYes: 71.2, estimated: false },
    endorsers: { count: 4, summary: "4 local businesses endorsed", basis: "", endorsers: [] },
  }),
  row("Cy Sen", "state_upper", "1", "undecided", {
    committees: [{ committeeId: 7, name: "Health", chamber: "state_lower", role: "chair" }],
    coverage: { bodies: 2, bodiesPassed: 0, areaShare: 0, populationShare: null },
  }),
];

describe("targets filters", () => {
  it("round-trips through the URL, keeping other parameters and dropping junk", () => {
    const filters = {
      ...NO_TARGET_FILTERS,
      chamber: "state_lower" as const,
      billId: 1,
      step: "undecided",
      committeeId: 7,
      committeeFirst: true,
      noPassed: true,
      state: "RI",
      noHub: true,
      staleDays: 90,
    };
    const search = targetFiltersToSearch(filters, "?campaign=rimfa&chamber=x");
    expect(search).toBe("?campaign=rimfa&chamber=state_lower&state=RI&bill=1&step=undecided&committee=7&rank=committee&nopassed=1&nohub=1&stale=90");
    expect(parseTargetFilters(search)).toEqual(filters);
    expect(parseTargetFilters("?chamber=parliament&bill=-3&step=DROP%20TABLE&committee=abc&state=Rhode")).toEqual(NO_TARGET_FILTERS);
  });

  it("orders seats by chamber then district number, and ranks a committee's members first, chair first", () => {
    expect(filterTargets(ROWS, NO_TARGET_FILTERS).map((entry) => entry.name)).toEqual(["Bo Two", "Ann Ten", "Cy Sen", "Zed Senator"]);
    expect(filterTargets(ROWS, { ...NO_TARGET_FILTERS, committeeId: 7, committeeFirst: true }).map((entry) => entry.name)).toEqual(["Cy Sen", "Bo Two", "Ann Ten", "Zed Senator"]);
  });

  it("keeps only the chamber, the step on the bill, and districts with nothing passed when asked", () => {
    expect(filterTargets(ROWS, { ...NO_TARGET_FILTERS, step: "undecided", billId: 1 }).map((entry) => entry.name)).toEqual(["Ann Ten", "Cy Sen"]);
    expect(filterTargets(ROWS, { ...NO_TARGET_FILTERS, step: "undecided", billId: 2 })).toEqual([]);
    expect(filterTargets(ROWS, { ...NO_TARGET_FILTERS, chamber: "state_lower" }).map((entry) => entry.name)).toEqual(["Bo Two", "Ann Ten"]);
    expect(filterTargets(ROWS, { ...NO_TARGET_FILTERS, noPassed: true }).map((entry) => entry.name)).toEqual(["Cy Sen", "Zed Senator"]);
    // No hub: seats with a district that no hub covers (a Senator's whole state is not a gap).
    expect(filterTargets(ROWS, { ...NO_TARGET_FILTERS, noHub: true }).map((entry) => entry.name)).toEqual(["Bo Two", "Cy Sen"]);
    // Met on 2026-11-30: fresh within 30 days of 2026-12-07, stale within 5.
    expect(filterTargets(ROWS, { ...NO_TARGET_FILTERS, staleDays: 30 }, "2026-12-07").map((entry) => entry.name)).toEqual(["Bo Two", "Cy Sen", "Zed Senator"]);
    expect(filterTargets(ROWS, { ...NO_TARGET_FILTERS, staleDays: 5 }, "2026-12-07").map((entry) => entry.name)).toEqual(["Bo Two", "Ann Ten", "Cy Sen", "Zed Senator"]);
  });

  it("finds where to run the next ballot question: no question (ever, or in N years), hubs first, then the legislator lowest on the ladder", () => {
    const rows = [
      ...ROWS,
      row("Di Old", "state_lower", "4", "opposed", { ballot: { question: "2008 Q3", year: 2008, pctYes: 66, estimated: false } }),
      row("Ed Hub", "state_lower", "5", "supportive", { hubs: [{ hubId: 2, name: "Fifth Hub", share: 0.4 }] }),
    ];
    const never = filterTargets(rows, { ...NO_TARGET_FILTERS, noBallotYears: 0, whereNext: true }, "2026-12-07", defaultLadder);
    expect(never.map((entry) => entry.name)).toEqual(["Ann Ten", "Ed Hub", "Cy Sen"]);
    const notLately = filterTargets(rows, { ...NO_TARGET_FILTERS, noBallotYears: 10, whereNext: true }, "2026-12-07", defaultLadder);
    expect(notLately.map((entry) => entry.name)).toEqual(["Ann Ten", "Ed Hub", "Di Old", "Cy Sen"]);
    expect(filterTargets(rows, { ...NO_TARGET_FILTERS, noBallotYears: 4 }, "2026-12-07").map((entry) => entry.name)).toEqual(["Bo Two", "Di Old", "Ed Hub", "Ann Ten", "Cy Sen"]);
    const search = targetFiltersToSearch({ ...NO_TARGET_FILTERS, noBallotYears: 0, whereNext: true });
    expect(search).toBe("?rank=ballot&noballot=0");
    expect(parseTargetFilters(search)).toEqual({ ...NO_TARGET_FILTERS, noBallotYears: 0, whereNext: true });
  });

  it("writes a CSV row per seat with the step label per bill and the committee flag", () => {
    const bills: Bill[] = [{ id: 1, campaignId: 1, name: "H 5001", jurisdiction: "state", chamber: null, position: 0 } as unknown as Bill];
    const { columns, records } = targetCsvRows(filterTargets(ROWS, NO_TARGET_FILTERS), { bills, ladder: defaultLadder, committeeId: 7 });
    const lines = toCsv(records, columns as Array<keyof (typeof records)[number] & string>)
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "legislator,party,chamber,state,district,step_H_5001,bodies,bodies_passed,share_area_passed,share_population_passed,endorsers,last_question,pct_yes,hubs,last_contact,committees,on_committee",
    );
    expect(lines[1]).toBe("Bo Two,Democratic,state_lower,RI,2,Cosponsor,3,1,0.25,,4,2018 Q5,71.2,,,Health,member");
    expect(lines[4]).toBe("Zed Senator,Democratic,us_senate,RI,RI,Unknown,,,,,,,,,,,");
  });

  it("adds the other plan's district and covered share once a chamber has two plans (issue 14)", () => {
    const rows = [
      row("Bo Two", "state_lower", "2", "cosponsor", { otherPlan: { label: "2032 plan", districtId: 9, districtName: "2", areaShare: 0.4 } }),
      row("Zed Senator", "us_senate", "RI", "unknown"),
    ];
    const { columns, records } = targetCsvRows(rows, { bills: [], ladder: defaultLadder, committeeId: null });
    const lines = toCsv(records, columns as Array<keyof (typeof records)[number] & string>)
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "legislator,party,chamber,state,district,bodies,bodies_passed,share_area_passed,share_population_passed,other_plan,share_area_passed_other_plan,endorsers,last_question,pct_yes,hubs,last_contact,committees,on_committee",
    );
    expect(lines[1]).toBe("Bo Two,Democratic,state_lower,RI,2,3,1,0.25,,2032 plan 2,0.4,0,,,,,,");
    expect(lines[2]).toBe("Zed Senator,Democratic,us_senate,RI,RI,,,,,,,,,,,,,");
  });
});
