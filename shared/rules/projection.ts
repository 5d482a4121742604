import type { MeetingVote } from "./meeting-tally";
import type { Position } from "./whip";

/** What a whip-count position predicts: yes and lean yes a yes, no and lean no a no; undecided and unknown nothing. */
export function projectedVote(position: Position | string): "yes" | "no" | null {
  if (position === "yes" || position === "lean_yes") return "yes";
  if (position === "no" || position === "lean_no") return "no";
  return null;
}

/** One member's recorded position beside how they voted. */
export interface ProjectionEntry {
  memberId: number;
  name: string;
  bodyId: number;
  bodyName: string;
  position: Position | string;
  vote: MeetingVote;
}

export interface ProjectionRow extends ProjectionEntry {
  projected: "yes" | "no" | null;
  /** Their word held (voted as projected), did not (voted otherwise or abstained), or cannot be judged (no projection, or absent). */
  held: boolean | null;
}

export interface ProjectionAccuracy {
  rows: ProjectionRow[];
  /** Members with a projection who voted (yes, no or abstain). */
  compared: number;
  held: number;
  /** held ÷ compared, or null when nothing could be compared. */
  accuracy: number | null;
}

/**
 * Compare each member's whip-count position with their vote in the roll call: a projected yes
 * holds when they voted yes, a projected no when they voted no; abstaining breaks either. Absent
 * members and members without a projection (undecided, unknown) are listed but not judged.
 * Rows come back with the misses first, then by body and name, so hubs see whose word did not hold.
 */
export function compareProjections(entries: readonly ProjectionEntry[]): ProjectionAccuracy {
  const rows = entries.map((entry): ProjectionRow => {
    const projected = projectedVote(entry.position);
    const held = projected === null || entry.vote === "absent" ? null : entry.vote === projected;
    return { ...entry, projected, held };
  });
  const judged = rows.filter((row) => row.held !== null);
  const held = judged.filter((row) => row.held).length;
  const rank = (row: ProjectionRow) => (row.held === false ? 0 : row.held === true ? 1 : 2);
  rows.sort((a, b) => rank(a) - rank(b) || a.bodyName.localeCompare(b.bodyName) || a.name.localeCompare(b.name));
  return { rows, compared: judged.length, held, accuracy: judged.length ? held / judged.length : null };
}

/** "7 of 9 projections held (78 %)", or that none could be compared yet. */
export function describeAccuracy(result: Pick<ProjectionAccuracy, "compared" | "held" | "accuracy">): string {
  if (result.accuracy === null) return "No roll call to compare with the whip count yet";
  return `${result.held} of ${result.compared} projection${result.compared === 1 ? "" : "s"} held (${Math.round(result.accuracy * 100)} %)`;
}

/** A resolution's tally beside the whip-count positions of its body's members. */
export interface TallyProjectionEntry {
  bodyId: number;
  bodyName: string;
  positions: ReadonlyArray<Position | string>;
  yes: number;
  no: number;
}

export interface TallyProjectionRow {
  bodyId: number;
  bodyName: string;
  /** Members the whip count put at yes or lean yes, at no or lean no, and the rest (undecided, unknown). */
  projectedYes: number;
  projectedNo: number;
  unprojected: number;
  yes: number;
  no: number;
  /** yes − projectedYes: below zero, fewer yes votes came than the whip count promised. */
  yesDifference: number;
}

/**
 * Compare each tally with its whip count, for votes recorded without a roll call as well: how many
 * yes and no the positions projected against how many came. Bodies where no member stands at
 * yes, lean yes, lean no or no are left out (nothing was projected). Fewest yes against the count first.
 */
export function compareTallies(entries: readonly TallyProjectionEntry[]): TallyProjectionRow[] {
  return entries
    .map((entry) => {
      const projected = entry.positions.map(projectedVote);
      const projectedYes = projected.filter((vote) => vote === "yes").length;
      const projectedNo = projected.filter((vote) => vote === "no").length;
      return {
        bodyId: entry.bodyId,
        bodyName: entry.bodyName,
        projectedYes,
        projectedNo,
        unprojected: projected.length - projectedYes - projectedNo,
        yes: entry.yes,
        no: entry.no,
        yesDifference: entry.yes - projectedYes,
      };
    })
    .filter((row) => row.projectedYes + row.projectedNo > 0)
    .sort((a, b) => a.yesDifference - b.yesDifference || a.bodyName.localeCompare(b.bodyName));
}

/** "Counted 5 yes, 2 no (1 undecided); voted 4 yes, 3 no: 1 yes short". */
export function describeTallyProjection(row: TallyProjectionRow): string {
  const counted = `Counted ${row.projectedYes} yes, ${row.projectedNo} no${row.unprojected ? ` (${row.unprojected} undecided)` : ""}`;
  const outcome = row.yesDifference < 0 ? `${-row.yesDifference} yes short` : row.yesDifference > 0 ? `${row.yesDifference} yes more` : "yes as counted";
  return `${counted}; voted ${row.yes} yes, ${row.no} no: ${outcome}`;
}
