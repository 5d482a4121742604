import type { Campaign } from "../../shared/model/campaign";
import type { EndorserLeverage } from "../../shared/model/endorser";
import { countsAsEndorsement, districtEndorsements } from "../../shared/rules/endorser-leverage";
import { isInsideBox } from "../../shared/rules/endorsers";
import type { Db } from "../db/connect";
import { findDistrictBoxes, findDistrictGeometries } from "../db/repositories/district-repository";
import { findOverlapsOfDistricts } from "../db/repositories/overlap-repository";
import { listEndorsers } from "./endorsers";

/**
 * District id → its endorsers that count (listed, at a public step), located by their point in
 * the outline or by their town's overlap (shared/rules/endorser-leverage.ts has the rule). Reads the
 * campaign's endorsers once for every district asked, and a district's outline only when some
 * endorser's own point falls in its box. Districts that do not exist are left out.
 */
export async function findDistrictLeverage(db: Db, campaign: Pick<Campaign, "id" | "endorserLadder">, districtIds: readonly number[]): Promise<Map<number, EndorserLeverage>> {
  const ids = [...new Set(districtIds)];
  const result = new Map<number, EndorserLeverage>();
  if (!ids.length) return result;
  const ladder = campaign.endorserLadder;
  const counted = (await listEndorsers(db, { campaignId: campaign.id })).filter((endorser) => countsAsEndorsement(ladder, endorser));
  const boxes = (await findDistrictBoxes(db, ids)).map((row) => ({
    id: row.id,
    bbox: [Number(row.minLon), Number(row.minLat), Number(row.maxLon), Number(row.maxLat)] as [number, number, number, number],
  }));
  const towns = new Map<number, Set<number>>();
  for (const row of await findOverlapsOfDistricts(db, ids)) (towns.get(row.districtId) ?? towns.set(row.districtId, new Set()).get(row.districtId)!).add(row.bodyId);
  const points = counted.filter((endorser) => endorser.locationSource !== "town");
  const outlined = boxes.filter((box) => points.some((endorser) => isInsideBox([endorser.lon, endorser.lat], box.bbox))).map((box) => box.id);
  const outlines = new Map((await findDistrictGeometries(db, outlined)).map((row) => [row.id, JSON.parse(row.geometry) as GeoJSON.Polygon | GeoJSON.MultiPolygon]));
  // Without an outline no endorser's point is in the box, so only towns can place one there.
  const none: GeoJSON.Polygon = { type: "Polygon", coordinates: [] };
  for (const box of boxes) {
    result.set(box.id, districtEndorsements(ladder, counted, { geometry: outlines.get(box.id) ?? none, bbox: box.bbox, bodyIds: towns.get(box.id) ?? new Set() }));
  }
  return result;
}
