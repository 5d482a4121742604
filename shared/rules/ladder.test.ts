import { describe, expect, it } from "vitest";
import { defaultLadder, ladderSchema } from "../model/ladder";
import { askFor, cosponsorListMove, describeWhatToSay, firstStepOf, rankOfStep, stepColumnOf, stepLabel } from "./ladder";

describe("the ladder", () => {
  it("defaults to the hub model's steps, lowest first", () => {
    expect(defaultLadder.steps.map((step) => step.id)).toEqual(["unknown", "opposed", "undecided", "supportive", "cosponsor", "caucus_member", "co_host", "champion"]);
    expect(firstStepOf(defaultLadder)).toBe("unknown");
    expect(rankOfStep(defaultLadder, "champion")).toBe(7);
    expect(rankOfStep(defaultLadder, "no_such_step")).toBe(0);
    expect(stepLabel(defaultLadder, "co_host")).toBe("Co-host");
    expect(stepLabel(defaultLadder, "gone")).toBe("gone");
  });

  it.each([
    ["unknown", "cosponsor"],
    ["opposed", "cosponsor"],
    ["undecided", "cosponsor"],
    ["supportive", "cosponsor"],
    ["cosponsor", null],
    ["caucus_member", null],
    ["co_host", null],
    ["champion", null],
  ])("a cosponsor list moves %s to %s: up, never down", (from, to) => {
    expect(cosponsorListMove(defaultLadder, from)).toBe(to);
  });

  it("follows an edited ladder's order", () => {
    const ladder = ladderSchema.parse({
      steps: [
        { id: "unknown", label: "?" },
        { id: "cosponsor", label: "Co" },
        { id: "hostile", label: "Hostile" },
      ],
    });
    expect(cosponsorListMove(ladder, "hostile")).toBeNull();
    expect(cosponsorListMove(ladder, "unknown")).toBe("cosponsor");
  });

  it("refuses a ladder without cosponsor or with a repeated step", () => {
    expect(
      ladderSchema.safeParse({
        steps: [
          { id: "a", label: "A" },
          { id: "b", label: "B" },
        ],
      }).error?.issues[0]?.message,
    ).toMatch(/must keep the "cosponsor" step/);
    expect(
      ladderSchema.safeParse({
        steps: [
          { id: "cosponsor", label: "A" },
          { id: "cosponsor", label: "B" },
        ],
      }).error?.issues[0]?.message,
    ).toBe("step ids must be unique");
  });

  it("names export columns after the bill", () => {
    expect(stepColumnOf("H.1239")).toBe("step_H.1239");
    expect(stepColumnOf(" HR 4321 ")).toBe("step_HR_4321");
  });
});

describe("askFor", () => {
  it("asks every non-cosponsor to cosponsor, then for the next step up, and nothing at the top", () => {
    expect(askFor(defaultLadder, "unknown")?.step).toBe("cosponsor");
    expect(askFor(defaultLadder, "opposed")?.step).toBe("cosponsor");
    expect(askFor(defaultLadder, "supportive")?.label).toBe("Cosponsor");
    expect(askFor(defaultLadder, "cosponsor")?.step).toBe("caucus_member");
    expect(askFor(defaultLadder, "co_host")).toMatchObject({ step: "champion", description: "Persuades colleagues, above all on the committee holding the bill" });
    expect(askFor(defaultLadder, "champion")).toBeNull();
    // A step the ladder no longer has ranks lowest.
    expect(askFor(defaultLadder, "gone")?.step).toBe("cosponsor");
  });
});

describe("describeWhatToSay", () => {
  const say = (step: string) => describeWhatToSay(defaultLadder, { name: "Ana Souza", step, bill: "H.1239" });
  it("asks for a cosponsorship below cosponsor, with a reason first when opposed", () => {
    expect(say("unknown")).toBe("Ask Ana Souza to cosponsor H.1239.");
    expect(say("supportive")).toBe("Ask Ana Souza to cosponsor H.1239.");
    expect(say("opposed")).toBe("Tell Ana Souza why H.1239 matters to you, and ask them to cosponsor it.");
  });
  it("thanks cosponsors and asks for the next step; only thanks at the top", () => {
    expect(say("cosponsor")).toBe("Thank Ana Souza for their support of H.1239 (cosponsor), and ask them to take the next step: caucus member.");
    expect(say("champion")).toBe("Thank Ana Souza for their support of H.1239 (champion).");
  });
});
