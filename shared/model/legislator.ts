import { z } from "zod";
import { rowIdSchema } from "../ids/row-id";
import { seatChamberSchema, type SeatChamber } from "./district";
import type { BillStep } from "./ladder";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date like 2021-01-05");

/** A seat held for a time (Open States' TimeScoped): validTo null while it lasts. */
export const legislatorRoleInputSchema = z.object({
  chamber: seatChamberSchema,
  /** Two-letter state code, upper case. */
  state: z.string().regex(/^[A-Z]{2}$/, "expected a two-letter state code"),
  districtName: z.string().trim().min(1, "a role needs a district"),
  validFrom: isoDate.nullable(),
  validTo: isoDate.nullable(),
});
export type LegislatorRoleInput = z.infer<typeof legislatorRoleInputSchema>;

/** A legislator's public office, as Open States lists it. */
export const legislatorOfficeSchema = z.object({
  classification: z.string().trim().min(1),
  address: z.string().trim().min(1).nullable(),
  voice: z.string().trim().min(1).nullable(),
  fax: z.string().trim().min(1).nullable(),
});
export type LegislatorOffice = z.infer<typeof legislatorOfficeSchema>;

/** One legislator as read from Open States (a person file or a CSV row), before matching. */
export const legislatorRecordSchema = z.object({
  ocdPersonId: z.string().regex(/^ocd-person\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "expected an id like ocd-person/<uuid>"),
  name: z.string().trim().min(1, "a legislator needs a name"),
  /** Other spellings a list may use ("Amo, G.", "G. Amo"), from Open States `other_names`. */
  otherNames: z.array(z.string().trim().min(1)).optional(),
  party: z.string().trim().min(1).nullable(),
  email: z.string().trim().min(1).nullable(),
  /** Public offices (capitol, district) with address, phone and fax, from Open States `offices`. */
  offices: z.array(legislatorOfficeSchema).optional(),
  links: z.array(z.string()),
  extras: z.record(z.string(), z.string()),
  roles: z.array(legislatorRoleInputSchema),
});
export type LegislatorRecord = z.infer<typeof legislatorRecordSchema>;

export const legislatorIdSchema = rowIdSchema;

/** A sitting legislator with their step on each of the campaign's bills (public fields only). */
export interface LegislatorSummary {
  legislatorId: number;
  name: string;
  party: string | null;
  chamber: SeatChamber;
  state: string;
  districtId: number | null;
  districtName: string;
  /** One per bill of the campaign, in the bills' order. */
  steps: BillStep[];
}

/** Open States role types of a state legislature → our chambers; other role types (governor, mayor…) are not seats we map. */
export function chamberOfRoleType(type: string): SeatChamber | null {
  const key = type
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
  if (key === "upper" || key === "state upper" || key === "senate") return "state_upper";
  if (key === "lower" || key === "state lower" || key === "house" || key === "assembly") return "state_lower";
  if (key === "congress" || key === "congressional" || key === "us house" || key === "us representative" || key === "representative") return "congressional";
  return null;
}
