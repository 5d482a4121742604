import { describe, expect, it } from "vitest";
import { defaultStageScheme } from "../model/stage";
import { countPeople } from "./stage-counts";
import {
  checkEvidenceFile,
  countPasses,
  describePassHeadline,
  describeUnverifiedMark,
  marksUnverifiedPasses,
  sniffEvidenceType,
  stagesCounted,
  unverifiedPasses,
  verificationMoveProblem,
} from "./verification";

const bytes = (...values: number[]) => new Uint8Array(values);
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n");
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16);

describe("sniffEvidenceType", () => {
  it("knows PDF, PNG and JPEG by their first bytes", () => {
    expect(sniffEvidenceType(PDF)).toBe("application/pdf");
    expect(sniffEvidenceType(PNG)).toBe("image/png");
    expect(sniffEvidenceType(JPEG)).toBe("image/jpeg");
  });

  it("refuses HTML, SVG, a truncated signature and nothing", () => {
    expect(sniffEvidenceType(new TextEncoder().encode("<html><script>alert(1)</script>"))).toBeNull();
    expect(sniffEvidenceType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffEvidenceType(bytes(0x89, 0x50, 0x4e))).toBeNull();
    expect(sniffEvidenceType(bytes())).toBeNull();
  });
});

describe("checkEvidenceFile", () => {
  it("takes a PDF named .pdf and a JPEG named .JPEG", () => {
    expect(checkEvidenceFile("minutes.pdf", PDF, 1000)).toEqual({ contentType: "application/pdf" });
    expect(checkEvidenceFile("SIGNED.JPEG", JPEG, 1000)).toEqual({ contentType: "image/jpeg" });
  });

  it("refuses in one line naming the file: too big, empty, wrong type, or named like another type", () => {
    // Sizes that round alike would give no reason ("is 1 KB: … at most 1 KB"): over the limit, then.
    expect(checkEvidenceFile("minutes.pdf", PDF, 10)).toEqual({ problem: "minutes.pdf is over the limit: evidence files may be at most 1 KB; nothing was saved" });
    expect(checkEvidenceFile("big.pdf", new Uint8Array(10.4 * 1024 * 1024), 10 * 1024 * 1024)).toEqual({
      problem: "big.pdf is over the limit: evidence files may be at most 10 MB; nothing was saved",
    });
    expect(checkEvidenceFile("big.pdf", new Uint8Array(11 * 1024 * 1024), 10 * 1024 * 1024)).toEqual({
      problem: "big.pdf is 11 MB: evidence files may be at most 10 MB; nothing was saved",
    });
    expect(checkEvidenceFile("empty.pdf", bytes(), 1000)).toEqual({ problem: "empty.pdf is empty; nothing was saved" });
    expect(checkEvidenceFile("page.pdf", new TextEncoder().encode("<html>"), 1000)).toEqual({
      problem: "page.pdf is not a PDF, PNG or JPEG file (its contents say otherwise); nothing was saved",
    });
    expect(checkEvidenceFile("minutes.pdf", PNG, 1000)).toEqual({ problem: "minutes.pdf holds a PNG file but is not named .png; nothing was saved" });
  });
});

describe("verificationMoveProblem", () => {
  const withEvidence = { evidenceCount: 1, passed: true };
  it.each([
    ["reported", "evidence_attached", withEvidence, null],
    ["reported", "evidence_attached", { evidenceCount: 0, passed: true }, "attach a link or a file first"],
    ["evidence_attached", "verified", withEvidence, null],
    ["evidence_attached", "verified", { evidenceCount: 1, passed: false }, "only a passed resolution can be verified"],
    ["reported", "verified", { evidenceCount: 0, passed: true }, "attach a link or a file before verifying"],
    ["verified", "transmitted", withEvidence, null],
    ["evidence_attached", "transmitted", withEvidence, "verify it before marking it transmitted"],
    ["verified", "evidence_attached", withEvidence, null],
    ["transmitted", "evidence_attached", withEvidence, null],
    ["evidence_attached", "reported", { evidenceCount: 0, passed: true }, null],
    ["verified", "reported", { evidenceCount: 0, passed: true }, 'it cannot go back to "Reported" from "Verified"'],
    ["verified", "verified", withEvidence, 'it is already "Verified"'],
  ] as const)("%s → %s", (from, to, facts, problem) => {
    expect(verificationMoveProblem(from, to, facts)).toBe(problem);
  });
});

describe("counting verified passes", () => {
  const stages: Array<[number, string]> = [
    [1, "passed"],
    [2, "sent_to_legislators"],
    [3, "passed"],
    [4, "organizing"],
    [5, "rescinded"],
  ];
  const verified = new Set([2, 4, 5]);

  it("counts passes (passed, sent, overridden) and the verified among them; a verified mark elsewhere does not count", () => {
    expect(countPasses(defaultStageScheme, stages, verified, false)).toEqual({ passed: 3, verified: 1, total: 5, countVerifiedOnly: false });
  });

  it("says how many are verified, or counts verified passes only and says how many more were reported", () => {
    expect(describePassHeadline(countPasses(defaultStageScheme, stages, verified, false), null)).toBe("3 of 5 passed, of which 1 verified");
    expect(describePassHeadline(countPasses(defaultStageScheme, stages, verified, true), null)).toBe("1 of 5 passed (verified passes only; 2 more reported, not yet verified)");
    expect(describePassHeadline(countPasses(defaultStageScheme, [[4, "organizing"]], verified, false), null)).toBe("0 of 1 passed");
    // A campaign that never verifies is not told "of which 0 verified".
    expect(describePassHeadline(countPasses(defaultStageScheme, stages, new Set(), false), null)).toBe("3 of 5 passed");
    expect(describePassHeadline(countPasses(defaultStageScheme, stages, new Set(), true), null)).toBe("0 of 5 passed (verified passes only; 3 more reported, not yet verified)");
  });

  it("counts the people of verified passes only when the campaign says so", () => {
    const populations = new Map([
      [1, 100],
      [2, 300],
      [3, 600],
    ]);
    expect(countPeople(defaultStageScheme, stagesCounted(defaultStageScheme, stages, verified, false), populations)).toEqual({ passed: 1000, total: 1000 });
    const counted = countPeople(defaultStageScheme, stagesCounted(defaultStageScheme, stages, verified, true), populations);
    expect(counted).toEqual({ passed: 300, total: 1000 });
    expect(describePassHeadline(countPasses(defaultStageScheme, stages, verified, true), counted)).toBe(
      "1 of 5 passed (30.0 % of the people in scope) (verified passes only; 2 more reported, not yet verified)",
    );
  });
});

describe("marking unverified passes", () => {
  // Every kind of pass (passed, sent on, passed over a veto) and one body still organizing.
  const stages = new Map([
    [1, "passed"],
    [2, "sent_to_legislators"],
    [3, "overridden"],
    [4, "organizing"],
  ]);

  it("lists the passes (passed, sent, overridden) no organizer verified, never other stages", () => {
    expect([...unverifiedPasses(defaultStageScheme, stages, new Set([2, 4]))]).toEqual([1, 3]);
    expect(unverifiedPasses(defaultStageScheme, stages, new Set([1, 2, 3])).size).toBe(0);
  });

  it("marks them once the campaign verifies a pass or counts verified passes only, not in a campaign that never verifies", () => {
    expect(marksUnverifiedPasses(countPasses(defaultStageScheme, stages, new Set(), false))).toBe(false);
    expect(marksUnverifiedPasses(countPasses(defaultStageScheme, stages, new Set([2]), false))).toBe(true);
    expect(marksUnverifiedPasses(countPasses(defaultStageScheme, stages, new Set(), true))).toBe(true);
  });

  it("says whether the hatched passes count in the headline", () => {
    expect(describeUnverifiedMark(countPasses(defaultStageScheme, stages, new Set([2]), false))).toMatch(/still counted as passed\.$/);
    expect(describeUnverifiedMark(countPasses(defaultStageScheme, stages, new Set([2]), true))).toMatch(/not counted as passed in the headline\.$/);
  });
});
