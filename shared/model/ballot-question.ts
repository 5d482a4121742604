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

export const ballotQuestionIdSchema = rowIdSchema;
export const ballotQuestionInput = z.object({ campaignId: rowIdSchema, questionId: ballotQuestionIdSchema });
export const districtBallotInput = z.object({ campaignId: rowIdSchema, districtId: rowIdSchema });
