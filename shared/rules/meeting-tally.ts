import { tallyOutcome, type Tally } from "./tally";
import type { VotingSetup } from "./whip";

/** What the person in the chamber marks for each member during a vote. */
export const MEETING_VOTES = ["yes", "no", "abstain", "absent"] as const;
export type MeetingVote = (typeof MEETING_VOTES)[number];
export const MEETING_VOTE_LABELS: Record<MeetingVote, string> = { yes: "Yes", no: "No", abstain: "Abstain", absent: "Absent" };

export interface MeetingCount {
  /** The votes marked so far. */
  marked: Tally;
  /** Listed members not marked yet. */
  unmarked: number;
  /** What recording now would save: members not marked count as absent. */
  recordable: Tally;
  /** What that tally decides under the body's rule. */
  outcome: "passed" | "failed" | "no_quorum";
}

/**
 * The live count of a vote as it is taken, member by member. Marks of members no longer listed
 * are ignored; members not marked yet count as absent in what would be recorded.
 */
export function countMeetingVotes(votes: Readonly<Record<number, MeetingVote>>, memberIds: readonly number[], setup: VotingSetup): MeetingCount {
  const marked: Tally = { yes: 0, no: 0, abstain: 0, absent: 0 };
  let unmarked = 0;
  for (const id of memberIds) {
    const vote = votes[id];
    if (vote) marked[vote] += 1;
    else unmarked += 1;
  }
  const recordable = { ...marked, absent: marked.absent + unmarked };
  return { marked, unmarked, recordable, outcome: tallyOutcome(recordable, setup) };
}
