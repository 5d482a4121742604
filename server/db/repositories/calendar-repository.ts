import { parseRowIdText } from "../../../shared/ids/row-id";
import { PUBLIC_FIELDS } from "../../../shared/model/public-fields";
import type { Db } from "../connect";
import { qualify } from "./columns";

/** Hub by numeric id or slug. */
export function findHubByIdOrSlug(db: Db, idOrSlug: string) {
  const query = db.selectFrom("hub").select(["id", "name", "slug"]);
  // Digits name an id, unless too large for the column (then no hub has it: look up the slug).
  const id = parseRowIdText(idOrSlug);
  return (id !== null ? query.where("id", "=", id) : query.where("slug", "=", idOrSlug)).executeTakeFirst();
}

/**
 * Resolutions of a campaign with a vote or hearing date: their public fields (never the note),
 * plus the id, version and time of the last change that the feed's UID and SEQUENCE need.
 * With `hubId`: those the hub works on, or whose body the hub covers directly or through one of
 * its districts.
 */
export function findScheduledResolutions(db: Db, campaignId: number, hubId: number | null) {
  let query = db
    .selectFrom("resolution")
    .innerJoin("body", "body.id", "resolution.bodyId")
    .select([
      "resolution.id",
      "resolution.version",
      "resolution.updatedAt",
      ...qualify("resolution", PUBLIC_FIELDS.resolution),
      "body.name as bodyName",
      "body.kind as bodyKind",
      "body.state as bodyState",
    ])
    .where("resolution.campaignId", "=", campaignId)
    .where((eb) => eb.or([eb("resolution.voteDate", "is not", null), eb("resolution.hearingDate", "is not", null)]));
  if (hubId !== null) {
    query = query.where((eb) =>
      eb.or([
        eb("resolution.hubId", "=", hubId),
        eb("resolution.bodyId", "in", eb.selectFrom("hubBody").select("hubBody.bodyId").where("hubBody.hubId", "=", hubId)),
        eb(
          "resolution.bodyId",
          "in",
          eb
            .selectFrom("bodyDistrictOverlap")
            .innerJoin("hubDistrict", "hubDistrict.districtId", "bodyDistrictOverlap.districtId")
            .select("bodyDistrictOverlap.bodyId")
            .where("hubDistrict.hubId", "=", hubId),
        ),
      ]),
    );
  }
  return query.orderBy("resolution.id").execute();
}
