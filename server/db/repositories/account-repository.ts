import type { Insertable, Selectable, Updateable } from "kysely";
import type { Db } from "../connect";
import type { AppUserTable, UserLinkTable, UserSessionTable } from "../schema";

export type UserRow = Selectable<AppUserTable>;

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom("appUser")
    .select((eb) => eb.fn.countAll<number | string>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function countAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom("appUser")
    .select((eb) => eb.fn.countAll<number | string>().as("count"))
    .where("role", "=", "admin")
    .where("disabledAt", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export function findUsers(db: Db): Promise<UserRow[]> {
  return db.selectFrom("appUser").selectAll().orderBy("email").execute();
}

export function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom("appUser").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom("appUser").selectAll().where("email", "=", email).executeTakeFirst();
}

export async function insertUser(db: Db, row: Insertable<AppUserTable>): Promise<number> {
  return (await db.insertInto("appUser").values(row).returning("id").executeTakeFirstOrThrow()).id;
}

export async function updateUser(db: Db, id: number, values: Updateable<AppUserTable>): Promise<void> {
  await db.updateTable("appUser").set(values).where("id", "=", id).execute();
}

export async function insertSession(db: Db, row: Insertable<UserSessionTable>): Promise<void> {
  await db.insertInto("userSession").values(row).execute();
}

/** A session with its user (the user's columns under `user`). */
export async function findSessionUser(db: Db, tokenHash: string): Promise<{ session: Selectable<UserSessionTable>; user: UserRow } | undefined> {
  const session = await db.selectFrom("userSession").selectAll().where("tokenHash", "=", tokenHash).executeTakeFirst();
  if (!session) return undefined;
  const user = await findUserById(db, session.userId);
  return user ? { session, user } : undefined;
}

export async function touchSession(db: Db, tokenHash: string, at: string): Promise<void> {
  await db.updateTable("userSession").set({ lastSeenAt: at }).where("tokenHash", "=", tokenHash).execute();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom("userSession").where("tokenHash", "=", tokenHash).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: number): Promise<void> {
  await db.deleteFrom("userSession").where("userId", "=", userId).execute();
}

export async function insertLink(db: Db, row: Insertable<UserLinkTable>): Promise<void> {
  await db.insertInto("userLink").values(row).execute();
}

export function findLink(db: Db, tokenHash: string) {
  return db.selectFrom("userLink").selectAll().where("tokenHash", "=", tokenHash).executeTakeFirst();
}

/** Mark a link used; false when another request used it first. */
export async function markLinkUsed(db: Db, tokenHash: string, at: string): Promise<boolean> {
  const result = await db.updateTable("userLink").set({ usedAt: at }).where("tokenHash", "=", tokenHash).where("usedAt", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Times of a key's failures since `since`, oldest first. */
export async function recentLoginFailures(db: Db, key: string, since: string): Promise<string[]> {
  const rows = await db.selectFrom("loginFailure").select("at").where("throttleKey", "=", key).where("at", ">", since).orderBy("at").execute();
  return rows.map((row) => row.at);
}

export async function insertLoginFailure(db: Db, key: string, at: string): Promise<void> {
  await db.insertInto("loginFailure").values({ throttleKey: key, at }).execute();
}

export async function deleteLoginFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom("loginFailure").where("throttleKey", "=", key).execute();
}

/** Forget failures older than the window: they no longer count. */
export async function pruneLoginFailures(db: Db, before: string): Promise<void> {
  await db.deleteFrom("loginFailure").where("at", "<=", before).execute();
}
