import type { Insertable } from "kysely";
import type { Db } from "../connect";
import type { LegislatorTaskTable, MeetingTable } from "../schema";

export async function insertMeeting(db: Db, row: Insertable<MeetingTable>, hubIds: readonly number[]): Promise<number> {
  const id = (await db.insertInto("meeting").values(row).returning("id").executeTakeFirstOrThrow()).id;
  if (hubIds.length)
    await db
      .insertInto("meetingHub")
      .values(hubIds.map((hubId) => ({ meetingId: id, hubId })))
      .execute();
  return id;
}

export function findMeetings(db: Db, campaignId: number, legislatorId: number) {
  return db
    .selectFrom("meeting")
    .selectAll()
    .where("campaignId", "=", campaignId)
    .where("legislatorId", "=", legislatorId)
    .orderBy("metOn", "desc")
    .orderBy("id", "desc")
    .execute();
}

export function findMeetingHubs(db: Db, meetingIds: readonly number[]) {
  return db
    .selectFrom("meetingHub")
    .innerJoin("hub", "hub.id", "meetingHub.hubId")
    .select(["meetingHub.meetingId", "hub.id", "hub.name"])
    .where("meetingHub.meetingId", "in", meetingIds.length ? [...meetingIds] : [-1])
    .orderBy("hub.name")
    .execute();
}

export async function insertLegislatorTask(db: Db, row: Insertable<LegislatorTaskTable>): Promise<number> {
  return (await db.insertInto("legislatorTask").values(row).returning("id").executeTakeFirstOrThrow()).id;
}

export function findLegislatorTasks(db: Db, campaignId: number, legislatorId: number) {
  return db.selectFrom("legislatorTask").selectAll().where("campaignId", "=", campaignId).where("legislatorId", "=", legislatorId).orderBy("id").execute();
}

export function findLegislatorTask(db: Db, id: number) {
  return db.selectFrom("legislatorTask").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function setLegislatorTaskDone(db: Db, id: number, doneAt: string | null): Promise<void> {
  await db.updateTable("legislatorTask").set({ doneAt }).where("id", "=", id).execute();
}

/** The day of each legislator's latest meeting in a campaign. */
export function findLastMeetingDays(db: Db, campaignId: number) {
  return db
    .selectFrom("meeting")
    .select(["legislatorId", (eb) => eb.fn.max("metOn").as("lastMet")])
    .where("campaignId", "=", campaignId)
    .groupBy("legislatorId")
    .execute();
}
