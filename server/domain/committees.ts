import { parseStateCode, stateCodeProblem } from "../../shared/ids/usps";
import { LEADING_COMMITTEE_ROLES, type CommitteeChamber, type CommitteeRecord, type CommitteeSeat } from "../../shared/model/committee";
import { matchPersonName } from "../../shared/rules/person-names";
import type { Db } from "../db/connect";
import {
  findCommitteeByOrgId,
  findCommitteeMembers,
  findCommitteeSeats,
  findLegislatorsInState,
  insertCommittee,
  replaceCommitteeMembers,
  updateCommittee,
} from "../db/repositories/committee-repository";
import { FieldError, InputError } from "../errors";
import { otherNamesOf } from "./legislators";

export interface CommitteeImportSummary {
  state: string;
  committees: number;
  created: string[];
  updated: number;
  /** Committees whose member list changed, with who joined and who left. */
  changed: Array<{ committee: string; joined: string[]; left: string[] }>;
  memberships: number;
  chairs: number;
}

/**
 * Upsert one state's committees (by Open States organization id) and replace each listed
 * committee's members with its file's list. Members are found by person id, else by name among
 * the state's legislators (other names and accents count); a member who is neither is refused,
 * naming the committee, so the legislators must be imported first. Committees not in the files
 * are left as they are: an import never removes what it does not cover. Run in a transaction.
 */
export async function importCommittees(db: Db, records: readonly CommitteeRecord[], options: { state: string; now?: Date }): Promise<CommitteeImportSummary> {
  const state = parseStateCode(options.state);
  if (!state) throw new FieldError("state", stateCodeProblem(options.state));
  const now = (options.now ?? new Date()).toISOString();
  const legislators = await findLegislatorsInState(db, state);
  if (legislators.length === 0) throw new InputError(`no ${state} legislators yet: import the state's people first (import <folder> --as legislators --state ${state})`);
  const byPersonId = new Map(legislators.map((legislator) => [legislator.ocdPersonId, legislator]));
  const nameOf = new Map(legislators.map((legislator) => [legislator.id, legislator.name]));

  const summary: CommitteeImportSummary = { state, committees: 0, created: [], updated: 0, changed: [], memberships: 0, chairs: 0 };
  const seen = new Set<string>();
  for (const record of records) {
    if (record.state !== state) throw new InputError(`committee "${record.name}" belongs to ${record.state}, not ${state}`);
    if (seen.has(record.ocdOrgId)) throw new InputError(`committee "${record.name}" (${record.ocdOrgId}) appears twice`);
    seen.add(record.ocdOrgId);
    const members = new Map<number, string>();
    for (const member of record.members) {
      let legislator = member.personId ? byPersonId.get(member.personId) : undefined;
      if (!legislator) {
        const match = matchPersonName(member.name, legislators, (person) => [person.name, ...otherNamesOf(person)]);
        if (match.status === "matched") legislator = match.item;
        else {
          const which = member.personId ? `${member.name} (${member.personId})` : member.name;
          const why = match.status === "ambiguous" ? `could be ${match.items.map((item) => item.name).join(" or ")}` : `is not an imported ${state} legislator`;
          throw new InputError(`committee "${record.name}": member ${which} ${why}`);
        }
      }
      // A person listed twice keeps the leading role (chair over member).
      const previous = members.get(legislator.id);
      if (!previous || (LEADING_COMMITTEE_ROLES.includes(member.role) && !LEADING_COMMITTEE_ROLES.includes(previous))) members.set(legislator.id, member.role);
    }
    const values = { state, chamber: record.chamber, name: record.name, otherNames: record.otherNames.length ? JSON.stringify(record.otherNames) : null, updatedAt: now };
    const existing = await findCommitteeByOrgId(db, record.ocdOrgId);
    let committeeId: number;
    const before = new Map<number, string>();
    if (existing) {
      committeeId = existing.id;
      for (const row of await findCommitteeMembers(db, committeeId)) before.set(row.legislatorId, row.role);
      await updateCommittee(db, committeeId, values);
      summary.updated += 1;
    } else {
      committeeId = await insertCommittee(db, { ocdOrgId: record.ocdOrgId, createdAt: now, ...values });
      summary.created.push(record.name);
    }
    await replaceCommitteeMembers(
      db,
      committeeId,
      [...members].map(([legislatorId, role]) => ({ legislatorId, role })),
    );
    if (existing) {
      const joined = [...members.keys()].filter((id) => !before.has(id)).map((id) => nameOf.get(id)!);
      const left = [...before.keys()].filter((id) => !members.has(id)).map((id) => nameOf.get(id) ?? `legislator ${id}`);
      if (joined.length || left.length) summary.changed.push({ committee: record.name, joined, left });
    }
    summary.committees += 1;
    summary.memberships += members.size;
    summary.chairs += [...members.values()].filter((role) => role === "chair").length;
  }
  return summary;
}

/** Every legislator's committee seats, leading roles first: legislator id → seats. */
export async function committeeSeatsByLegislator(db: Db): Promise<Map<number, CommitteeSeat[]>> {
  const seats = new Map<number, CommitteeSeat[]>();
  for (const row of await findCommitteeSeats(db)) {
    const seat: CommitteeSeat = { committeeId: row.committeeId, name: row.name, chamber: row.chamber as CommitteeChamber, role: row.role };
    seats.set(row.legislatorId, [...(seats.get(row.legislatorId) ?? []), seat]);
  }
  const rank = (seat: CommitteeSeat) => (LEADING_COMMITTEE_ROLES.includes(seat.role) ? LEADING_COMMITTEE_ROLES.indexOf(seat.role) : LEADING_COMMITTEE_ROLES.length);
  for (const list of seats.values()) list.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  return seats;
}
