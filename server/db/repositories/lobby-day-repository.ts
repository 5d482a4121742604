import type { Insertable, Updateable } from "kysely";
import type { Db } from "../connect";
import type { LobbyDayTable, LobbySignupTable } from "../schema";

export async function insertLobbyDay(db: Db, row: Insertable<LobbyDayTable>): Promise<number> {
  return (await db.insertInto("lobbyDay").values(row).returning("id").executeTakeFirstOrThrow()).id;
}

export async function updateLobbyDay(db: Db, id: number, values: Updateable<LobbyDayTable>): Promise<void> {
  await db.updateTable("lobbyDay").set(values).where("id", "=", id).execute();
}

export function findLobbyDay(db: Db, id: number) {
  return db.selectFrom("lobbyDay").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findLobbyDays(db: Db, campaignId: number) {
  return db.selectFrom("lobbyDay").selectAll().where("campaignId", "=", campaignId).orderBy("heldOn", "desc").orderBy("id", "desc").execute();
}

export function findLobbyVisits(db: Db, lobbyDayIds: readonly number[]) {
  return db
    .selectFrom("lobbyVisit")
    .selectAll()
    .where("lobbyDayId", "in", lobbyDayIds.length ? [...lobbyDayIds] : [-1])
    .execute();
}

export function findLobbySignups(db: Db, lobbyDayIds: readonly number[]) {
  return db
    .selectFrom("lobbySignup")
    .leftJoin("hub", "hub.id", "lobbySignup.hubId")
    .select([
      "lobbySignup.id",
      "lobbySignup.lobbyDayId",
      "lobbySignup.legislatorId",
      "lobbySignup.name",
      "lobbySignup.hubId",
      "hub.name as hubName",
      "lobbySignup.isConstituent",
      "lobbySignup.createdBy",
    ])
    .where("lobbySignup.lobbyDayId", "in", lobbyDayIds.length ? [...lobbyDayIds] : [-1])
    .orderBy("lobbySignup.id")
    .execute();
}

export function findLobbySignup(db: Db, id: number) {
  return db.selectFrom("lobbySignup").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertLobbySignup(db: Db, row: Insertable<LobbySignupTable>): Promise<number> {
  return (await db.insertInto("lobbySignup").values(row).returning("id").executeTakeFirstOrThrow()).id;
}

export async function deleteLobbySignup(db: Db, id: number): Promise<void> {
  await db.deleteFrom("lobbySignup").where("id", "=", id).execute();
}

/** Set a visit's time, room or report-back meeting, creating the visit on first use. */
export async function upsertLobbyVisit(
  db: Db,
  key: { lobbyDayId: number; legislatorId: number },
  values: { time?: string | null; room?: string | null; meetingId?: number | null },
): Promise<void> {
  const existing = await db
    .selectFrom("lobbyVisit")
    .select("legislatorId")
    .where("lobbyDayId", "=", key.lobbyDayId)
    .where("legislatorId", "=", key.legislatorId)
    .executeTakeFirst();
  if (existing) {
    await db.updateTable("lobbyVisit").set(values).where("lobbyDayId", "=", key.lobbyDayId).where("legislatorId", "=", key.legislatorId).execute();
  } else {
    await db
      .insertInto("lobbyVisit")
      .values({ ...key, time: values.time ?? null, room: values.room ?? null, meetingId: values.meetingId ?? null })
      .execute();
  }
}
