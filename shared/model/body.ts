import { z } from "zod";
import { rowIdSchema } from "../ids/row-id";
import { uspsCodeSchema } from "../ids/usps";

export const BODY_KINDS = [
  "city_council",
  "town_meeting",
  "select_board",
  "board_of_aldermen",
  "county_board",
  "ward_committee",
  "neighborhood_council",
  "school_committee",
] as const;
export const bodyKindSchema = z.enum(BODY_KINDS);
export type BodyKind = z.infer<typeof bodyKindSchema>;

/** Other spellings people type for a kind (the CLI contract in PRODUCT.md documents `--kind town`). */
export const BODY_KIND_ALIASES: Readonly<Record<string, BodyKind>> = { town: "town_meeting" };

/**
 * A kind as a person types it: any case, spaces or hyphens for underscores ("Town meeting",
 * "town-meeting"), or an alias ("town"). Undefined when it names no kind.
 */
export function parseBodyKind(text: string): BodyKind | undefined {
  const spelled = spelling(text);
  const kind = BODY_KIND_ALIASES[spelled] ?? spelled;
  return (BODY_KINDS as readonly string[]).includes(kind) ? (kind as BodyKind) : undefined;
}

/** Words a file's kind field uses for a whole kind (MassGIS `TYPE`: C or T). */
const KIND_VALUES: Readonly<Record<string, BodyKind>> = { c: "city_council", city: "city_council", t: "town_meeting", town: "town_meeting" };

/** A kind field's value ("C", "City", "town", "select board") → a kind; undefined when it names none. */
export function bodyKindOfValue(value: unknown): BodyKind | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const text = String(value);
  return KIND_VALUES[spelling(text)] ?? parseBodyKind(text);
}

/** "Town-Meeting " → "town_meeting": how enum values are compared with what a person typed. */
export function spelling(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

export const BODY_KIND_LABELS: Record<BodyKind, string> = {
  city_council: "City council",
  town_meeting: "Town meeting",
  select_board: "Select board",
  board_of_aldermen: "Board of aldermen",
  county_board: "County board",
  ward_committee: "Ward committee",
  neighborhood_council: "Neighborhood council",
  school_committee: "School committee",
};

/** The plural of a kind's label, for lists and sentences ("Boards of aldermen"). */
export const BODY_KIND_PLURALS: Record<BodyKind, string> = {
  city_council: "City councils",
  town_meeting: "Town meetings",
  select_board: "Select boards",
  board_of_aldermen: "Boards of aldermen",
  county_board: "County boards",
  ward_committee: "Ward committees",
  neighborhood_council: "Neighborhood councils",
  school_committee: "School committees",
};

export const bodyIdSchema = rowIdSchema;
export type BodyId = z.infer<typeof bodyIdSchema>;

/** [west, south, east, north] in degrees (RFC 7946 §5). */
export type BBox = [number, number, number, number];

/** What the map, the search box and the legend need for every body: no geometry. */
export interface BodySummary {
  id: BodyId;
  name: string;
  kind: BodyKind;
  state: string | null;
  geoid: string | null;
  bbox: BBox;
  stage: string;
  version: number;
}

const bboxSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);

/** body.list's output, checked on the way out: only these fields ever leave the server. */
export const bodySummarySchema = z.object({
  id: bodyIdSchema,
  name: z.string(),
  kind: bodyKindSchema,
  state: z.string().nullable(),
  geoid: z.string().nullable(),
  bbox: bboxSchema,
  stage: z.string(),
  version: z.number().int().min(0),
}) satisfies z.ZodType<BodySummary>;

/** body.neighbors' output. */
export const neighborSchema = z.object({
  bodyId: bodyIdSchema,
  name: z.string(),
  kind: z.string(),
  state: z.string().nullable(),
  distanceKm: z.number().min(0),
});

export const newBodySchema = z.object({
  name: z.string().trim().min(1).max(200),
  kind: bodyKindSchema,
  state: uspsCodeSchema.nullable(),
  geoid: z
    .string()
    .regex(/^\d{2,15}$/)
    .nullable(),
  ocdDivisionId: z.string().startsWith("ocd-division/").max(300).nullable(),
  parentId: bodyIdSchema.nullable(),
});
export type NewBody = z.infer<typeof newBodySchema> & {
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon | GeoJSON.Point;
};
