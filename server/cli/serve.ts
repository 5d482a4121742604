import type { Config } from "../config";
import { createPostgresChangeBus, createSqliteChangeBus } from "../db/change-bus";
import { connect, postgresClientConfig } from "../db/connect";
import { countBodies } from "../db/repositories/body-repository";
import { writeAppSetting } from "../db/repositories/app-setting-repository";
import { findCampaigns } from "../db/repositories/campaign-repository";
import { seedDemo } from "../domain/demo";
import { seedDemoWorkflow } from "../domain/demo-workflow";
import { ensureClientBuilt } from "../http/client-build";
import { DEFAULT_LOAD_LIMITS } from "../http/load-shedding";
import { buildServer } from "../http/server";
import { readUsAtlasCounties } from "../io/us-atlas";

/** `groundswell serve`: migrate, seed the demo into an empty database, build the client if needed, listen. */
export async function serve(config: Config, log: (line: string) => void): Promise<void> {
  const connection = await connect(config.database);
  log(`Database: ${connection.describe}`);
  if (config.seedDemo && (await countBodies(connection.db)) === 0 && (await findCampaigns(connection.db)).length === 0) {
    const started = Date.now();
    const counties = readUsAtlasCounties();
    const today = new Date().toISOString().slice(0, 10);
    const seeded = await connection.db.transaction().execute(async (trx) => {
      const demo = await seedDemo(trx, counties);
      return { ...demo, workflow: await seedDemoWorkflow(trx, demo.campaign, { today }) };
    });
    const workflow = seeded.workflow
      ? `; in Rhode Island, made-up districts, ${seeded.workflow.legislators} legislators, ${seeded.workflow.hubs} hubs, a lobby day, endorsers and a ballot question`
      : "";
    log(
      `Empty database: loaded the demo campaign (${seeded.bodies} US county boards, ${seeded.resolutions} with sample stages${workflow}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  }
  await ensureClientBuilt(log);
  // PostgreSQL: every server sharing the database hears every change (LISTEN/NOTIFY); SQLite: this
  // process's own changes, and those the CLI leaves in the outbox.
  const changes =
    config.database.engine === "postgres"
      ? createPostgresChangeBus({
          db: connection.db,
          connectionString: config.database.url,
          clientConfig: postgresClientConfig(config.database.url),
          onError: (error) => log(`Live changes: lost the PostgreSQL listener (${error.message}); reconnecting.`),
        })
      : createSqliteChangeBus(connection.db, { onError: (error) => log(`Live changes: could not read the change outbox (${error.message}).`) });
  const app = await buildServer({
    db: connection.db,
    engine: connection.engine,
    basemapStyleUrl: config.basemapStyleUrl,
    geocoderUrl: config.geocoderUrl,
    evidenceMaxBytes: config.evidenceMaxBytes,
    mapTilesAbove: config.mapTilesAbove,
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
    changes,
    chromiumPath: config.chromiumPath,
    health: connection.health,
    logLevel: config.logLevel,
    limits: DEFAULT_LOAD_LIMITS,
  });
  // The database going away and coming back, in the log; requests meanwhile answer 503.
  connection.health.onChange((available, reason) => {
    if (available) app.log.info("database reachable again");
    else app.log.error({ reason }, "database unreachable: answering 503 until it is back");
  });
  // Last line of defence: a stray rejection (a lost connection nobody awaited) is logged; the
  // process carries on serving instead of exiting.
  process.on("unhandledRejection", (reason) => app.log.error({ err: reason }, "unhandled rejection"));
  const shutdown = async () => {
    await app.close();
    await changes.close();
    await connection.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const local = `http://localhost:${port}`;
  const publicUrl = config.publicUrl?.replace(/\/$/, "") ?? null;
  // Links the command line prints (`user add`) point here, whatever port this server took.
  await writeAppSetting(connection.db, "server_url", publicUrl ?? local).catch((error: unknown) =>
    log(`Could not note the server's address for the CLI: ${(error as Error).message}`),
  );
  log(`Groundswell is running at ${local}${publicUrl ? ` (people reach it at ${publicUrl})` : ""}`);
  // Build the map's shapes (and their gzip bytes) now, not on the first visitor's request: a
  // national layer takes seconds. A visitor arriving meanwhile waits only for the rest of this build.
  // A campaign drawn from tiles gets its tile index built too (the first tile cuts it).
  void app
    .inject({ url: "/geo/bodies.geojson", headers: { "accept-encoding": "gzip" } })
    .then(async () => {
      const index = (await app.inject({ url: "/geo/bodies.geojson?tiles=1" })).json<{ tiles?: string; bodyCount?: number }>();
      if (index.tiles && (index.bodyCount ?? 0) > config.mapTilesAbove) await app.inject({ url: index.tiles.replace("{z}/{x}/{y}", "0/0/0") });
    })
    .catch((error: unknown) => log(`Could not prepare the map's shapes: ${(error as Error).message}`));
}
