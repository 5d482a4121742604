import { defaultStageScheme } from "../../../shared/model/stage";
import { stagesAsOf } from "../../../shared/rules/replay";
import type { RunningApp } from "./helper";

/** Stage counts of the demo campaign straight from the database (as of a day): what legends and exports must show. */
export async function databaseCounts(app: RunningApp, asOf?: string): Promise<Record<string, number>> {
  const { db } = app.database;
  const bodies = await db.selectFrom("body").select("id").execute();
  const resolutions = await db.selectFrom("resolution").select(["bodyId", "stage", "updatedAt"]).where("campaignId", "=", 1).execute();
  const events = await db
    .selectFrom("stageEvent")
    .innerJoin("resolution", "resolution.id", "stageEvent.resolutionId")
    .select(["resolution.bodyId", "stageEvent.toStage", "stageEvent.happenedOn", "stageEvent.occurredAt"])
    .where("resolution.campaignId", "=", 1)
    .execute();
  const stages = asOf ? stagesAsOf(resolutions, events, asOf) : new Map(resolutions.map((row) => [row.bodyId, row.stage]));
  const counts: Record<string, number> = Object.fromEntries(defaultStageScheme.stages.map((stage) => [stage.id, 0]));
  for (const body of bodies) counts[stages.get(body.id) ?? "not_started"]! += 1;
  return counts;
}
