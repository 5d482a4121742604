import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { CamelCasePlugin, Kysely, Migrator, SqliteDialect, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../../server/db/migrations";
import { runCliInProcess } from "../helpers/cli";
import { makeBody, makeCampaign } from "../helpers/factories";
import { digestAllTables, listTables } from "../helpers/row-snapshot";
import { createTestDatabase, forEachEngine, type TestDatabase } from "../helpers/test-db";

/** Digest of a SQLite database file, opened (and migrated) the way the app opens it. */
async function digestOfFile(file: string): Promise<string> {
  const database = await createTestDatabase("sqlite", { sqliteFile: file });
  try {
    return await digestAllTables(database.db, await listTables(database.db, "sqlite"));
  } finally {
    await database.close();
  }
}

forEachEngine((getDatabase, engine) => {
  if (engine === "postgres") {
    it("backup and restore point PostgreSQL users to pg_dump / pg_restore, with one line and a non-zero exit", async () => {
      const { env } = getDatabase();
      const backup = await runCliInProcess(["backup", "/tmp/never-written.db"], env);
      expect(backup.status).toBe(2);
      expect(backup.stderr).toBe("groundswell: backup copies the SQLite database; for PostgreSQL use pg_dump (see Backups in the README)\n");
      const restore = await runCliInProcess(["restore", "/tmp/never-written.db"], env);
      expect(restore.status).toBe(2);
      expect(restore.stderr).toBe("groundswell: restore replaces the SQLite database; for PostgreSQL use pg_restore or psql (see Backups in the README)\n");
      expect(fs.existsSync("/tmp/never-written.db")).toBe(false);
    });
    return;
  }

  let folder: string;
  let database: TestDatabase;
  let file: string;
  const env = () => ({ GROUNDSWELL_DB: file });
  const digest = async () => digestAllTables(database.db, await listTables(database.db, "sqlite"));

  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-backup-"));
    file = path.join(folder, "groundswell.db");
    database = await createTestDatabase("sqlite", { sqliteFile: file });
    await makeCampaign(database.db, { name: "Backed up campaign" });
    for (let index = 0; index < 3; index++) await makeBody(database.db);
  });

  afterAll(async () => {
    await database?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it("runs SQLite in WAL mode, so readers and the backup never wait for the writer", async () => {
    const { rows } = await sql<{ journalMode: string }>`pragma journal_mode`.execute(database.db);
    expect(rows[0]?.journalMode).toBe("wal");
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
  });

  it("backs up while a writer holds an open transaction: the copy has exactly the committed rows", async () => {
    const committed = await digest();
    const target = path.join(folder, "during-write.db");
    const result = await database.db.transaction().execute(async (trx) => {
      await makeBody(trx, { name: "Not yet committed" });
      return runCliInProcess(["backup", target], env());
    });
    expect(result).toMatchObject({ status: 0, stderr: "" });
    expect(result.stdout).toMatch(/^Backed up .*groundswell\.db to .*during-write\.db \(\d+ kB\)\.\n$/);
    expect(await digestOfFile(target)).toBe(committed);
    // A backup is one self-contained file: no write-ahead log beside it.
    expect(fs.existsSync(`${target}-wal`)).toBe(false);
  });

  it("refuses to overwrite a file or write into a missing folder, with one line", async () => {
    const existing = path.join(folder, "exists.db");
    fs.writeFileSync(existing, "precious");
    const overwrite = await runCliInProcess(["backup", existing], env());
    expect(overwrite.status).toBe(2);
    expect(overwrite.stderr).toBe(`groundswell: ${existing} already exists; choose a new file name for the backup\n`);
    expect(fs.readFileSync(existing, "utf8")).toBe("precious");
    const nowhere = await runCliInProcess(["backup", path.join(folder, "missing", "x.db")], env());
    expect(nowhere.status).toBe(2);
    expect(nowhere.stderr.split("\n")).toHaveLength(2);
  });

  describe("restore", () => {
    it("puts the backup back, keeps the replaced database as .before-restore and leaves no stale log", async () => {
      const target = path.join(folder, "to-restore.db");
      expect((await runCliInProcess(["backup", target], env())).status).toBe(0);
      const atBackup = await digest();
      await makeBody(database.db, { name: "Added after the backup" });
      const afterChange = await digest();
      await database.close();

      const result = await runCliInProcess(["restore", target], env());
      expect(result).toMatchObject({ status: 0, stderr: "" });
      expect(result.stdout).toBe(`Restored ${target} into ${file}; the previous database is kept as ${file}.before-restore.\n`);
      expect(fs.existsSync(`${file}-wal`)).toBe(false);
      expect(fs.readdirSync(folder).filter((name) => name.includes("restoring"))).toEqual([]);
      expect(await digestOfFile(`${file}.before-restore`)).toBe(afterChange);
      database = await createTestDatabase("sqlite", { sqliteFile: file });
      expect(await digest()).toBe(atBackup);
    });

    it("brings an older backup up to date with the migrations it lacks", async () => {
      const olderFile = path.join(folder, "older.db");
      // A database made by the previous release: every migration but the last.
      const names = Object.keys(migrations);
      const previousRelease = Object.fromEntries(names.slice(0, -1).map((name) => [name, migrations[name]!]));
      const older = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SQLite(olderFile) }), plugins: [new CamelCasePlugin()] });
      const migrated = await new Migrator({ db: older, provider: { getMigrations: async () => previousRelease } }).migrateToLatest();
      expect(migrated.error).toBeUndefined();
      await older.destroy();
      const result = await runCliInProcess(["restore", olderFile], env());
      expect(result).toMatchObject({ status: 0, stderr: "" });
      expect(result.stdout).toContain("and brought it up to date (1 migration)");
      await database.close();
      database = await createTestDatabase("sqlite", { sqliteFile: file });
      const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(database.db);
      expect(applied.rows.map((row) => row.name).sort()).toEqual(Object.keys(migrations).sort());
    });

    it("refuses what is not a compatible Groundswell database, with one line, and changes nothing", async () => {
      const notSqlite = path.join(folder, "random.db");
      fs.writeFileSync(notSqlite, Buffer.from("this is not a database at all, just some bytes".repeat(200)));
      const foreign = path.join(folder, "foreign.db");
      const other = new SQLite(foreign);
      other.exec("create table notes (id integer primary key, text text)");
      other.close();
      const newer = path.join(folder, "newer.db");
      fs.copyFileSync(path.join(folder, "to-restore.db"), newer);
      const newerDb = new SQLite(newer);
      newerDb.prepare("insert into kysely_migration (name, timestamp) values (?, ?)").run("2099_01_01_0000_from_the_future", new Date().toISOString());
      newerDb.close();
      const truncated = path.join(folder, "truncated.db");
      const whole = fs.readFileSync(path.join(folder, "to-restore.db"));
      fs.writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));

      const before = await digest();
      const bytesBefore = fs.readFileSync(file);
      const cases: Array<[string, RegExp]> = [
        [path.join(folder, "no-such-file.db"), /^groundswell: no such file: .*no-such-file\.db\n$/],
        [notSqlite, /^groundswell: .*random\.db is not a SQLite database/],
        [foreign, /^groundswell: .*foreign\.db is not a Groundswell database \(it has no Groundswell tables\)\n$/],
        [newer, /^groundswell: .*newer\.db comes from a newer Groundswell \(migration 2099_01_01_0000_from_the_future is unknown here\); upgrade first\n$/],
        [truncated, /^groundswell: .*truncated\.db (is damaged|is not a SQLite database)/],
      ];
      for (const [backup, message] of cases) {
        const result = await runCliInProcess(["restore", backup], env());
        expect(result.status, backup).toBe(2);
        expect(result.stderr, backup).toMatch(message);
        expect(result.stderr.split("\n"), backup).toHaveLength(2);
      }
      expect(await digest()).toBe(before);
      expect(fs.readFileSync(file).equals(bytesBefore)).toBe(true);
      expect(fs.readdirSync(folder).filter((name) => name.includes("restoring"))).toEqual([]);
    });
  });
});
