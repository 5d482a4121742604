import type { Db } from "../connect";

export type AppSettingKey = "server_url";

export async function findAppSetting(db: Db, key: AppSettingKey): Promise<string | null> {
  return (await db.selectFrom("appSetting").select("value").where("key", "=", key).executeTakeFirst())?.value ?? null;
}

export async function writeAppSetting(db: Db, key: AppSettingKey, value: string, now = new Date()): Promise<void> {
  const updatedAt = now.toISOString();
  await db
    .insertInto("appSetting")
    .values({ key, value, updatedAt })
    .onConflict((conflict) => conflict.column("key").doUpdateSet({ value, updatedAt }))
    .execute();
}
