import type { ResolutionDetails, UpdateResolutionInput } from "../../shared/model/resolution";

/**
 * The vote form's text fields, and the changes a save sends: only fields that differ from what
 * was loaded, so a conflicting save can be re-applied on top of someone else's newer values.
 */
export interface VoteForm {
  introducedOn: string;
  /** A hub id as text; "" for none. */
  hubId: string;
  voteDate: string;
  voteTime: string;
  voteLocation: string;
  voteCancelled: boolean;
  hearingDate: string;
  hearingTime: string;
  hearingLocation: string;
  tallyYes: string;
  tallyNo: string;
  tallyAbstain: string;
  tallyAbsent: string;
  agendaUrl: string;
  minutesUrl: string;
  adoptedTextUrl: string;
}

export type ResolutionChanges = UpdateResolutionInput["changes"];

export function toVoteForm(details: ResolutionDetails): VoteForm {
  return {
    introducedOn: details.introducedOn ?? "",
    hubId: details.hubId === null ? "" : String(details.hubId),
    voteDate: details.voteDate ?? "",
    voteTime: details.voteTime ?? "",
    voteLocation: details.voteLocation ?? "",
    voteCancelled: details.voteCancelled,
    hearingDate: details.hearingDate ?? "",
    hearingTime: details.hearingTime ?? "",
    hearingLocation: details.hearingLocation ?? "",
    tallyYes: details.tally ? String(details.tally.yes) : "",
    tallyNo: details.tally ? String(details.tally.no) : "",
    tallyAbstain: details.tally ? String(details.tally.abstain) : "",
    tallyAbsent: details.tally ? String(details.tally.absent) : "",
    agendaUrl: details.agendaUrl ?? "",
    minutesUrl: details.minutesUrl ?? "",
    adoptedTextUrl: details.adoptedTextUrl ?? "",
  };
}

const textFields = ["introducedOn", "voteDate", "voteTime", "voteLocation", "hearingDate", "hearingTime", "hearingLocation", "agendaUrl", "minutesUrl", "adoptedTextUrl"] as const;

/** The tally the form describes: null when all four are empty; an error line when half filled. */
export function formTally(form: VoteForm): { tally: { yes: number; no: number; abstain: number; absent: number } | null } | { error: string } {
  const raw = [form.tallyYes, form.tallyNo, form.tallyAbstain, form.tallyAbsent].map((value) => value.trim());
  if (raw.every((value) => value === "")) return { tally: null };
  if (raw[0] === "" || raw[1] === "") return { error: "A tally needs at least the yes and no counts" };
  const numbers = raw.map((value) => (value === "" ? 0 : Number(value)));
  if (numbers.some((value) => !Number.isInteger(value) || value < 0)) return { error: "Tally counts are whole numbers, 0 or more" };
  const [yes, no, abstain, absent] = numbers as [number, number, number, number];
  return { tally: { yes, no, abstain, absent } };
}

/** What changed between the loaded form and the edited one. */
export function voteFormChanges(loaded: VoteForm, edited: VoteForm): ResolutionChanges | { error: string } {
  const changes: ResolutionChanges = {};
  for (const field of textFields) {
    const before = loaded[field].trim();
    const after = edited[field].trim();
    if (before !== after) changes[field] = after === "" ? null : after;
  }
  if (loaded.voteCancelled !== edited.voteCancelled) changes.voteCancelled = edited.voteCancelled;
  if (loaded.hubId !== edited.hubId) changes.hubId = edited.hubId === "" ? null : Number(edited.hubId);
  const before = formTally(loaded);
  const after = formTally(edited);
  if ("error" in after) return after;
  if (JSON.stringify(before) !== JSON.stringify(after)) changes.tally = after.tally;
  return changes;
}

const FIELD_LABELS: Record<string, string> = {
  voteDate: "Vote date",
  voteTime: "Vote time",
  voteLocation: "Vote location",
  voteCancelled: "Vote cancelled",
  hearingDate: "Hearing date",
  hearingTime: "Hearing time",
  hearingLocation: "Hearing location",
  tally: "Tally",
  agendaUrl: "Agenda link",
  minutesUrl: "Minutes link",
  adoptedTextUrl: "Adopted text link",
  introducedOn: "Introduced on",
  hubId: "Hub",
  note: "Note",
  stage: "Stage",
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "object") {
    const tally = value as { yes: number; no: number; abstain: number; absent: number };
    return `${tally.yes} yes, ${tally.no} no, ${tally.abstain} abstain, ${tally.absent} absent`;
  }
  return String(value);
}

/**
 * For a conflict: each field this save wanted to change, with the newer value someone else
 * saved and the value this save would write.
 */
export function describeConflict(changes: ResolutionChanges, newer: ResolutionDetails): Array<{ label: string; theirs: string; mine: string }> {
  return Object.entries(changes).map(([field, mine]) => ({
    label: FIELD_LABELS[field] ?? field,
    theirs: show((newer as unknown as Record<string, unknown>)[field]),
    mine: show(mine),
  }));
}
