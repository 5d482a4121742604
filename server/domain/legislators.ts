import { parseStateCode, stateCodeProblem } from "../../shared/ids/usps";
import type { Chamber, SeatChamber } from "../../shared/model/district";
import type { LegislatorRecord, LegislatorRoleInput } from "../../shared/model/legislator";
import { normalizeDistrictName } from "../../shared/rules/district-names";
import type { Db } from "../db/connect";
import { findCurrentDistricts } from "../db/repositories/district-repository";
import {
  findCurrentRolesOfChamber,
  findLegislatorByPersonId,
  findOpenRolesInState,
  findRolesOfLegislator,
  insertLegislator,
  insertRole,
  updateLegislator,
  updateRole,
} from "../db/repositories/legislator-repository";
import { FieldError, InputError } from "../errors";

export interface UnmatchedLegislator {
  ocdPersonId: string;
  name: string;
  chamber: SeatChamber | null;
  districtName: string | null;
  reason: string;
}

export interface DistrictRef {
  id: number;
  chamber: Chamber;
  name: string;
}

/** A seat as the import report names it. */
export interface SeatRef {
  name: string;
  chamber: SeatChamber;
  state: string;
  districtName: string;
}

export interface LegislatorImportSummary {
  /** The states the roster spoke for, joined ("RI", or "RI, CT" for a federal folder). */
  state: string;
  states: string[];
  legislators: number;
  created: number;
  updated: number;
  rolesAdded: number;
  /** Roles given an end date: turnover, redistricting, or people missing from a full roster. */
  rolesClosed: number;
  matched: number;
  /** Who is new, who changed seat within a chamber, and whose seat closed (left office). */
  added: string[];
  moved: Array<{ name: string; chamber: SeatChamber; state: string; from: string; to: string }>;
  closed: SeatRef[];
  /** Every legislator without a current role that matched a current district. */
  unmatched: UnmatchedLegislator[];
  /** Current districts (of the chambers imported) with no sitting legislator. */
  vacantDistricts: DistrictRef[];
  /** Current districts with more than one sitting legislator. */
  sharedDistricts: Array<DistrictRef & { legislators: string[] }>;
  /** People the roster lists with no seat, past or present, in the states imported (the rest of Congress under `--state MA`; without `--state`, those with no current seat): not imported. */
  skipped: string[];
}

export interface ImportLegislatorsOptions {
  /** The one state to import; without it, every state the roster's current seats name (a federal folder). */
  state?: string | undefined;
  /** The records are the whole roster: open roles of people missing from it are closed. */
  isFullRoster?: boolean;
  now?: Date;
}

/** A stored legislator's other spellings (Open States `other_names`, kept as JSON text). */
export function otherNamesOf(legislator: { otherNames: string | null }): string[] {
  if (!legislator.otherNames) return [];
  const names: unknown = JSON.parse(legislator.otherNames);
  return Array.isArray(names) ? names.filter((name): name is string => typeof name === "string") : [];
}

/** Sitting: no end date, or one after today (a role closed today has ended). */
const isOpen = (role: { validTo: string | null }, today: string) => role.validTo === null || role.validTo > today;

/** The states a roster speaks for: the one asked for, else every state its current seats name. */
function rosterStates(records: readonly LegislatorRecord[], asked: string | undefined, today: string): string[] {
  if (asked !== undefined) {
    const state = parseStateCode(asked);
    if (!state) throw new FieldError("state", stateCodeProblem(asked));
    return [state];
  }
  const states = [...new Set(records.flatMap((record) => record.roles.filter((role) => isOpen(role, today)).map((role) => role.state)))].sort();
  if (states.length === 0) throw new FieldError("state", "{field} is needed: nobody in this roster holds a current seat that names a state");
  return states;
}

/**
 * Upsert legislators by Open States person id and record their roles as time-scoped rows:
 * a role seen before is updated in place (its end date, its district), a new one is added, and
 * an open role that is no longer current gets an end date instead of being overwritten. Current
 * roles are matched to the state's current districts by chamber and normalised district name;
 * US Senate seats have the state as their district and need no boundary.
 *
 * An import closes seats only of the (state, chamber) pairs its records hold, so a federal
 * folder never unseats a state legislator and the reverse; a partial roster (one person file, a
 * cosponsor list) closes nobody missing from it. Run it inside a transaction (the import service
 * does): a failure leaves nothing half-imported.
 */
export async function importLegislators(db: Db, records: LegislatorRecord[], options: ImportLegislatorsOptions): Promise<LegislatorImportSummary> {
  const now = (options.now ?? new Date()).toISOString();
  const today = now.slice(0, 10);
  const states = rosterStates(records, options.state, today);
  const inScope = (state: string) => states.includes(state);

  const districtByKey = new Map<string, DistrictRef>();
  for (const district of await findCurrentDistricts(db)) {
    const state = district.state?.toUpperCase();
    if (!state || !inScope(state)) continue;
    districtByKey.set(`${state}|${district.chamber}|${normalizeDistrictName(district.name)}`, { id: district.id, chamber: district.chamber as Chamber, name: district.name });
  }
  const matchDistrict = (role: LegislatorRoleInput) => districtByKey.get(`${role.state}|${role.chamber}|${normalizeDistrictName(role.districtName)}`);

  const seenIds = new Set<string>();
  const summary: LegislatorImportSummary = {
    state: states.join(", "),
    states,
    legislators: 0,
    created: 0,
    updated: 0,
    rolesAdded: 0,
    rolesClosed: 0,
    matched: 0,
    added: [],
    moved: [],
    closed: [],
    unmatched: [],
    vacantDistricts: [],
    sharedDistricts: [],
    skipped: [],
  };
  const seatKey = (role: { state: string; chamber: string }) => `${role.state}|${role.chamber}`;
  const chambers = new Set<string>();
  // The (state, chamber) pairs this roster speaks for: a state folder covers the state's two
  // houses, the federal folder the US House and Senate seats of each state it lists.
  const covered = new Set(records.flatMap((record) => record.roles.filter((role) => inScope(role.state)).map(seatKey)));

  for (const record of records) {
    const roles = record.roles.filter((role) => inScope(role.state));
    // Someone who never sat for the states imported (another state's member of Congress, when
    // the federal folder is imported for one state; without --state, anyone with no current
    // seat) is not one of their legislators.
    if (roles.length === 0) {
      summary.skipped.push(record.name);
      continue;
    }
    if (seenIds.has(record.ocdPersonId)) throw new InputError(`${record.ocdPersonId} (${record.name}) appears twice in the roster`);
    seenIds.add(record.ocdPersonId);
    summary.legislators += 1;

    const values = {
      name: record.name,
      party: record.party,
      email: record.email,
      links: record.links.length ? JSON.stringify(record.links) : null,
      extras: Object.keys(record.extras).length ? JSON.stringify(record.extras) : null,
      otherNames: record.otherNames?.length ? JSON.stringify(record.otherNames) : null,
      offices: record.offices?.length ? JSON.stringify(record.offices) : null,
      updatedAt: now,
    };
    const existing = await findLegislatorByPersonId(db, record.ocdPersonId);
    let legislatorId: number;
    if (existing) {
      legislatorId = existing.id;
      await updateLegislator(db, legislatorId, values);
      summary.updated += 1;
    } else {
      legislatorId = await insertLegislator(db, { ocdPersonId: record.ocdPersonId, createdAt: now, ...values });
      summary.created += 1;
      summary.added.push(record.name);
    }

    const stored = await findRolesOfLegislator(db, legislatorId);
    const openBefore = stored.filter((row) => inScope(row.state) && row.validTo === null);
    const kept = new Set<number>();
    let currentMatches = 0;
    for (const role of roles) {
      const current = isOpen(role, today);
      const district = current ? matchDistrict(role) : undefined;
      if (current) chambers.add(seatKey(role));
      if (district || (current && role.chamber === "us_senate")) currentMatches += 1;
      const key = normalizeDistrictName(role.districtName);
      const previous = stored.find(
        (row) =>
          !kept.has(row.id) &&
          row.state === role.state &&
          row.chamber === role.chamber &&
          normalizeDistrictName(row.districtName) === key &&
          // A term without a start date is the stored one with the same end (or still open).
          (row.validFrom === role.validFrom || (role.validFrom === null && (row.validTo === null || row.validTo === role.validTo))),
      );
      const validTo = role.validTo ?? null;
      if (previous) {
        kept.add(previous.id);
        if (previous.validTo !== validTo || previous.districtId !== (district?.id ?? null)) {
          if (previous.validTo === null && validTo !== null) summary.rolesClosed += 1;
          await updateRole(db, previous.id, { validTo, districtId: district?.id ?? null });
        }
      } else {
        await insertRole(db, {
          legislatorId,
          chamber: role.chamber,
          state: role.state,
          districtName: role.districtName,
          districtId: district?.id ?? null,
          // An unknown start stays unknown: "today" would put an ended term's start after its end.
          validFrom: role.validFrom,
          validTo,
          createdAt: now,
        });
        summary.rolesAdded += 1;
      }
    }
    // Open roles that the record no longer lists have ended (turnover, redistricting).
    const currentRoles = roles.filter((role) => isOpen(role, today));
    for (const row of openBefore) {
      if (kept.has(row.id) || !covered.has(seatKey(row))) continue;
      await updateRole(db, row.id, { validTo: today });
      summary.rolesClosed += 1;
      const next = currentRoles.find((role) => role.state === row.state && role.chamber === row.chamber);
      if (next) summary.moved.push({ name: record.name, chamber: row.chamber as SeatChamber, state: row.state, from: row.districtName, to: next.districtName });
      else summary.closed.push({ name: record.name, chamber: row.chamber as SeatChamber, state: row.state, districtName: row.districtName });
    }

    const currentRole = currentRoles[0];
    if (currentMatches > 0) summary.matched += 1;
    else {
      summary.unmatched.push({
        ocdPersonId: record.ocdPersonId,
        name: record.name,
        chamber: currentRole?.chamber ?? null,
        districtName: currentRole?.districtName ?? null,
        reason: currentRole ? `no current ${currentRole.chamber} district in ${currentRole.state} named "${currentRole.districtName}"` : `no current role in ${states.join(", ")}`,
      });
    }
  }

  // People missing from a full roster have left office: close their open roles it covers.
  const sitting = new Map<number, string[]>();
  for (const state of states) {
    const open = await findOpenRolesInState(db, state, new Date(now));
    if (options.isFullRoster) {
      for (const role of open.filter((row) => !seenIds.has(row.ocdPersonId) && covered.has(seatKey({ state, chamber: row.chamber })))) {
        await updateRole(db, role.id, { validTo: today });
        summary.rolesClosed += 1;
        summary.closed.push({ name: role.name, chamber: role.chamber as SeatChamber, state, districtName: role.districtName });
      }
    }
    for (const role of await findOpenRolesInState(db, state, new Date(now))) {
      if (role.districtId !== null) sitting.set(role.districtId, [...(sitting.get(role.districtId) ?? []), role.ocdPersonId]);
    }
  }
  for (const [key, district] of districtByKey) {
    const state = key.slice(0, key.indexOf("|"));
    if (!chambers.has(seatKey({ state, chamber: district.chamber }))) continue;
    const holders = sitting.get(district.id) ?? [];
    if (holders.length === 0) summary.vacantDistricts.push(district);
    if (holders.length > 1) summary.sharedDistricts.push({ ...district, legislators: holders });
  }
  return summary;
}

export interface SeatingSummary {
  state: string;
  chamber: Chamber;
  /** Roles of the chamber in the state that have not ended. */
  sitting: number;
  matched: number;
  /** Sitting legislators whose district the current plan does not name. */
  unmatched: Array<{ name: string; districtName: string }>;
}

/**
 * Point the sitting legislators of one chamber at the current plan's districts, by normalised
 * district name: after a district import, legislators imported earlier (or seated in the plan
 * it replaced) sit in the districts now on the map, and a district the new plan lacks leaves its
 * legislator unmatched rather than on an old outline. Null when nobody sits in the chamber.
 */
export async function seatSittingLegislators(db: Db, { state, chamber, now = new Date() }: { state: string; chamber: Chamber; now?: Date }): Promise<SeatingSummary | null> {
  const roles = await findCurrentRolesOfChamber(db, { state, chamber, today: now.toISOString().slice(0, 10) });
  if (roles.length === 0) return null;
  const districts = new Map(
    (await findCurrentDistricts(db))
      .filter((district) => district.chamber === chamber && district.state?.toUpperCase() === state)
      .map((district) => [normalizeDistrictName(district.name), district.id]),
  );
  const summary: SeatingSummary = { state, chamber, sitting: roles.length, matched: 0, unmatched: [] };
  for (const role of roles) {
    const districtId = districts.get(normalizeDistrictName(role.districtName)) ?? null;
    if (districtId !== role.districtId) await updateRole(db, role.id, { districtId });
    if (districtId === null) summary.unmatched.push({ name: role.name, districtName: role.districtName });
    else summary.matched += 1;
  }
  return summary;
}
