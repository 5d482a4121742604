import { LEADING_COMMITTEE_ROLES, describeCommitteeSeat } from "../model/committee";
import { SEAT_CHAMBERS, type SeatChamber } from "../model/district";
import type { Bill, Ladder } from "../model/ladder";
import type { TargetRow } from "../model/targets";
import { rankOfStep, stepColumnOf } from "./ladder";

/**
 * The targets view's rules, kept out of React: its filters as they live in the URL, which rows
 * they keep and in what order, and the rows of its CSV download.
 */

export interface TargetFilters {
  chamber: SeatChamber | null;
  state: string | null;
  /** With `step`: only legislators at this step on this bill. */
  billId: number | null;
  step: string | null;
  /** Flag this committee's members (the one holding the bill); with `committeeFirst`, rank them first. */
  committeeId: number | null;
  committeeFirst: boolean;
  /** Only seats whose district has no passed body yet. */
  noPassed: boolean;
  /** Only seats with a district no hub covers. */
  noHub: boolean;
  /** Only legislators with no meeting logged in this many days (or ever). */
  staleDays: number | null;
  /** Only districts with no ballot question in this many years (0: never had one). */
  noBallotYears: number | null;
  /** "Where next" for a ballot question: districts with a hub first, then the legislator lowest on the ladder. */
  whereNext: boolean;
}

export const NO_TARGET_FILTERS: TargetFilters = {
  chamber: null,
  state: null,
  billId: null,
  step: null,
  committeeId: null,
  committeeFirst: false,
  noPassed: false,
  noHub: false,
  staleDays: null,
  noBallotYears: null,
  whereNext: false,
};

const positiveId = (text: string | null) => (text && /^\d{1,9}$/.test(text) && Number(text) > 0 ? Number(text) : null);

/** `?chamber=state_lower&bill=2&step=undecided&committee=7&rank=committee|ballot&state=RI&nopassed=1&nohub=1&stale=90&noballot=4` → filters; unknown values are dropped. */
export function parseTargetFilters(search: string): TargetFilters {
  const params = new URLSearchParams(search);
  const chamber = params.get("chamber");
  const state = params.get("state")?.toUpperCase() ?? null;
  const step = params.get("step");
  return {
    chamber: (SEAT_CHAMBERS as readonly string[]).includes(chamber ?? "") ? (chamber as SeatChamber) : null,
    state: state && /^[A-Z]{2}$/.test(state) ? state : null,
    billId: positiveId(params.get("bill")),
    step: step && /^[a-z][a-z0-9_]{0,39}$/.test(step) ? step : null,
    committeeId: positiveId(params.get("committee")),
    committeeFirst: params.get("rank") === "committee",
    noPassed: params.get("nopassed") === "1",
    noHub: params.get("nohub") === "1",
    staleDays: positiveId(params.get("stale")),
    noBallotYears: /^\d{1,2}$/.test(params.get("noballot") ?? "") ? Number(params.get("noballot")) : null,
    whereNext: params.get("rank") === "ballot",
  };
}

/** The filters back into a query string (keeping the other parameters of `search`, such as the campaign). */
export function targetFiltersToSearch(filters: TargetFilters, search = ""): string {
  const params = new URLSearchParams(search);
  for (const name of ["chamber", "state", "bill", "step", "committee", "rank", "nopassed", "nohub", "stale", "noballot"]) params.delete(name);
  if (filters.chamber) params.set("chamber", filters.chamber);
  if (filters.state) params.set("state", filters.state);
  if (filters.billId !== null) params.set("bill", String(filters.billId));
  if (filters.step) params.set("step", filters.step);
  if (filters.committeeId !== null) params.set("committee", String(filters.committeeId));
  if (filters.committeeFirst) params.set("rank", "committee");
  else if (filters.whereNext) params.set("rank", "ballot");
  if (filters.noPassed) params.set("nopassed", "1");
  if (filters.noHub) params.set("nohub", "1");
  if (filters.staleDays !== null) params.set("stale", String(filters.staleDays));
  if (filters.noBallotYears !== null) params.set("noballot", String(filters.noBallotYears));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The role a row's legislator holds on a committee, or null when not a member. */
export const committeeRoleOf = (row: TargetRow, committeeId: number | null) =>
  committeeId === null ? null : (row.committees.find((seat) => seat.committeeId === committeeId)?.role ?? null);

const chamberRank = (chamber: SeatChamber) => SEAT_CHAMBERS.indexOf(chamber);
const roleRank = (role: string | null) =>
  role === null ? LEADING_COMMITTEE_ROLES.length + 1 : LEADING_COMMITTEE_ROLES.includes(role) ? LEADING_COMMITTEE_ROLES.indexOf(role) : LEADING_COMMITTEE_ROLES.length;

/** Whether the seat's district had no ballot question in the last `years` years (0: ever). US Senate seats never do. */
export function lacksBallotQuestion(row: TargetRow, years: number, today: string): boolean {
  if (row.districtId === null) return false;
  if (!row.ballot) return true;
  if (years === 0) return false;
  return row.ballot.year !== null && row.ballot.year <= Number(today.slice(0, 4)) - years;
}

/**
 * The rows the filters keep, ordered by state, chamber (House, Senate, US House, US Senate) and
 * district number; with `committeeFirst`, the chosen committee's members come first, chair first;
 * with `whereNext` (where to run the next ballot question), districts a hub covers first (someone
 * to gather the signatures), then the legislator lowest on the ladder on the first bill (the
 * question's result is the pressure; districts of one chamber hold about as many people each).
 */
export function filterTargets(rows: readonly TargetRow[], filters: TargetFilters, today = new Date().toISOString().slice(0, 10), ladder?: Ladder): TargetRow[] {
  const staleBefore = filters.staleDays === null ? null : new Date(Date.parse(`${today}T00:00:00Z`) - filters.staleDays * 86_400_000).toISOString().slice(0, 10);
  const kept = rows.filter((row) => {
    if (filters.chamber && row.chamber !== filters.chamber) return false;
    if (filters.state && row.state !== filters.state) return false;
    if (filters.step) {
      const steps = filters.billId === null ? row.steps : row.steps.filter((entry) => entry.billId === filters.billId);
      if (!steps.some((entry) => entry.step === filters.step)) return false;
    }
    if (filters.noPassed && row.coverage && row.coverage.bodiesPassed > 0) return false;
    if (filters.noHub && (row.districtId === null || row.hubs.length > 0)) return false;
    if (staleBefore !== null && row.lastContact !== null && row.lastContact > staleBefore) return false;
    if (filters.noBallotYears !== null && !lacksBallotQuestion(row, filters.noBallotYears, today)) return false;
    return true;
  });
  const stepRank = (row: TargetRow) => (ladder ? rankOfStep(ladder, row.steps[0]?.step ?? ladder.steps[0]!.id) : 0);
  return kept.sort(
    (a, b) =>
      (filters.committeeFirst ? roleRank(committeeRoleOf(a, filters.committeeId)) - roleRank(committeeRoleOf(b, filters.committeeId)) : 0) ||
      (filters.whereNext ? Number(b.hubs.length > 0) - Number(a.hubs.length > 0) || stepRank(a) - stepRank(b) : 0) ||
      a.state.localeCompare(b.state) ||
      chamberRank(a.chamber) - chamberRank(b.chamber) ||
      a.districtName.localeCompare(b.districtName, "en", { numeric: true }) ||
      a.name.localeCompare(b.name),
  );
}

/** One CSV row per seat: who, where, the step per bill (by label), coverage, endorsers (listed, at a public step), committees, and the flag. */
export function targetCsvRows(rows: readonly TargetRow[], { bills, ladder, committeeId }: { bills: readonly Bill[]; ladder: Ladder; committeeId: number | null }) {
  const labelOf = new Map(ladder.steps.map((step) => [step.id, step.label]));
  // The other plan's columns only once a chamber has two plans (redistricting).
  const otherPlan = rows.some((row) => row.otherPlan !== null) ? ["other_plan", "share_area_passed_other_plan"] : [];
  const columns = [
    "legislator",
    "party",
    "chamber",
    "state",
    "district",
    ...bills.map((bill) => stepColumnOf(bill.name)),
    "bodies",
    "bodies_passed",
    "share_area_passed",
    "share_population_passed",
    ...otherPlan,
    "endorsers",
    "last_question",
    "pct_yes",
    "hubs",
    "last_contact",
    "committees",
    "on_committee",
  ];
  const records = rows.map((row) => ({
    legislator: row.name,
    party: row.party,
    chamber: row.chamber,
    state: row.state,
    district: row.districtName,
    ...Object.fromEntries(bills.map((bill) => [stepColumnOf(bill.name), labelOf.get(row.steps.find((entry) => entry.billId === bill.id)?.step ?? "") ?? ""])),
    bodies: row.coverage?.bodies ?? null,
    bodies_passed: row.coverage?.bodiesPassed ?? null,
    share_area_passed: row.coverage ? Number(row.coverage.areaShare.toFixed(6)) : null,
    share_population_passed: row.coverage?.populationShare === null || !row.coverage ? null : Number(row.coverage.populationShare.toFixed(6)),
    other_plan: row.otherPlan ? `${row.otherPlan.label} ${row.otherPlan.districtName}` : null,
    share_area_passed_other_plan: row.otherPlan ? Number(row.otherPlan.areaShare.toFixed(6)) : null,
    endorsers: row.endorsers?.count ?? null,
    last_question: row.ballot ? `${row.ballot.question}${row.ballot.estimated ? " (estimate)" : ""}` : null,
    pct_yes: row.ballot?.pctYes ?? null,
    hubs: row.hubs.map((hub) => hub.name).join("; "),
    last_contact: row.lastContact,
    committees: row.committees.map(describeCommitteeSeat).join("; "),
    on_committee: committeeRoleOf(row, committeeId) ?? "",
  }));
  return { columns, records };
}
