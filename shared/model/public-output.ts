import { z } from "zod";
import { rowIdSchema } from "../ids/row-id";
import { bodyKindSchema, type BBox } from "./body";
import { campaignSchema } from "./campaign";
import { chamberSchema, districtSummarySchema, seatChamberSchema } from "./district";
import { publicEvidenceSchema } from "./evidence";
import { sponsorRoleSchema } from "./member";
import type { PipelineBoard, PipelineFacets, PipelineList, PipelineRow } from "./pipeline";
import type { PublicBodyDetail, PublicBodyRow, PublicCampaign, PublicHub, PublicMap } from "./public-view";
import { endorserLeverageSchema } from "./endorser";
import { legislatorOfficeSchema } from "./legislator";

/**
 * Output schemas of the public procedures: tRPC checks every answer against them on the way out
 * (`.output(…)`), so a field that is not listed here is stripped and never reaches an anonymous
 * reader, and a malformed answer is an error on our side instead of a surprise in someone's
 * embed. Each `satisfies` keeps the schema and the domain's type in step.
 */

const bbox = z.tuple([z.number(), z.number(), z.number(), z.number()]) satisfies z.ZodType<BBox>;

export const publicCampaignSchema = campaignSchema satisfies z.ZodType<PublicCampaign, unknown>;

export const publicHubSchema = z.object({
  id: rowIdSchema,
  name: z.string(),
  slug: z.string(),
  publicContact: z.string().nullable(),
  onboarding: z.string().nullable(),
}) satisfies z.ZodType<PublicHub>;

export const publicMapSchema = z.object({
  campaignId: rowIdSchema,
  asOf: z.string().nullable(),
  initialStage: z.string(),
  stages: z.array(z.tuple([rowIdSchema, z.string()])),
  counts: z.array(z.object({ stageId: z.string(), count: z.number().int().min(0) })),
  range: z.object({ first: z.string(), last: z.string() }).nullable(),
  people: z.object({ passed: z.number().min(0), total: z.number().min(0) }).nullable(),
  verified: z.array(rowIdSchema),
}) satisfies z.ZodType<PublicMap>;

const tallyCount = z.number().int().min(0).nullable();
/** A tally as recorded: any count may be missing. */
const tallyCounts = z.object({ yes: tallyCount, no: tallyCount, abstain: tallyCount, absent: tallyCount });
/** Sponsors whose position is not internal: name and lead or cosponsor. */
const publicSponsors = z.array(z.object({ name: z.string(), role: sponsorRoleSchema }));

export const publicBodyRowSchema = z.object({
  id: rowIdSchema,
  name: z.string(),
  kind: bodyKindSchema,
  state: z.string().nullable(),
  geoid: z.string().nullable(),
  stage: z.string(),
  stageLabel: z.string(),
  voteDate: z.string().nullable(),
  tally: tallyCounts.nullable(),
  sponsors: publicSponsors,
  verified: z.boolean(),
  countyGeoid: z.string().nullable(),
  bbox,
}) satisfies z.ZodType<PublicBodyRow>;

export const publicBodyDetailSchema = publicBodyRowSchema.extend({
  ocdDivisionId: z.string().nullable(),
  hubs: z.array(publicHubSchema),
  districts: z.array(z.object({ chamber: z.string(), name: z.string(), state: z.string().nullable(), shareOfBody: z.number() })),
  evidence: z.array(publicEvidenceSchema),
}) satisfies z.ZodType<PublicBodyDetail>;

/** public.search: a body's public fields and its box. */
export const publicBodyHitSchema = z.object({
  id: rowIdSchema,
  name: z.string(),
  kind: z.string(),
  state: z.string().nullable(),
  geoid: z.string().nullable(),
  ocdDivisionId: z.string().nullable(),
  parentId: rowIdSchema.nullable(),
  bbox,
});

/** resolution.upcoming: scheduled votes and hearings (public facts, no notes). */
export const upcomingDateSchema = z.object({
  kind: z.enum(["vote", "hearing"]),
  bodyId: rowIdSchema,
  bodyName: z.string(),
  state: z.string().nullable(),
  stage: z.string(),
  date: z.string(),
  time: z.string().nullable(),
  location: z.string().nullable(),
  cancelled: z.boolean(),
});

/** legislator.list: sitting legislators and their step on each bill (public fields only). */
export const legislatorSummarySchema = z.object({
  legislatorId: rowIdSchema,
  name: z.string(),
  party: z.string().nullable(),
  chamber: seatChamberSchema,
  state: z.string(),
  districtId: rowIdSchema.nullable(),
  districtName: z.string(),
  steps: z.array(z.object({ billId: rowIdSchema, step: z.string(), updatedAt: z.string().nullable() })),
});

const share = z.number().min(0).max(1);

const coverageSchema = z.object({
  areaShare: share,
  populationShare: share.nullable(),
  population: z.number().nullable(),
  populationPassed: z.number().nullable(),
  bodiesPassed: z.number().int().min(0),
  populationMethod: z.enum(["counts", "area"]).nullable(),
});

/** district.get: the district, the bodies it overlaps with their stage, coverage, next targets and legislators. */
export const districtDetailSchema = districtSummarySchema.extend({
  isCurrent: z.boolean(),
  areaKm2: z.number().min(0),
  bodies: z.array(
    z.object({
      bodyId: rowIdSchema,
      name: z.string(),
      kind: z.string(),
      state: z.string().nullable(),
      parentId: rowIdSchema.nullable(),
      population: z.number().nullable(),
      stage: z.string(),
      stageDate: z.string().nullable(),
      passed: z.boolean(),
      shareOfBody: z.number(),
      shareOfDistrict: z.number(),
      tally: tallyCounts.nullable(),
      sponsors: publicSponsors,
    }),
  ),
  sharePassed: share,
  coverage: coverageSchema,
  nextTargets: z.array(
    z.object({
      bodyId: rowIdSchema,
      name: z.string(),
      stage: z.string(),
      gain: z.number(),
      basis: z.enum(["population", "area"]),
      progress: z.number(),
      score: z.number(),
    }),
  ),
  legislators: z.array(legislatorSummarySchema),
  over: z.array(legislatorSummarySchema.extend({ share })),
  hubs: z.array(z.object({ hubId: rowIdSchema, name: z.string(), share })),
  endorsers: endorserLeverageSchema,
});

const planSideSchema = z.object({
  districtId: rowIdSchema,
  name: z.string(),
  vintage: z.string(),
  isCurrent: z.boolean(),
  label: z.string(),
  coverage: coverageSchema,
});

const movingBodySchema = z.object({ bodyId: rowIdSchema, name: z.string(), shareOfDistrict: share });

/** district.planComparison: the district under the older and the newer plan of its chamber, and the passed bodies moving; null with one plan. */
export const planComparisonSchema = z
  .object({ older: planSideSchema, newer: planSideSchema, movingIn: z.array(movingBodySchema), movingOut: z.array(movingBodySchema) })
  .nullable();
export type PlanComparisonOutput = NonNullable<z.infer<typeof planComparisonSchema>>;

const pipelineRowSchema = z.object({
  bodyId: rowIdSchema,
  bodyName: z.string(),
  kind: bodyKindSchema,
  state: z.string().nullable(),
  countyGeoid: z.string().nullable(),
  countyName: z.string().nullable(),
  hubId: rowIdSchema.nullable(),
  hubName: z.string().nullable(),
  stage: z.string(),
  version: z.number().int().min(0),
  voteDate: z.string().nullable(),
  voteTime: z.string().nullable(),
  voteCancelled: z.boolean(),
  tally: tallyCounts,
  updatedAt: z.string().nullable(),
}) satisfies z.ZodType<PipelineRow>;

/** pipeline.list: one page of rows and the total. */
export const pipelineListSchema = z.object({
  rows: z.array(pipelineRowSchema),
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
}) satisfies z.ZodType<PipelineList>;

/** pipeline.board: the stage columns with their first cards. */
export const pipelineBoardSchema = z.object({
  columns: z.array(z.object({ stageId: z.string(), count: z.number().int().min(0), rows: z.array(pipelineRowSchema) })),
  total: z.number().int().min(0),
}) satisfies z.ZodType<PipelineBoard>;

/** pipeline.facets: what the filters can offer. */
export const pipelineFacetsSchema = z.object({
  counties: z.array(z.object({ geoid: z.string(), name: z.string(), count: z.number().int().min(0) })),
  hubs: z.array(z.object({ id: rowIdSchema, name: z.string() })),
  kinds: z.array(z.object({ kind: bodyKindSchema, count: z.number().int().min(0) })),
}) satisfies z.ZodType<PipelineFacets>;

const isGeometry = (types: readonly string[]) => (value: unknown) =>
  typeof value === "object" && value !== null && types.includes((value as { type?: string }).type ?? "") && Array.isArray((value as { coordinates?: unknown }).coordinates);

/** district.shapes: display outlines of a district and its bodies (geometry only, no other fields). */
export const districtShapesSchema = z.object({
  district: z.custom<GeoJSON.Polygon | GeoJSON.MultiPolygon>(isGeometry(["Polygon", "MultiPolygon"]), "expected a polygon"),
  bodies: z.array(
    z.object({
      bodyId: rowIdSchema,
      geometry: z.custom<GeoJSON.Polygon | GeoJSON.MultiPolygon | GeoJSON.Point>(isGeometry(["Polygon", "MultiPolygon", "Point"]), "expected a geometry"),
    }),
  ),
});

const hubDistrictRefSchema = z.object({ id: rowIdSchema, chamber: chamberSchema, state: z.string().nullable(), name: z.string() });
const districtWithHubsSchema = hubDistrictRefSchema.extend({ hubs: z.array(publicHubSchema) });

/** hub.coverage: the recruiting map. */
export const hubCoverageSchema = z.object({ districts: z.array(districtWithHubsSchema.extend({ share: z.number().min(0).max(1) })), withoutHub: z.array(hubDistrictRefSchema) });

/** hub.gaps: the recruiting gap list (shared/rules/recruiting-gaps.ts), worst gap first. */
export const recruitingGapsSchema = z.array(
  z.object({
    districtId: rowIdSchema,
    label: z.string(),
    uncoveredShare: z.number().min(0).max(1),
    peopleNotCovered: z.number().int().min(0).nullable(),
    legislators: z.array(z.object({ legislatorId: rowIdSchema, name: z.string(), party: z.string().nullable(), step: z.string() })),
    townsToRecruit: z.array(z.object({ bodyId: rowIdSchema, name: z.string(), people: z.number().int().min(0).nullable(), shareOfDistrict: z.number().min(0).max(1) })),
  }),
);

/** hub.find: Find my hub. */
export const hubFindingSchema = z.object({
  places: z.array(z.object({ id: rowIdSchema, name: z.string(), kind: z.string(), state: z.string().nullable() })),
  districts: z.array(districtWithHubsSchema),
  hubs: z.array(publicHubSchema),
});

/** hub.allies: nearby bodies that passed, with public sponsors and hubs. */
export const allySchema = z.object({
  bodyId: rowIdSchema,
  name: z.string(),
  kind: z.string(),
  state: z.string().nullable(),
  stage: z.string(),
  stageDate: z.string().nullable(),
  distanceKm: z.number().min(0),
  hubs: z.array(publicHubSchema),
  sponsors: publicSponsors,
});

/** One legislator for "Contact your legislator": seat, the contacts Open States publishes, and their step on each bill with what to say. */
export const publicLegislatorHereSchema = legislatorSummarySchema.pick({ legislatorId: true, name: true, party: true, chamber: true }).extend({
  /** "Rhode Island House district 1", "US Senate (RI)". */
  seat: z.string(),
  email: z.string().nullable(),
  offices: z.array(legislatorOfficeSchema),
  /** Web links (http and https only). */
  links: z.array(z.string()),
  steps: z.array(z.object({ billId: rowIdSchema, bill: z.string(), step: z.string(), label: z.string(), whatToSay: z.string() })),
});
export type PublicLegislatorHere = z.infer<typeof publicLegislatorHereSchema>;

/** public.legislatorsHere: the places found and who represents them, State Rep first, then Senator, Congress, US Senate. */
export const publicLegislatorsHereSchema = z.object({
  places: hubFindingSchema.shape.places,
  legislators: z.array(publicLegislatorHereSchema),
});
export type PublicLegislatorsHere = z.infer<typeof publicLegislatorsHereSchema>;
