import { hubAreaBodies, hubDistrictShares, MOSTLY_INSIDE, type AreaOverlap, type HubAreaLinks } from "../../shared/rules/hub-area";
import type { Db } from "../db/connect";
import { findAreaOverlaps, findBodyParents, findHubAreaLinks } from "../db/repositories/hub-repository";

/**
 * Hub id → (current district id → share covered), for every hub or one, from the hubs' named
 * bodies and districts through the overlaps (shared/rules/hub-area.ts has the rule).
 */
export async function findHubDistrictShares(db: Db, hubId?: number): Promise<Map<number, Map<number, number>>> {
  const { byHub, overlaps, parents } = await loadHubAreas(db, hubId);
  const result = new Map<number, Map<number, number>>();
  for (const [id, hub] of byHub) result.set(id, hubDistrictShares(hub satisfies HubAreaLinks, overlaps, parents));
  return result;
}

/** Every body lying in some hub's area (a town with a hub), by the same rule. */
export async function findBodiesInHubAreas(db: Db): Promise<Set<number>> {
  const { byHub, overlaps, parents } = await loadHubAreas(db);
  return new Set([...byHub.values()].flatMap((hub) => [...hubAreaBodies(hub, overlaps, parents).keys()]));
}

/** The hubs' named bodies and districts, and the overlaps and nesting the area rule reads. */
async function loadHubAreas(db: Db, hubId?: number) {
  const links = await findHubAreaLinks(db, hubId);
  const byHub = new Map<number, { bodyIds: number[]; districtIds: number[] }>();
  const of = (id: number) => byHub.get(id) ?? byHub.set(id, { bodyIds: [], districtIds: [] }).get(id)!;
  for (const row of links.districts) of(row.hubId).districtIds.push(row.districtId);
  for (const row of links.bodies) of(row.hubId).bodyIds.push(row.bodyId);
  if (byHub.size === 0) return { byHub, overlaps: [] as AreaOverlap[], parents: new Map<number, number | null>() };

  const hubs = [...byHub.values()];
  // Overlaps of the named districts give the bodies mostly inside them; then every overlap of the area's bodies.
  const ofDistricts = await findAreaOverlaps(db, { districtIds: hubs.flatMap((hub) => hub.districtIds) });
  const bodyIds = new Set([...hubs.flatMap((hub) => hub.bodyIds), ...ofDistricts.filter((row) => row.shareOfBody >= MOSTLY_INSIDE).map((row) => row.bodyId)]);
  const seen = new Set<string>();
  const overlaps: AreaOverlap[] = [];
  for (const row of [...ofDistricts, ...(await findAreaOverlaps(db, { bodyIds: [...bodyIds] }))]) {
    const key = `${row.bodyId}:${row.districtId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    overlaps.push(row);
  }
  return { byHub, overlaps, parents: await findBodyParents(db) };
}
