import type { Db } from "../connect";
import type { BallotResultTable } from "../schema";
import type { Insertable } from "kysely";

/** Ballot questions, where they ran and their results (server/domain/ballot-questions.ts). */

export function findBallotQuestion(db: Db, { campaignId, name }: { campaignId: number; name: string }) {
  return db.selectFrom("ballotQuestion").selectAll().where("campaignId", "=", campaignId).where("name", "=", name).executeTakeFirst();
}

export function findBallotQuestions(db: Db, { campaignId }: { campaignId?: number | undefined } = {}) {
  let query = db
    .selectFrom("ballotQuestion")
    .innerJoin("campaign", "campaign.id", "ballotQuestion.campaignId")
    .select([
      "ballotQuestion.id",
      "ballotQuestion.campaignId",
      "campaign.name as campaignName",
      "ballotQuestion.name",
      "ballotQuestion.year",
      "ballotQuestion.electionDate",
      "ballotQuestion.questionText",
      "ballotQuestion.state",
      "ballotQuestion.source",
      "ballotQuestion.totalsYes",
      "ballotQuestion.totalsNo",
      "ballotQuestion.totalsBlanks",
      "ballotQuestion.totalsTotal",
    ]);
  if (campaignId !== undefined) query = query.where("ballotQuestion.campaignId", "=", campaignId);
  return query.orderBy("ballotQuestion.year", "desc").orderBy("ballotQuestion.name").orderBy("ballotQuestion.id").execute();
}

export function findBallotQuestionDistricts(db: Db, questionIds: readonly number[]) {
  if (!questionIds.length) return Promise.resolve([]);
  return db
    .selectFrom("ballotQuestionDistrict")
    .leftJoin("district", "district.id", "ballotQuestionDistrict.districtId")
    .select([
      "ballotQuestionDistrict.id",
      "ballotQuestionDistrict.questionId",
      "ballotQuestionDistrict.districtId",
      "ballotQuestionDistrict.chamber",
      "ballotQuestionDistrict.name",
      "ballotQuestionDistrict.vintage",
      "district.state",
      "district.isCurrent",
    ])
    .where("ballotQuestionDistrict.questionId", "in", [...questionIds])
    .orderBy("ballotQuestionDistrict.id")
    .execute();
}

export function findBallotResults(db: Db, questionIds: readonly number[]) {
  if (!questionIds.length) return Promise.resolve([]);
  return db
    .selectFrom("ballotResult")
    .select(["questionId", "bodyId", "questionDistrictId", "town", "state", "ward", "precinct", "yes", "no", "blanks", "total", "isPartial", "sourceRow"])
    .where("questionId", "in", [...questionIds])
    .orderBy("id")
    .execute();
}

/** Replace a question's districts and results (a re-import); returns how many result rows it had. */
export async function clearBallotResults(db: Db, questionId: number): Promise<number> {
  const deleted = await db.deleteFrom("ballotResult").where("questionId", "=", questionId).executeTakeFirst();
  await db.deleteFrom("ballotQuestionDistrict").where("questionId", "=", questionId).execute();
  return Number(deleted.numDeletedRows);
}

export async function insertBallotResults(db: Db, rows: ReadonlyArray<Insertable<BallotResultTable>>): Promise<void> {
  // 14 columns × 500 rows stays under either engine's limit on bound parameters.
  for (let start = 0; start < rows.length; start += 500)
    await db
      .insertInto("ballotResult")
      .values(rows.slice(start, start + 500))
      .execute();
}
