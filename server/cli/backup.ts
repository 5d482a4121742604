import type { Config } from "../config";
import { InputError } from "../errors";
import { backupSqlite, restoreSqlite } from "../db/sqlite-backup";
import { formatBytes } from "../io/download";

/** `groundswell backup <file>`: an online copy of the SQLite database, safe while the server runs. */
export async function backupCommand(config: Config, file: string, out: (text: string) => void): Promise<void> {
  if (config.database.engine !== "sqlite") {
    throw new InputError("backup copies the SQLite database; for PostgreSQL use pg_dump (see Backups in the README)");
  }
  const result = await backupSqlite(config.database.file, file);
  out(`Backed up ${config.database.file} to ${result.file} (${formatBytes(result.bytes)}).\n`);
}

/** `groundswell restore <file>`: replace the SQLite database with a backup (stop the server first). */
export async function restoreCommand(config: Config, file: string, out: (text: string) => void): Promise<void> {
  if (config.database.engine !== "sqlite") {
    throw new InputError("restore replaces the SQLite database; for PostgreSQL use pg_restore or psql (see Backups in the README)");
  }
  const result = await restoreSqlite(config.database.file, file);
  const migrated = result.migrated > 0 ? ` and brought it up to date (${result.migrated} migration${result.migrated === 1 ? "" : "s"})` : "";
  const kept = result.previous ? `; the previous database is kept as ${result.previous}` : "";
  out(`Restored ${file} into ${config.database.file}${migrated}${kept}.\n`);
}
