import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * The Database interface: table name → row type, in camelCase (CamelCasePlugin maps to the
 * snake_case columns). Timestamps are ISO 8601 UTC strings on both engines so they compare and
 * sort the same way everywhere.
 */
export interface Database {
  campaign: CampaignTable;
  body: BodyTable;
  resolution: ResolutionTable;
  stageEvent: StageEventTable;
  district: DistrictTable;
  bodyDistrictOverlap: BodyDistrictOverlapTable;
  legislator: LegislatorTable;
  legislatorRole: LegislatorRoleTable;
}

export interface CampaignTable {
  id: Generated<number>;
  name: string;
  slug: string;
  bill: string | null;
  /** 1 when the campaign's stages are invented demo data. */
  isDemo: ColumnType<number, number | undefined, number>;
  /** JSON of a `StageScheme`. */
  stageScheme: string;
  createdAt: string;
}

export interface BodyTable {
  /** Also the MapLibre feature id. */
  id: Generated<number>;
  name: string;
  kind: string;
  state: string | null;
  geoid: string | null;
  ocdDivisionId: string | null;
  parentId: number | null;
  /** RFC 7946 geometry as JSON text. */
  geometry: string;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
  createdAt: string;
  updatedAt: string;
  /** What an import matched the body by: GEOID, the --id-field value, or the name. */
  sourceKey: ColumnType<string | null, string | null | undefined, string | null>;
  /** Geodesic area in m² (null for point bodies and bodies from before area was stored). */
  areaM2: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface DistrictTable {
  /** Also the MapLibre feature id of district outlines. */
  id: Generated<number>;
  /** state_lower | state_upper | congressional */
  chamber: string;
  state: string | null;
  /** The district's own name or number as the plan gives it ("30", "18th Essex"). */
  name: string;
  geoid: string | null;
  ocdDivisionId: string | null;
  /** The redistricting plan, e.g. "2022". */
  vintage: string;
  /** 1 for the newest vintage of its chamber and state: overlaps use only current districts. */
  isCurrent: ColumnType<number, number | undefined, number>;
  sourceKey: string;
  geometry: string;
  areaM2: number;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
  createdAt: string;
  updatedAt: string;
}

export interface BodyDistrictOverlapTable {
  bodyId: number;
  districtId: number;
  intersectionAreaM2: number;
  shareOfBody: number;
  shareOfDistrict: number;
  computedAt: string;
}

export interface LegislatorTable {
  id: Generated<number>;
  /** "ocd-person/<uuid>" from Open States. */
  ocdPersonId: string;
  name: string;
  party: string | null;
  email: string | null;
  /** JSON array of URLs. */
  links: string | null;
  /** JSON object of Open States `extras`. */
  extras: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A seat held for a time: closed (validTo set) on turnover, never overwritten. */
export interface LegislatorRoleTable {
  id: Generated<number>;
  legislatorId: number;
  /** state_lower | state_upper | congressional */
  chamber: string;
  state: string;
  /** The district as the source names it ("7", "Eighteenth Essex"). */
  districtName: string;
  /** The current district it matched, or null (unmatched, or a role that has ended). */
  districtId: number | null;
  validFrom: string | null;
  validTo: string | null;
  createdAt: string;
}

export interface ResolutionTable {
  id: Generated<number>;
  campaignId: number;
  bodyId: number;
  stage: string;
  /** Optimistic concurrency: every write bumps it and checks the value the writer saw. */
  version: number;
  introducedOn: string | null;
  voteDate: string | null;
  updatedAt: string;
}

export interface StageEventTable {
  id: Generated<number>;
  resolutionId: number;
  fromStage: string | null;
  toStage: string;
  actor: string;
  note: string | null;
  occurredAt: string;
}

export type BodyRow = Selectable<BodyTable>;
export type NewBodyRow = Insertable<BodyTable>;
export type BodyUpdate = Updateable<BodyTable>;
export type CampaignRow = Selectable<CampaignTable>;
export type ResolutionRow = Selectable<ResolutionTable>;
export type StageEventRow = Selectable<StageEventTable>;
export type DistrictRow = Selectable<DistrictTable>;
export type NewDistrictRow = Insertable<DistrictTable>;
export type LegislatorRow = Selectable<LegislatorTable>;
export type LegislatorRoleRow = Selectable<LegislatorRoleTable>;
