import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import type { BBox } from "../model/body";
import type { Endorser, EndorserLadder, EndorserLeverage } from "../model/endorser";
import { describeEndorsements, isInsideBox, isPublicEndorserStep, progressOf, toPublicEndorser } from "./endorsers";

/**
 * Endorsers as leverage on a legislator: which endorsers a district holds, which of them count,
 * and the brief's sentence. The district page, the legislator page, the printable brief and the
 * targets view all read `districtEndorsements`.
 */

/** A district as the rule needs it: its outline, its box, and the bodies (towns) overlapping it. */
export interface DistrictArea {
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  bbox: BBox;
  bodyIds: ReadonlySet<number>;
}

type Located = Pick<Endorser, "lon" | "lat" | "locationSource" | "townBodyId">;

/**
 * Whether an endorser lies in a district: one placed by its coordinates or a geocoded address when
 * that point is inside the outline; one placed at its town's centre when its town overlaps the
 * district (a town split between districts counts in each).
 */
export function isInDistrict(endorser: Located, district: DistrictArea): boolean {
  if (endorser.locationSource === "town") return endorser.townBodyId !== null && district.bodyIds.has(endorser.townBodyId);
  const point: [number, number] = [endorser.lon, endorser.lat];
  return isInsideBox(point, district.bbox) && booleanPointInPolygon(point, district.geometry);
}

/** Counts toward a district's leverage: they agreed to be listed and stand at a public step (endorsed, active partner). */
export const countsAsEndorsement = (ladder: EndorserLadder, endorser: Pick<Endorser, "isPublic" | "step">): boolean =>
  endorser.isPublic && isPublicEndorserStep(ladder, endorser.step);

/** "Counts endorsers at Endorsed or Active partner who agreed to be listed; …": which endorsers count, in words. */
export function describeLeverageBasis(ladder: EndorserLadder): string {
  const labels = ladder.steps.filter((step) => step.public).map((step) => step.label);
  const steps = labels.length > 1 ? `${labels.slice(0, -1).join(", ")} or ${labels.at(-1)}` : (labels[0] ?? "a public step");
  return `Counts endorsers at ${steps} who agreed to be listed; one placed at its town's centre counts in every district its town overlaps.`;
}

/** The endorsers of one district that count, furthest along the ladder first, then by name; the sentence and its basis. */
export function districtEndorsements(ladder: EndorserLadder, endorsers: readonly Endorser[], district: DistrictArea): EndorserLeverage {
  const counted = endorsers
    .filter((endorser) => countsAsEndorsement(ladder, endorser) && isInDistrict(endorser, district))
    .flatMap((endorser) => toPublicEndorser(ladder, endorser) ?? [])
    .sort((a, b) => progressOf(ladder, b.step) - progressOf(ladder, a.step) || a.name.localeCompare(b.name) || a.id - b.id);
  return {
    count: counted.length,
    summary: describeEndorsements(ladder, counted),
    basis: describeLeverageBasis(ladder),
    endorsers: counted.map(({ id, name, category, town, state, website, step }) => ({ id, name, category, town, state, website, step })),
  };
}
