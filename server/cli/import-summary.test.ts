import { describe, expect, it } from "vitest";
import { describeOverlaps } from "./import-summary";

describe("describeOverlaps", () => {
  const summary = { bodies: 39, districts: 115, overlaps: 240, milliseconds: 1540, threads: 1 };
  const problem = (message: string) => ({ side: "pair" as const, message });
  it("says one geometry problem, not one problems", () => {
    expect(describeOverlaps({ ...summary, problems: [problem("2 parts overlap by 0.1 m² in all (counted as given)")] })).toBe(
      "Overlaps: 240 body × district pairs from 39 bodies and 115 current districts in 1.54 s (1 geometry problem: 2 parts overlap by 0.1 m² in all (counted as given))",
    );
  });
  it("counts several", () => {
    expect(describeOverlaps({ ...summary, problems: [problem("a"), problem("b")] })).toMatch(/\(2 geometry problems: a; b\)$/);
  });
  it("names the threads and, for an incremental recompute, what changed and what was kept", () => {
    const changes = { bodies: 0, districts: 75, inserted: 2, updated: 3, deleted: 1, unchanged: 150 };
    expect(describeOverlaps({ ...summary, overlaps: 156, threads: 2, changes, problems: [] })).toBe(
      "Overlaps: 156 body × district pairs from 39 bodies and 115 current districts in 1.54 s on 2 threads " +
        "(pairs of the 75 changed districts: 2 new, 3 updated, 1 removed, 150 unchanged; every other pair kept as stored)",
    );
  });
});
