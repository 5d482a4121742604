import { describe, expect, it } from "vitest";
import { describeOverlaps } from "./import-summary";

describe("describeOverlaps", () => {
  const summary = { bodies: 39, districts: 115, overlaps: 240, milliseconds: 1540 };
  const problem = (message: string) => ({ side: "pair" as const, message });
  it("says one geometry problem, not one problems", () => {
    expect(describeOverlaps({ ...summary, problems: [problem("2 parts overlap by 0.1 m² in all (counted as given)")] })).toBe(
      "Overlaps: 240 body × district pairs from 39 bodies and 115 current districts in 1.54 s (1 geometry problem: 2 parts overlap by 0.1 m² in all (counted as given))",
    );
  });
  it("counts several", () => {
    expect(describeOverlaps({ ...summary, problems: [problem("a"), problem("b")] })).toMatch(/\(2 geometry problems: a; b\)$/);
  });
});
