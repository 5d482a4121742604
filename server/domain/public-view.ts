import type { BBox, BodyKind } from "../../shared/model/body";
import type { Campaign } from "../../shared/model/campaign";
import { pickPublic } from "../../shared/model/public-fields";
import type { PublicEndorser } from "../../shared/model/endorser";
import type {
  AreaCount,
  PressSnapshot,
  PublicBodyDetail,
  PublicBodyRow,
  PublicCampaign,
  PublicHub,
  PublicMap,
  PublicSponsor,
  PublicViewInput,
} from "../../shared/model/public-view";
import { findStage, initialStage } from "../../shared/model/stage";
import { stagesAsOf } from "../../shared/rules/replay";
import { countyOfGeoid } from "../../shared/model/campaign-scope";
import { countByStage, countPeople } from "../../shared/rules/stage-counts";
import { countPasses, describePassHeadline, stagesCounted } from "../../shared/rules/verification";
import { countsAsPassed } from "../../shared/model/stage";
import { stateByFips } from "../../shared/ids/usps";
import type { Db } from "../db/connect";
import { findBodyGeometries, findBoundarySources } from "../db/repositories/body-repository";
import { describeBoundaryCredit } from "../../shared/rules/boundary-credit";
import { findOverlapsOfBody } from "../db/repositories/overlap-repository";
import {
  countCountedBodies,
  findCountedPopulations,
  findCountyNames,
  findPublicBodies,
  findPublicHubs,
  findPublicHubsOfBody,
  findPublicResolutions,
  findPublicSponsors,
  findResolutionStagesSince,
  findStageHistory,
  findStageHistoryRange,
} from "../db/repositories/public-repository";
import { NotFoundError } from "../errors";
import { getCampaign, listCampaigns, resolveCampaign } from "./campaigns";
import { listPublicEndorsers } from "./endorsers";
import { findVerifiedBodyIds, listPublicEvidence } from "./evidence";

/**
 * The public surfaces' use cases: everything an anonymous reader, the embed, the print page and
 * the press exports see. Output is built field by field with `pickPublic` from
 * shared/model/public-fields.ts; nothing here spreads a row.
 */

export function toPublicCampaign(campaign: Campaign & { modelText?: string | null }): PublicCampaign {
  const picked = pickPublic("campaign", campaign);
  return { ...picked, modelText: picked.modelText ?? null };
}

export async function listPublicCampaigns(db: Db): Promise<PublicCampaign[]> {
  return (await listCampaigns(db)).map(toPublicCampaign);
}

/** A campaign by id, slug or name; NotFoundError otherwise. */
export async function findPublicCampaign(db: Db, key: number | string): Promise<PublicCampaign> {
  return toPublicCampaign(typeof key === "number" ? await getCampaign(db, key) : await resolveCampaign(db, key));
}

/** A campaign's endorsers as anyone may see them (`toPublicEndorser`). */
export async function listCampaignPublicEndorsers(db: Db, key: number | string): Promise<PublicEndorser[]> {
  return listPublicEndorsers(db, await findPublicCampaign(db, key));
}

export async function listPublicHubs(db: Db): Promise<PublicHub[]> {
  return (await findPublicHubs(db)).map((row) => pickPublic("hub", row));
}

/** Stage of every body with a resolution, now or at the end of `asOf`; null for the first stage. */
async function stageLookup(db: Db, campaign: PublicCampaign, asOf: string | null | undefined) {
  const resolutions = await findPublicResolutions(db, campaign.id);
  const history = await findStageHistory(db, campaign.id);
  const current = new Map(resolutions.map((row) => [row.bodyId, row.stage]));
  const stages = asOf ? stagesAsOf(resolutions, history, asOf) : current;
  return { resolutions, stages, current, verified: await verifiedPasses(db, campaign, stages, asOf) };
}

/** Bodies shown at a passed stage whose pass was verified by the end of `asOf` (or now). */
async function verifiedPasses(db: Db, campaign: PublicCampaign, stages: ReadonlyMap<number, string>, asOf: string | null | undefined): Promise<Set<number>> {
  const passedIds = new Set(campaign.stageScheme.stages.filter(countsAsPassed).map((stage) => stage.id));
  const verified = await findVerifiedBodyIds(db, campaign.id, asOf);
  return new Set([...verified].filter((bodyId) => passedIds.has(stages.get(bodyId) ?? "")));
}

/**
 * The public map's stage payload, as of a day when `asOf` is given. Reads only what it needs
 * (stages, the body count, the history range; the history itself only for a past day): every
 * open public map and embed polls it.
 */
export async function getPublicMap(db: Db, input: { campaign: number | string; asOf?: string | null }): Promise<PublicMap> {
  const campaign = await findPublicCampaign(db, input.campaign);
  const first = initialStage(campaign.stageScheme).id;
  const resolutions = await findResolutionStagesSince(db, campaign.id, campaign.scope);
  const stages = input.asOf ? stagesAsOf(resolutions, await findStageHistory(db, campaign.id), input.asOf) : new Map(resolutions.map((row) => [row.bodyId, row.stage]));
  const listed = [...stages].filter(([, stage]) => stage !== first).sort(([a], [b]) => a - b);
  const counts = countByStage(
    campaign.stageScheme,
    listed.map(([, stage]) => stage),
  );
  const atFirst = counts.find((entry) => entry.stageId === first)!;
  atFirst.count = (await countCountedBodies(db, campaign.scope)) - listed.length;
  const populations = await findCountedPopulations(db, campaign.scope);
  const verified = await verifiedPasses(db, campaign, stages, input.asOf);
  const counted = stagesCounted(
    campaign.stageScheme,
    [...populations.keys()].map((bodyId) => [bodyId, stages.get(bodyId) ?? first]),
    verified,
    campaign.countVerifiedOnly,
  );
  const people = countPeople(campaign.stageScheme, counted, populations);
  return {
    campaignId: campaign.id,
    asOf: input.asOf ?? null,
    initialStage: first,
    stages: listed,
    counts,
    range: await findStageHistoryRange(db, campaign.id),
    people,
    verified: [...verified].sort((a, b) => a - b),
  };
}

const sponsorsOf = (rows: Awaited<ReturnType<typeof findPublicSponsors>>) => {
  const byBody = new Map<number, PublicSponsor[]>();
  for (const row of rows) {
    if (row.sponsorRole !== "lead" && row.sponsorRole !== "cosponsor") continue;
    byBody.set(row.bodyId, [...(byBody.get(row.bodyId) ?? []), { name: row.name, role: row.sponsorRole }]);
  }
  return byBody;
};

const intersects = (a: BBox, b: BBox) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];

/**
 * The rows of a public view: every body (inside `bbox`, at one of `stages` when given) with its
 * stage as of the day, vote date, tally and sponsors. A tally or vote date is shown for a past day
 * only when the body was already at its current stage then (the record holds today's figures).
 */
async function publicRows(db: Db, campaign: PublicCampaign, view: Omit<PublicViewInput, "campaign">, onlyBodyId?: number): Promise<PublicBodyRow[]> {
  const first = initialStage(campaign.stageScheme).id;
  const { resolutions, stages, current, verified } = await stageLookup(db, campaign, view.asOf);
  const byBody = new Map(resolutions.map((row) => [row.bodyId, pickPublic("resolution", row)]));
  const bodies = (await findPublicBodies(db, campaign.scope)).filter((body) => onlyBodyId === undefined || body.id === onlyBodyId);
  const sponsors = sponsorsOf(await findPublicSponsors(db, campaign.id, onlyBodyId === undefined ? null : [onlyBodyId]));
  const rows: PublicBodyRow[] = [];
  for (const row of bodies) {
    const body = pickPublic("body", row);
    const bbox: BBox = [row.minLon, row.minLat, row.maxLon, row.maxLat];
    const stage = stages.get(body.id) ?? first;
    if (view.stages && !view.stages.includes(stage)) continue;
    if (view.bbox && !intersects(bbox, view.bbox)) continue;
    const resolution = byBody.get(body.id);
    const settled = resolution !== undefined && (!view.asOf || current.get(body.id) === stage);
    const hasTally = settled && (resolution.tallyYes !== null || resolution.tallyNo !== null);
    rows.push({
      id: body.id,
      name: body.name,
      kind: body.kind as BodyKind,
      state: body.state,
      geoid: body.geoid,
      stage,
      stageLabel: findStage(campaign.stageScheme, stage)?.label ?? stage,
      voteDate: settled && (!view.asOf || (resolution.voteDate ?? "") <= view.asOf) ? resolution.voteDate : null,
      tally: hasTally ? { yes: resolution.tallyYes, no: resolution.tallyNo, abstain: resolution.tallyAbstain, absent: resolution.tallyAbsent } : null,
      sponsors: sponsors.get(body.id) ?? [],
      verified: verified.has(body.id),
      countyGeoid: countyOfGeoid(body.geoid),
      bbox,
    });
  }
  return rows;
}

/** One body's public popup: stage, vote, sponsors, the hubs covering it and its districts. */
export async function getPublicBody(db: Db, input: { campaign: number | string; bodyId: number; asOf?: string | null }): Promise<PublicBodyDetail> {
  const campaign = await findPublicCampaign(db, input.campaign);
  const [row] = await publicRows(db, campaign, { asOf: input.asOf }, input.bodyId);
  if (!row) throw new NotFoundError(`No body with id ${input.bodyId}`);
  const all = await findPublicBodies(db, campaign.scope);
  const hubs = (await findPublicHubsOfBody(db, row.id)).map((hub) => pickPublic("hub", hub));
  const districts = (await findOverlapsOfBody(db, row.id)).map((overlap) => ({
    chamber: overlap.chamber,
    name: overlap.name,
    state: overlap.state,
    shareOfBody: Number(overlap.shareOfBody.toFixed(4)),
  }));
  const evidence = await listPublicEvidence(db, campaign.id, row.id);
  return { ...row, ocdDivisionId: all.find((body) => body.id === row.id)?.ocdDivisionId ?? null, hubs, districts, evidence };
}

/** Bodies whose name contains `query` (optionally "name ST"), public fields only. */
export async function searchPublicBodies(db: Db, input: { query: string; limit?: number }) {
  const [, name = input.query, state] = /^(.*?)(?:[\s,]+([A-Za-z]{2}))?$/.exec(input.query.trim()) ?? [];
  const needle = name.trim().toLowerCase();
  const bodies = await findPublicBodies(db, null);
  return bodies
    .filter((body) => body.name.toLowerCase().includes(needle) && (!state || body.state === state.toUpperCase()))
    .sort((a, b) => Number(!a.name.toLowerCase().startsWith(needle)) - Number(!b.name.toLowerCase().startsWith(needle)) || a.name.localeCompare(b.name))
    .slice(0, input.limit ?? 20)
    .map((body) => ({ ...pickPublic("body", body), bbox: [body.minLon, body.minLat, body.maxLon, body.maxLat] as BBox }));
}

/** Counts per area: by county where the GEOID tells it, else by state. */
export function countByArea(rows: readonly PublicBodyRow[], countyNames: ReadonlyMap<string, string>, scheme: PublicCampaign["stageScheme"]): AreaCount[] {
  const passedIds = new Set(scheme.stages.filter(countsAsPassed).map((stage) => stage.id));
  const areas = new Map<string, AreaCount>();
  for (const row of rows) {
    const county = row.countyGeoid;
    const key = county ? `county:${county}` : row.state ? `state:${row.state}` : "unknown";
    let area = areas.get(key);
    if (!area) {
      const state = county ? (stateByFips(county.slice(0, 2))?.usps ?? null) : row.state;
      area = county
        ? {
            area: `${countyNames.get(county) ?? `County ${county}`}${state ? `, ${state}` : ""}`,
            areaKind: "county",
            areaId: county,
            byStage: {},
            total: 0,
            passed: 0,
            verified: 0,
          }
        : row.state
          ? { area: row.state, areaKind: "state", areaId: row.state, byStage: {}, total: 0, passed: 0, verified: 0 }
          : { area: "No state", areaKind: "unknown", areaId: null, byStage: {}, total: 0, passed: 0, verified: 0 };
      areas.set(key, area);
    }
    area.byStage[row.stage] = (area.byStage[row.stage] ?? 0) + 1;
    area.total += 1;
    if (passedIds.has(row.stage)) area.passed += 1;
    if (passedIds.has(row.stage) && row.verified) area.verified += 1;
  }
  return [...areas.values()].sort((a, b) => a.area.localeCompare(b.area));
}

/**
 * Everything a press export shows, read at once. Open it inside one transaction (the caller
 * does, see `takePressSnapshot` in the HTTP layer and the CLI) so every file agrees.
 */
export async function readPressSnapshot(db: Db, view: PublicViewInput, now = new Date()): Promise<PressSnapshot> {
  const campaign = await findPublicCampaign(db, view.campaign);
  const bodies = await publicRows(db, campaign, view);
  const everyBody = view.stages || view.bbox ? await publicRows(db, campaign, { asOf: view.asOf }) : bodies;
  const counted = countByStage(
    campaign.stageScheme,
    bodies.map((body) => body.stage),
  );
  // The headline counts every body in scope, whatever the filters, under the campaign's counting rule.
  const inScope = everyBody.map((body): [number, string] => [body.id, body.stage]);
  const verified = new Set(everyBody.filter((body) => body.verified).map((body) => body.id));
  const passes = countPasses(campaign.stageScheme, inScope, verified, campaign.countVerifiedOnly);
  const countyNames = new Map((await findCountyNames(db)).map((row) => [row.geoid!, row.name.replace(/ (County )?Board$/i, "")]));
  const shown = new Set(bodies.map((body) => body.id));
  const boundaryCredit = describeBoundaryCredit((await findBoundarySources(db)).filter((row) => shown.has(row.id)).map((row) => row.boundarySource));
  return {
    takenAt: now.toISOString(),
    asOf: view.asOf ?? null,
    campaign,
    filters: { stages: view.stages ?? null, bbox: view.bbox ?? null },
    bodies,
    mapStages: everyBody.map((body) => [body.id, body.stage]),
    counts: counted.map(({ stageId, count }) => {
      const stage = findStage(campaign.stageScheme, stageId)!;
      return { stageId, label: stage.label, color: stage.color, count };
    }),
    areas: countByArea(bodies, countyNames, campaign.stageScheme),
    total: bodies.length,
    inScope: everyBody.length,
    headline: describePassHeadline(
      passes,
      countPeople(campaign.stageScheme, stagesCounted(campaign.stageScheme, inScope, verified, campaign.countVerifiedOnly), await findCountedPopulations(db, campaign.scope)),
      (value) => value.toLocaleString("en-US"),
    ),
    passes,
    sources: campaign.isDemo
      ? ["Boundaries: US Census Bureau cartographic boundary files (via us-atlas)", "Stages: invented demo data"]
      : [...(boundaryCredit ? [boundaryCredit] : []), `Stages: ${campaign.name} campaign records`],
  };
}

/** A press snapshot with the stored geometry of its bodies, read together (open one transaction for it). */
export async function readPressBundle(db: Db, view: PublicViewInput, now = new Date()): Promise<{ snapshot: PressSnapshot; geometries: Map<number, GeoJSON.Geometry> }> {
  const snapshot = await readPressSnapshot(db, view, now);
  const wanted = new Set(snapshot.bodies.map((body) => body.id));
  const geometries = new Map<number, GeoJSON.Geometry>();
  for (const row of await findBodyGeometries(db)) {
    if (wanted.has(row.id)) geometries.set(row.id, JSON.parse(row.geometry) as GeoJSON.Geometry);
  }
  return { snapshot, geometries };
}
