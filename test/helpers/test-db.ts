import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { connect, type Connection } from "../../server/db/connect";

export type Engine = "sqlite" | "postgres";

let warned = false;

/**
 * SQLite always; PostgreSQL whenever TEST_DATABASE_URL is set. With CI set and no URL the run
 * fails, so the PostgreSQL half never goes missing unnoticed. GROUNDSWELL_TEST_ENGINE=sqlite or
 * =postgres runs one of them only.
 */
export function enginesUnderTest(): Engine[] {
  const url = process.env.TEST_DATABASE_URL;
  // `npm test` runs the database files twice side by side, one process per engine.
  const only = process.env.GROUNDSWELL_TEST_ENGINE;
  if (only === "sqlite") return ["sqlite"];
  if (only === "postgres") {
    if (!url) throw new Error("GROUNDSWELL_TEST_ENGINE=postgres needs TEST_DATABASE_URL");
    return ["postgres"];
  }
  if (only) throw new Error(`GROUNDSWELL_TEST_ENGINE is "${only}": use sqlite or postgres`);
  if (!url && process.env.CI) {
    throw new Error("CI is set but TEST_DATABASE_URL is not: the PostgreSQL half of the suite cannot run");
  }
  if (!url && !warned) {
    warned = true;
    console.warn("\n*** TEST_DATABASE_URL is not set: database tests run on SQLite only (set it to also run PostgreSQL) ***\n");
  }
  return url ? ["sqlite", "postgres"] : ["sqlite"];
}

export interface TestDatabase extends Connection {
  /** Connection settings for a second process (CLI, server) to open the same database. */
  env: Record<string, string>;
}

/** A fresh, migrated database: in-memory SQLite, or a new schema in the test PostgreSQL database. */
export async function createTestDatabase(engine: Engine, { sqliteFile }: { sqliteFile?: string } = {}): Promise<TestDatabase> {
  if (engine === "sqlite") {
    const file = sqliteFile ?? ":memory:";
    const connection = await connect({ engine: "sqlite", file });
    return { ...connection, env: { GROUNDSWELL_DB: file } };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `gs_test_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const dropSchema = async () => {
    const cleanup = new pg.Client({ connectionString: url });
    await cleanup.connect();
    await cleanup.query(`drop schema if exists ${schema} cascade`);
    await cleanup.end();
  };
  // A failed migration must not leave its schema behind.
  const connection = await connect({ engine: "postgres", url, schema }).catch(async (error: unknown) => {
    await dropSchema();
    throw error;
  });
  const withSchema = new URL(url);
  withSchema.searchParams.set("options", `-c search_path=${schema}`);
  return {
    ...connection,
    env: { DATABASE_URL: withSchema.toString() },
    async close() {
      await connection.close();
      await dropSchema();
    },
  };
}

/** A migrated SQLite database in a file of its own temporary folder, removed on close. */
async function createSqliteFileDatabase(): Promise<TestDatabase> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-test-"));
  const database = await createTestDatabase("sqlite", { sqliteFile: path.join(folder, "groundswell.db") });
  return {
    ...database,
    async close() {
      await database.close();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * Run a block of tests once per engine, each against its own fresh database:
 *   forEachEngine((getDb) => { it("…", async () => { const { db } = getDb(); … }) })
 * `sqliteOnDisk` puts the SQLite database in a temporary file, so a second process (the CLI,
 * a server) can open it through `env`.
 */
export function forEachEngine(body: (getDatabase: () => TestDatabase, engine: Engine) => void, { sqliteOnDisk = false }: { sqliteOnDisk?: boolean } = {}): void {
  for (const engine of enginesUnderTest()) {
    describe(engine, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = engine === "sqlite" && sqliteOnDisk ? await createSqliteFileDatabase() : await createTestDatabase(engine);
      });
      afterAll(async () => {
        await database?.close();
      });
      body(() => {
        if (!database) throw new Error("test database not ready");
        return database;
      }, engine);
    });
  }
}
