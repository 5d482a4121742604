import { findStage, type StageScheme } from "../model/stage";

/**
 * The days a spreadsheet row's stage changes happened. A row that moves a body along several
 * stages at once (not started → … → passed) creates one event per step; the row's dates say when
 * some of them happened:
 * - `stageDate` (a `stage_date` or `date` column) is the day of the last step;
 * - `voteDate` dates the step into a decided stage (kind won or lost) when no `stageDate` does;
 * - `introducedOn` dates the step into the first stage that opens a vote ("Introduced").
 * A step with no date of its own happened by the next dated step at the latest, so it takes that
 * day; steps after the last dated one happened on `today` (the import is when we learnt of them).
 */
export interface RowDates {
  introducedOn?: string | null;
  voteDate?: string | null;
  stageDate?: string | null;
}

export type EventDatesResult = { days: string[]; problem?: undefined } | { days?: undefined; problem: string };

export function datePathEvents({
  scheme,
  path,
  dates,
  today,
  previous,
}: {
  scheme: StageScheme;
  /** The stages the row moves into, in order. */
  path: readonly string[];
  dates: RowDates;
  today: string;
  /** The day the body's last recorded change happened, when it has one. */
  previous: string | null;
}): EventDatesResult {
  const introducing = scheme.stages.find((stage) => stage.opensVote)?.id;
  const known: Array<{ day: string; column: string } | null> = path.map((stageId, index) => {
    const kind = findStage(scheme, stageId)?.kind;
    if (index === path.length - 1 && dates.stageDate) return { day: dates.stageDate, column: "stage_date" };
    if ((kind === "won" || kind === "lost") && dates.voteDate) return { day: dates.voteDate, column: "vote_date" };
    if (stageId === introducing && dates.introducedOn) return { day: dates.introducedOn, column: "introduced_on" };
    return null;
  });
  for (const entry of known) {
    if (entry && entry.day > today) return { problem: `${entry.column} ${entry.day} is in the future (today is ${today}); a stage change is recorded once it has happened` };
  }
  const dated = known.filter((entry) => entry !== null);
  for (let index = 1; index < dated.length; index += 1) {
    const [before, after] = [dated[index - 1]!, dated[index]!];
    if (after.day < before.day) return { problem: `${before.column} ${before.day} is after ${after.column} ${after.day}; the stages happened in order` };
  }
  if (previous && dated[0] && dated[0].day < previous) {
    return { problem: `${dated[0].column} ${dated[0].day} is before the body's previous change (${previous}); history is kept in order` };
  }
  const days: string[] = new Array<string>(path.length);
  let next = today;
  for (let index = path.length - 1; index >= 0; index -= 1) {
    next = known[index]?.day ?? next;
    days[index] = next;
  }
  // Undated steps before the body's previous change cannot go back in time either.
  return { days: previous ? days.map((day) => (day < previous ? previous : day)) : days };
}
