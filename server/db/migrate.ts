import { Migrator, PostgresAdapter, sql, type Kysely, type MigrationProvider } from "kysely";
import { migrations } from "./migrations";

/** Static provider, so migrations run from any working directory and from a bundle. */
const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider, migrationTableSchema: await migrationSchema(db) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? "unknown error");
    throw new Error(`database migration ${failed?.migrationName ?? ""} failed: ${reason}`);
  }
}

/**
 * On PostgreSQL, the schema the connection creates tables in (the first existing one on its
 * search_path). Kysely's Migrator, when not told a schema, takes a kysely_migration table in ANY
 * schema of the database for its own: a database holding a second schema that was migrated
 * (another app, another test run) skipped creating the tables here and failed with
 * `relation "kysely_migration_lock" does not exist`.
 */
async function migrationSchema(db: Kysely<any>): Promise<string | undefined> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return undefined;
  const { rows } = await sql<{ name: string | null }>`select current_schema() as name`.execute(db);
  return rows[0]?.name ?? undefined;
}
