import { describe, expect, it } from "vitest";
import { diffAuditRecords, formatAuditValue } from "./audit-diff";

const freeze = <T>(value: T): T => {
  if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) freeze(inner);
    Object.freeze(value);
  }
  return value;
};

describe("diffAuditRecords", () => {
  it("lists only the fields that changed, in the records' order", () => {
    const before = freeze({ stage: "organizing", version: 3, note: "Clerk prefers email", tally: { yes: 1 } });
    const after = freeze({ stage: "passed", version: 4, note: "Clerk prefers email", tally: { yes: 6 } });
    expect(diffAuditRecords(before, after)).toEqual([
      { field: "stage", before: "organizing", after: "passed" },
      { field: "version", before: "3", after: "4" },
      { field: "tally", before: '{"yes":1}', after: '{"yes":6}' },
    ]);
  });

  it("shows a created record as every field from nothing, and a removed one the other way", () => {
    expect(diffAuditRecords(null, freeze({ stage: "organizing", note: null }))).toEqual([{ field: "stage", before: "—", after: "organizing" }]);
    expect(diffAuditRecords(freeze({ name: "Ana" }), null)).toEqual([{ field: "name", before: "Ana", after: "—" }]);
  });

  it("treats a field that appears or disappears as a change, and a missing field like null", () => {
    expect(diffAuditRecords({ a: 1 }, { a: 1, b: "new" })).toEqual([{ field: "b", before: "—", after: "new" }]);
    expect(diffAuditRecords({ a: 1, b: null }, { a: 1 })).toEqual([]);
  });

  it("compares values that are not records whole", () => {
    expect(diffAuditRecords([1, 2], [1, 3])).toEqual([{ field: "value", before: "[1,2]", after: "[1,3]" }]);
    expect(diffAuditRecords("a", "a")).toEqual([]);
    expect(diffAuditRecords(null, null)).toEqual([]);
  });
});

describe("formatAuditValue", () => {
  it("writes nothing as a dash, text as is and the rest as JSON", () => {
    expect([formatAuditValue(null), formatAuditValue(undefined), formatAuditValue(""), formatAuditValue("x"), formatAuditValue(false), formatAuditValue(0)]).toEqual([
      "—",
      "—",
      "—",
      "x",
      "false",
      "0",
    ]);
  });
});
