import type { Config } from "../config";
import { createOutboxPublisher, createPostgresChangeBus } from "../db/change-bus";
import { connect, postgresClientConfig, type Connection } from "../db/connect";
import { commandLineActor } from "../domain/actor";
import type { WriteContext } from "../domain/write";

/**
 * Open the database for a command that writes, and hand it the one write context every door
 * uses: the command line acts as an admin, and its committed changes reach running servers so
 * open maps update (PostgreSQL: NOTIFY; SQLite: the outbox the server polls).
 */
export async function withWriteContext<T>(config: Config, run: (ctx: WriteContext, connection: Connection) => Promise<T>): Promise<T> {
  const connection = await connect(config.database);
  const bus =
    config.database.engine === "postgres"
      ? createPostgresChangeBus({ db: connection.db, connectionString: config.database.url, clientConfig: postgresClientConfig(config.database.url) })
      : null;
  try {
    const changes = bus ?? createOutboxPublisher(connection.db);
    return await run(
      {
        db: connection.db,
        actor: commandLineActor,
        changes,
        onPublishError: (error) => console.error(`groundswell: could not tell running servers about the change (${String(error)})`),
      },
      connection,
    );
  } finally {
    await bus?.close();
    await connection.close();
  }
}
