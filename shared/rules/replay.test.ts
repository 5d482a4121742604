import { describe, expect, it } from "vitest";
import { endOfDay, isCalendarDate, stagesAsOf, type ReplayEvent, type ReplayResolution } from "./replay";

const resolutions: ReplayResolution[] = Object.freeze([
  { bodyId: 1, stage: "passed", updatedAt: "2026-03-10T15:00:00.000Z" },
  { bodyId: 2, stage: "introduced", updatedAt: "2026-02-01T09:00:00.000Z" },
  // Imported with no history: at its stage since it was last updated.
  { bodyId: 3, stage: "organizing", updatedAt: "2026-02-15T12:00:00.000Z" },
]) as ReplayResolution[];

const events: ReplayEvent[] = Object.freeze([
  { bodyId: 1, toStage: "organizing", occurredAt: "2026-01-05T10:00:00.000Z" },
  { bodyId: 1, toStage: "introduced", occurredAt: "2026-02-01T23:59:59.000Z" },
  { bodyId: 1, toStage: "passed", occurredAt: "2026-03-10T15:00:00.000Z" },
  { bodyId: 2, toStage: "introduced", occurredAt: "2026-02-01T09:00:00.000Z" },
]) as ReplayEvent[];

describe("stagesAsOf", () => {
  const table: Array<{ asOf: string; expected: Record<number, string> }> = [
    { asOf: "2025-12-31", expected: {} },
    { asOf: "2026-01-05", expected: { 1: "organizing" } },
    { asOf: "2026-01-31", expected: { 1: "organizing" } },
    // An event in the last second of the day counts for that day.
    { asOf: "2026-02-01", expected: { 1: "introduced", 2: "introduced" } },
    { asOf: "2026-02-15", expected: { 1: "introduced", 2: "introduced", 3: "organizing" } },
    { asOf: "2026-03-09", expected: { 1: "introduced", 2: "introduced", 3: "organizing" } },
    { asOf: "2026-03-10", expected: { 1: "passed", 2: "introduced", 3: "organizing" } },
    { asOf: "2030-01-01", expected: { 1: "passed", 2: "introduced", 3: "organizing" } },
  ];
  for (const { asOf, expected } of table) {
    it(`as of ${asOf}`, () => {
      expect(Object.fromEntries(stagesAsOf(resolutions, events, asOf))).toEqual(expected);
    });
  }

  it("does not depend on the order of the events", () => {
    expect(stagesAsOf(resolutions, [...events].reverse(), "2026-02-20")).toEqual(stagesAsOf(resolutions, events, "2026-02-20"));
  });

  it("refuses a date that does not exist", () => {
    expect(() => stagesAsOf(resolutions, events, "2026-02-30")).toThrow(/not a date/);
    expect(() => endOfDay("yesterday")).toThrow(/not a date/);
  });
});

describe("isCalendarDate", () => {
  it.each([
    ["2026-02-28", true],
    ["2024-02-29", true],
    ["2026-02-29", false],
    ["2026-13-01", false],
    ["26-01-01", false],
  ])("%s → %s", (value, expected) => expect(isCalendarDate(value)).toBe(expected));
});
