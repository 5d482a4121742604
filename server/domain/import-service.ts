import type { CommitteeRecord } from "../../shared/model/committee";
import type { LegislatorRecord } from "../../shared/model/legislator";
import type { BallotImportSummary } from "../../shared/model/ballot-question";
import type {
  BallotResultsImportRequest,
  BoundaryImportRequest,
  CommitteesImportRequest,
  CosponsorsImportRequest,
  EndorsersImportRequest,
  HubsImportRequest,
  LegislatorsImportRequest,
  PopulationImportRequest,
  SpreadsheetImportRequest,
} from "../../shared/model/import-request";
import { describeRowErrors, type SpreadsheetPlan, type SpreadsheetTable } from "../../shared/model/spreadsheet-import";
import { importBallotResults } from "./ballot-questions";
import { assertCanImport, describeBoundaryImport, importBoundaryLayer, type BoundaryImportResult, type BoundaryLayer } from "./boundary-import";
import { resolveCampaign } from "./campaigns";
import { importCommittees, type CommitteeImportSummary } from "./committees";
import type { ChangeInput } from "./changes";
import { importEndorsers } from "./endorsers";
import type { EndorserImportSummary, Geocoder } from "../../shared/model/endorser";
import { importHubs, type HubImportSummary } from "./hub-import";
import { importLegislators, type LegislatorImportSummary } from "./legislators";
import { importSpreadsheet, SpreadsheetRowsError } from "./spreadsheet-import";
import { importCosponsors, type CosponsorImportSummary } from "./ladder";
import { importPopulationLayer, type PopulationImportSummary, type PopulationLayer } from "./population";
import { write, type WriteContext } from "./write";
import { guessBoundaryPublisher } from "../../shared/rules/boundary-credit";

/**
 * The import services, one per kind: each takes one request parsed by `shared/model/import-request.ts`
 * and what the door read from the file (server/io), checks that the actor may import, and writes
 * through `write` (one transaction, its audit entry, then the live change after commit). The CLI,
 * the upload routes and so the Import screen call these and only phrase what comes back.
 */

/** An import redraws maps for everyone: bodies, districts and legislators are shared by all campaigns. */
const importChange = (campaignId: number | null = null): ChangeInput => ({ campaignId, kind: "import", ids: [] });

/** Bodies or districts from a boundary layer, then every overlap recomputed (unless `overlaps: false`). */
export function importBoundaries(
  ctx: WriteContext,
  request: BoundaryImportRequest,
  layer: BoundaryLayer,
  { fileName, onOverlapProgress }: { fileName: string; onOverlapProgress?: (done: number, total: number) => void },
): Promise<BoundaryImportResult> {
  assertCanImport(ctx.actor);
  // Bodies credit their boundaries' publisher on press maps: the request's source, else the one the file's name suggests.
  const plan = request.as === "bodies" ? { ...request, source: request.source ?? guessBoundaryPublisher(fileName) } : request;
  return write(
    ctx,
    (trx) => importBoundaryLayer(trx, layer, plan, ctx.actor, { overlaps: request.overlaps, minShare: request.minShare, onOverlapProgress }),
    () => importChange(),
    { action: `import ${plan.as}`, subjectKind: plan.as === "bodies" ? "body" : "district", describe: (result) => describeBoundaryImport(plan, result) },
  );
}

/** One state's legislators (Open States), matched to its current districts; a dry run keeps nothing. */
export function importLegislatorRoster(
  ctx: WriteContext,
  request: LegislatorsImportRequest,
  roster: { records: LegislatorRecord[]; isFullRoster: boolean },
  { fileName }: { fileName: string },
): Promise<LegislatorImportSummary> {
  assertCanImport(ctx.actor);
  return write(
    ctx,
    (trx) => importLegislators(trx, roster.records, { state: request.state, isFullRoster: roster.isFullRoster }),
    () => importChange(),
    {
      action: "import legislators",
      subjectKind: "legislator",
      describe: (result) => ({
        subjectId: null,
        summary: `Imported ${result.legislators} ${result.state} legislators from ${fileName}: ${result.created} new, ${result.updated} updated`,
        after: { created: result.created, updated: result.updated, matched: result.matched, unmatched: result.unmatched.length },
      }),
    },
    { dryRun: request.dryRun },
  );
}

/** One state's committees (Open States) and their members; the legislators must be imported first. */
export function importCommitteeRoster(
  ctx: WriteContext,
  request: CommitteesImportRequest,
  committees: readonly CommitteeRecord[],
  { fileName }: { fileName: string },
): Promise<CommitteeImportSummary> {
  assertCanImport(ctx.actor);
  return write(
    ctx,
    (trx) => importCommittees(trx, committees, { state: request.state }),
    () => importChange(),
    {
      action: "import committees",
      subjectKind: "committee",
      describe: (result) => ({
        subjectId: null,
        summary: `Imported ${result.committees} ${result.state} committees from ${fileName}: ${result.created.length} new, ${result.updated} updated, ${result.memberships} seats`,
        after: { created: result.created.length, updated: result.updated, memberships: result.memberships },
      }),
    },
    { dryRun: request.dryRun },
  );
}

/** A bill's cosponsor list: matched names move up to cosponsor (never down), the others are reported. */
export async function importCosponsorList(
  ctx: WriteContext,
  request: CosponsorsImportRequest,
  names: string[],
  { fileName }: { fileName: string },
): Promise<CosponsorImportSummary> {
  assertCanImport(ctx.actor);
  const { summary } = await write(
    ctx,
    async (trx) => {
      const campaign = await resolveCampaign(trx, request.campaign);
      return {
        campaignId: campaign.id,
        summary: await importCosponsors(trx, { campaignId: campaign.id, bill: request.bill, state: request.state, names, source: fileName }, ctx.actor),
      };
    },
    ({ campaignId }) => ({ campaignId, kind: "legislator", ids: [] }),
    {
      action: "import cosponsors",
      subjectKind: "legislatorStep",
      describe: ({ campaignId, summary }) => ({
        subjectId: null,
        campaignId,
        summary: `Marked ${summary.updated.length} legislators cosponsor of ${summary.bill} from ${fileName}`,
        after: { bill: summary.bill, updated: summary.updated, unmatched: summary.unmatched.length },
      }),
    },
    { dryRun: request.dryRun },
  );
  return summary;
}

/**
 * A campaign spreadsheet as resolutions or members. The plan lists every row error; a commit
 * with any is refused (SpreadsheetRowsError carries the plan), a dry run returns it.
 */
export function importSpreadsheetTable(ctx: WriteContext, request: SpreadsheetImportRequest, table: SpreadsheetTable): Promise<SpreadsheetPlan> {
  assertCanImport(ctx.actor);
  return write(
    ctx,
    async (trx) => {
      const plan = await importSpreadsheet(trx, { as: request.as, campaign: request.campaign, table }, ctx.actor, { dryRun: request.dryRun });
      if (plan.errors.length && !request.dryRun) throw new SpreadsheetRowsError(describeRowErrors(plan.errors), plan);
      return plan;
    },
    // A new campaign is announced to every campaign's viewers.
    (plan) => importChange(plan.campaign.isNew ? null : plan.campaign.id),
    {
      action: `import ${request.as}`,
      subjectKind: request.as === "resolutions" ? "resolution" : "member",
      describe: (plan) => ({
        subjectId: null,
        campaignId: plan.campaign.id,
        summary: `Imported ${plan.as} from a spreadsheet: ${plan.created.length} new, ${plan.updated.length} updated, ${plan.unchanged.length} unchanged`,
        after: { rows: plan.rows, created: plan.created.length, updated: plan.updated.length, unchanged: plan.unchanged.length },
      }),
    },
    { dryRun: request.dryRun },
  );
}

/** Hubs by name from spreadsheet rows; any bad row refuses the file. */
export function importHubRows(ctx: WriteContext, request: HubsImportRequest, rows: Array<Record<string, string>>, { fileName }: { fileName: string }): Promise<HubImportSummary> {
  assertCanImport(ctx.actor);
  return write(
    ctx,
    (trx) => importHubs(trx, rows, { state: request.state, dryRun: request.dryRun }, ctx.actor),
    () => ({ campaignId: null, kind: "hub", ids: [] }),
    {
      action: "import hubs",
      subjectKind: "hub",
      describe: (result) => ({
        subjectId: null,
        summary: `Imported hubs from ${fileName}: ${result.created.length} new, ${result.updated.length} updated`,
        after: { created: result.created, updated: result.updated },
      }),
    },
    { dryRun: request.dryRun },
  );
}

/**
 * A ballot question's results (by town, precinct or district) into a campaign: the question is
 * created, or its results replaced. Any bad row refuses the file; a dry run keeps nothing.
 */
export function importBallotResultRows(
  ctx: WriteContext,
  request: BallotResultsImportRequest,
  records: ReadonlyArray<{ row: number; fields: string[] }>,
  { fileName }: { fileName: string },
): Promise<BallotImportSummary> {
  assertCanImport(ctx.actor);
  return write(
    ctx,
    (trx) => importBallotResults(trx, { request, records, fileName }),
    (summary) => importChange(summary.campaignId),
    {
      action: "import ballot-results",
      subjectKind: "ballotQuestion",
      describe: (summary) => ({
        subjectId: summary.questionId,
        campaignId: summary.campaignId,
        summary: `Imported results of ballot question "${summary.question}" from ${fileName}: ${summary.rows} rows, ${summary.towns} towns${summary.replaced ? `, replacing ${summary.replaced} rows` : ""}`,
        after: {
          rows: summary.rows,
          towns: summary.towns,
          districts: summary.districts.filter((district) => !district.estimated).map((district) => `${district.chamber} ${district.district}`),
        },
      }),
    },
    { dryRun: request.dryRun },
  );
}

/**
 * A campaign's endorsers from CSV rows, placed by coordinates, a geocoded address (only with a
 * geocoder) or their town's centre. Any bad row refuses the file; a dry run keeps nothing.
 */
export function importEndorserRows(
  ctx: WriteContext,
  request: EndorsersImportRequest,
  rows: ReadonlyArray<Record<string, string>>,
  { fileName, geocode }: { fileName: string; geocode?: Geocoder | undefined },
): Promise<EndorserImportSummary> {
  assertCanImport(ctx.actor);
  return write(
    ctx,
    async (trx) => importEndorsers(trx, { campaignId: (await resolveCampaign(trx, request.campaign)).id, rows, geocode }, ctx.actor, { dryRun: request.dryRun }),
    (summary) => ({ campaignId: summary.campaignId, kind: "endorser", ids: [] }),
    {
      action: "import endorsers",
      subjectKind: "endorser",
      describe: (summary) => ({
        subjectId: null,
        campaignId: summary.campaignId,
        summary: `Imported endorsers from ${fileName}: ${summary.created.length} new, ${summary.updated.length} updated, ${summary.unchanged.length} unchanged`,
        after: { rows: summary.rows, created: summary.created.length, updated: summary.updated.length, unchanged: summary.unchanged.length },
      }),
    },
    { dryRun: request.dryRun },
  );
}

/** A population layer's counts placed into the districts and bodies; a dry run keeps nothing. */
export function importPopulation(
  ctx: WriteContext,
  request: PopulationImportRequest,
  layer: PopulationLayer,
  { fileName }: { fileName: string },
): Promise<PopulationImportSummary> {
  assertCanImport(ctx.actor);
  return write(
    ctx,
    (trx) => importPopulationLayer(trx, layer, request, ctx.actor, { fileName }),
    () => importChange(),
    {
      action: "import population",
      subjectKind: "population",
      describe: (summary) => ({ subjectId: null, summary: `Population layer ${fileName} (${request.countField}): ${summary.people} people in ${summary.districts} districts` }),
    },
    { dryRun: request.dryRun },
  );
}
