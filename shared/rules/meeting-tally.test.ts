import { describe, expect, it } from "vitest";
import { countMeetingVotes } from "./meeting-tally";

const setup = { seats: 7, vacancies: 0, quorum: null, rule: "majority_present" as const };

describe("countMeetingVotes", () => {
  it("counts marks, treats unmarked members as absent and judges the result by the body's rule", () => {
    const count = countMeetingVotes({ 1: "yes", 2: "yes", 3: "no", 4: "abstain", 99: "yes" }, [1, 2, 3, 4, 5, 6], setup);
    expect(count.marked).toEqual({ yes: 2, no: 1, abstain: 1, absent: 0 });
    expect(count.unmarked).toBe(2);
    expect(count.recordable).toEqual({ yes: 2, no: 1, abstain: 1, absent: 2 });
    // 4 present is exactly the quorum of 7 seats; 2 yes of 4 present is not a majority.
    expect(count.outcome).toBe("failed");
  });

  it("passes with a majority of those present and reports no quorum below it", () => {
    expect(countMeetingVotes({ 1: "yes", 2: "yes", 3: "yes", 4: "no" }, [1, 2, 3, 4], setup).outcome).toBe("passed");
    expect(countMeetingVotes({ 1: "yes", 2: "yes", 3: "absent" }, [1, 2, 3], setup).outcome).toBe("no_quorum");
  });
});
