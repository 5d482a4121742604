import { z } from "zod";
import type { BallotCounts, BallotLevel } from "../rules/ballot-results";
import { rowIdSchema } from "../ids/row-id";

/**
 * Ballot questions as every door shows them: a question with its district roll-ups (actual, and
 * estimated for districts of another plan), and its results by town. All of it is public: the
 * results are public facts from election statistics.
 */

/** A question's results in one district: where it ran (actual), or a current district estimated through the overlaps. */
export interface BallotDistrictResult extends BallotCounts {
  questionId: number;
  districtId: number | null;
  chamber: string;
  district: string;
  vintage: string | null;
  state: string | null;
  /** `100 × yes / (yes + no)` to one decimal. */
  pctYes: number | null;
  /** `100 × yes / total ballots` to one decimal. */
  pctYesOfBallots: number | null;
  estimated: boolean;
  /** How an estimate was made; null for the actual results. */
  method: string | null;
  /** An estimate: the share of the district's area covered by towns with results. */
  coverage: number | null;
}

export interface BallotTownResult extends BallotCounts {
  questionId: number;
  bodyId: number;
  town: string;
  state: string | null;
  pctYes: number | null;
  /** Only the precincts inside the district: never the whole town. */
  partial: boolean;
}

export interface BallotQuestionSummary {
  id: number;
  campaignId: number;
  campaign: string;
  name: string;
  year: number | null;
  electionDate: string | null;
  text: string | null;
  state: string | null;
  source: string | null;
  /** The results file's own Totals row, when it had one. */
  fileTotals: BallotCounts | null;
  districts: BallotDistrictResult[];
}

/** What an import of ballot results did (or would do, on a dry run). */
export interface BallotImportSummary {
  dryRun: boolean;
  campaignId: number;
  campaign: string;
  question: string;
  questionId: number;
  isNew: boolean;
  /** Result rows the question had before this import replaced them. */
  replaced: number;
  level: BallotLevel;
  rows: number;
  towns: number;
  partialTowns: string[];
  districts: BallotDistrictResult[];
  fileTotals: BallotCounts | null;
  warnings: string[];
}

/** A results file uploaded on the Import screen, before its dry run: how it reads. */
export interface BallotUploadPreview {
  token: string;
  expiresAt: string;
  fileName: string;
  bytes: number;
  format: "ballot-results";
  level: BallotLevel;
  /** Result rows under the header (the Totals row not counted). */
  rows: number;
  hasTotals: boolean;
  /** The first few towns or districts named. */
  samples: string[];
  /** A year the file's name suggests ("2018-results.csv"), else null. */
  year: number | null;
}

export const ballotQuestionIdSchema = rowIdSchema;

const countsShape = { yes: z.number().int(), no: z.number().int(), blanks: z.number().int(), total: z.number().int() };
export const ballotDistrictResultSchema = z.object({
  questionId: z.number().int(),
  districtId: z.number().int().nullable(),
  chamber: z.string(),
  district: z.string(),
  vintage: z.string().nullable(),
  state: z.string().nullable(),
  ...countsShape,
  pctYes: z.number().nullable(),
  pctYesOfBallots: z.number().nullable(),
  estimated: z.boolean(),
  method: z.string().nullable(),
  coverage: z.number().nullable(),
}) satisfies z.ZodType<BallotDistrictResult>;

export const ballotTownResultSchema = z.object({
  questionId: z.number().int(),
  bodyId: z.number().int(),
  town: z.string(),
  state: z.string().nullable(),
  ...countsShape,
  pctYes: z.number().nullable(),
  partial: z.boolean(),
}) satisfies z.ZodType<BallotTownResult>;

export const ballotQuestionSummarySchema = z.object({
  id: z.number().int(),
  campaignId: z.number().int(),
  campaign: z.string(),
  name: z.string(),
  year: z.number().int().nullable(),
  electionDate: z.string().nullable(),
  text: z.string().nullable(),
  state: z.string().nullable(),
  source: z.string().nullable(),
  fileTotals: z.object(countsShape).nullable(),
  districts: z.array(ballotDistrictResultSchema),
}) satisfies z.ZodType<BallotQuestionSummary>;

/** One question on the map: its results by town and the outline of where it ran. */
export interface BallotMap {
  question: BallotQuestionSummary;
  towns: BallotTownResult[];
  /** The districts it ran in, as GeoJSON features (id: district id). */
  outline: GeoJSON.FeatureCollection;
}
export const ballotMapSchema = z.object({
  question: ballotQuestionSummarySchema,
  towns: z.array(ballotTownResultSchema),
  outline: z.custom<GeoJSON.FeatureCollection>((value) => typeof value === "object" && value !== null && (value as { type?: unknown }).type === "FeatureCollection"),
}) satisfies z.ZodType<BallotMap>;

/** A question's result in one district, with the brief's sentence. */
export interface DistrictBallotResult extends BallotDistrictResult {
  question: string;
  year: number | null;
  electionDate: string | null;
  text: string | null;
  /** "In 2018, 71.2 % of voters in this district said yes (9,870 to 3,993)." */
  sentence: string;
}
export const districtBallotResultSchema = ballotDistrictResultSchema.extend({
  question: z.string(),
  year: z.number().int().nullable(),
  electionDate: z.string().nullable(),
  text: z.string().nullable(),
  sentence: z.string(),
}) satisfies z.ZodType<DistrictBallotResult>;
