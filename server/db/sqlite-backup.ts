import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { InputError } from "../errors";
import { connect } from "./connect";
import { migrations } from "./migrations";

/**
 * Online backup and restore of the embedded SQLite database. The backup uses SQLite's backup API
 * (better-sqlite3 `.backup()`), which copies a consistent snapshot page by page while the server
 * keeps reading and writing. A restore checks the file first, brings a copy up to date with our
 * migrations, and only then swaps it in with a rename, keeping the old database beside it.
 */

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
}

export async function backupSqlite(databaseFile: string, target: string): Promise<BackupResult> {
  if (!fs.existsSync(databaseFile)) throw new InputError(`there is no database at ${databaseFile} to back up`);
  const destination = path.resolve(target);
  if (fs.existsSync(destination)) throw new InputError(`${target} already exists; choose a new file name for the backup`);
  if (!fs.existsSync(path.dirname(destination))) throw new InputError(`the folder ${path.dirname(target)} does not exist`);
  const partial = `${destination}.partial-${process.pid}`;
  const database = new SQLite(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const { totalPages } = await database.backup(partial);
    // The copy keeps the source's WAL flag in its header; a backup is one self-contained file.
    const copy = new SQLite(partial);
    copy.pragma("journal_mode = DELETE");
    copy.close();
    fs.renameSync(partial, destination);
    return { file: destination, bytes: fs.statSync(destination).size, pages: totalPages };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    database.close();
  }
}

export interface RestoreResult {
  /** Where the database that was replaced now lives (null when there was none). */
  previous: string | null;
  /** Migrations the backup lacked, applied during the restore. */
  migrated: number;
}

/** Refuse a file that is not a Groundswell SQLite database this version can open. */
function checkBackup(file: string): { applied: string[] } {
  if (!fs.existsSync(file)) throw new InputError(`no such file: ${file}`);
  let database: SQLite.Database;
  try {
    database = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new InputError(`${file} is not a SQLite database (${(error as Error).message})`);
  }
  try {
    let tables: string[];
    try {
      tables = database
        .prepare<[], { name: string }>("select name from sqlite_master where type = 'table'")
        .all()
        .map((row) => row.name);
    } catch {
      throw new InputError(`${file} is not a SQLite database`);
    }
    if (!tables.includes("kysely_migration") || !tables.includes("body")) throw new InputError(`${file} is not a Groundswell database (it has no Groundswell tables)`);
    const check = database.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new InputError(`${file} is damaged (SQLite quick_check: ${String(check)})`);
    const applied = database
      .prepare<[], { name: string }>("select name from kysely_migration order by name")
      .all()
      .map((row) => row.name);
    const unknown = applied.filter((name) => !(name in migrations));
    if (unknown.length > 0) throw new InputError(`${file} comes from a newer Groundswell (migration ${unknown[0]} is unknown here); upgrade first`);
    return { applied };
  } finally {
    database.close();
  }
}

export async function restoreSqlite(databaseFile: string, backupFile: string): Promise<RestoreResult> {
  const { applied } = checkBackup(backupFile);
  const target = path.resolve(databaseFile);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Work on a copy beside the database, so the final rename stays on one file system.
  const incoming = `${target}.restoring-${process.pid}`;
  fs.copyFileSync(backupFile, incoming);
  try {
    // Bring the copy up to date before it replaces anything: a failure leaves the database alone.
    const connection = await connect({ engine: "sqlite", file: incoming }).catch((error: unknown) => {
      throw new InputError(`${backupFile} could not be brought up to date: ${(error as Error).message.split("\n")[0]}`);
    });
    await connection.close();
    let previous: string | null = null;
    if (fs.existsSync(target)) {
      previous = `${target}.before-restore`;
      const current = new SQLite(target, { fileMustExist: true });
      try {
        // Fold the write-ahead log into the file, then copy it whole (consistent even mid-write).
        current.pragma("wal_checkpoint(TRUNCATE)");
        fs.rmSync(previous, { force: true });
        await current.backup(previous);
      } finally {
        current.close();
      }
    }
    for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${incoming}${suffix}`, { force: true });
    fs.renameSync(incoming, target);
    // The old database's log and shared-memory index must not be replayed onto the restored file.
    for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${target}${suffix}`, { force: true });
    return { previous, migrated: Object.keys(migrations).length - applied.length };
  } finally {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${incoming}${suffix}`, { force: true });
  }
}
