import { z } from "zod";
import { rowIdSchema } from "../ids/row-id";
import { ladderStepSchema, optionalLink, stepListSchema, stepSourceSchema, type LadderMove } from "./ladder";

/**
 * An endorser: an organisation (business, nonprofit, union local…) or a person with a public role
 * (mayor, clergy, doctor…) asked to endorse the campaign, located at a point or at the centre of
 * its town, standing on the campaign's endorser ladder. Name, category, town, website, the public
 * contact (only when they agreed) and a public step are public once they agreed to be listed;
 * address, private contact and notes never leave the signed-in app.
 */

export const ORGANISATION_CATEGORIES = ["business", "nonprofit", "union_local", "faith_congregation", "medical_practice", "party_committee", "organisation"] as const;
export const PERSON_CATEGORIES = ["mayor", "councillor", "select_board_member", "clergy", "doctor", "person"] as const;
export const ENDORSER_CATEGORIES = [...ORGANISATION_CATEGORIES, ...PERSON_CATEGORIES] as const;
export type EndorserCategory = (typeof ENDORSER_CATEGORIES)[number];
export const endorserCategorySchema = z.enum(ENDORSER_CATEGORIES);

/** Singular and plural labels, for "31 local organisations endorsed, including 12 medical practices". */
export const ENDORSER_CATEGORY_LABELS: Record<EndorserCategory, { one: string; many: string }> = {
  business: { one: "business", many: "businesses" },
  nonprofit: { one: "nonprofit", many: "nonprofits" },
  union_local: { one: "union local", many: "union locals" },
  faith_congregation: { one: "faith congregation", many: "faith congregations" },
  medical_practice: { one: "medical practice", many: "medical practices" },
  party_committee: { one: "party committee", many: "party committees" },
  organisation: { one: "other organisation", many: "other organisations" },
  mayor: { one: "mayor", many: "mayors" },
  councillor: { one: "councillor", many: "councillors" },
  select_board_member: { one: "select board member", many: "select board members" },
  clergy: { one: "member of the clergy", many: "clergy" },
  doctor: { one: "doctor", many: "doctors" },
  person: { one: "other person", many: "other people" },
};

/** People who sit on their town's body: linked to it, they also appear in that body's panel. */
export const SEATED_CATEGORIES: ReadonlySet<EndorserCategory> = new Set(["mayor", "councillor", "select_board_member"]);

export const isOrganisation = (category: EndorserCategory): boolean => (ORGANISATION_CATEGORIES as readonly string[]).includes(category);

/** An endorser ladder step: a ladder step, plus whether standing at it is public (they endorsed in public). */
export const endorserStepSchema = ladderStepSchema.extend({ public: z.boolean().default(false) });
export type EndorserStep = z.infer<typeof endorserStepSchema>;

export const endorserLadderSchema = stepListSchema(endorserStepSchema).refine((ladder) => ladder.steps.some((step) => step.public), {
  message: "the endorser ladder needs at least one public step (endorsed)",
});
export type EndorserLadder = z.infer<typeof endorserLadderSchema>;

export const defaultEndorserLadder: EndorserLadder = {
  steps: [
    { id: "identified", label: "Identified", description: "On the list of people and groups to ask", public: false },
    { id: "asked", label: "Asked", description: "Someone asked them to endorse", public: false },
    { id: "considering", label: "Considering", description: "Taking it to their board, members or congregation", public: false },
    { id: "endorsed", label: "Endorsed", description: "Endorsed in public", public: true },
    { id: "active_partner", label: "Active partner", description: "Works with the campaign: events, mailings, testimony", public: true },
    { id: "declined", label: "Declined", description: "Said no, for now", public: false },
  ],
};

/** Where an endorser's point comes from. */
export const LOCATION_SOURCES = ["coordinates", "town", "address"] as const;
export type LocationSource = (typeof LOCATION_SOURCES)[number];

/** An endorser as signed-in members see it. */
export interface Endorser {
  id: number;
  campaignId: number;
  name: string;
  category: EndorserCategory;
  town: string;
  state: string;
  /** The town's body (its centre places the endorser when no coordinates are given). */
  townBodyId: number | null;
  /** The body a person sits on (a mayor: the city), shown in that body's panel. */
  linkedBodyId: number | null;
  address: string | null;
  lon: number;
  lat: number;
  locationSource: LocationSource;
  website: string | null;
  /** Shown publicly only when they agreed (`isPublic`). */
  publicContact: string | null;
  privateContact: string | null;
  note: string | null;
  /** They agreed to be listed publicly. */
  isPublic: boolean;
  step: string;
  stepUpdatedAt: string | null;
}

/** What an anonymous visitor sees of an endorser who agreed to be listed: the step only when it is a public one. */
export interface PublicEndorser {
  id: number;
  name: string;
  category: EndorserCategory;
  town: string;
  state: string;
  /** The town's body: the public page lists the town's endorsers in its panel. */
  townBodyId: number | null;
  linkedBodyId: number | null;
  lon: number;
  lat: number;
  website: string | null;
  publicContact: string | null;
  step: string | null;
}

export const publicEndorserSchema = z.object({
  id: rowIdSchema,
  name: z.string(),
  category: endorserCategorySchema,
  town: z.string(),
  state: z.string(),
  townBodyId: rowIdSchema.nullable(),
  linkedBodyId: rowIdSchema.nullable(),
  lon: z.number(),
  lat: z.number(),
  website: z.string().nullable(),
  publicContact: z.string().nullable(),
  step: z.string().nullable(),
}) satisfies z.ZodType<PublicEndorser, unknown>;

/** An endorser as the district page, legislator page and brief list it: public fields only. */
export const districtEndorserSchema = publicEndorserSchema.pick({ id: true, name: true, category: true, town: true, state: true, website: true, step: true });
export type DistrictEndorser = z.infer<typeof districtEndorserSchema>;

/**
 * The endorsers of a district ("31 local organisations endorsed, including 12 medical practices"):
 * those who agreed to be listed and stand at a public step, furthest along first.
 */
export const endorserLeverageSchema = z.object({
  count: z.number().int().min(0),
  /** The sentence, or null when nobody here has endorsed yet. */
  summary: z.string().nullable(),
  /** Which endorsers count, in words: the public steps by label, the consent, how a town-placed endorser is located. */
  basis: z.string(),
  endorsers: z.array(districtEndorserSchema),
});
export type EndorserLeverage = z.infer<typeof endorserLeverageSchema>;

export const endorserIdSchema = rowIdSchema;

export const setEndorserStepInputSchema = z.object({
  endorserId: endorserIdSchema,
  step: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  source: stepSourceSchema.default("other"),
  link: optionalLink,
  /** Private: who said what, when. */
  note: z.string().trim().max(2000).nullish(),
  /** The step the user saw; a different current step is a conflict. */
  expectedStep: z.string().max(40).optional(),
});
export type SetEndorserStepInput = z.input<typeof setEndorserStepInputSchema>;

export const undoEndorserStepInputSchema = z.object({ endorserId: endorserIdSchema, expectedEventId: rowIdSchema });
export type UndoEndorserStepInput = z.input<typeof undoEndorserStepInputSchema>;

/** One change of an endorser's step; `actor` and `note` are private. */
export interface EndorserStepEvent extends LadderMove {
  id: number;
}

/** Columns of an endorsers CSV, in export order; `name` and `town` are required on every row. */
export const ENDORSER_COLUMNS = ["name", "category", "town", "state", "address", "lat", "lon", "step", "public", "website", "public_contact", "private_contact", "note"] as const;
export type EndorserColumn = (typeof ENDORSER_COLUMNS)[number];

/** The columns `export endorsers --public` writes: what an anonymous visitor may see. */
export const PUBLIC_ENDORSER_COLUMNS = ["name", "category", "town", "state", "lat", "lon", "step", "website", "public_contact"] as const satisfies readonly EndorserColumn[];

/** What an endorsers import did (or, in a dry run, would do). */
export interface EndorserImportSummary {
  dryRun: boolean;
  campaign: string;
  campaignId: number;
  rows: number;
  created: string[];
  updated: string[];
  unchanged: string[];
  /** How the new and updated endorsers were placed. */
  placed: Record<LocationSource, number>;
}

/** An uploaded endorsers CSV as the Import screen previews it (a header with name and town, every column an endorser column). */
export interface EndorserUploadPreview {
  token: string;
  expiresAt: string;
  fileName: string;
  bytes: number;
  format: "endorsers";
  rows: number;
  columns: string[];
  /** A few names, to recognise the file. */
  samples: string[];
}

/** What the Import screen reports after a dry run (Check) or an import of endorsers. */
export interface EndorserImportReport extends EndorserImportSummary {
  fileName: string;
}

/** Looks up an address: a point `[lon, lat]`, or null when unknown. Off unless a geocoder URL is configured. */
export type Geocoder = (query: { address: string; town: string; state: string }) => Promise<[number, number] | null>;
