import { z } from "zod";
import { rowIdSchema } from "../ids/row-id";
import { spelling } from "./body";

/** Chambers whose seats are districts drawn on a map (a boundary file per plan). */
export const CHAMBERS = ["state_lower", "state_upper", "congressional"] as const;
export const chamberSchema = z.enum(CHAMBERS);
export type Chamber = z.infer<typeof chamberSchema>;

/**
 * Every chamber a legislator sits in: the district chambers and the US Senate, whose two seats per
 * state have the whole state as their district, so it needs no boundary file.
 */
export const SEAT_CHAMBERS = [...CHAMBERS, "us_senate"] as const;
export const seatChamberSchema = z.enum(SEAT_CHAMBERS);
export type SeatChamber = z.infer<typeof seatChamberSchema>;

/** True for a chamber whose seats are districts with boundaries (not the US Senate). */
export const isDistrictChamber = (chamber: SeatChamber): chamber is Chamber => chamber !== "us_senate";

/** "federal" for Congress, "state" for a state legislature (the `jurisdiction` column of exports). */
export const jurisdictionOfChamber = (chamber: SeatChamber): "state" | "federal" => (chamber === "congressional" || chamber === "us_senate" ? "federal" : "state");

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

export const SEAT_CHAMBER_LABELS: Record<SeatChamber, string> = { ...CHAMBER_LABELS, us_senate: "US Senate" };

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

/** "RI State House 30", "US House MA-7", "US Senate RI": how a district (or a Senate seat's state) is named on screen. */
export function districtLabel(district: { chamber: SeatChamber; state: string | null; name: string }): string {
  if (district.chamber === "us_senate") return `US Senate ${district.state ?? district.name}`;
  const number = /^\d+$/.test(district.name);
  if (district.chamber === "congressional") return `US House ${district.state ?? ""}${number ? `-${district.name}` : ` ${district.name}`}`.trim();
  return `${district.state ? `${district.state} ` : ""}${CHAMBER_LABELS[district.chamber]} ${district.name}`;
}
