import { describe, expect, it } from "vitest";
import { defaultStageScheme } from "../model/stage";
import { datePathEvents } from "./event-dates";

const scheme = defaultStageScheme;
const today = "2026-03-10";
const toPassed = ["organizing", "sponsor_found", "introduced", "in_committee", "vote_scheduled", "passed"];

describe("datePathEvents", () => {
  it("dates the introduction and the vote, and undated steps by the next dated one", () => {
    expect(datePathEvents({ scheme, path: toPassed, dates: { introducedOn: "2025-03-01", voteDate: "2025-10-20" }, today, previous: null })).toEqual({
      days: ["2025-03-01", "2025-03-01", "2025-03-01", "2025-10-20", "2025-10-20", "2025-10-20"],
    });
  });

  it("takes stage_date for the last step, and today for steps after the last dated one", () => {
    expect(datePathEvents({ scheme, path: ["organizing", "sponsor_found"], dates: { stageDate: "2025-12-01" }, today, previous: null }).days).toEqual(["2025-12-01", "2025-12-01"]);
    expect(datePathEvents({ scheme, path: ["introduced", "in_committee"], dates: { introducedOn: "2025-12-01" }, today, previous: null }).days).toEqual(["2025-12-01", today]);
    expect(datePathEvents({ scheme, path: ["introduced"], dates: {}, today, previous: null }).days).toEqual([today]);
  });

  it("refuses a day in the future, days out of order, and a day before the previous change", () => {
    expect(datePathEvents({ scheme, path: ["passed"], dates: { voteDate: "2026-04-01" }, today, previous: null }).problem).toBe(
      "vote_date 2026-04-01 is in the future (today is 2026-03-10); a stage change is recorded once it has happened",
    );
    expect(datePathEvents({ scheme, path: toPassed, dates: { introducedOn: "2025-11-01", voteDate: "2025-10-20" }, today, previous: null }).problem).toBe(
      "introduced_on 2025-11-01 is after vote_date 2025-10-20; the stages happened in order",
    );
    expect(datePathEvents({ scheme, path: ["passed"], dates: { stageDate: "2025-01-01" }, today, previous: "2025-02-01" }).problem).toBe(
      "stage_date 2025-01-01 is before the body's previous change (2025-02-01); history is kept in order",
    );
  });

  it("keeps a future vote date on a scheduled vote out of the history", () => {
    expect(datePathEvents({ scheme, path: ["vote_scheduled"], dates: { voteDate: "2026-05-01" }, today, previous: null }).days).toEqual([today]);
  });
});
