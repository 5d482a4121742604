/**
 * The public/private split, per entity and field: THE list that public procedures, geometry
 * payloads, exports, the embed and feeds build their output from. A field not named here never
 * reaches an anonymous reader. Output is always built with `pickPublic` (never by spreading a
 * row), so a column added to a table stays private until someone adds it here on purpose.
 *
 * Private by omission, and on purpose: stage-event notes and actors, resolution notes and their
 * hub assignment, member private contacts, internal positions, contact logs and position notes,
 * tasks (next actions), hub private contacts, users and their emails, the audit log.
 */
export const PUBLIC_FIELDS = {
  campaign: ["id", "name", "slug", "bill", "isDemo", "stageScheme", "modelText", "ladder", "endorserLadder", "scope", "countVerifiedOnly"],
  body: ["id", "name", "kind", "state", "geoid", "ocdDivisionId", "parentId"],
  /** Who published a body's boundary: credited, summed over the bodies shown, on maps and press exports. */
  bodySource: ["boundarySource"],
  resolution: [
    "bodyId",
    "stage",
    "introducedOn",
    "voteDate",
    "voteTime",
    "voteLocation",
    "voteCancelled",
    "hearingDate",
    "hearingTime",
    "hearingLocation",
    "tallyYes",
    "tallyNo",
    "tallyAbstain",
    "tallyAbsent",
    "agendaUrl",
    "minutesUrl",
    "adoptedTextUrl",
  ],
  /** When a body moved and where to: enough to replay the map "as of" a date. No note, no actor. */
  stageEvent: ["bodyId", "fromStage", "toStage", "happenedOn", "occurredAt"],
  district: ["id", "chamber", "state", "name", "geoid", "ocdDivisionId", "vintage"],
  /** Name, party and the contacts Open States publishes (email, offices with address and phone, links). */
  legislator: ["id", "ocdPersonId", "name", "party", "email", "offices", "links"],
  overlap: ["bodyId", "districtId", "shareOfBody", "shareOfDistrict"],
  hub: ["id", "name", "slug", "publicContact", "onboarding"],
  member: ["id", "bodyId", "name", "role", "publicContact"],
  /** Only endorsers who agreed to be listed, and their step only when it is public (see `toPublicEndorser`). */
  endorser: ["id", "name", "category", "town", "state", "townBodyId", "linkedBodyId", "lon", "lat", "website", "publicContact"],
  /** Only evidence an organizer marked public (see `listPublicEvidence`); never who added it or the file's hash. */
  evidence: ["id", "kind", "category", "title", "url", "fileName", "contentType", "byteSize"],
  /** Only positions not marked internal are public at all (see `isPublicPosition`). */
  memberPosition: ["memberId", "position", "sponsorRole"],
} as const satisfies Record<string, readonly string[]>;

export type PublicEntity = keyof typeof PUBLIC_FIELDS;
export type PublicFieldOf<E extends PublicEntity> = (typeof PUBLIC_FIELDS)[E][number];

/** The public fields of `row` as a new object; every other field is left behind. */
export function pickPublic<E extends PublicEntity, R extends object>(entity: E, row: R): Pick<R, Extract<keyof R, PublicFieldOf<E>>> {
  const out: Record<string, unknown> = {};
  for (const field of PUBLIC_FIELDS[entity] as readonly string[]) {
    if (Object.prototype.hasOwnProperty.call(row, field)) out[field] = (row as Record<string, unknown>)[field];
  }
  return out as Pick<R, Extract<keyof R, PublicFieldOf<E>>>;
}

/** A member's position may be published only when it is not marked internal. */
export function isPublicPosition(position: { isInternal: number | boolean }): boolean {
  return !position.isInternal;
}
