import { describe, expect, it } from "vitest";
import { ImportRequestError, retryWhileBusy } from "./imports";

/** A sender that fails with the given errors in turn, then answers "done". */
function sender(failures: ImportRequestError[]) {
  const calls: number[] = [];
  return {
    calls,
    send: () => {
      calls.push(calls.length + 1);
      const failure = failures.shift();
      return failure ? Promise.reject(failure) : Promise.resolve("done");
    },
  };
}

describe("retryWhileBusy", () => {
  it("sends again after a busy answer, waiting as long as Retry-After says", async () => {
    const waits: number[] = [];
    const { send, calls } = sender([new ImportRequestError("The server is busy; try again in a moment.", 503, 1), new ImportRequestError("busy", 503, 2)]);
    await expect(retryWhileBusy(send, async (ms) => void waits.push(ms))).resolves.toBe("done");
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([1000, 4000]);
  });

  it("never waits more than five seconds between tries", async () => {
    const waits: number[] = [];
    const { send } = sender([new ImportRequestError("busy", 503, 120)]);
    await retryWhileBusy(send, async (ms) => void waits.push(ms));
    expect(waits).toEqual([5000]);
  });

  it("gives up after three more tries and throws the last busy answer", async () => {
    const busy = () => new ImportRequestError("The server is busy; try again in a moment.", 503, 1);
    const { send, calls } = sender([busy(), busy(), busy(), busy(), busy()]);
    await expect(retryWhileBusy(send, async () => {})).rejects.toThrow("The server is busy");
    expect(calls).toHaveLength(4);
  });

  it("throws a refusal at once: it would answer the same the second time", async () => {
    const { send, calls } = sender([new ImportRequestError("This file has no features.", 400)]);
    await expect(retryWhileBusy(send, async () => {})).rejects.toThrow("no features");
    expect(calls).toHaveLength(1);
  });
});
