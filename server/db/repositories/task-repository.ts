import type { Db } from "../connect";

/** Next actions (private). Each row belongs to one resolution, hence one campaign × body. */

function taskQuery(db: Db) {
  return db
    .selectFrom("task")
    .innerJoin("resolution", "resolution.id", "task.resolutionId")
    .innerJoin("body", "body.id", "resolution.bodyId")
    .select([
      "task.id",
      "resolution.campaignId",
      "resolution.bodyId",
      "body.name as bodyName",
      "task.title",
      "task.owner",
      "task.dueOn",
      "task.doneAt",
      "task.createdBy",
      "task.createdAt",
    ]);
}

export function findTaskById(db: Db, id: number) {
  return taskQuery(db).where("task.id", "=", id).executeTakeFirst();
}

/** A resolution's tasks: open ones first (by due date, undated last), then done ones. */
export function findTasksOfResolution(db: Db, resolutionId: number) {
  return taskQuery(db)
    .where("task.resolutionId", "=", resolutionId)
    .orderBy((eb) => eb.case().when("task.doneAt", "is", null).then(0).else(1).end())
    .orderBy((eb) => eb.case().when("task.dueOn", "is", null).then(1).else(0).end())
    .orderBy("task.dueOn")
    .orderBy("task.id")
    .execute();
}

/** Open tasks of a campaign due on or before `until`, soonest first. */
export function findOpenTasksDueBy(db: Db, { campaignId, until }: { campaignId: number; until: string }) {
  return taskQuery(db)
    .where("resolution.campaignId", "=", campaignId)
    .where("task.doneAt", "is", null)
    .where("task.dueOn", "is not", null)
    .where("task.dueOn", "<=", until)
    .orderBy("task.dueOn")
    .orderBy("task.id")
    .execute();
}

export async function insertTask(
  db: Db,
  task: { resolutionId: number; title: string; owner: string | null; dueOn: string | null; createdBy: string; createdAt: string },
): Promise<number> {
  const row = await db
    .insertInto("task")
    .values({ ...task, doneAt: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTask(db: Db, id: number, changes: Partial<{ title: string; owner: string | null; dueOn: string | null; doneAt: string | null }>): Promise<void> {
  await db.updateTable("task").set(changes).where("id", "=", id).execute();
}

export async function deleteTask(db: Db, id: number): Promise<void> {
  await db.deleteFrom("task").where("id", "=", id).execute();
}
