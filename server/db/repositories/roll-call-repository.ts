import type { Db } from "../connect";

/** Replace a resolution's roll call with `votes`. */
export async function replaceRollCall(db: Db, resolutionId: number, votes: ReadonlyArray<{ memberId: number; vote: string }>, recordedAt: string): Promise<void> {
  await db.deleteFrom("rollCallVote").where("resolutionId", "=", resolutionId).execute();
  if (votes.length) await db.insertInto("rollCallVote").values(votes.map((entry) => ({ resolutionId, memberId: entry.memberId, vote: entry.vote, recordedAt }))).execute();
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
