import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { createLazyRefresh } from "./live-changes";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it("folds the calls of a few seconds into one refresh, after a wait drawn between min and max", () => {
  const refresh = vi.fn();
  const lazy = createLazyRefresh(refresh, { minMs: 2000, maxMs: 8000, random: () => 0.5 });
  lazy.soon();
  vi.advanceTimersByTime(3000);
  lazy.soon();
  expect(refresh).not.toHaveBeenCalled();
  vi.advanceTimersByTime(2000);
  expect(refresh).toHaveBeenCalledTimes(1);
  lazy.soon();
  vi.advanceTimersByTime(5000);
  expect(refresh).toHaveBeenCalledTimes(2);
});

it("runs nothing once cancelled (the page closed)", () => {
  const refresh = vi.fn();
  const lazy = createLazyRefresh(refresh, { random: () => 0 });
  lazy.soon();
  lazy.cancel();
  vi.advanceTimersByTime(10_000);
  expect(refresh).not.toHaveBeenCalled();
});
