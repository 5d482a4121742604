import { z } from "zod";
import { rowIdSchema } from "../ids/row-id";
import { bodyKindSchema, type BodyKind } from "./body";
import { campaignIdSchema } from "./campaign";
import { stageIdSchema } from "./stage";

/**
 * The pipeline view: every body's resolution in a campaign (bodies without one sit at the first
 * stage), filtered and sorted in SQL, as a paged table, a board of stage columns and a list of
 * upcoming votes. Public fields only.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date is YYYY-MM-DD");

export const PIPELINE_SORTS = ["body", "kind", "state", "county", "hub", "stage", "voteDate", "tally", "updated"] as const;
export type PipelineSort = (typeof PIPELINE_SORTS)[number];

export const pipelineFilterSchema = z.object({
  campaignId: campaignIdSchema,
  stages: z.array(stageIdSchema).max(20).optional(),
  kinds: z.array(bodyKindSchema).max(20).optional(),
  /** A county's 5-digit Census GEOID (state + county). */
  county: z
    .string()
    .regex(/^\d{5}$/, "a county is its 5-digit GEOID")
    .optional(),
  hubId: rowIdSchema.optional(),
  /** Vote date range, inclusive. */
  voteFrom: isoDate.optional(),
  voteTo: isoDate.optional(),
});
export type PipelineFilter = z.infer<typeof pipelineFilterSchema>;

export const pipelineListInputSchema = pipelineFilterSchema.extend({
  sort: z.enum(PIPELINE_SORTS).default("stage"),
  direction: z.enum(["asc", "desc"]).default("asc"),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(500).default(100),
});
export type PipelineListInput = z.input<typeof pipelineListInputSchema>;

export const pipelineBoardInputSchema = pipelineFilterSchema.extend({
  /** Cards shown per stage column (the count covers them all). */
  perStage: z.number().int().min(1).max(200).default(30),
});

export interface PipelineRow {
  bodyId: number;
  bodyName: string;
  kind: BodyKind;
  state: string | null;
  countyGeoid: string | null;
  countyName: string | null;
  hubId: number | null;
  hubName: string | null;
  stage: string;
  /** 0 when the body has no resolution row yet. */
  version: number;
  voteDate: string | null;
  voteTime: string | null;
  voteCancelled: boolean;
  tally: { yes: number | null; no: number | null; abstain: number | null; absent: number | null };
  /** When the resolution last changed; null when it has no row yet. */
  updatedAt: string | null;
}

export interface PipelineList {
  rows: PipelineRow[];
  /** Rows matching the filters (all pages). */
  total: number;
  page: number;
  pageSize: number;
}

export interface PipelineBoard {
  /** Every stage of the scheme in order, with how many rows match the filters and the first cards. */
  columns: Array<{ stageId: string; count: number; rows: PipelineRow[] }>;
  total: number;
}

export interface PipelineFacets {
  counties: Array<{ geoid: string; name: string; count: number }>;
  hubs: Array<{ id: number; name: string }>;
  kinds: Array<{ kind: BodyKind; count: number }>;
}

/** "9–2–1" style tally for tables: yes–no–abstain (absent when recorded); empty when none. */
export function formatTally(tally: PipelineRow["tally"]): string {
  if (tally.yes === null && tally.no === null && tally.abstain === null && tally.absent === null) return "";
  const parts = [tally.yes ?? 0, tally.no ?? 0, tally.abstain ?? 0];
  return `${parts.join("–")}${tally.absent ? ` (${tally.absent} absent)` : ""}`;
}
