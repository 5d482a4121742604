import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import { slugify } from "../../shared/model/campaign";
import { districtLabel, type Chamber } from "../../shared/model/district";
import {
  hubInputSchema,
  hubUpdateSchema,
  type Ally,
  type Hub,
  type HubCoverage,
  type HubDistrictRef,
  type HubFinding,
  type HubInput,
  type HubUpdate,
} from "../../shared/model/hub";
import { pickPublic } from "../../shared/model/public-fields";
import type { PublicHub } from "../../shared/model/public-view";
import { countsAsPassed } from "../../shared/model/stage";
import { rankRecruitingGaps, type RecruitingGap } from "../../shared/rules/recruiting-gaps";
import type { Db } from "../db/connect";
import { findBodiesInBox, findBodyGeometry, searchBodiesByName } from "../db/repositories/body-repository";
import {
  findCurrentDistrictHubLinks,
  findCurrentDistrictsAtPoint,
  findCurrentDistrictsOfBodies,
  findDistrictGeometry,
  findExistingIds,
  findHubBodyLinks,
  findHubById,
  findHubBySlugOrName,
  findHubDistrictLinks,
  findHubs,
  insertHub,
  replaceHubBodies,
  replaceHubDistricts,
  updateHub as updateHubRow,
} from "../db/repositories/hub-repository";
import { findOverlapsOfDistrict, findOverlapsOfDistricts } from "../db/repositories/overlap-repository";
import { findPublicHubs, findPublicHubsOfBody, findPublicSponsors } from "../db/repositories/public-repository";
import { findCurrentStageDates, findResolutionStages } from "../db/repositories/resolution-repository";
import { ConflictError, InputError, NotFoundError } from "../errors";
import type { Actor } from "./actor";
import { getCampaign } from "./campaigns";
import { findBodiesInHubAreas, findHubDistrictShares } from "./hub-area";
import { listLegislators } from "./ladder";
import { findBodiesNearShape } from "./neighbors";

const districtRef = (row: { id: number; chamber: string; state: string | null; name: string }): HubDistrictRef => ({
  id: row.id,
  chamber: row.chamber as Chamber,
  state: row.state,
  name: row.name,
});

const byDistrict = (a: HubDistrictRef, b: HubDistrictRef) =>
  a.chamber.localeCompare(b.chamber) || (a.state ?? "").localeCompare(b.state ?? "") || a.name.localeCompare(b.name, "en", { numeric: true });

/** Every hub with its districts and bodies, private contacts included: signed-in members only. */
export async function listHubs(db: Db): Promise<Hub[]> {
  const districts = await findHubDistrictLinks(db);
  const bodies = await findHubBodyLinks(db);
  return (await findHubs(db)).map((hub) => ({
    ...hub,
    districts: districts
      .filter((row) => row.hubId === hub.id)
      .map(districtRef)
      .sort(byDistrict),
    bodies: bodies.filter((row) => row.hubId === hub.id).map((row) => ({ id: row.id, name: row.name, state: row.state })),
  }));
}

export async function getHub(db: Db, hubId: number): Promise<Hub> {
  const hub = (await listHubs(db)).find((row) => row.id === hubId);
  if (!hub) throw new NotFoundError(`No hub with id ${hubId}`);
  return hub;
}

async function checkLinks(db: Db, districtIds: readonly number[] | undefined, bodyIds: readonly number[] | undefined) {
  for (const [table, ids] of [
    ["district", districtIds],
    ["body", bodyIds],
  ] as const) {
    if (!ids) continue;
    const found = await findExistingIds(db, table, ids);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw new NotFoundError(`No ${table} with id ${missing.join(", ")}`);
  }
}

async function assertNameFree(db: Db, name: string, slug: string, exceptId?: number) {
  const clash = (await findHubBySlugOrName(db, slug, name)).find((row) => row.id !== exceptId);
  if (clash) throw new ConflictError(`A hub named "${clash.name}" already exists`);
}

const blankToNull = (value: string | null | undefined) => (value === undefined ? undefined : value?.trim() ? value.trim() : null);

/** Create a hub with its districts and bodies (one transaction, opened by the caller). */
export async function createHub(db: Db, input: HubInput, _actor: Actor, now = new Date()): Promise<Hub> {
  const parsed = hubInputSchema.parse(input);
  const slug = slugify(parsed.name);
  if (!slug) throw new InputError(`"${parsed.name}" makes no usable hub address; use letters or digits`);
  await assertNameFree(db, parsed.name, slug);
  await checkLinks(db, parsed.districtIds, parsed.bodyIds);
  const stamp = now.toISOString();
  const id = await insertHub(db, {
    name: parsed.name,
    slug,
    publicContact: blankToNull(parsed.publicContact) ?? null,
    onboarding: blankToNull(parsed.onboarding) ?? null,
    privateContacts: blankToNull(parsed.privateContacts) ?? null,
    createdAt: stamp,
    updatedAt: stamp,
  });
  await replaceHubDistricts(db, id, [...new Set(parsed.districtIds)]);
  await replaceHubBodies(db, id, [...new Set(parsed.bodyIds)]);
  return getHub(db, id);
}

/** Edit a hub: fields left out stay; a list given replaces the hub's list. */
export async function updateHub(db: Db, input: HubUpdate, _actor: Actor, now = new Date()): Promise<Hub> {
  const parsed = hubUpdateSchema.parse(input);
  const existing = await findHubById(db, parsed.hubId);
  if (!existing) throw new NotFoundError(`No hub with id ${parsed.hubId}`);
  const name = parsed.name ?? existing.name;
  const slug = parsed.name === undefined ? existing.slug : slugify(name);
  if (parsed.name !== undefined) await assertNameFree(db, name, slug, existing.id);
  await checkLinks(db, parsed.districtIds, parsed.bodyIds);
  await updateHubRow(db, existing.id, {
    name,
    slug,
    ...(parsed.publicContact !== undefined ? { publicContact: blankToNull(parsed.publicContact) } : {}),
    ...(parsed.onboarding !== undefined ? { onboarding: blankToNull(parsed.onboarding) } : {}),
    ...(parsed.privateContacts !== undefined ? { privateContacts: blankToNull(parsed.privateContacts) } : {}),
    updatedAt: now.toISOString(),
  });
  if (parsed.districtIds) await replaceHubDistricts(db, existing.id, [...new Set(parsed.districtIds)]);
  if (parsed.bodyIds) await replaceHubBodies(db, existing.id, [...new Set(parsed.bodyIds)]);
  return getHub(db, existing.id);
}

/**
 * The recruiting map: current districts of every chamber (or one) with the hubs covering them by
 * geography (shared/rules/hub-area.ts: a hub's towns and districts, through the overlaps) and
 * the largest share any hub covers, and the districts no hub covers.
 */
export async function getHubCoverage(db: Db, { chamber }: { chamber?: Chamber | undefined } = {}): Promise<HubCoverage> {
  const hubs = new Map((await findPublicHubs(db)).map((row) => [row.id, pickPublic("hub", row) as PublicHub]));
  const shares = await findHubDistrictShares(db);
  const districts = new Map<number, HubCoverage["districts"][number]>();
  for (const row of await findCurrentDistrictHubLinks(db)) {
    if ((chamber && row.chamber !== chamber) || districts.has(row.id)) continue;
    const entry: HubCoverage["districts"][number] = { ...districtRef(row), hubs: [], share: 0 };
    for (const [hubId, covered] of shares) {
      const share = covered.get(row.id);
      if (share === undefined || !hubs.has(hubId)) continue;
      entry.hubs.push(hubs.get(hubId)!);
      entry.share = Math.max(entry.share, share);
    }
    entry.hubs.sort((a, b) => a.name.localeCompare(b.name));
    districts.set(row.id, entry);
  }
  const list = [...districts.values()].sort(byDistrict);
  return { districts: list, withoutHub: list.filter((district) => district.hubs.length === 0).map(districtRef) };
}

/**
 * The recruiting gap list of one chamber for a campaign: every current district no hub covers
 * whole, with the people in towns no hub covers, the towns to recruit in and the sitting
 * legislators' steps on the campaign's first bill, worst gap first (shared/rules/recruiting-gaps.ts).
 */
export async function getRecruitingGaps(db: Db, { campaignId, chamber }: { campaignId: number; chamber: Chamber }): Promise<RecruitingGap[]> {
  const campaign = await getCampaign(db, campaignId);
  const coverage = await getHubCoverage(db, { chamber });
  const open = coverage.districts.filter((district) => district.share < 1);
  const overlaps = await findOverlapsOfDistricts(
    db,
    open.map((district) => district.id),
  );
  const withHub = await findBodiesInHubAreas(db);
  const seats = await listLegislators(db, { campaignId });
  const firstStep = campaign.ladder.steps[0]!.id;
  return rankRecruitingGaps(
    open.map((district) => ({
      id: district.id,
      label: districtLabel(district),
      hubShare: Math.min(1, district.share),
      towns: overlaps.filter((row) => row.districtId === district.id).map((row) => ({ ...row, hasHub: withHub.has(row.bodyId) })),
      legislators: seats
        .filter((seat) => seat.districtId === district.id)
        .map((seat) => ({ legislatorId: seat.legislatorId, name: seat.name, party: seat.party, step: seat.steps[0]?.step ?? firstStep })),
    })),
    campaign.ladder,
  );
}

/**
 * "Find my hub": the bodies and current districts at a point (or of the towns whose name
 * matches `query`), and the hubs covering them. Public fields only.
 */
export async function findMyHub(db: Db, input: { point?: [number, number] | undefined; query?: string | undefined }): Promise<HubFinding> {
  let places: HubFinding["places"];
  let districtRows: HubDistrictRef[];
  if (input.point) {
    const point = input.point;
    const inside = (geometry: string) => {
      const shape = JSON.parse(geometry) as GeoJSON.Polygon | GeoJSON.MultiPolygon | GeoJSON.Point;
      return shape.type !== "Point" && booleanPointInPolygon(point, shape);
    };
    const [lon, lat] = point;
    // The bodies whose box holds the point (a box of no size), then the polygon test.
    places = (await findBodiesInBox(db, [lon, lat, lon, lat])).filter((row) => inside(row.geometry)).map(({ id, name, kind, state }) => ({ id, name, kind, state }));
    districtRows = (await findCurrentDistrictsAtPoint(db, point)).filter((row) => inside(row.geometry)).map(districtRef);
  } else {
    const query = input.query?.trim() ?? "";
    if (query.length < 2) throw new InputError("Type at least two letters of a town, or pick a point on the map");
    places = (await searchBodiesByName(db, query, 10)).map(({ id, name, kind, state }) => ({ id, name, kind, state }));
    districtRows = (
      await findCurrentDistrictsOfBodies(
        db,
        places.map((place) => place.id),
      )
    ).map(districtRef);
  }
  const coverage = await getHubCoverage(db);
  const wanted = new Set(districtRows.map((district) => district.id));
  const districts = coverage.districts.filter((district) => wanted.has(district.id));
  const hubs = new Map<number, PublicHub>();
  for (const district of districts) for (const hub of district.hubs) hubs.set(hub.id, hub);
  for (const place of places) for (const hub of await findPublicHubsOfBody(db, place.id)) hubs.set(hub.id, pickPublic("hub", hub) as PublicHub);
  return { places, districts: districts.sort(byDistrict), hubs: [...hubs.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

/**
 * Neighbouring allies: bodies that passed in `campaignId` and touch, or lie within `withinKm` of,
 * a body or a district (a district's own bodies are not neighbours), nearest first, with when
 * they passed, their public sponsors and the hubs covering them.
 */
export async function findAllies(
  db: Db,
  input: { campaignId: number; bodyId?: number | undefined; districtId?: number | undefined; withinKm?: number | undefined; limit?: number | undefined },
): Promise<Ally[]> {
  const campaign = await getCampaign(db, input.campaignId);
  if ((input.bodyId === undefined) === (input.districtId === undefined)) throw new InputError("Name a body or a district, not both");
  const exclude = new Set<number>();
  let shape;
  if (input.bodyId !== undefined) {
    shape = await findBodyGeometry(db, input.bodyId);
    if (!shape) throw new NotFoundError(`No body with id ${input.bodyId}`);
    exclude.add(input.bodyId);
  } else {
    shape = await findDistrictGeometry(db, input.districtId!);
    if (!shape) throw new NotFoundError(`No district with id ${input.districtId}`);
    for (const row of await findOverlapsOfDistrict(db, input.districtId!)) exclude.add(row.bodyId);
  }
  const passed = new Set(campaign.stageScheme.stages.filter(countsAsPassed).map((stage) => stage.id));
  const stages = new Map((await findResolutionStages(db, campaign.id)).filter((row) => passed.has(row.stage)).map((row) => [row.bodyId, row.stage]));
  const near = (await findBodiesNearShape(db, shape, { withinKm: input.withinKm ?? 0, exclude })).filter((body) => stages.has(body.bodyId)).slice(0, input.limit ?? 50);
  if (near.length === 0) return [];
  const dates = new Map((await findCurrentStageDates(db, campaign.id)).map((row) => [row.bodyId, row]));
  const sponsors = await findPublicSponsors(
    db,
    campaign.id,
    near.map((body) => body.bodyId),
  );
  const allies: Ally[] = [];
  for (const body of near) {
    const date = dates.get(body.bodyId);
    allies.push({
      ...body,
      stage: stages.get(body.bodyId)!,
      stageDate: date?.voteDate ?? date?.reachedAt?.slice(0, 10) ?? null,
      hubs: (await findPublicHubsOfBody(db, body.bodyId)).map((hub) => pickPublic("hub", hub) as PublicHub),
      sponsors: sponsors
        .filter((row) => row.bodyId === body.bodyId && (row.sponsorRole === "lead" || row.sponsorRole === "cosponsor"))
        .map((row) => ({ name: row.name, role: row.sponsorRole as "lead" | "cosponsor" })),
    });
  }
  return allies;
}
