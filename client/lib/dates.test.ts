import { expect, it } from "vitest";
import { addDays, daysBetween, formatDay, todayUtc } from "./dates";

it("steps over month and leap-year ends", () => {
  expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
  expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
  expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
  expect(daysBetween("2026-01-01", "2026-03-01")).toBe(59);
});

it("formats a day the same everywhere", () => {
  expect(formatDay("2026-03-01")).toBe("March 1, 2026");
  expect(todayUtc(new Date("2026-11-23T23:30:00-05:00"))).toBe("2026-11-24");
});
