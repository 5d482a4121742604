import { z } from "zod";
import { rowIdSchema } from "../ids/row-id";
import { spelling } from "./body";

export const CHAMBERS = ["state_lower", "state_upper", "congressional"] as const;
export const chamberSchema = z.enum(CHAMBERS);
export type Chamber = z.infer<typeof chamberSchema>;

/** A chamber as a person types it ("state-lower", "State_Upper"); undefined when it names none. */
export function parseChamber(text: string): Chamber | undefined {
  const chamber = spelling(text);
  return (CHAMBERS as readonly string[]).includes(chamber) ? (chamber as Chamber) : undefined;
}

export const CHAMBER_LABELS: Record<Chamber, string> = {
  state_lower: "State House",
  state_upper: "State Senate",
  congressional: "US House",
};

export interface DistrictSummary {
  id: number;
  chamber: Chamber;
  state: string | null;
  name: string;
  geoid: string | null;
  vintage: string;
}

export const districtIdSchema = rowIdSchema;

/** district.list's output, checked on the way out. */
export const districtSummarySchema = z.object({
  id: districtIdSchema,
  chamber: chamberSchema,
  state: z.string().nullable(),
  name: z.string(),
  geoid: z.string().nullable(),
  vintage: z.string(),
}) satisfies z.ZodType<DistrictSummary>;

/** "RI State House 30", "US House MA-7": how a district is named on screen. */
export function districtLabel(district: { chamber: Chamber; state: string | null; name: string }): string {
  const number = /^\d+$/.test(district.name);
  if (district.chamber === "congressional") return `US House ${district.state ?? ""}${number ? `-${district.name}` : ` ${district.name}`}`.trim();
  return `${district.state ? `${district.state} ` : ""}${CHAMBER_LABELS[district.chamber]} ${district.name}`;
}
