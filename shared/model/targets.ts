import { z } from "zod";
import { rowIdSchema } from "../ids/row-id";
import { COMMITTEE_CHAMBERS } from "./committee";
import { seatChamberSchema } from "./district";
import { endorserLeverageSchema } from "./endorser";
import { legislatorOfficeSchema } from "./legislator";

/**
 * The legislator page and the targets view, as the API returns them. Every field is public (Open
 * States contacts, seats, committees, the campaign's public steps), checked on the way out.
 */

const share = z.number().min(0).max(1);

/** How far the bodies in a seat's district have moved (shared/rules/coverage.ts). */
export const seatCoverageSchema = z.object({
  bodies: z.number().int().min(0),
  bodiesPassed: z.number().int().min(0),
  areaShare: share,
  populationShare: share.nullable(),
});
export type SeatCoverage = z.infer<typeof seatCoverageSchema>;

/** One seat a legislator holds now; US Senate seats have the state as their district and no coverage. */
export const legislatorSeatSchema = z.object({
  chamber: seatChamberSchema,
  state: z.string(),
  districtId: rowIdSchema.nullable(),
  districtName: z.string(),
  /** "RI State House 30", "US Senate RI". */
  label: z.string(),
  coverage: seatCoverageSchema.nullable(),
  /** Endorsers in the district who agreed to be listed, at a public step (null for a US Senate seat). */
  endorsers: endorserLeverageSchema.nullable(),
  /** The latest ballot question in the district: "2018 Q5", 71.2 (% yes), or an estimate through another plan. */
  ballot: z.object({ question: z.string(), year: z.number().int().nullable(), pctYes: z.number().nullable(), estimated: z.boolean() }).nullable(),
});
export type LegislatorSeat = z.infer<typeof legislatorSeatSchema>;

const committeeSeatSchema = z.object({ committeeId: rowIdSchema, name: z.string(), chamber: z.enum(COMMITTEE_CHAMBERS), role: z.string() });
const billStepSchema = z.object({ billId: rowIdSchema, step: z.string(), updatedAt: z.string().nullable() });

/** `/legislators/:id`: who they are, how to reach them, where they sit and where they stand. */
export const legislatorPageSchema = z.object({
  legislatorId: rowIdSchema,
  name: z.string(),
  party: z.string().nullable(),
  email: z.string().nullable(),
  offices: z.array(legislatorOfficeSchema),
  links: z.array(z.string()),
  seats: z.array(legislatorSeatSchema),
  committees: z.array(committeeSeatSchema),
  /** One per bill of the campaign, in the bills' order. */
  steps: z.array(billStepSchema),
});
export type LegislatorPage = z.infer<typeof legislatorPageSchema>;

/** One row of the targets view: a sitting legislator's seat with steps, coverage and committees. */
export const targetRowSchema = legislatorSeatSchema.extend({
  legislatorId: rowIdSchema,
  name: z.string(),
  party: z.string().nullable(),
  steps: z.array(billStepSchema),
  committees: z.array(committeeSeatSchema),
  /** Hubs covering some of the district (by geography), largest share first. */
  hubs: z.array(z.object({ hubId: rowIdSchema, name: z.string(), share })),
  /** The day of the latest meeting logged with them; members only (null for anyone else, and when none). */
  lastContact: z.string().nullable(),
  /** The district's counterpart in the chamber's other plan (redistricting) and the share of it covered; null with one plan. */
  otherPlan: z.object({ label: z.string(), districtId: rowIdSchema, districtName: z.string(), areaShare: share }).nullable(),
});
export type TargetRow = z.infer<typeof targetRowSchema>;

export const targetListSchema = z.object({
  rows: z.array(targetRowSchema),
  /** Every imported committee, for the filter. */
  committees: z.array(z.object({ id: rowIdSchema, state: z.string(), chamber: z.enum(COMMITTEE_CHAMBERS), name: z.string() })),
});
export type TargetList = z.infer<typeof targetListSchema>;
