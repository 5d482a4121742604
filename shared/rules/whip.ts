/**
 * The whip count: how many votes a body needs to pass the resolution, and where its members stand.
 * One pure rule, used by the body panel, the dashboard and the server's tally check.
 *
 * Assumptions, stated once:
 * - `_present` rules count every sitting member (seats − vacancies) as present. That is the
 *   number to plan for; on the night, fewer present means fewer needed (`neededAtQuorum` is the
 *   floor: a bare quorum present).
 * - A majority is more than half: a tie fails.
 * - Two thirds rounds up: 2/3 of 10 is 6.67, so 7 are needed.
 * - Quorum defaults to a majority of the seats. A body whose sitting members cannot make a
 *   quorum cannot vote at all.
 * - A veto is overridden by `overrideRule` (default: two thirds of the full body).
 */

export const VOTE_RULES = ["majority_present", "majority_full", "two_thirds_present", "two_thirds_full"] as const;
export type VoteRule = (typeof VOTE_RULES)[number];

export const VOTE_RULE_LABELS: Record<VoteRule, string> = {
  majority_present: "Majority of those present",
  majority_full: "Majority of the full body",
  two_thirds_present: "Two thirds of those present",
  two_thirds_full: "Two thirds of the full body",
};

export const DEFAULT_VOTE_RULE: VoteRule = "majority_present";
export const DEFAULT_OVERRIDE_RULE: VoteRule = "two_thirds_full";

export const POSITIONS = ["yes", "lean_yes", "undecided", "lean_no", "no", "unknown"] as const;
export type Position = (typeof POSITIONS)[number];

export const POSITION_LABELS: Record<Position, string> = {
  yes: "yes",
  lean_yes: "lean yes",
  undecided: "undecided",
  lean_no: "lean no",
  no: "no",
  unknown: "unknown",
};

export interface VotingSetup {
  /** Voting seats when the body is full; null when not known. */
  seats: number | null;
  vacancies?: number | null;
  /** Members who must be present to vote; null means a majority of the seats. */
  quorum?: number | null;
  rule?: VoteRule | null;
  hasVeto?: boolean;
  /** How a veto is overridden; null means two thirds of the full body. */
  overrideRule?: VoteRule | null;
}

export interface WhipCount {
  /** Seats, sitting members (seats − vacancies) and quorum; null when seats are unknown. */
  seats: number | null;
  sitting: number | null;
  quorum: number | null;
  rule: VoteRule;
  /** Yes votes needed with every sitting member present; null when seats are unknown. */
  needed: number | null;
  /** For `_present` rules, yes votes needed when only a bare quorum attends. */
  neededAtQuorum: number | null;
  /** Members per position; sitting seats with no member listed count as `unknown`. */
  counts: Record<Position, number>;
  /** The yes votes alone reach `needed`. */
  secured: boolean | null;
  /** Yes, leaning and undecided/unknown members together could still reach `needed`. */
  possible: boolean | null;
  /** Yes votes still missing (0 when secured). */
  short: number | null;
  /** With a veto: yes votes needed to override it. */
  vetoProofNeeded: number | null;
  vetoProof: boolean | null;
  /** One line for the panel, e.g. "5 of 9 needed: 3 yes, 1 lean yes, 2 undecided — 2 more needed". */
  summary: string;
}

const majorityOf = (count: number) => Math.floor(count / 2) + 1;
const twoThirdsOf = (count: number) => Math.ceil((2 * count) / 3);

/**
 * Yes votes a rule needs. `present` is how many members attend (for `_present` rules), `seats`
 * the full body (for `_full` rules).
 */
export function votesNeeded(rule: VoteRule, { seats, present }: { seats: number; present: number }): number {
  switch (rule) {
    case "majority_present":
      return majorityOf(present);
    case "majority_full":
      return majorityOf(seats);
    case "two_thirds_present":
      return twoThirdsOf(present);
    case "two_thirds_full":
      return twoThirdsOf(seats);
  }
}

export function defaultQuorum(seats: number): number {
  return majorityOf(seats);
}

function emptyCounts(): Record<Position, number> {
  return { yes: 0, lean_yes: 0, undecided: 0, lean_no: 0, no: 0, unknown: 0 };
}

/** "3 yes, 1 lean yes, 2 undecided": positions in order, zero counts left out. */
export function describeCounts(counts: Record<Position, number>): string {
  const parts = POSITIONS.filter((position) => counts[position] > 0).map((position) => `${counts[position]} ${POSITION_LABELS[position]}`);
  return parts.length ? parts.join(", ") : "no positions yet";
}

/** Count positions and compare them with the votes the body's rule needs. */
export function tallyWhipCount(setup: VotingSetup, positions: readonly Position[]): WhipCount {
  const rule = setup.rule ?? DEFAULT_VOTE_RULE;
  const counts = emptyCounts();
  for (const position of positions) counts[position] += 1;

  if (setup.seats === null || setup.seats <= 0) {
    return {
      seats: null,
      sitting: null,
      quorum: null,
      rule,
      needed: null,
      neededAtQuorum: null,
      counts,
      secured: null,
      possible: null,
      short: null,
      vetoProofNeeded: null,
      vetoProof: null,
      summary: `Seats unknown: ${describeCounts(counts)}`,
    };
  }

  const seats = setup.seats;
  const sitting = Math.max(0, seats - (setup.vacancies ?? 0));
  const quorum = setup.quorum ?? defaultQuorum(seats);
  // Sitting seats with nobody listed are unknown votes.
  counts.unknown += Math.max(0, sitting - positions.length);
  const needed = votesNeeded(rule, { seats, present: sitting });
  const isPresentRule = rule === "majority_present" || rule === "two_thirds_present";
  const neededAtQuorum = isPresentRule ? votesNeeded(rule, { seats, present: Math.min(quorum, sitting) }) : null;
  const canMeet = sitting >= quorum && needed <= sitting;
  const yes = counts.yes;
  const reachable = counts.yes + counts.lean_yes + counts.undecided + counts.unknown;
  const secured = canMeet && yes >= needed;
  const possible = canMeet && reachable >= needed;
  const short = secured ? 0 : Math.max(0, needed - yes);
  const vetoProofNeeded = setup.hasVeto ? votesNeeded(setup.overrideRule ?? DEFAULT_OVERRIDE_RULE, { seats, present: sitting }) : null;
  const vetoProof = vetoProofNeeded === null ? null : vetoProofNeeded <= sitting && yes >= vetoProofNeeded;

  let verdict: string;
  if (sitting < quorum) verdict = `cannot vote: ${sitting} sitting, quorum is ${quorum}`;
  else if (needed > sitting) verdict = `cannot pass: ${needed} needed but only ${sitting} sitting`;
  else if (secured) verdict = "secured";
  else if (!possible) verdict = "cannot pass as counted";
  else verdict = `${short} more needed`;
  const veto = vetoProofNeeded === null ? "" : `; ${vetoProofNeeded} to override a veto${vetoProof ? " (veto-proof)" : ""}`;
  const vacant = seats - sitting;
  const vacancyNote = vacant > 0 ? ` (${vacant} ${vacant === 1 ? "seat" : "seats"} vacant)` : "";

  return {
    seats,
    sitting,
    quorum,
    rule,
    needed,
    neededAtQuorum,
    counts,
    secured,
    possible,
    short,
    vetoProofNeeded,
    vetoProof,
    summary: `${needed} of ${sitting} needed${vacancyNote}: ${describeCounts(counts)} — ${verdict}${veto}`,
  };
}
