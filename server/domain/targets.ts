import type { CommitteeChamber } from "../../shared/model/committee";
import { districtLabel, type SeatChamber } from "../../shared/model/district";
import type { LegislatorOffice } from "../../shared/model/legislator";
import type { LegislatorPage, SeatCoverage, TargetList } from "../../shared/model/targets";
import type { Db } from "../db/connect";
import { findCommittees, findLegislatorDetail } from "../db/repositories/legislator-repository";
import { NotFoundError } from "../errors";
import { latestBallotByDistrict } from "./ballot-questions";
import { committeeSeatsByLegislator } from "./committees";
import { findHubDistrictShares } from "./hub-area";
import { listHubs } from "./hubs";
import { findLastMeetingDays } from "../db/repositories/meeting-repository";
import { getDistrictStanding } from "./districts";
import { getCampaign } from "./campaigns";
import { findDistrictLeverage } from "./endorser-leverage";
import { listLegislators } from "./ladder";
import { otherPlanCoverageReader } from "./plan-comparison";

const parseJsonList = <T>(text: string | null): T[] => {
  if (!text) return [];
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? (value as T[]) : [];
};

/** Coverage of each district, computed once per district however many seats share it. */
function coverageReader(db: Db, campaignId: number) {
  const cache = new Map<number, Promise<SeatCoverage>>();
  return (districtId: number | null): Promise<SeatCoverage | null> => {
    if (districtId === null) return Promise.resolve(null);
    let coverage = cache.get(districtId);
    if (!coverage) {
      coverage = getDistrictStanding(db, { campaignId, districtId }).then((district) => ({
        bodies: district.bodies.length,
        bodiesPassed: district.coverage.bodiesPassed,
        areaShare: district.coverage.areaShare,
        populationShare: district.coverage.populationShare,
      }));
      cache.set(districtId, coverage);
    }
    return coverage;
  };
}

/** A legislator's page: public contacts from Open States, current seats with coverage, committees, step per bill. */
export async function getLegislatorPage(db: Db, { campaignId, legislatorId }: { campaignId: number; legislatorId: number }): Promise<LegislatorPage> {
  const legislator = await findLegislatorDetail(db, legislatorId);
  if (!legislator) throw new NotFoundError(`No legislator with id ${legislatorId}`);
  const seats = (await listLegislators(db, { campaignId })).filter((seat) => seat.legislatorId === legislatorId);
  const coverageOf = coverageReader(db, campaignId);
  const ballots = await latestBallotByDistrict(db, campaignId);
  const leverage = await findDistrictLeverage(
    db,
    await getCampaign(db, campaignId),
    seats.flatMap((seat) => (seat.districtId === null ? [] : [seat.districtId])),
  );
  return {
    legislatorId,
    name: legislator.name,
    party: legislator.party,
    email: legislator.email,
    offices: parseJsonList<LegislatorOffice>(legislator.offices),
    links: parseJsonList<string>(legislator.links).filter((link) => typeof link === "string"),
    seats: await Promise.all(
      seats.map(async (seat) => ({
        chamber: seat.chamber,
        state: seat.state,
        districtId: seat.districtId,
        districtName: seat.districtName,
        label: districtLabel({ chamber: seat.chamber, state: seat.state, name: seat.districtName }),
        coverage: await coverageOf(seat.districtId),
        endorsers: seat.districtId === null ? null : (leverage.get(seat.districtId) ?? null),
        ballot: seat.districtId === null ? null : (ballots.get(seat.districtId) ?? null),
      })),
    ),
    committees: (await committeeSeatsByLegislator(db)).get(legislatorId) ?? [],
    steps: seats[0]?.steps ?? [],
  };
}

/**
 * The targets view: every sitting legislator (one row per seat, optionally of one state) with
 * their step on each bill, the coverage of their district, and their committee seats.
 */
export async function listTargets(
  db: Db,
  { campaignId, state, withContacts = false }: { campaignId: number; state?: string | undefined; withContacts?: boolean },
): Promise<TargetList> {
  const seats = (await listLegislators(db, { campaignId })).filter((seat) => state === undefined || seat.state === state);
  const committees = await committeeSeatsByLegislator(db);
  const coverageOf = coverageReader(db, campaignId);
  const campaign = await getCampaign(db, campaignId);
  const otherPlanOf = otherPlanCoverageReader(db, campaign);
  const ballots = await latestBallotByDistrict(db, campaignId);
  const hubShares = await findHubDistrictShares(db);
  const hubNames = new Map((await listHubs(db)).map((hub) => [hub.id, hub.name]));
  const hubsOf = (districtId: number | null) =>
    districtId === null
      ? []
      : [...hubShares]
          .flatMap(([hubId, shares]) => {
            const share = shares.get(districtId);
            return share && hubNames.has(hubId) ? [{ hubId, name: hubNames.get(hubId)!, share: Math.min(1, share) }] : [];
          })
          .sort((a, b) => b.share - a.share || a.name.localeCompare(b.name));
  const leverage = await findDistrictLeverage(
    db,
    campaign,
    seats.flatMap((seat) => (seat.districtId === null ? [] : [seat.districtId])),
  );
  const lastMet = new Map(withContacts ? (await findLastMeetingDays(db, campaignId)).map((row) => [row.legislatorId, row.lastMet as string | null]) : []);
  const rows = [];
  for (const seat of seats) {
    rows.push({
      legislatorId: seat.legislatorId,
      name: seat.name,
      party: seat.party,
      chamber: seat.chamber as SeatChamber,
      state: seat.state,
      districtId: seat.districtId,
      districtName: seat.districtName,
      label: districtLabel({ chamber: seat.chamber, state: seat.state, name: seat.districtName }),
      coverage: await coverageOf(seat.districtId),
      endorsers: seat.districtId === null ? null : (leverage.get(seat.districtId) ?? null),
      ballot: seat.districtId === null ? null : (ballots.get(seat.districtId) ?? null),
      steps: seat.steps,
      committees: committees.get(seat.legislatorId) ?? [],
      hubs: hubsOf(seat.districtId),
      lastContact: lastMet.get(seat.legislatorId) ?? null,
      otherPlan: await otherPlanOf(seat),
    });
  }
  return {
    rows,
    committees: (await findCommittees(db))
      .filter((committee) => state === undefined || committee.state === state)
      .map((committee) => ({ ...committee, chamber: committee.chamber as CommitteeChamber })),
  };
}
