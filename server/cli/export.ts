import type { Config } from "../config";
import { connect } from "../db/connect";
import { BALLOT_DISTRICT_COLUMNS, BALLOT_TOWN_COLUMNS, exportBallotDistricts, exportBallotTowns } from "../domain/ballot-questions";
import { listCampaigns, resolveCampaign } from "../domain/campaigns";
import { BODY_EXPORT_COLUMNS, exportBodies, exportLegislators, exportOverlaps, legislatorStepColumns } from "../domain/exports";
import { exportResolutions } from "../domain/spreadsheet-export";
import { exportEndorsers } from "../domain/endorsers";
import { ENDORSER_COLUMNS, PUBLIC_ENDORSER_COLUMNS } from "../../shared/model/endorser";
import { InputError } from "../errors";
import { RESOLUTION_COLUMNS } from "../../shared/model/spreadsheet-import";
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
  "people",
  "share_of_body_people",
  "share_of_district_people",
] as const;

const LEGISLATOR_COLUMNS = [
  "legislator",
  "party",
  "chamber",
  "district",
  "stance",
  "bodies_passed",
  "share_area_passed",
  "share_population_passed",
  "jurisdiction",
  "committees",
] as const;

/** `pct_yes` to one decimal in a CSV, as people quote it (71.0, not 71). */
const withOneDecimal = <Row extends { pct_yes: unknown }>(row: Row) => ({ ...row, pct_yes: typeof row.pct_yes === "number" ? row.pct_yes.toFixed(1) : row.pct_yes });

const EXPORTABLE = ["bodies", "overlaps", "legislators", "resolutions", "ballot-results", "endorsers", "map", "press-kit"] as const;

/** `groundswell export <what> --format csv|geojson [--campaign NAME]`: writes to stdout. */
export async function exportCommand(
  config: Config,
  what: string,
  options: { format: string; campaign?: string; by?: string; public?: boolean },
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
    if (what === "ballot-results") {
      const by = options.by ?? "district";
      if (by !== "town" && by !== "district") throw new InputError(`unknown --by "${by}"; use town or district`);
      const campaignId = options.campaign === undefined ? undefined : (await resolveCampaign(connection.db, options.campaign)).id;
      const withGeometry = options.format === "geojson";
      if (by === "town") {
        const rows = await exportBallotTowns(connection.db, { campaignId, withGeometry });
        if (withGeometry) write(`${JSON.stringify(toFeatureCollection(rows, (row) => row.id))}\n`);
        else write(toCsv(rows.map(withOneDecimal), [...BALLOT_TOWN_COLUMNS]));
      } else {
        const rows = await exportBallotDistricts(connection.db, { campaignId, withGeometry });
        if (withGeometry) write(`${JSON.stringify(toFeatureCollection(rows, (row) => row.id))}\n`);
        else write(toCsv(rows.map(withOneDecimal), [...BALLOT_DISTRICT_COLUMNS]));
      }
      return;
    }
    // No campaign yet: seats and bodies still export, with 0 bodies passed and no stages.
    const campaignOrNone = async () =>
      options.campaign === undefined && (await listCampaigns(connection.db)).length === 0 ? null : await resolveCampaign(connection.db, options.campaign);
    if (what === "legislators") {
      if (options.format !== "csv") throw new InputError("legislators export as csv only; use --format csv");
      const campaign = await campaignOrNone();
      write(toCsv(await exportLegislators(connection.db, campaign), [...LEGISLATOR_COLUMNS, ...(await legislatorStepColumns(connection.db, campaign))] as `step_${string}`[]));
      return;
    }
    if (what === "bodies") {
      const rows = await exportBodies(connection.db, await campaignOrNone(), { withGeometry: options.format === "geojson" });
      if (options.format === "csv") write(toCsv(rows, [...BODY_EXPORT_COLUMNS]));
      else write(`${JSON.stringify(toFeatureCollection(rows, (row) => row.body_id))}\n`);
      return;
    }
    const campaign = await resolveCampaign(connection.db, options.campaign);
    if (what === "resolutions") {
      const csv = options.format === "csv";
      // The CSV is the organizers' own spreadsheet (it round-trips, note included); GeoJSON is for maps and leaves the note out.
      const rows = await exportResolutions(connection.db, campaign, { withNote: csv, withGeometry: !csv });
      if (csv) write(toCsv(rows, [...RESOLUTION_COLUMNS]));
      else
        write(
          `${JSON.stringify(
            toFeatureCollection(
              rows.map(({ note: _note, ...row }) => row),
              (row) => row.body_id as number,
            ),
          )}\n`,
        );
      return;
    }
    if (what === "endorsers") {
      const publicOnly = options.public === true;
      const rows = await exportEndorsers(connection.db, campaign, { publicOnly, withGeometry: options.format === "geojson" });
      if (options.format === "csv") write(toCsv(rows, [...(publicOnly ? PUBLIC_ENDORSER_COLUMNS : ENDORSER_COLUMNS)]));
      else write(`${JSON.stringify(toFeatureCollection(rows, (row) => row.id))}\n`);
      return;
    }
    throw new InputError(`cannot export "${what}" with this command`);
  } finally {
    await connection.close();
  }
}
