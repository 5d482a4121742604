import { Migrator, PostgresAdapter, sql, type Kysely, type MigrationProvider } from "kysely";
import { migrations } from "./migrations";

/** Static provider, so migrations run from any working directory and from a bundle. */
const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one, so a database
  // holding several Groundswell schemas (tests, staging) would find another schema's tables.
  // Pin them to the schema this connection works in.
  let migrationTableSchema: string | undefined;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema;
  }
  // Branches land side by side, each with its own date prefix, so a migration can reach a database
  // after one whose name sorts later has run there: run whatever has not run yet, in name order,
  // rather than refuse the database as "corrupted". Each migration stands on its own.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? "unknown error");
    throw new Error(`database migration ${failed?.migrationName ?? ""} failed: ${reason}`);
  }
}
