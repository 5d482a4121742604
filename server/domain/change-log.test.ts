import { describe, expect, it } from "vitest";
import type { Change } from "../../shared/model/change";
import { ChangeLog } from "./change-log";

const change = (id: number): Change => Object.freeze({ campaignId: 1, kind: "resolution", ids: Object.freeze([id]) as number[] });
const bodyIds = (replay: ReturnType<ChangeLog["since"]>) => (replay.ok ? replay.changes.map((logged) => logged.change!.ids[0]) : replay.reason);

describe("ChangeLog", () => {
  it("numbers entries <epoch>:<sequence> from 1, and a fresh log's head is <epoch>:0", () => {
    const log = new ChangeLog(4, "abc");
    expect(log.headId()).toBe("abc:0");
    expect(log.append(change(7)).id).toBe("abc:1");
    expect(log.append(change(8)).id).toBe("abc:2");
    expect(log.headId()).toBe("abc:2");
  });

  it.each([
    { name: "nothing missed", appended: 3, lastSeen: 3, expected: [] },
    { name: "the last one missed", appended: 3, lastSeen: 2, expected: [103] },
    { name: "everything since the start", appended: 3, lastSeen: 0, expected: [101, 102, 103] },
    { name: "exactly a ring's worth missed", appended: 6, lastSeen: 2, expected: [103, 104, 105, 106] },
    { name: "one more than the ring holds", appended: 6, lastSeen: 1, expected: "too-old" },
    { name: "wrapped around several times", appended: 23, lastSeen: 20, expected: [121, 122, 123] },
    { name: "an id from the future", appended: 3, lastSeen: 4, expected: "unknown" },
  ])("replays $name", ({ appended, lastSeen, expected }) => {
    const log = new ChangeLog(4, "abc");
    for (let index = 1; index <= appended; index++) log.append(change(100 + index));
    expect(bodyIds(log.since(`abc:${lastSeen}`))).toEqual(expected);
  });

  it.each(["xyz:1", "abc", "abc:", "abc:-1", "abc:1.5", "", "abc:1:2", "abc:99999999999999999999"])(
    "does not recognise %j (another server, a restart, or garbage)",
    (lastEventId) => {
      const log = new ChangeLog(4, "abc");
      log.append(change(1));
      expect(log.since(lastEventId)).toEqual({ ok: false, reason: "unknown" });
    },
  );

  it("refuses to replay across a gap, but resumes from the gap onwards", () => {
    const log = new ChangeLog(10, "abc");
    log.append(change(1));
    const gap = log.append(null);
    log.append(change(3));
    expect(log.since("abc:1")).toEqual({ ok: false, reason: "gap" });
    expect(bodyIds(log.since(gap.id))).toEqual([3]);
  });

  it("rejects a ring with no room and an epoch that would not parse back", () => {
    expect(() => new ChangeLog(0)).toThrow(RangeError);
    expect(() => new ChangeLog(5, "a:b")).toThrow(RangeError);
  });

  it("gives each log its own epoch, so ids of one server mean nothing to another", () => {
    const first = new ChangeLog();
    const second = new ChangeLog();
    expect(first.epoch).not.toBe(second.epoch);
    first.append(change(1));
    expect(second.since(first.headId())).toEqual({ ok: false, reason: "unknown" });
  });
});
