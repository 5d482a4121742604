import type { Config } from "../config";
import { connect } from "../db/connect";
import { resolveCampaign } from "../domain/campaigns";
import { exportBodies, exportOverlaps } from "../domain/exports";
import { InputError } from "../errors";
import { toCsv } from "../io/csv";
import { toFeatureCollection } from "../io/geojson";

const OVERLAP_COLUMNS = [
  "body_id",
  "body_name",
  "body_geoid",
  "district_chamber",
  "district_name",
  "district_geoid",
  "district_state",
  "district_vintage",
  "share_of_body",
  "share_of_district",
  "intersection_km2",
  "legislator",
] as const;

const EXPORTABLE = ["bodies", "overlaps"] as const;

/** `groundswell export <what> --format csv|geojson [--campaign NAME]`: writes to stdout. */
export async function exportCommand(
  config: Config,
  what: string,
  options: { format: string; campaign?: string },
  write: (text: string) => void,
): Promise<void> {
  if (!(EXPORTABLE as readonly string[]).includes(what)) {
    throw new InputError(`cannot export "${what}" yet; choose one of: ${EXPORTABLE.join(", ")}`);
  }
  if (options.format !== "csv" && options.format !== "geojson") {
    throw new InputError(`unknown --format "${options.format}"; use csv or geojson`);
  }
  const connection = await connect(config.database);
  try {
    if (what === "overlaps") {
      const rows = await exportOverlaps(connection.db, { withGeometry: options.format === "geojson" });
      if (options.format === "csv") write(toCsv(rows, [...OVERLAP_COLUMNS]));
      else write(`${JSON.stringify(toFeatureCollection(rows, (row) => `${row.body_id}-${row.district_id}`))}\n`);
      return;
    }
    const campaign = await resolveCampaign(connection.db, options.campaign);
    const rows = await exportBodies(connection.db, campaign, { withGeometry: options.format === "geojson" });
    if (options.format === "csv") {
      write(toCsv(rows, ["body_id", "body_name", "kind", "state", "geoid", "campaign", "stage", "stage_label"]));
    } else {
      write(`${JSON.stringify(toFeatureCollection(rows, (row) => row.body_id))}\n`);
    }
  } finally {
    await connection.close();
  }
}
