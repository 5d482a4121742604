import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { CamelCasePlugin, Kysely, PostgresAdapter, PostgresDialect, sql, SqliteDialect, type SqliteDatabase, type Transaction } from "kysely";
import pg from "pg";
import type { DatabaseConfig } from "../config";
import { migrateToLatest } from "./migrate";
import { createGuardedPool, postgresClientConfig, type DatabaseHealth } from "./postgres-pool";

export { postgresClientConfig, type DatabaseHealth } from "./postgres-pool";
import type { Database } from "./schema";

/** The handle every repository and use case takes first; a transaction is one too. */
export type Db = Kysely<Database> | Transaction<Database>;

export interface Connection {
  db: Kysely<Database>;
  engine: DatabaseConfig["engine"];
  /** Human-readable location for logs (never prints a password). */
  describe: string;
  /** Whether the database answers; `/health` asks it, and the API answers 503 while it is away. */
  health: DatabaseHealth;
  close(): Promise<void>;
}

/** Open the configured database and bring its schema up to date. */
export async function connect(config: DatabaseConfig, { migrate = true } = {}): Promise<Connection> {
  const connection = config.engine === "sqlite" ? openSqlite(config.file) : openPostgres(config.url, config.schema);
  if (migrate) await migrateToLatest(connection.db);
  return connection;
}

function openSqlite(file: string): Connection {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma("journal_mode = WAL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(database) }),
    plugins: [new CamelCasePlugin()],
  });
  return { db, engine: "sqlite", describe: `SQLite ${file}`, health: queryHealth(db), close: () => db.destroy() };
}

/**
 * Kysely's SQLite driver prepares every query anew, and preparing cost about a tenth of a busy
 * server's CPU (200 open maps and 5 writes a second). Keep the most recent statements: a statement
 * is compiled once per distinct SQL text and reused while it is not in the middle of an iteration
 * (`busy`, a streamed query), in which case a fresh one is prepared. SQLite re-prepares a cached
 * statement by itself after a schema change.
 */
function withStatementCache(database: SQLite.Database, size = 500): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sqlText: string) {
      const cached = statements.get(sqlText);
      if (cached && !cached.busy) {
        // Most recently used last, so the oldest is the first to go.
        statements.delete(sqlText);
        statements.set(sqlText, cached);
        return cached;
      }
      const statement = database.prepare(sqlText);
      if (!cached) {
        statements.set(sqlText, statement);
        if (statements.size > size) statements.delete(statements.keys().next().value!);
      }
      return statement;
    },
  };
}

/** Health by asking: SQLite (a file on this machine), or a handle opened elsewhere (tests). */
export function queryHealth(db: Kysely<Database>): DatabaseHealth {
  return {
    available: true,
    reason: null,
    check: () =>
      sql`select 1`.execute(db).then(
        () => true,
        () => false,
      ),
    onChange: () => () => {},
    close: () => {},
  };
}

// PostgreSQL returns BIGINT (count(*), sums) as strings to avoid precision loss; our counts fit
// comfortably in a double, so parse them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number.parseFloat(value));

function openPostgres(url: string, schema?: string): Connection {
  const { pool, health } = createGuardedPool(postgresClientConfig(url, schema));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  });
  const where = new URL(url);
  return {
    db,
    engine: "postgres",
    describe: `PostgreSQL ${where.hostname}:${where.port || 5432}${where.pathname}${schema ? ` (schema ${schema})` : ""}`,
    health,
    close: async () => {
      health.close();
      await db.destroy();
    },
  };
}

/**
 * Run `read` in one transaction that sees one state of the database: SQLite's transactions
 * already do; PostgreSQL needs REPEATABLE READ (READ COMMITTED would see commits between
 * statements). The press kit reads everything it writes through this.
 */
export function readOneSnapshot<T>(db: Kysely<Database>, read: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const builder = postgres ? db.transaction().setIsolationLevel("repeatable read").setAccessMode("read only") : db.transaction();
  return builder.execute(read);
}
