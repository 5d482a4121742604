import { interiorPoint } from "../../shared/geo/interior-point";
import { canReadPrivate } from "../../shared/model/account";
import type { Campaign } from "../../shared/model/campaign";
import {
  SEATED_CATEGORIES,
  setEndorserStepInputSchema,
  type Endorser,
  type EndorserCategory,
  type EndorserImportSummary,
  type EndorserStepEvent,
  type Geocoder,
  type LocationSource,
  type PublicEndorser,
  type SetEndorserStepInput,
  type UndoEndorserStepInput,
} from "../../shared/model/endorser";
import type { StepSource } from "../../shared/model/ladder";
import { isInsideBox, readEndorserRow, toPublicEndorser, type EndorserRow } from "../../shared/rules/endorsers";
import { normalizeBodyName, normalizeName } from "../../shared/rules/spreadsheet-cells";
import type { Db } from "../db/connect";
import {
  findBodyGeometry,
  findEndorserById,
  findEndorsers,
  findEndorserStepEvents,
  findLastEndorserStepEvent,
  findTownCandidates,
  insertEndorser,
  updateEndorserRow,
  writeEndorserStep,
} from "../db/repositories/endorser-repository";
import type { EndorserTable } from "../db/schema";
import { InputError, NotFoundError } from "../errors";
import type { Actor } from "./actor";
import { getCampaign, resolveCampaign } from "./campaigns";
import { moveOnLadder, undoOnLadder, type LadderMoveResult, type LadderTrack } from "./ladder-track";

type EndorserRecord = NonNullable<Awaited<ReturnType<typeof findEndorserById>>>;

function toEndorser(row: EndorserRecord): Endorser {
  return {
    id: row.id,
    campaignId: row.campaignId,
    name: row.name,
    category: row.category as EndorserCategory,
    town: row.town,
    state: row.state,
    townBodyId: row.townBodyId,
    linkedBodyId: row.linkedBodyId,
    address: row.address,
    lon: Number(row.lon),
    lat: Number(row.lat),
    locationSource: row.locationSource as LocationSource,
    website: row.website,
    publicContact: row.publicContact,
    privateContact: row.privateContact,
    note: row.note,
    isPublic: Number(row.isPublic) === 1,
    step: row.step,
    stepUpdatedAt: row.stepUpdatedAt,
  };
}

/** Every endorser of a campaign with private fields: signed-in members only. */
export async function listEndorsers(db: Db, { campaignId }: { campaignId: number }): Promise<Endorser[]> {
  await getCampaign(db, campaignId);
  return (await findEndorsers(db, campaignId)).map(toEndorser);
}

/** What anyone may see: endorsers who agreed to be listed, with their step only when it is public. */
export async function listPublicEndorsers(db: Db, campaign: Pick<Campaign, "id" | "endorserLadder">): Promise<PublicEndorser[]> {
  return (await findEndorsers(db, campaign.id)).flatMap((row) => toPublicEndorser(campaign.endorserLadder, toEndorser(row)) ?? []);
}

export async function getEndorser(db: Db, endorserId: number): Promise<Endorser> {
  const row = await findEndorserById(db, endorserId);
  if (!row) throw new NotFoundError(`No endorser with id ${endorserId}`);
  return toEndorser(row);
}

/** An endorser's ladder history, oldest first; actor and notes are private (members only). */
export async function listEndorserHistory(db: Db, { endorserId }: { endorserId: number }): Promise<EndorserStepEvent[]> {
  await getEndorser(db, endorserId);
  return (await findEndorserStepEvents(db, endorserId)).map((row) => ({ ...row, source: row.source as StepSource }));
}

/** An endorser's step, as a track on its campaign's endorser ladder (the same machinery as the legislators' ladder). */
async function endorserTrack(db: Db, endorserId: number) {
  const endorser = await getEndorser(db, endorserId);
  const campaign = await getCampaign(db, endorser.campaignId);
  const track: LadderTrack = {
    what: `${endorser.name}'s step`,
    current: async () => (await findEndorserById(db, endorser.id))?.step,
    last: () => findLastEndorserStepEvent(db, endorser.id),
    write: (move) => writeEndorserStep(db, { endorserId: endorser.id, ...move }),
  };
  return { endorser, ladder: campaign.endorserLadder, track };
}

export interface EndorserStepChange extends LadderMoveResult {
  endorserId: number;
  campaignId: number;
}

/** Move an endorser on the campaign's endorser ladder: one event (who, when, source, link, private note). */
export async function setEndorserStep(db: Db, rawInput: SetEndorserStepInput, actor: Actor, now = new Date()): Promise<EndorserStepChange> {
  const input = setEndorserStepInputSchema.parse(rawInput);
  const { endorser, ladder, track } = await endorserTrack(db, input.endorserId);
  return { endorserId: endorser.id, campaignId: endorser.campaignId, ...(await moveOnLadder(track, ladder, input, actor, now)) };
}

/** Undo an endorser's last step change: an event back to where it came from (nothing is deleted). */
export async function undoEndorserStep(db: Db, input: UndoEndorserStepInput, actor: Actor, now = new Date()): Promise<EndorserStepChange> {
  const { endorser, ladder, track } = await endorserTrack(db, input.endorserId);
  return { endorserId: endorser.id, campaignId: endorser.campaignId, ...(await undoOnLadder(track, ladder, input.expectedEventId, actor, now)) };
}

/** Endorsers who sit on a body (a mayor on the city council): shown in the body's panel. */
export async function listLinkedEndorsers(db: Db, { campaignId, bodyId }: { campaignId: number; bodyId: number }): Promise<Endorser[]> {
  return (await listEndorsers(db, { campaignId })).filter((endorser) => endorser.linkedBodyId === bodyId);
}

type TownCandidate = Awaited<ReturnType<typeof findTownCandidates>>[number];

/** Kinds that name a place rather than a town (a county, a ward) lose when a town shares the name. */
const NOT_A_TOWN = new Set(["county_board", "ward_committee", "neighborhood_council", "school_committee"]);

function matchTown(candidates: readonly TownCandidate[], town: string, state: string): { body?: TownCandidate; error?: string } {
  const key = normalizeBodyName(town);
  let found = candidates.filter((body) => body.state === state && normalizeBodyName(body.name) === key);
  const towns = found.filter((body) => !NOT_A_TOWN.has(body.kind));
  if (found.length > 1 && towns.length) found = towns;
  if (found.length === 1) return { body: found[0]! };
  if (found.length > 1) return { error: `town "${town}" names ${found.length} bodies in ${state} (ids ${found.map((body) => body.id).join(", ")})` };
  return {};
}

/** The box around a state's bodies, to catch coordinates outside it (swapped lat/lon, a wrong state). */
function stateBox(candidates: readonly TownCandidate[], state: string): number[] | null {
  const inState = candidates.filter((body) => body.state === state);
  if (!inState.length) return null;
  return [
    Math.min(...inState.map((body) => Number(body.minLon))),
    Math.min(...inState.map((body) => Number(body.minLat))),
    Math.max(...inState.map((body) => Number(body.maxLon))),
    Math.max(...inState.map((body) => Number(body.maxLat))),
  ];
}

const keyOf = (name: string, town: string, state: string) => `${normalizeName(name)}|${normalizeBodyName(town)}|${state}`;

interface PlannedRow {
  row: EndorserRow;
  state: string;
  townBodyId: number | null;
  point: [number, number] | null;
  locationSource: LocationSource | null;
}

/**
 * Create or update a campaign's endorsers from CSV rows (header → cell), matched by name, town
 * and state. Every row is checked first: no name or town, an unknown category, state or step, a
 * non-http(s) website, coordinates outside the state, a town no body has (without coordinates):
 * any problem refuses the whole file, listing each by line. Columns left out leave fields as they
 * are; endorsers the file does not list are kept. A new step is one ladder event ("CSV import").
 * Run it through `write`; its dry run rolls everything back.
 */
export async function importEndorsers(
  db: Db,
  { campaignId, rows, geocode }: { campaignId: number; rows: ReadonlyArray<Record<string, string>>; geocode?: Geocoder | undefined },
  actor: Actor,
  { dryRun = false, now = new Date() }: { dryRun?: boolean; now?: Date } = {},
): Promise<EndorserImportSummary> {
  const campaign = await getCampaign(db, campaignId);
  const ladder = campaign.endorserLadder;
  if (rows.length === 0) throw new InputError("the file lists no endorsers");
  const defaultState = campaign.scope.states.length === 1 ? campaign.scope.states[0]! : undefined;
  const problems: string[] = [];
  const read: EndorserRow[] = [];
  rows.forEach((cells, index) => {
    const result = readEndorserRow(cells, index + 2, ladder);
    if (result.row) read.push(result.row);
    else problems.push(...result.problems.map((problem) => `line ${index + 2}: ${problem}`));
  });
  const states = [...new Set(read.map((row) => row.state ?? defaultState).filter((state): state is string => state !== undefined))];
  const candidates = await findTownCandidates(db, states);
  const seen = new Set<string>();
  const planned: PlannedRow[] = [];
  for (const row of read) {
    const state = row.state ?? defaultState;
    if (!state) {
      problems.push(`line ${row.line}: no state (the campaign covers ${campaign.scope.states.length ? campaign.scope.states.join(", ") : "every state"}; add a state column)`);
      continue;
    }
    const key = keyOf(row.name, row.town, state);
    if (seen.has(key)) problems.push(`line ${row.line}: "${row.name}" in ${row.town}, ${state} appears twice`);
    seen.add(key);
    const town = matchTown(candidates, row.town, state);
    if (town.error) problems.push(`line ${row.line}: ${town.error}`);
    const box = stateBox(candidates, state);
    if (row.point && box && !isInsideBox(row.point, box)) problems.push(`line ${row.line}: lat ${row.point[1]}, lon ${row.point[0]} is outside ${state}`);
    let point = row.point;
    let locationSource: LocationSource | null = point ? "coordinates" : null;
    if (!point && row.address && geocode) {
      point = await geocode({ address: row.address, town: row.town, state });
      if (point && box && !isInsideBox(point, box)) point = null;
      if (point) locationSource = "address";
    }
    if (!point && !town.body && !town.error) problems.push(`line ${row.line}: no town "${row.town}" in ${state}; import its body first or give lat and lon`);
    planned.push({ row, state, townBodyId: town.body?.id ?? null, point, locationSource });
  }
  if (problems.length) {
    // By line, as the file reads (a row's own checks come before those needing the database).
    const lineOf = (problem: string) => Number(/^line (\d+)/.exec(problem)?.[1] ?? 0);
    problems.sort((a, b) => lineOf(a) - lineOf(b));
    throw new InputError(`${problems.length} problem${problems.length === 1 ? "" : "s"}, nothing imported: ${problems.join("; ")}`);
  }

  const existing = new Map((await findEndorsers(db, campaign.id)).map((record) => [keyOf(record.name, record.town, record.state), record]));
  const centres = new Map<number, [number, number]>();
  const townCentre = async (bodyId: number): Promise<[number, number]> => {
    if (!centres.has(bodyId)) centres.set(bodyId, interiorPoint(JSON.parse((await findBodyGeometry(db, bodyId))!) as GeoJSON.Geometry));
    return centres.get(bodyId)!;
  };
  const summary: EndorserImportSummary = {
    dryRun,
    campaign: campaign.name,
    campaignId: campaign.id,
    rows: rows.length,
    created: [],
    updated: [],
    unchanged: [],
    placed: { coordinates: 0, town: 0, address: 0 },
  };
  const at = now.toISOString();
  for (const plan of planned) {
    const { row } = plan;
    const previous = existing.get(keyOf(row.name, row.town, plan.state));
    // Coordinates or a geocoded address win; otherwise a new endorser (or one whose town changed) sits at its town's centre.
    const located =
      plan.point && plan.locationSource
        ? { lon: plan.point[0], lat: plan.point[1], locationSource: plan.locationSource }
        : !previous || previous.townBodyId !== plan.townBodyId || previous.locationSource === "town"
          ? { ...toLonLat(await townCentre(plan.townBodyId!)), locationSource: "town" as const }
          : undefined;
    const category = row.category ?? (previous?.category as EndorserCategory | undefined) ?? "organisation";
    const fields = {
      name: row.name,
      category,
      town: row.town,
      state: plan.state,
      townBodyId: plan.townBodyId,
      linkedBodyId: SEATED_CATEGORIES.has(category) ? plan.townBodyId : null,
      ...(located ?? {}),
      ...(row.address !== undefined ? { address: row.address } : {}),
      ...(row.website !== undefined ? { website: row.website } : {}),
      ...(row.publicContact !== undefined ? { publicContact: row.publicContact } : {}),
      ...(row.privateContact !== undefined ? { privateContact: row.privateContact } : {}),
      ...(row.note !== undefined ? { note: row.note } : {}),
      ...(row.isPublic !== undefined ? { isPublic: row.isPublic ? 1 : 0 } : {}),
    } satisfies Partial<EndorserTable>;
    let id: number;
    if (!previous) {
      id = await insertEndorser(db, {
        campaignId: campaign.id,
        address: null,
        website: null,
        publicContact: null,
        privateContact: null,
        note: null,
        isPublic: 0,
        lon: 0,
        lat: 0,
        locationSource: "town",
        ...fields,
        step: ladder.steps[0]!.id,
        stepUpdatedAt: null,
        createdAt: at,
        updatedAt: at,
      });
      summary.created.push(row.name);
    } else {
      id = previous.id;
      const changed = Object.entries(fields).filter(([field, value]) => !sameValue((previous as Record<string, unknown>)[field], value));
      const moves = row.step !== undefined && row.step !== previous.step;
      if (changed.length) await updateEndorserRow(db, id, { ...Object.fromEntries(changed), updatedAt: at });
      (changed.length || moves ? summary.updated : summary.unchanged).push(row.name);
    }
    if (located && (!previous || summary.updated.at(-1) === row.name)) summary.placed[located.locationSource] += 1;
    if (row.step !== undefined) {
      const { track } = await endorserTrack(db, id);
      await moveOnLadder(track, ladder, { step: row.step, source: "other", note: "CSV import" }, actor, now);
    }
  }
  return summary;
}

const toLonLat = ([lon, lat]: [number, number]) => ({ lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 });

/** Database values as the import compares them (PostgreSQL doubles and SQLite reals alike). */
const sameValue = (stored: unknown, next: unknown) => (typeof next === "number" ? Number(stored) === next : (stored ?? null) === (next ?? null));

/** One endorser as an export row (CSV columns; GeoJSON takes the point as geometry). */
export interface EndorserExportRow extends Record<string, unknown> {
  id: number;
  geometry?: GeoJSON.Point;
}

/**
 * The Export menu's endorsers: every column for a signed-in member, for anyone else exactly what
 * an anonymous visitor sees (as `export endorsers --public`). The campaign by slug, name or id.
 */
export async function exportEndorsersFor(
  db: Db,
  { campaign, withGeometry }: { campaign: string | undefined; withGeometry: boolean },
  actor: Actor,
): Promise<{ campaign: Campaign; publicOnly: boolean; rows: EndorserExportRow[] }> {
  const found = await resolveCampaign(db, campaign);
  const publicOnly = !canReadPrivate(actor.role);
  return { campaign: found, publicOnly, rows: await exportEndorsers(db, found, { publicOnly, withGeometry }) };
}

/**
 * A campaign's endorsers for `export endorsers`: every column for members (the CSV round-trips
 * through the import: lat and lon stay empty for those placed at their town's centre), or with
 * `publicOnly` exactly what an anonymous visitor sees (`toPublicEndorser`).
 */
export async function exportEndorsers(db: Db, campaign: Campaign, { publicOnly, withGeometry }: { publicOnly: boolean; withGeometry: boolean }): Promise<EndorserExportRow[]> {
  const point = (lon: number, lat: number) => (withGeometry ? { geometry: { type: "Point", coordinates: [lon, lat] } as GeoJSON.Point } : {});
  if (publicOnly) {
    return (await listPublicEndorsers(db, campaign)).map((endorser) => ({
      id: endorser.id,
      name: endorser.name,
      category: endorser.category,
      town: endorser.town,
      state: endorser.state,
      lat: endorser.lat,
      lon: endorser.lon,
      step: endorser.step,
      website: endorser.website,
      public_contact: endorser.publicContact,
      ...point(endorser.lon, endorser.lat),
    }));
  }
  return (await listEndorsers(db, { campaignId: campaign.id })).map((endorser) => {
    const placed = endorser.locationSource !== "town" || withGeometry;
    return {
      id: endorser.id,
      name: endorser.name,
      category: endorser.category,
      town: endorser.town,
      state: endorser.state,
      address: endorser.address,
      lat: placed ? endorser.lat : null,
      lon: placed ? endorser.lon : null,
      step: endorser.step,
      public: endorser.isPublic ? "yes" : "no",
      website: endorser.website,
      public_contact: endorser.publicContact,
      private_contact: endorser.privateContact,
      note: endorser.note,
      ...point(endorser.lon, endorser.lat),
    };
  });
}
