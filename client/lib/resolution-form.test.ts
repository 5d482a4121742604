import { describe, expect, it } from "vitest";
import type { ResolutionDetails } from "../../shared/model/resolution";
import { describeConflict, formTally, toVoteForm, voteFormChanges } from "./resolution-form";

const details: ResolutionDetails = Object.freeze({
  campaignId: 1,
  bodyId: 2,
  stage: "vote_scheduled",
  version: 3,
  introducedOn: null,
  voteDate: "2026-04-07",
  voteTime: "19:30",
  voteLocation: "City Hall",
  voteCancelled: false,
  hearingDate: null,
  hearingTime: null,
  hearingLocation: null,
  tally: null,
  agendaUrl: null,
  minutesUrl: null,
  adoptedTextUrl: null,
  hubId: null,
  note: "private",
  updatedAt: "2026-03-01T00:00:00.000Z",
});

describe("voteFormChanges", () => {
  it("sends only what changed, with empty fields as null", () => {
    const loaded = toVoteForm(details);
    const edited = { ...loaded, voteLocation: "  Library ", voteTime: "", voteCancelled: true };
    expect(voteFormChanges(loaded, edited)).toEqual({ voteLocation: "Library", voteTime: null, voteCancelled: true });
  });

  it("sends the introduction date and the hub as a number, or null for no hub", () => {
    const loaded = toVoteForm({ ...details, hubId: 4 });
    expect(voteFormChanges(loaded, { ...loaded, introducedOn: "2026-02-01", hubId: "7" })).toEqual({ introducedOn: "2026-02-01", hubId: 7 });
    expect(voteFormChanges(loaded, { ...loaded, hubId: "" })).toEqual({ hubId: null });
  });

  it("sends nothing for an untouched form", () => {
    const loaded = toVoteForm(details);
    expect(voteFormChanges(loaded, { ...loaded })).toEqual({});
  });

  it("sends a tally with abstain and absent defaulting to 0, and null when cleared", () => {
    const loaded = toVoteForm(details);
    expect(voteFormChanges(loaded, { ...loaded, tallyYes: "5", tallyNo: "4" })).toEqual({ tally: { yes: 5, no: 4, abstain: 0, absent: 0 } });
    const withTally = toVoteForm({ ...details, tally: { yes: 5, no: 4, abstain: 0, absent: 0 } });
    expect(voteFormChanges(withTally, { ...withTally, tallyYes: "", tallyNo: "", tallyAbstain: "", tallyAbsent: "" })).toEqual({ tally: null });
  });

  it("refuses a half-filled or fractional tally", () => {
    const loaded = toVoteForm(details);
    expect(voteFormChanges(loaded, { ...loaded, tallyYes: "5" })).toEqual({ error: "A tally needs at least the yes and no counts" });
    expect(formTally({ ...loaded, tallyYes: "5.5", tallyNo: "1" })).toEqual({ error: "Tally counts are whole numbers, 0 or more" });
  });
});

describe("describeConflict", () => {
  it("lists each field I changed with their newer value and mine", () => {
    const newer = { ...details, voteLocation: "Town Hall", tally: { yes: 6, no: 3, abstain: 0, absent: 0 } };
    expect(describeConflict({ voteLocation: "Library", tally: null }, newer)).toEqual([
      { label: "Vote location", theirs: "Town Hall", mine: "Library" },
      { label: "Tally", theirs: "6 yes, 3 no, 0 abstain, 0 absent", mine: "(empty)" },
    ]);
  });
});
