import { z } from "zod";
import { rowIdSchema } from "../ids/row-id";
import type { Chamber } from "./district";
import type { PublicHub, PublicSponsor } from "./public-view";

export const hubIdSchema = rowIdSchema;

const text = (max: number) => z.string().trim().max(max).nullish();

/** A hub as organizers write it. `privateContacts` never leaves the signed-in app. */
const hubFields = {
  name: z.string().trim().min(1, "a hub needs a name").max(120),
  publicContact: text(500),
  onboarding: text(4000),
  privateContacts: text(4000),
  districtIds: z.array(rowIdSchema).max(500),
  bodyIds: z.array(rowIdSchema).max(2000),
};
export const hubInputSchema = z.object({ ...hubFields, districtIds: hubFields.districtIds.default([]), bodyIds: hubFields.bodyIds.default([]) });
export type HubInput = z.input<typeof hubInputSchema>;

/** An edit: fields left out stay as they are; lists given replace the hub's lists. */
export const hubUpdateSchema = z.object(hubFields).partial().extend({ hubId: hubIdSchema });
export type HubUpdate = z.input<typeof hubUpdateSchema>;

export interface HubDistrictRef {
  id: number;
  chamber: Chamber;
  state: string | null;
  name: string;
}

/** A hub for signed-in members: everything, private contacts included. */
export interface Hub extends PublicHub {
  privateContacts: string | null;
  districts: HubDistrictRef[];
  bodies: Array<{ id: number; name: string; state: string | null }>;
}

/** The recruiting map: every current district of a chamber, with the hubs covering it by geography (public fields). */
export interface HubCoverage {
  /** `share`: the largest share of the district one hub covers (0 when none does). */
  districts: Array<HubDistrictRef & { hubs: PublicHub[]; share: number }>;
  /** Districts without a hub, by chamber then name. */
  withoutHub: HubDistrictRef[];
}

/** "Find my hub": where a point or a town is, its districts and the hubs to join (public fields). */
export interface HubFinding {
  places: Array<{ id: number; name: string; kind: string; state: string | null }>;
  districts: Array<HubDistrictRef & { hubs: PublicHub[] }>;
  hubs: PublicHub[];
}

/** A nearby body that passed, for a hub to ask for help. */
export interface Ally {
  bodyId: number;
  name: string;
  kind: string;
  state: string | null;
  stage: string;
  /** When it passed (the vote date when recorded). */
  stageDate: string | null;
  distanceKm: number;
  hubs: PublicHub[];
  sponsors: PublicSponsor[];
}
