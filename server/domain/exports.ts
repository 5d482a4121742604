import { findStage } from "../../shared/model/stage";
import type { Db } from "../db/connect";
import { findBodyGeometries } from "../db/repositories/body-repository";
import type { Campaign } from "../../shared/model/campaign";
import { listBodies } from "./bodies";

export interface BodyExportRow {
  body_id: number;
  body_name: string;
  kind: string;
  state: string | null;
  geoid: string | null;
  campaign: string;
  stage: string;
  stage_label: string;
}

/** Every body with its current stage in the campaign, public fields only. */
export async function exportBodies(
  db: Db,
  campaign: Campaign,
  { withGeometry }: { withGeometry: boolean },
): Promise<Array<BodyExportRow & { geometry?: GeoJSON.Geometry }>> {
  const bodies = await listBodies(db, campaign.id);
  const geometries = withGeometry ? new Map((await findBodyGeometries(db)).map((row) => [row.id, row.geometry])) : null;
  return bodies.map((body) => ({
    body_id: body.id,
    body_name: body.name,
    kind: body.kind,
    state: body.state,
    geoid: body.geoid,
    campaign: campaign.name,
    stage: body.stage,
    stage_label: findStage(campaign.stageScheme, body.stage)?.label ?? body.stage,
    ...(geometries ? { geometry: JSON.parse(geometries.get(body.id)!) as GeoJSON.Geometry } : {}),
  }));
}
