import type { Campaign } from "../../shared/model/campaign";
import type { ResolutionColumn } from "../../shared/model/spreadsheet-import";
import type { Db } from "../db/connect";
import { findBodyGeometries } from "../db/repositories/body-repository";
import { findLastHappenedDays } from "../db/repositories/resolution-repository";
import { findBodyReferences, findCampaignResolutions, findHubReferences, findMembersWithPositions } from "../db/repositories/spreadsheet-repository";
import { sponsorsOf } from "./spreadsheet-import";

export type ResolutionExportRow = Record<ResolutionColumn, string | number | null>;

/**
 * One row per resolution of the campaign, in body id order, in the columns the importer reads
 * (RESOLUTION_COLUMNS), so exporting, importing and exporting again gives the same bytes.
 * `withNote: false` leaves the private note out (GeoJSON, which is made for maps and the press).
 */
export async function exportResolutions(
  db: Db,
  campaign: Campaign,
  { withNote, withGeometry }: { withNote: boolean; withGeometry: boolean },
): Promise<Array<ResolutionExportRow & { geometry?: GeoJSON.Geometry }>> {
  const bodies = new Map((await findBodyReferences(db)).map((body) => [body.id, body]));
  const hubs = new Map((await findHubReferences(db)).map((hub) => [hub.id, hub.name]));
  const members = await findMembersWithPositions(db, campaign.id);
  const lastHappened = await findLastHappenedDays(db, campaign.id);
  const geometries = withGeometry ? new Map((await findBodyGeometries(db)).map((row) => [row.id, row.geometry])) : null;
  return (await findCampaignResolutions(db, campaign.id)).map((resolution) => {
    const body = bodies.get(resolution.bodyId)!;
    const sponsors = sponsorsOf(members.filter((member) => member.bodyId === body.id)).map((member) => member.name);
    return {
      body_id: body.id,
      body_geoid: body.geoid,
      body_name: body.name,
      state: body.state,
      stage: resolution.stage,
      stage_date: lastHappened.get(body.id) ?? null,
      introduced_on: resolution.introducedOn,
      hearing_date: resolution.hearingDate,
      hearing_time: resolution.hearingTime,
      hearing_location: resolution.hearingLocation,
      vote_date: resolution.voteDate,
      vote_time: resolution.voteTime,
      vote_location: resolution.voteLocation,
      vote_cancelled: resolution.voteCancelled ? "yes" : null,
      tally_yes: resolution.tallyYes,
      tally_no: resolution.tallyNo,
      tally_abstain: resolution.tallyAbstain,
      tally_absent: resolution.tallyAbsent,
      agenda_url: resolution.agendaUrl,
      minutes_url: resolution.minutesUrl,
      adopted_text_url: resolution.adoptedTextUrl,
      hub: resolution.hubId === null ? null : (hubs.get(resolution.hubId) ?? null),
      sponsors: sponsors.length ? sponsors.join("; ") : null,
      note: withNote ? resolution.note : null,
      ...(geometries ? { geometry: JSON.parse(geometries.get(body.id)!) as GeoJSON.Geometry } : {}),
    };
  });
}
