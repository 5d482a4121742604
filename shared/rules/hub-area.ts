/**
 * Which districts a hub covers, of every chamber, and how much of each: computed from the hub's
 * area (the bodies and districts it names) through the stored body × district overlaps, never
 * from districts linked by hand alone. The rule (also in the README):
 *
 * - A district the hub names covers itself whole (share 1).
 * - A body the hub names lies in its area, and so does a body mostly (at least half of it) inside
 *   one of the hub's districts. A body nested in another area body (a ward in a city) adds
 *   nothing: its parent already counts.
 * - A district's covered share is the sum of the area bodies' shares of that district, capped at
 *   1 (the bodies of one layer do not overlap). Bodies taken from a district the hub names only
 *   cover districts of the OTHER chambers: a town straddling two House districts does not make a
 *   House-district hub cover the neighbouring House district.
 *
 * So a hub covering Somerville covers the House, Senate and congressional districts Somerville
 * lies in, each with the share of it that Somerville is; and a hub covering House district 1
 * covers the Senate and congressional districts its towns lie in.
 */

export interface HubAreaLinks {
  bodyIds: readonly number[];
  districtIds: readonly number[];
}

export interface AreaOverlap {
  bodyId: number;
  districtId: number;
  /** The district's chamber. */
  chamber: string;
  /** Share of the body inside the district (0–1). */
  shareOfBody: number;
  /** Share of the district inside the body (0–1). */
  shareOfDistrict: number;
}

/** A body "mostly inside" a district the hub names lies in the hub's area. */
export const MOSTLY_INSIDE = 0.5;

/** The bodies of a hub's area, each with the chambers it may count for (null: every chamber). */
export function hubAreaBodies(
  links: HubAreaLinks,
  overlaps: readonly AreaOverlap[],
  parentOf: ReadonlyMap<number, number | null>,
): Map<number, { exceptChambers: Set<string> | null }> {
  const area = new Map<number, { exceptChambers: Set<string> | null }>();
  for (const bodyId of links.bodyIds) area.set(bodyId, { exceptChambers: null });
  const linkedDistricts = new Set(links.districtIds);
  for (const overlap of overlaps) {
    if (!linkedDistricts.has(overlap.districtId) || overlap.shareOfBody < MOSTLY_INSIDE) continue;
    const entry = area.get(overlap.bodyId);
    if (entry && entry.exceptChambers === null) continue;
    const except = entry?.exceptChambers ?? new Set<string>();
    except.add(overlap.chamber);
    area.set(overlap.bodyId, { exceptChambers: except });
  }
  // A body inside another area body adds nothing: drop it when any ancestor is in the area.
  for (const bodyId of [...area.keys()]) {
    const seen = new Set([bodyId]);
    for (let parent = parentOf.get(bodyId) ?? null; parent !== null && !seen.has(parent); parent = parentOf.get(parent) ?? null) {
      seen.add(parent);
      if (area.has(parent)) {
        area.delete(bodyId);
        break;
      }
    }
  }
  return area;
}

/** District id → share of it the hub covers (0 < share ≤ 1), for every district the hub's area touches. */
export function hubDistrictShares(links: HubAreaLinks, overlaps: readonly AreaOverlap[], parentOf: ReadonlyMap<number, number | null>): Map<number, number> {
  const area = hubAreaBodies(links, overlaps, parentOf);
  const shares = new Map<number, number>();
  for (const overlap of overlaps) {
    const body = area.get(overlap.bodyId);
    if (!body || body.exceptChambers?.has(overlap.chamber)) continue;
    shares.set(overlap.districtId, Math.min(1, (shares.get(overlap.districtId) ?? 0) + overlap.shareOfDistrict));
  }
  for (const districtId of links.districtIds) shares.set(districtId, 1);
  for (const [districtId, share] of shares) if (!(share > 0)) shares.delete(districtId);
  return shares;
}
