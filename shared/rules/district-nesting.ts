import type { SeatChamber } from "../model/district";

/**
 * Which seats sit "over" a district: for a State House district, the State Senate and US House
 * districts it lies in (and the state's US Senators); for a State Senate district, the US House
 * districts. Districts of different plans never share a line, so "lies in" is measured through
 * the bodies they share: the share of district A inside district B is
 *   Σ over bodies b:  (share of A inside b) × (share of b inside B),
 * exact when each body lies wholly in one B, and a fair estimate otherwise.
 */

export const CHAMBERS_OVER: Record<SeatChamber, readonly SeatChamber[]> = {
  state_lower: ["state_upper", "congressional", "us_senate"],
  state_upper: ["congressional", "us_senate"],
  congressional: ["us_senate"],
  us_senate: [],
};

/** Below this share of the district, a district over it is a sliver left by mismatched lines. */
export const MIN_SHARE_OVER = 0.02;

/**
 * The districts of the chambers over `chamber` that hold some of a district, largest share first.
 * `bodies`: the district's bodies with the share of the district in each; `overlaps`: those
 * bodies' overlaps with districts of other chambers.
 */
export function districtsOver(
  chamber: SeatChamber,
  bodies: ReadonlyArray<{ bodyId: number; shareOfDistrict: number }>,
  overlaps: ReadonlyArray<{ bodyId: number; districtId: number; chamber: string; shareOfBody: number }>,
): Array<{ districtId: number; chamber: SeatChamber; share: number }> {
  const wanted = new Set<string>(CHAMBERS_OVER[chamber]);
  const inDistrict = new Map(bodies.map((body) => [body.bodyId, body.shareOfDistrict]));
  const shares = new Map<number, { chamber: SeatChamber; share: number }>();
  for (const overlap of overlaps) {
    const part = inDistrict.get(overlap.bodyId);
    if (part === undefined || !wanted.has(overlap.chamber)) continue;
    const entry = shares.get(overlap.districtId) ?? { chamber: overlap.chamber as SeatChamber, share: 0 };
    entry.share += part * overlap.shareOfBody;
    shares.set(overlap.districtId, entry);
  }
  return [...shares]
    .map(([districtId, entry]) => ({ districtId, chamber: entry.chamber, share: Math.min(1, entry.share) }))
    .filter((entry) => entry.share >= MIN_SHARE_OVER)
    .sort((a, b) => b.share - a.share || a.districtId - b.districtId);
}
