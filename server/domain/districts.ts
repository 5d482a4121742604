import type { Chamber, DistrictSummary } from "../../shared/model/district";
import type { EndorserLeverage } from "../../shared/model/endorser";
import type { LegislatorSummary } from "../../shared/model/legislator";
import type { PublicSponsor } from "../../shared/model/public-view";
import { toDisplayGeometry } from "../../shared/geo/display-geometry";
import { countsAsPassed, initialStage } from "../../shared/model/stage";
import { districtCoverage, type Coverage } from "../../shared/rules/coverage";
import { rankNextTargets, type NextTarget } from "../../shared/rules/next-targets";
import type { Db } from "../db/connect";
import { findAreaOverlaps } from "../db/repositories/hub-repository";
import { CHAMBERS_OVER, districtsOver } from "../../shared/rules/district-nesting";
import { findHubDistrictShares } from "./hub-area";
import { listHubs } from "./hubs";
import { findCurrentDistricts, findDistrictById } from "../db/repositories/district-repository";
import { findOverlapsOfDistrict } from "../db/repositories/overlap-repository";
import { findPublicSponsors } from "../db/repositories/public-repository";
import { findCurrentStageDates, findResolutionStages, findTallies } from "../db/repositories/resolution-repository";
import { NotFoundError } from "../errors";
import { findDistrictPeople } from "../db/repositories/population-repository";
import { getCampaign } from "./campaigns";
import { findDistrictLeverage } from "./endorser-leverage";
import { listLegislators } from "./ladder";

/** The current districts of every chamber (the layers the map can outline). */
export async function listDistricts(db: Db): Promise<DistrictSummary[]> {
  return (await findCurrentDistricts(db)).map((row) => ({
    id: row.id,
    chamber: row.chamber as Chamber,
    state: row.state,
    name: row.name,
    geoid: row.geoid,
    vintage: row.vintage,
  }));
}

export interface DistrictBody {
  bodyId: number;
  name: string;
  kind: string;
  state: string | null;
  parentId: number | null;
  population: number | null;
  stage: string;
  /** When the body reached its current stage (the vote date for a passed body when recorded). */
  stageDate: string | null;
  passed: boolean;
  shareOfBody: number;
  shareOfDistrict: number;
  /** Passed bodies: the vote, when recorded (public). */
  tally: { yes: number | null; no: number | null; abstain: number | null; absent: number | null } | null;
  /** Passed bodies: public lead sponsors and cosponsors, to quote. */
  sponsors: PublicSponsor[];
}

export interface DistrictDetail extends DistrictSummary {
  isCurrent: boolean;
  areaKm2: number;
  /** Bodies overlapping the district, largest share of the district first, with their stage. */
  bodies: DistrictBody[];
  /** Share of the district's area inside bodies whose resolution passed (= coverage.areaShare). */
  sharePassed: number;
  /** Area and population covered by passed bodies (shared/rules/coverage.ts explains the method). */
  coverage: Coverage;
  /** Bodies not yet passed, best first (shared/rules/next-targets.ts). */
  nextTargets: NextTarget[];
  /** The district's sitting legislators with their stance on the campaign's bill. */
  legislators: LegislatorSummary[];
  /** Legislators whose seats lie over this district (its Senator, Members of Congress, US Senators), with the share of it each holds. */
  over: Array<LegislatorSummary & { share: number }>;
  /** Hubs whose area covers some of the district (shared/rules/hub-area.ts), with the share, largest first. */
  hubs: Array<{ hubId: number; name: string; share: number }>;
  /** Endorsers in the district who agreed to be listed, at a public step, with the brief's sentence. */
  endorsers: EndorserLeverage;
}

/** A district page: its bodies and coverage, legislators, hubs and endorsers. */
export async function getDistrict(db: Db, input: { campaignId: number; districtId: number }): Promise<DistrictDetail> {
  const standing = await getDistrictStanding(db, input);
  const leverage = await findDistrictLeverage(db, await getCampaign(db, input.campaignId), [standing.id]);
  return { ...standing, endorsers: leverage.get(standing.id)! };
}

/** A district without its endorsers: what the targets view and the legislator page read per seat. */
export async function getDistrictStanding(db: Db, { campaignId, districtId }: { campaignId: number; districtId: number }): Promise<Omit<DistrictDetail, "endorsers">> {
  const campaign = await getCampaign(db, campaignId);
  const district = await findDistrictById(db, districtId);
  if (!district) throw new NotFoundError(`No district with id ${districtId}`);
  const stages = new Map((await findResolutionStages(db, campaign.id)).map((row) => [row.bodyId, row.stage]));
  const dates = new Map((await findCurrentStageDates(db, campaign.id)).map((row) => [row.bodyId, row]));
  const firstStage = initialStage(campaign.stageScheme).id;
  const won = new Set(campaign.stageScheme.stages.filter(countsAsPassed).map((stage) => stage.id));
  const bodies = (await findOverlapsOfDistrict(db, districtId)).map((row): DistrictBody => {
    const stage = stages.get(row.bodyId) ?? firstStage;
    const date = dates.get(row.bodyId);
    const passed = won.has(stage);
    return {
      bodyId: row.bodyId,
      name: row.name,
      kind: row.kind,
      state: row.state,
      parentId: row.parentId,
      population: row.population,
      stage,
      stageDate: (passed ? date?.voteDate : null) ?? date?.reachedAt?.slice(0, 10) ?? null,
      passed,
      shareOfBody: row.shareOfBody,
      shareOfDistrict: row.shareOfDistrict,
      tally: null,
      sponsors: [],
    };
  });
  const passedIds = bodies.filter((body) => body.passed).map((body) => body.bodyId);
  if (passedIds.length) {
    const tallies = new Map((await findTallies(db, campaign.id, passedIds)).map((row) => [row.bodyId, row]));
    const sponsors = await findPublicSponsors(db, campaign.id, passedIds);
    for (const body of bodies.filter((item) => item.passed)) {
      const tally = tallies.get(body.bodyId);
      if (tally && [tally.tallyYes, tally.tallyNo, tally.tallyAbstain, tally.tallyAbsent].some((value) => value !== null)) {
        body.tally = { yes: tally.tallyYes, no: tally.tallyNo, abstain: tally.tallyAbstain, absent: tally.tallyAbsent };
      }
      body.sponsors = sponsors
        .filter((row) => row.bodyId === body.bodyId && (row.sponsorRole === "lead" || row.sponsorRole === "cosponsor"))
        .map((row) => ({ name: row.name, role: row.sponsorRole as PublicSponsor["role"] }));
    }
  }
  const counts = await findDistrictPeople(db, districtId);
  const coverage = districtCoverage(bodies, counts);
  return {
    id: district.id,
    chamber: district.chamber as Chamber,
    state: district.state,
    name: district.name,
    geoid: district.geoid,
    vintage: district.vintage,
    isCurrent: district.isCurrent === 1,
    areaKm2: district.areaM2 / 1e6,
    bodies,
    sharePassed: coverage.areaShare,
    coverage,
    nextTargets: rankNextTargets(bodies, campaign.stageScheme, { counts }),
    legislators: await listLegislators(db, { campaignId: campaign.id, districtId: district.id }),
    over: await legislatorsOver(db, campaign.id, district.chamber as Chamber, district.state, bodies),
    hubs: await hubsCovering(db, district.id),
  };
}

/** The sitting legislators over a district: the districts over it through its bodies, and the state's US Senators. */
async function legislatorsOver(db: Db, campaignId: number, chamber: Chamber, state: string | null, bodies: readonly DistrictBody[]) {
  const over = districtsOver(chamber, bodies, await findAreaOverlaps(db, { bodyIds: bodies.map((body) => body.bodyId) }));
  const shareOf = new Map(over.map((entry) => [entry.districtId, entry.share]));
  const senate = CHAMBERS_OVER[chamber].includes("us_senate");
  return (await listLegislators(db, { campaignId }))
    .flatMap((seat) => {
      if (seat.districtId !== null && shareOf.has(seat.districtId)) return [{ ...seat, share: shareOf.get(seat.districtId)! }];
      if (senate && seat.chamber === "us_senate" && seat.state === state) return [{ ...seat, share: 1 }];
      return [];
    })
    .sort((a, b) => CHAMBER_ORDER.indexOf(a.chamber) - CHAMBER_ORDER.indexOf(b.chamber) || b.share - a.share || a.name.localeCompare(b.name));
}
const CHAMBER_ORDER = ["state_lower", "state_upper", "congressional", "us_senate"];

/** Hubs covering some of a district, largest share first. */
async function hubsCovering(db: Db, districtId: number) {
  const shares = await findHubDistrictShares(db);
  const names = new Map((await listHubs(db)).map((hub) => [hub.id, hub.name]));
  return [...shares]
    .flatMap(([hubId, districts]) => {
      const share = districts.get(districtId);
      return share && share > 0 && names.has(hubId) ? [{ hubId, name: names.get(hubId)!, share: Math.min(1, share) }] : [];
    })
    .sort((a, b) => b.share - a.share || a.name.localeCompare(b.name));
}

export interface DistrictShapes {
  district: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  /** The overlapping bodies' display outlines (simplified about 50 m). */
  bodies: Array<{ bodyId: number; geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon | GeoJSON.Point }>;
}

/** Outlines for the district page's map: the district and every body overlapping it. */
export async function getDistrictShapes(db: Db, districtId: number): Promise<DistrictShapes> {
  const district = await db.selectFrom("district").select(["geometry"]).where("id", "=", districtId).executeTakeFirst();
  if (!district) throw new NotFoundError(`No district with id ${districtId}`);
  const ids = (await findOverlapsOfDistrict(db, districtId)).map((row) => row.bodyId);
  const rows = ids.length ? await db.selectFrom("body").select(["id", "geometry"]).where("id", "in", ids).execute() : [];
  type Shape = GeoJSON.Polygon | GeoJSON.MultiPolygon | GeoJSON.Point;
  return {
    district: toDisplayGeometry(JSON.parse(district.geometry) as Shape) as GeoJSON.Polygon | GeoJSON.MultiPolygon,
    bodies: rows.map((row) => ({ bodyId: row.id, geometry: toDisplayGeometry(JSON.parse(row.geometry) as Shape) })),
  };
}
