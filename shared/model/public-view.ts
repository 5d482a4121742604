import { z } from "zod";
import type { PeopleCovered } from "../rules/stage-counts";
import type { PassCount } from "../rules/verification";
import type { PublicEvidence } from "./evidence";
import { rowIdSchema } from "../ids/row-id";
import type { BBox, BodyKind } from "./body";
import type { Campaign } from "./campaign";
import { isCalendarDate } from "../rules/replay";

/** CSS width of the print page (`/print`); PNG exports are taken at device scale 2. */
export const PRINT_WIDTH = 1600;

/** `YYYY-MM-DD`, a day that exists. */
export const asOfDateSchema = z.string().max(10).refine(isCalendarDate, "use a date as YYYY-MM-DD");

/** A campaign by id or slug (what `/public/<campaign>` and `?campaign=` carry). */
export const campaignKeySchema = z.union([rowIdSchema, z.string().trim().min(1).max(120)]);

export const bboxSchema = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)])
  .refine(([west, south, east, north]) => west < east && south < north, "a bbox is west,south,east,north with west < east and south < north");

/** What a public view shows: a campaign, optionally as of a day, some stages, inside a box. */
export const publicViewSchema = z.object({
  campaign: campaignKeySchema,
  asOf: asOfDateSchema.nullish(),
  stages: z
    .array(z.string().regex(/^[a-z][a-z0-9_]*$/))
    .max(20)
    .nullish(),
  bbox: bboxSchema.nullish(),
});
export type PublicViewInput = z.infer<typeof publicViewSchema>;

export type PublicCampaign = Pick<Campaign, "id" | "name" | "slug" | "bill" | "isDemo" | "stageScheme" | "ladder" | "endorserLadder" | "scope" | "countVerifiedOnly"> & {
  modelText: string | null;
};

export interface PublicHub {
  id: number;
  name: string;
  slug: string;
  publicContact: string | null;
  onboarding: string | null;
}

/** The map's stage payload as of a day (or now). Bodies not listed sit at `initialStage`. */
export interface PublicMap {
  campaignId: number;
  asOf: string | null;
  initialStage: string;
  stages: Array<[number, string]>;
  counts: Array<{ stageId: string; count: number }>;
  /** First and last day with a stage change: the date slider's range. */
  range: { first: string; last: string } | null;
  /**
   * People in the passed bodies and in all counted bodies, where populations are known; else null.
   * With `countVerifiedOnly`, only verified passes count as passed.
   */
  people: PeopleCovered | null;
  /** Bodies at a passed stage whose pass was verified by then (the verified mark and counts). */
  verified: number[];
}

export interface PublicSponsor {
  name: string;
  role: "lead" | "cosponsor";
}

/** One body on a public surface: the body, its stage and public resolution fields. */
export interface PublicBodyRow {
  id: number;
  name: string;
  kind: BodyKind;
  state: string | null;
  geoid: string | null;
  stage: string;
  stageLabel: string;
  voteDate: string | null;
  tally: { yes: number | null; no: number | null; abstain: number | null; absent: number | null } | null;
  sponsors: PublicSponsor[];
  /** At a passed stage and verified from its evidence by an organizer (by the as-of day); false otherwise. */
  verified: boolean;
  /** The county (5-digit GEOID) the body lies in when its GEOID tells it, else null. */
  countyGeoid: string | null;
  bbox: BBox;
}

export interface PublicBodyDetail extends PublicBodyRow {
  ocdDivisionId: string | null;
  hubs: PublicHub[];
  districts: Array<{ chamber: string; name: string; state: string | null; shareOfBody: number }>;
  /** Evidence of the pass an organizer marked public (links, and files at `/api/evidence/<id>/file`). */
  evidence: PublicEvidence[];
}

/** One area row of the counts table: a county (when GEOIDs tell it) or a state. */
export interface AreaCount {
  area: string;
  areaKind: "county" | "state" | "unknown";
  areaId: string | null;
  byStage: Record<string, number>;
  total: number;
  /** Bodies at a passed stage, and how many of them are verified. */
  passed: number;
  verified: number;
}

/**
 * Everything a press export shows, read once in one transaction: every file of a press kit is
 * written from one of these, so their numbers agree and carry the same `takenAt`.
 */
export interface PressSnapshot {
  takenAt: string;
  asOf: string | null;
  campaign: PublicCampaign;
  filters: { stages: string[] | null; bbox: BBox | null };
  bodies: PublicBodyRow[];
  /** Every body's stage as of the day (also those the filters leave out), to colour the map. */
  mapStages: Array<[number, string]>;
  counts: Array<{ stageId: string; label: string; color: string; count: number }>;
  areas: AreaCount[];
  total: number;
  /** Every body in the campaign's scope: more than `total` when the view is narrower ("shown: N of M bodies"). */
  inScope: number;
  /** "N of M passed (P % of the people in scope), of which V verified" over every body in scope, whatever the filters. */
  headline: string;
  /** Passes in scope and the verified among them (the headline's figures), and the campaign's counting rule. */
  passes: PassCount;
  sources: string[];
}

/** `W,S,E,N` (as `--bbox` and `?bbox=` take it) → a checked bbox, or an error message. */
export function parseBBoxText(text: string): { bbox: BBox } | { error: string } {
  const parts = text.split(",").map((part) => Number(part.trim()));
  const parsed = bboxSchema.safeParse(parts.length === 4 && parts.every(Number.isFinite) ? parts : null);
  return parsed.success ? { bbox: parsed.data as BBox } : { error: `"${text}" is not a bbox: use W,S,E,N in degrees, e.g. -71.9,41.1,-71.1,42.1` };
}
