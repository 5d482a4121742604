import { PUBLIC_FIELDS } from "../../../shared/model/public-fields";
import type { CampaignScope } from "../../../shared/model/campaign-scope";
import { isCountedBody } from "./scope-filter";
import type { Db } from "../connect";
import { qualify } from "./columns";

/**
 * Queries behind the public surfaces. Each selects the list in shared/model/public-fields.ts as
 * it stands (plus what the rules need, like `updatedAt` for replay and `isInternal` to filter), so
 * a private column is not even read; the domain then picks the public fields again.
 */

/** Every resolution of the campaign with its public columns. */
export function findPublicResolutions(db: Db, campaignId: number) {
  return db
    .selectFrom("resolution")
    .select([...PUBLIC_FIELDS.resolution, "updatedAt"])
    .where("campaignId", "=", campaignId)
    .orderBy("bodyId")
    .execute();
}

/** When each body moved (the day it happened; the recording instant orders a day) and where to (no note, no actor): the input of the as-of replay. */
export function findStageHistory(db: Db, campaignId: number) {
  return db
    .selectFrom("stageEvent")
    .innerJoin("resolution", "resolution.id", "stageEvent.resolutionId")
    .select(["resolution.bodyId", "stageEvent.fromStage", "stageEvent.toStage", "stageEvent.happenedOn", "stageEvent.occurredAt"])
    .where("resolution.campaignId", "=", campaignId)
    .orderBy("stageEvent.happenedOn")
    .orderBy("stageEvent.id")
    .execute();
}

/** The small inputs of the public map: each counted body's resolution stage (and when it last changed). */
export function findResolutionStagesSince(db: Db, campaignId: number, scope: CampaignScope) {
  return db
    .selectFrom("resolution")
    .innerJoin("body", "body.id", "resolution.bodyId")
    .select(["resolution.bodyId", "resolution.stage", "resolution.updatedAt"])
    .where("resolution.campaignId", "=", campaignId)
    .where(isCountedBody(scope) as never)
    .orderBy("resolution.bodyId")
    .execute();
}

/** The days of the first and last stage change of a campaign (the date slider's range). */
export async function findStageHistoryRange(db: Db, campaignId: number): Promise<{ first: string; last: string } | null> {
  const row = await db
    .selectFrom("stageEvent")
    .innerJoin("resolution", "resolution.id", "stageEvent.resolutionId")
    .select((eb) => [eb.fn.min("stageEvent.happenedOn").as("first"), eb.fn.max("stageEvent.happenedOn").as("last")])
    .where("resolution.campaignId", "=", campaignId)
    .executeTakeFirst();
  return row?.first && row.last ? { first: String(row.first).slice(0, 10), last: String(row.last).slice(0, 10) } : null;
}

/** Population of each counted body that has one (an aggregate input: the column itself stays private). */
export async function findCountedPopulations(db: Db, scope: CampaignScope): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom("body")
    .select(["id", "population"])
    .where("population", "is not", null)
    .where(isCountedBody(scope) as never)
    .execute();
  return new Map(rows.map((row) => [row.id, Number(row.population)]));
}

/** How many bodies the campaign counts (its scope, each once at its level). */
export function countCountedBodies(db: Db, scope: CampaignScope): Promise<number> {
  return db
    .selectFrom("body")
    .where(isCountedBody(scope) as never)
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow()
    .then((row) => Number(row.count));
}

/** The public columns (no geometry) of every body the campaign counts (its scope), or of every body (null). */
export function findPublicBodies(db: Db, scope: CampaignScope | null) {
  return db
    .selectFrom("body")
    .select([...PUBLIC_FIELDS.body, "minLon", "minLat", "maxLon", "maxLat"])
    .$if(scope !== null, (query) => query.where(isCountedBody(scope!) as never))
    .orderBy("id")
    .execute();
}

export function findPublicHubs(db: Db) {
  return db.selectFrom("hub").select(PUBLIC_FIELDS.hub).orderBy("name").execute();
}

/** Hubs covering a body: named for it, or covering a current district it overlaps. */
export function findPublicHubsOfBody(db: Db, bodyId: number) {
  return db
    .selectFrom("hub")
    .select(qualify("hub", PUBLIC_FIELDS.hub))
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom("hubBody").select("hubBody.hubId").whereRef("hubBody.hubId", "=", "hub.id").where("hubBody.bodyId", "=", bodyId)),
        eb.exists(
          eb
            .selectFrom("hubDistrict")
            .innerJoin("bodyDistrictOverlap", "bodyDistrictOverlap.districtId", "hubDistrict.districtId")
            .select("hubDistrict.hubId")
            .whereRef("hubDistrict.hubId", "=", "hub.id")
            .where("bodyDistrictOverlap.bodyId", "=", bodyId),
        ),
      ]),
    )
    .orderBy("hub.name")
    .execute();
}

/** Sponsors of the body's resolution whose position is not internal: name and lead/cosponsor. */
export function findPublicSponsors(db: Db, campaignId: number, bodyIds: readonly number[] | null) {
  let query = db
    .selectFrom("memberPosition")
    .innerJoin("member", "member.id", "memberPosition.memberId")
    .select(["member.bodyId", "member.id as memberId", "member.name", "memberPosition.sponsorRole"])
    .where("memberPosition.campaignId", "=", campaignId)
    .where("memberPosition.isInternal", "=", 0)
    .where("memberPosition.sponsorRole", "is not", null);
  if (bodyIds) query = query.where("member.bodyId", "in", bodyIds.length ? [...bodyIds] : [-1]);
  return query.orderBy("member.bodyId").orderBy("memberPosition.sponsorRole", "desc").orderBy("member.name").execute();
}

/** Counties by GEOID (county boards' names), to label the counts table. */
export function findCountyNames(db: Db) {
  return db.selectFrom("body").select(["geoid", "name"]).where("kind", "=", "county_board").where("geoid", "is not", null).execute();
}
