import { DEFAULT_VOTE_RULE, defaultQuorum, votesNeeded, type VotingSetup } from "./whip";

/** A recorded vote: yes / no / abstain / absent. Members present are yes + no + abstain. */
export interface Tally {
  yes: number;
  no: number;
  abstain: number;
  absent: number;
}

/**
 * Problems with a tally against the body's seats, as one-line messages (empty when fine).
 * With seats known, the four numbers together cannot exceed the sitting members.
 */
export function tallyProblems(tally: Tally, setup: Pick<VotingSetup, "seats" | "vacancies">): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(tally)) {
    if (!Number.isInteger(value) || value < 0) problems.push(`${name} must be a whole number, 0 or more`);
  }
  if (problems.length) return problems;
  const total = tally.yes + tally.no + tally.abstain + tally.absent;
  if (setup.seats !== null && setup.seats > 0) {
    const sitting = setup.seats - (setup.vacancies ?? 0);
    if (total > sitting) {
      problems.push(`the tally counts ${total} members but the body has ${sitting} sitting (${setup.seats} seats${setup.vacancies ? `, ${setup.vacancies} vacant` : ""})`);
    }
  }
  if (total === 0) problems.push("a tally needs at least one member");
  return problems;
}

/**
 * What a valid tally decided under the body's rule. `_present` rules count yes + no + abstain as
 * present (an abstention is present and not a yes, as most municipal charters read "of those
 * present"); a tie fails; with seats unknown, a plain majority of votes cast decides.
 * `no_quorum` when fewer members were present than the quorum.
 */
export function tallyOutcome(tally: Tally, setup: VotingSetup): "passed" | "failed" | "no_quorum" {
  const present = tally.yes + tally.no + tally.abstain;
  if (setup.seats === null || setup.seats <= 0) return tally.yes > tally.no ? "passed" : "failed";
  const quorum = setup.quorum ?? defaultQuorum(setup.seats);
  if (present < quorum) return "no_quorum";
  const needed = votesNeeded(setup.rule ?? DEFAULT_VOTE_RULE, { seats: setup.seats, present });
  return tally.yes >= needed ? "passed" : "failed";
}
