import type { Db } from "../connect";

/** Replace a resolution's roll call with `votes`. */
export async function replaceRollCall(db: Db, resolutionId: number, votes: ReadonlyArray<{ memberId: number; vote: string }>, recordedAt: string): Promise<void> {
  await db.deleteFrom("rollCallVote").where("resolutionId", "=", resolutionId).execute();
  if (votes.length)
    await db
      .insertInto("rollCallVote")
      .values(votes.map((entry) => ({ resolutionId, memberId: entry.memberId, vote: entry.vote, recordedAt })))
      .execute();
}

/** Every roll call vote of a campaign with the member, their body and their whip-count position in the campaign. */
export function findRollCallsWithPositions(db: Db, campaignId: number) {
  return db
    .selectFrom("rollCallVote")
    .innerJoin("resolution", "resolution.id", "rollCallVote.resolutionId")
    .innerJoin("member", "member.id", "rollCallVote.memberId")
    .innerJoin("body", "body.id", "resolution.bodyId")
    .leftJoin("memberPosition", (join) => join.onRef("memberPosition.memberId", "=", "member.id").on("memberPosition.campaignId", "=", campaignId))
    .select(["member.id as memberId", "member.name", "body.id as bodyId", "body.name as bodyName", "memberPosition.position", "rollCallVote.vote"])
    .where("resolution.campaignId", "=", campaignId)
    .execute();
}

/**
 * Every resolution of a campaign with a tally (its body, yes and no), once per member of the body
 * with their whip-count position in the campaign (`memberId` null for a body with no member).
 */
export function findTalliesWithPositions(db: Db, campaignId: number) {
  return db
    .selectFrom("resolution")
    .innerJoin("body", "body.id", "resolution.bodyId")
    .leftJoin("member", "member.bodyId", "resolution.bodyId")
    .leftJoin("memberPosition", (join) => join.onRef("memberPosition.memberId", "=", "member.id").on("memberPosition.campaignId", "=", campaignId))
    .select(["body.id as bodyId", "body.name as bodyName", "resolution.tallyYes", "resolution.tallyNo", "member.id as memberId", "memberPosition.position"])
    .where("resolution.campaignId", "=", campaignId)
    .where("resolution.tallyYes", "is not", null)
    .where("resolution.tallyNo", "is not", null)
    .execute();
}
