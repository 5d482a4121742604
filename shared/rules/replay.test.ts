import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seedFuzzing } from "../../test/helpers/fuzz-seed";
import { endOfDay, happenedOnProblem, isCalendarDate, stagesAsOf, type ReplayEvent, type ReplayResolution } from "./replay";

seedFuzzing("replay.test.ts");

const resolutions: ReplayResolution[] = Object.freeze([
  { bodyId: 1, stage: "passed", updatedAt: "2026-03-10T15:00:00.000Z" },
  { bodyId: 2, stage: "introduced", updatedAt: "2026-02-01T09:00:00.000Z" },
  // Imported with no history: at its stage since it was last updated.
  { bodyId: 3, stage: "organizing", updatedAt: "2026-02-15T12:00:00.000Z" },
]) as ReplayResolution[];

const events: ReplayEvent[] = Object.freeze([
  { bodyId: 1, toStage: "organizing", happenedOn: "2026-01-05", occurredAt: "2026-01-05T10:00:00.000Z" },
  { bodyId: 1, toStage: "introduced", happenedOn: "2026-02-01", occurredAt: "2026-02-01T23:59:59.000Z" },
  { bodyId: 1, toStage: "passed", happenedOn: "2026-03-10", occurredAt: "2026-03-10T15:00:00.000Z" },
  { bodyId: 2, toStage: "introduced", happenedOn: "2026-02-01", occurredAt: "2026-02-01T09:00:00.000Z" },
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

  it("places an event on the day it happened, not the day it was recorded", () => {
    const late: ReplayEvent[] = [
      { bodyId: 4, toStage: "introduced", happenedOn: "2025-03-01", occurredAt: "2026-03-01T10:00:00.000Z" },
      { bodyId: 4, toStage: "passed", happenedOn: "2025-10-20", occurredAt: "2026-03-01T10:00:00.000Z" },
    ];
    const four: ReplayResolution[] = [{ bodyId: 4, stage: "passed", updatedAt: "2026-03-01T10:00:00.000Z" }];
    expect(Object.fromEntries(stagesAsOf(four, late, "2025-02-28"))).toEqual({});
    expect(Object.fromEntries(stagesAsOf(four, late, "2025-06-01"))).toEqual({ 4: "introduced" });
    expect(Object.fromEntries(stagesAsOf(four, late, "2025-10-20"))).toEqual({ 4: "passed" });
  });

  it("orders the events of one day by when they were recorded", () => {
    const sameDay: ReplayEvent[] = [
      { bodyId: 5, toStage: "passed", happenedOn: "2025-05-05", occurredAt: "2026-01-02T00:00:00.000Z" },
      { bodyId: 5, toStage: "introduced", happenedOn: "2025-05-05", occurredAt: "2026-01-01T00:00:00.000Z" },
    ];
    expect(stagesAsOf([{ bodyId: 5, stage: "passed", updatedAt: "2026-01-02T00:00:00.000Z" }], sameDay, "2025-05-05").get(5)).toBe("passed");
  });

  it("on any day equals the stage of the last event that happened on or before it (property)", () => {
    const day = fc.integer({ min: 0, max: 400 }).map((offset) => new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10));
    const stage = fc.constantFrom("organizing", "introduced", "in_committee", "passed", "failed");
    // A body's history as entered: each change dated on or after the previous one, recorded later.
    const history = fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), stage), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(fc.array(history, { minLength: 1, maxLength: 6 }), day, fc.integer({ min: 0, max: 1 }), (histories, asOf, reversed) => {
        const events: ReplayEvent[] = [];
        const resolutions: ReplayResolution[] = [];
        histories.forEach((steps, bodyId) => {
          let happened = Date.UTC(2025, 0, 1);
          steps.forEach(([gap, toStage], index) => {
            happened += gap * 86_400_000;
            events.push({ bodyId, toStage, happenedOn: new Date(happened).toISOString().slice(0, 10), occurredAt: new Date(Date.UTC(2026, 5, 1) + index * 1000).toISOString() });
          });
          resolutions.push({ bodyId, stage: steps.at(-1)![1], updatedAt: "2026-06-01T00:00:10.000Z" });
        });
        const replayed = stagesAsOf(resolutions, reversed ? [...events].reverse() : events, asOf);
        histories.forEach((_, bodyId) => {
          const happenedByThen = events.filter((event) => event.bodyId === bodyId && event.happenedOn <= asOf);
          expect(replayed.get(bodyId)).toBe(happenedByThen.at(-1)?.toStage);
        });
      }),
    );
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

describe("happenedOnProblem", () => {
  const today = "2026-03-10";
  it.each([
    ["2026-03-10", null, null],
    ["2025-01-01", null, null],
    ["2026-03-11", null, "2026-03-11 is in the future (today is 2026-03-10); record a change once it has happened"],
    ["2026-01-01", "2026-02-01", "2026-01-01 is before the previous change (2026-02-01); history is kept in order"],
    ["2026-02-01", "2026-02-01", null],
    ["2026-02-30", null, '"2026-02-30" is not a date (YYYY-MM-DD)'],
  ])("%s after %s → %s", (happenedOn, previous, expected) => expect(happenedOnProblem(happenedOn, { today, previous })).toBe(expected));
});
