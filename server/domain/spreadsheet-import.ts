import { RESOLUTION_DETAIL_FIELDS, type ResolutionDetailField } from "../../shared/model/resolution";
import type { Campaign } from "../../shared/model/campaign";
import { sponsorRoleSchema, type SponsorRole } from "../../shared/model/member";
import { type PlannedRecord, type RowError, type SpreadsheetPlan, type SpreadsheetTable, type SpreadsheetTarget } from "../../shared/model/spreadsheet-import";
import { defaultStageScheme, findStage, initialStage, type StageScheme } from "../../shared/model/stage";
import {
  normalizeBodyName,
  normalizeName,
  parseChoiceCell,
  parseCountCell,
  parseDateCell,
  parseFlagCell,
  parseNameListCell,
  parseTextCell,
  parseTimeCell,
  parseUrlCell,
  type CellResult,
} from "../../shared/rules/spreadsheet-cells";
import { datePathEvents } from "../../shared/rules/event-dates";
import { utcDay } from "../../shared/rules/replay";
import { pathOfMoves } from "../../shared/rules/stage-transitions";
import { tallyProblems } from "../../shared/rules/tally";
import { POSITIONS, type Position } from "../../shared/rules/whip";
import type { Db } from "../db/connect";
import { findLastHappenedDays, insertStageEvents, updateResolutionDetails } from "../db/repositories/resolution-repository";
import {
  findBodyReferences,
  findCampaignResolutions,
  findHubReferences,
  findMembersWithPositions,
  insertMemberRow,
  insertPositionRow,
  insertResolutionRow,
  updateMemberRow,
  updatePositionRow,
  type CampaignResolutionRow,
  type MemberWithPositionRow,
} from "../db/repositories/spreadsheet-repository";
import { ConflictError, InputError, NotFoundError } from "../errors";
import type { Actor } from "./actor";
import { createCampaign, resolveCampaign } from "./campaigns";

/** What a stage event written by an import says. */
export const IMPORT_NOTE = "CSV import";

export interface SpreadsheetImportInput {
  as: SpreadsheetTarget;
  /** Name, slug or id; a name no campaign has yet creates the campaign (on commit). */
  campaign: string | undefined;
  table: SpreadsheetTable;
}

/** The refusal of a file with row errors: one line for the CLI, and the whole plan for the app. */
export class SpreadsheetRowsError extends InputError {
  constructor(
    message: string,
    readonly plan: SpreadsheetPlan,
  ) {
    super(message);
  }
}

type BodyReference = Awaited<ReturnType<typeof findBodyReferences>>[number];

/**
 * Plan a spreadsheet import of resolutions or members into a campaign and, unless `dryRun`,
 * write it. The plan lists what is created, updated and unchanged, and EVERY row error; when
 * there is any error nothing is written (the caller's transaction is left untouched) and the plan
 * comes back with `committed: false`. Run it inside one transaction opened by the caller.
 */
export async function importSpreadsheet(
  db: Db,
  input: SpreadsheetImportInput,
  actor: Actor,
  { dryRun, now = new Date() }: { dryRun: boolean; now?: Date },
): Promise<SpreadsheetPlan> {
  if (!input.table.columns.some((column) => ["body_id", "body_geoid", "body_name"].includes(column))) {
    throw new InputError("the file needs a column naming the body: body_id, body_geoid, or body_name (with state)");
  }
  if (input.as === "members" && !input.table.columns.includes("name")) throw new InputError('a members file needs a "name" column');
  const { campaign, isNew } = await findOrPlanCampaign(db, input.campaign);
  const context = await loadContext(db, campaign?.id ?? null);
  const planner = input.as === "resolutions" ? planResolutions(context, campaign?.stageScheme ?? defaultStageScheme, input.table, utcDay(now)) : planMembers(context, input.table);
  const plan: SpreadsheetPlan = {
    as: input.as,
    campaign: { id: campaign?.id ?? null, name: campaign?.name ?? input.campaign!.trim(), isNew },
    rows: input.table.records.length,
    created: planner.records.filter((record) => record.kind === "created").map(toPlanned),
    updated: planner.records.filter((record) => record.kind === "updated").map(toPlanned),
    unchanged: planner.records.filter((record) => record.kind === "unchanged").map(toPlanned),
    errors: planner.errors.sort((a, b) => a.row - b.row),
    stageEvents: planner.records.reduce((sum, record) => sum + record.stageEvents, 0),
    committed: false,
  };
  if (dryRun || plan.errors.length) return plan;

  const target = campaign ?? (await createCampaign(db, { name: input.campaign!.trim() }, now));
  const write: WriteContext = { db, campaignId: target.id, actor, at: now.toISOString(), context };
  for (const record of planner.records) if (record.kind !== "unchanged") await record.write(write);
  return { ...plan, campaign: { ...plan.campaign, id: target.id }, committed: true };
}

async function findOrPlanCampaign(db: Db, nameOrId: string | undefined): Promise<{ campaign: Campaign | null; isNew: boolean }> {
  try {
    return { campaign: await resolveCampaign(db, nameOrId), isNew: false };
  } catch (error) {
    // A new name creates the campaign, as `campaign add` would; an unknown id stays an error.
    if (error instanceof NotFoundError && nameOrId !== undefined && nameOrId.trim() && !/^\d+$/.test(nameOrId.trim())) return { campaign: null, isNew: true };
    throw error;
  }
}

interface Context {
  bodies: Map<number, BodyReference>;
  byGeoid: Map<string, BodyReference[]>;
  byName: Map<string, BodyReference[]>;
  hubs: Array<{ id: number; name: string; slug: string }>;
  resolutions: Map<number, CampaignResolutionRow>;
  /** The day each body's last stage change happened (new events may not go before it). */
  lastHappened: Map<number, string>;
  /** Members by body, in id order; members the import creates are added as it writes. */
  members: Map<number, MemberWithPositionRow[]>;
}

async function loadContext(db: Db, campaignId: number | null): Promise<Context> {
  const bodies = await findBodyReferences(db);
  const context: Context = {
    bodies: new Map(bodies.map((body) => [body.id, body])),
    byGeoid: new Map(),
    byName: new Map(),
    hubs: await findHubReferences(db),
    resolutions: new Map(campaignId === null ? [] : (await findCampaignResolutions(db, campaignId)).map((row) => [row.bodyId, row])),
    lastHappened: campaignId === null ? new Map() : await findLastHappenedDays(db, campaignId),
    members: new Map(),
  };
  const add = <K>(map: Map<K, BodyReference[]>, key: K, body: BodyReference) => map.set(key, [...(map.get(key) ?? []), body]);
  for (const body of bodies) {
    if (body.geoid) add(context.byGeoid, body.geoid, body);
    add(context.byName, normalizeBodyName(body.name), body);
  }
  // Members without a campaign still matter (matching sponsors by name); their positions do not exist yet.
  for (const member of await findMembersWithPositions(db, campaignId ?? -1)) {
    context.members.set(member.bodyId, [...(context.members.get(member.bodyId) ?? []), member]);
  }
  return context;
}

const describeBody = (body: BodyReference) => `${body.name}${body.state ? `, ${body.state}` : ""}`;
const describeCandidates = (bodies: BodyReference[]) =>
  bodies
    .slice(0, 5)
    .map((body) => `id ${body.id}${body.geoid ? ` GEOID ${body.geoid}` : ""} ${body.kind}${body.state ? ` ${body.state}` : ""}`)
    .join("; ") + (bodies.length > 5 ? "; …" : "");

/** The body a row names: by id, else GEOID, else name (+ state). Ambiguity is an error, never a guess. */
function matchBody(context: Context, cells: Record<string, string>): { body: BodyReference; error?: undefined } | { body?: undefined; error: string } {
  const id = cells.body_id?.trim() ?? "";
  const geoid = cells.body_geoid?.trim() ?? "";
  const name = cells.body_name?.trim() ?? "";
  const state = cells.state?.trim().toUpperCase() ?? "";
  if (id) {
    if (!/^\d+$/.test(id)) return { error: `body_id "${id}" is not a number` };
    const body = context.bodies.get(Number(id));
    if (!body) return { error: `no body with id ${id}` };
    // A file from another database (ids shifted) must not land on the wrong bodies.
    if (geoid && body.geoid !== geoid) return { error: `body_id ${id} is ${describeBody(body)} (GEOID ${body.geoid ?? "none"}), not GEOID ${geoid}` };
    return { body };
  }
  if (geoid) {
    const found = context.byGeoid.get(geoid) ?? [];
    if (found.length === 1) return { body: found[0]! };
    if (found.length === 0) return { error: `no body with GEOID ${geoid}` };
    return { error: `GEOID ${geoid} is ambiguous: ${found.length} bodies have it (${describeCandidates(found)}); add body_id` };
  }
  if (!name) return { error: "no body named: fill body_id, body_geoid or body_name" };
  const named = context.byName.get(normalizeBodyName(name)) ?? [];
  const found = state ? named.filter((body) => body.state === state) : named;
  const where = state ? ` in ${state}` : "";
  if (found.length === 1) return { body: found[0]! };
  if (found.length === 0) return { error: `no body named "${name}"${where}` };
  return {
    error: `"${name}"${where} is ambiguous: ${found.length} bodies have that name (${describeCandidates(found)}); add ${state ? "body_id or body_geoid" : "state, body_id or body_geoid"}`,
  };
}

interface WriteContext {
  db: Db;
  campaignId: number;
  actor: Actor;
  at: string;
  context: Context;
}

interface PlannedWrite {
  kind: "created" | "updated" | "unchanged";
  row: number;
  label: string;
  changes: string[];
  stageEvents: number;
  write(write: WriteContext): Promise<void>;
}

const toPlanned = ({ row, label, changes }: PlannedWrite): PlannedRecord => ({ row, label, changes });

/** Reads cells, collecting "column: problem" errors for the row instead of stopping at the first. */
class RowReader {
  readonly errors: string[] = [];
  constructor(
    readonly columns: readonly string[],
    readonly cells: Record<string, string>,
  ) {}
  has(column: string): boolean {
    return this.columns.includes(column);
  }
  /** The parsed value when the column is in the file and valid; undefined when absent or invalid. */
  read<T>(column: string, parse: (text: string) => CellResult<T>): T | undefined {
    if (!this.has(column)) return undefined;
    const result = parse(this.cells[column] ?? "");
    if (result.error !== undefined) {
      this.errors.push(`${column} ${result.error}`);
      return undefined;
    }
    return result.value;
  }
}

const show = (value: unknown) =>
  value === null || value === undefined || value === ""
    ? "—"
    : String(value)
        .replace(/\s*\n\s*/g, " ")
        .slice(0, 60);

/** Field (camelCase) → column (snake_case), for change descriptions. */
const toColumn = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

type ResolutionValues = Omit<CampaignResolutionRow, "id" | "bodyId" | "version" | "updatedAt">;

const EMPTY_RESOLUTION = (scheme: StageScheme): ResolutionValues => ({
  stage: initialStage(scheme).id,
  ...(Object.fromEntries(RESOLUTION_DETAIL_FIELDS.map((field) => [field, null])) as Record<ResolutionDetailField, null>),
  voteCancelled: 0,
});

/** The body's sponsors in the campaign: lead first, then cosponsors in the order they were added. */
export function sponsorsOf(members: readonly MemberWithPositionRow[]): MemberWithPositionRow[] {
  const lead = members.filter((member) => member.sponsorRole === "lead");
  const cosponsors = members.filter((member) => member.sponsorRole === "cosponsor");
  return [...lead, ...cosponsors];
}

function planResolutions(context: Context, scheme: StageScheme, table: SpreadsheetTable, today: string): { records: PlannedWrite[]; errors: RowError[] } {
  const records: PlannedWrite[] = [];
  const errors: RowError[] = [];
  const seen = new Map<number, number>();
  for (const { row, cells } of table.records) {
    const reader = new RowReader(table.columns, cells);
    const match = matchBody(context, cells);
    if (match.error) reader.errors.push(match.error);
    const desired: Partial<ResolutionValues> = {};
    const stageText = reader.has("stage") ? (cells.stage ?? "").trim() : "";
    if (stageText) {
      const stage = scheme.stages.find((s) => s.id === stageText.toLowerCase().replace(/[\s-]+/g, "_") || s.label.toLowerCase() === stageText.toLowerCase());
      if (stage) desired.stage = stage.id;
      else reader.errors.push(`stage "${stageText}" is not a stage of the campaign (${scheme.stages.map((s) => s.id).join(", ")})`);
    }
    const set = <K extends keyof ResolutionValues>(field: K, value: ResolutionValues[K] | undefined) => {
      if (value !== undefined) desired[field] = value;
    };
    set("introducedOn", reader.read("introduced_on", parseDateCell));
    set("hearingDate", reader.read("hearing_date", parseDateCell));
    set("hearingTime", reader.read("hearing_time", parseTimeCell));
    set(
      "hearingLocation",
      reader.read("hearing_location", (text) => parseTextCell(text, 300)),
    );
    set("voteDate", reader.read("vote_date", parseDateCell));
    set("voteTime", reader.read("vote_time", parseTimeCell));
    set(
      "voteLocation",
      reader.read("vote_location", (text) => parseTextCell(text, 300)),
    );
    const cancelled = reader.read("vote_cancelled", parseFlagCell);
    if (cancelled !== undefined) desired.voteCancelled = cancelled ? 1 : 0;
    set("tallyYes", reader.read("tally_yes", parseCountCell));
    set("tallyNo", reader.read("tally_no", parseCountCell));
    set("tallyAbstain", reader.read("tally_abstain", parseCountCell));
    set("tallyAbsent", reader.read("tally_absent", parseCountCell));
    set("agendaUrl", reader.read("agenda_url", parseUrlCell));
    set("minutesUrl", reader.read("minutes_url", parseUrlCell));
    set("adoptedTextUrl", reader.read("adopted_text_url", parseUrlCell));
    set(
      "note",
      reader.read("note", (text) => parseTextCell(text, 5000)),
    );
    const hubText = reader.has("hub") ? (cells.hub ?? "").trim() : undefined;
    if (hubText !== undefined) {
      if (!hubText) desired.hubId = null;
      else {
        const hub = context.hubs.find((h) => normalizeName(h.name) === normalizeName(hubText) || h.slug === hubText.toLowerCase());
        if (hub) desired.hubId = hub.id;
        else reader.errors.push(`hub "${hubText}" does not exist (create the hub first)`);
      }
    }
    const sponsors = reader.read("sponsors", parseNameListCell);
    // The day the row's (last) stage change happened: `stage_date`, or a plain `date` column.
    if (reader.has("stage_date") && reader.has("date")) reader.errors.push("date: give stage_date or date, not both");
    const stageDate = reader.read("stage_date", parseDateCell) ?? reader.read("date", parseDateCell);

    const body = match.body;
    if (body) {
      const earlier = seen.get(body.id);
      if (earlier !== undefined) reader.errors.push(`${describeBody(body)} is already on row ${earlier}`);
      else seen.set(body.id, row);
    }
    const existing = body ? context.resolutions.get(body.id) : undefined;
    const current: ResolutionValues = existing ?? EMPTY_RESOLUTION(scheme);
    const path = desired.stage !== undefined ? pathOfMoves(scheme, current.stage, desired.stage) : [];
    if (path === null) {
      const label = (id: string) => findStage(scheme, id)?.label ?? id;
      reader.errors.push(`stage cannot move from "${label(current.stage)}" to "${label(desired.stage!)}" (the campaign's stage rules allow no way there)`);
    }
    // The same checks as saving the details in the app (vote times need dates; a tally fits the body's seats).
    const merged = { ...current, ...desired };
    if (merged.voteTime && !merged.voteDate) reader.errors.push("vote_time needs a vote_date");
    if (merged.hearingTime && !merged.hearingDate) reader.errors.push("hearing_time needs a hearing_date");
    const tallyTouched = (["tallyYes", "tallyNo", "tallyAbstain", "tallyAbsent"] as const).some((field) => desired[field] !== undefined);
    const tallyGiven = [merged.tallyYes, merged.tallyNo, merged.tallyAbstain, merged.tallyAbsent].some((value) => value !== null);
    if (body && tallyTouched && tallyGiven) {
      const tally = { yes: merged.tallyYes ?? 0, no: merged.tallyNo ?? 0, abstain: merged.tallyAbstain ?? 0, absent: merged.tallyAbsent ?? 0 };
      reader.errors.push(...tallyProblems(tally, { seats: body.seats, vacancies: body.vacancies }).map((problem) => `tally: ${problem}`));
      if (merged.voteDate && merged.voteDate > today)
        reader.errors.push(`tally: the vote is dated ${merged.voteDate}, after today (${today}); record the tally once the vote has happened`);
    }
    const days = path?.length
      ? datePathEvents({
          scheme,
          path,
          dates: { introducedOn: merged.introducedOn, voteDate: merged.voteDate, stageDate },
          today,
          previous: body ? (context.lastHappened.get(body.id) ?? null) : null,
        })
      : { days: [] as string[] };
    if (days.problem) reader.errors.push(days.problem);
    if (reader.errors.length || !body || path === null || !days.days) {
      errors.push(...reader.errors.map((message) => ({ row, message })));
      continue;
    }

    const changes: string[] = [];
    const changed: Partial<ResolutionValues> = {};
    for (const [field, value] of Object.entries(desired) as Array<[keyof ResolutionValues, never]>) {
      if (current[field] === value) continue;
      changed[field] = value;
      const display = (v: unknown) => (field === "hubId" ? show(context.hubs.find((h) => h.id === v)?.name) : field === "voteCancelled" ? (v ? "yes" : "no") : show(v));
      changes.push(`${toColumn(field)}: ${display(current[field])} → ${display(value)}`);
    }
    const lastDay = days.days.at(-1);
    if (lastDay && lastDay !== today) changes.push(`stage dated ${lastDay}${days.days[0] !== lastDay ? ` (steps from ${days.days[0]})` : ""}`);
    const members = context.members.get(body.id) ?? [];
    const currentSponsors = sponsorsOf(members).map((member) => member.name);
    const sponsorsChanged =
      sponsors !== undefined && (sponsors.length !== currentSponsors.length || sponsors.some((name, index) => normalizeName(name) !== normalizeName(currentSponsors[index]!)));
    if (sponsorsChanged) changes.push(`sponsors: ${show(currentSponsors.join("; "))} → ${show(sponsors.join("; "))}`);

    const kind = !existing ? "created" : changes.length ? "updated" : "unchanged";
    records.push({
      kind,
      row,
      label: describeBody(body),
      changes,
      stageEvents: path.length,
      write: async ({ db, campaignId, actor, at, context: writeContext }) => {
        let resolutionId: number;
        if (!existing) {
          resolutionId = await insertResolutionRow(db, { ...EMPTY_RESOLUTION(scheme), ...desired, campaignId, bodyId: body.id, version: 1, updatedAt: at });
        } else {
          resolutionId = existing.id;
          if (Object.keys(changed).length && !(await updateResolutionDetails(db, { id: existing.id, expectedVersion: existing.version, updatedAt: at, changes: changed }))) {
            throw new ConflictError(`${describeBody(body)} was changed by someone else during the import; nothing was imported, try again`);
          }
        }
        let from = current.stage;
        const happened = days.days;
        const events = path.map((to, step) => {
          const event = { resolutionId, fromStage: from, toStage: to, actor: actor.name, note: IMPORT_NOTE, occurredAt: at, happenedOn: happened[step]! };
          from = to;
          return event;
        });
        await insertStageEvents(db, events);
        if (sponsorsChanged) await writeSponsors(db, { campaignId, bodyId: body.id, names: sponsors!, at, context: writeContext });
      },
    });
  }
  return { records, errors };
}

/** Make `names` the body's sponsors (first = lead): members created by name when new, others unsponsored. */
async function writeSponsors(db: Db, { campaignId, bodyId, names, at, context }: { campaignId: number; bodyId: number; names: string[]; at: string; context: Context }) {
  const members = context.members.get(bodyId) ?? [];
  const wanted = new Map(names.map((name, index) => [normalizeName(name), index === 0 ? ("lead" as const) : ("cosponsor" as const)]));
  for (const member of members) {
    if (member.sponsorRole && !wanted.has(normalizeName(member.name)) && member.positionId !== null) {
      await updatePositionRow(db, member.positionId, { sponsorRole: null, updatedAt: at });
    }
  }
  for (const name of names) {
    const role = wanted.get(normalizeName(name))!;
    let member = members.find((m) => normalizeName(m.name) === normalizeName(name));
    if (!member) {
      const id = await insertMemberRow(db, { bodyId, name, role: null, termStart: null, termEnd: null, publicContact: null, privateContact: null, createdAt: at, updatedAt: at });
      member = {
        id,
        bodyId,
        name,
        role: null,
        termStart: null,
        termEnd: null,
        publicContact: null,
        privateContact: null,
        positionId: null,
        position: null,
        isInternal: null,
        sponsorRole: null,
        positionVersion: null,
      };
      members.push(member);
    }
    if (member.positionId === null) {
      await insertPositionRow(db, { campaignId, memberId: member.id, position: "yes", sponsorRole: role, lastContactedOn: null, contactedBy: null, note: null, updatedAt: at });
    } else if (member.sponsorRole !== role) {
      await updatePositionRow(db, member.positionId, { sponsorRole: role, updatedAt: at });
    }
  }
  context.members.set(bodyId, members);
}

interface MemberValues {
  role: string | null;
  termStart: string | null;
  termEnd: string | null;
  publicContact: string | null;
  privateContact: string | null;
}
interface PositionValues {
  position: Position;
  isInternal: number;
  sponsorRole: SponsorRole | null;
}

function planMembers(context: Context, table: SpreadsheetTable): { records: PlannedWrite[]; errors: RowError[] } {
  const records: PlannedWrite[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  /** Lead sponsors per body after the import: member key → row (0 for leads already stored). */
  const leads = new Map<number, Map<string, number>>();
  for (const members of context.members.values()) {
    for (const member of members) {
      if (member.sponsorRole === "lead") leads.set(member.bodyId, new Map([...(leads.get(member.bodyId) ?? []), [normalizeName(member.name), 0]]));
    }
  }
  const leadRows = new Map<number, number>();

  for (const { row, cells } of table.records) {
    const reader = new RowReader(table.columns, cells);
    const match = matchBody(context, cells);
    if (match.error) reader.errors.push(match.error);
    const name = (cells.name ?? "").trim().replace(/\s+/g, " ");
    if (!name) reader.errors.push("name is empty");
    else if (name.length > 200) reader.errors.push("name is longer than 200 characters");
    const member: Partial<MemberValues> = {};
    const position: Partial<PositionValues> = {};
    const setMember = <K extends keyof MemberValues>(field: K, value: MemberValues[K] | undefined) => {
      if (value !== undefined) member[field] = value;
    };
    setMember(
      "role",
      reader.read("role", (text) => parseTextCell(text, 100)),
    );
    setMember("termStart", reader.read("term_start", parseDateCell));
    setMember("termEnd", reader.read("term_end", parseDateCell));
    setMember(
      "publicContact",
      reader.read("public_contact", (text) => parseTextCell(text, 300)),
    );
    setMember(
      "privateContact",
      reader.read("private_contact", (text) => parseTextCell(text, 300)),
    );
    if (member.termStart && member.termEnd && member.termEnd < member.termStart) reader.errors.push(`term_end ${member.termEnd} is before term_start ${member.termStart}`);
    const stand = reader.read("position", (text) => parseChoiceCell(text, POSITIONS));
    if (stand !== undefined) position.position = stand ?? "unknown";
    const internal = reader.read("position_internal", parseFlagCell);
    if (internal !== undefined) position.isInternal = internal ? 1 : 0;
    const sponsorRole = reader.read("sponsor_role", (text) => parseChoiceCell(text, sponsorRoleSchema.options));
    if (sponsorRole !== undefined) position.sponsorRole = sponsorRole;

    const body = match.body;
    const key = normalizeName(name);
    if (body && name) {
      const earlier = seen.get(`${body.id}:${key}`);
      if (earlier !== undefined) reader.errors.push(`${name} of ${describeBody(body)} is already on row ${earlier}`);
      else seen.set(`${body.id}:${key}`, row);
    }
    if (reader.errors.length || !body || !name) {
      errors.push(...reader.errors.map((message) => ({ row, message })));
      continue;
    }
    if (position.sponsorRole !== undefined) {
      const bodyLeads = leads.get(body.id) ?? new Map<string, number>();
      if (position.sponsorRole === "lead") bodyLeads.set(key, row);
      else bodyLeads.delete(key);
      leads.set(body.id, bodyLeads);
      if (position.sponsorRole === "lead") leadRows.set(body.id, row);
    }

    const existing = (context.members.get(body.id) ?? []).find((m) => normalizeName(m.name) === key);
    const changes: string[] = [];
    const memberChanges: Partial<MemberValues> = {};
    for (const [field, value] of Object.entries(member) as Array<[keyof MemberValues, string | null]>) {
      const before = existing ? existing[field] : null;
      if (before === value) continue;
      memberChanges[field] = value;
      // Private contacts are named, never shown, in the plan.
      changes.push(field === "privateContact" ? "private_contact changed" : `${toColumn(field)}: ${show(before)} → ${show(value)}`);
    }
    if (existing && normalizeName(existing.name) === key && existing.name !== name) {
      changes.push(`name: ${existing.name} → ${name}`);
    }
    const positionBefore: PositionValues = {
      position: (existing?.position ?? "unknown") as Position,
      isInternal: existing?.isInternal ?? 0,
      sponsorRole: (existing?.sponsorRole ?? null) as SponsorRole | null,
    };
    const positionChanges: Partial<PositionValues> = {};
    for (const [field, value] of Object.entries(position) as Array<[keyof PositionValues, never]>) {
      if (positionBefore[field] === value && existing?.positionId != null) continue;
      if (positionBefore[field] === value) continue;
      positionChanges[field] = value;
      const display = (v: unknown) => (field === "isInternal" ? (v ? "yes" : "no") : show(v));
      changes.push(`${field === "isInternal" ? "position_internal" : toColumn(field)}: ${display(positionBefore[field])} → ${display(value)}`);
    }
    const needsPosition = Object.keys(position).length > 0 && existing?.positionId == null;
    const kind = !existing ? "created" : changes.length || needsPosition ? "updated" : "unchanged";
    records.push({
      kind,
      row,
      label: `${name} (${describeBody(body)})`,
      changes,
      stageEvents: 0,
      write: async ({ db, campaignId, at }) => {
        let memberId: number;
        if (!existing) {
          memberId = await insertMemberRow(db, {
            bodyId: body.id,
            name,
            role: null,
            termStart: null,
            termEnd: null,
            publicContact: null,
            privateContact: null,
            ...member,
            createdAt: at,
            updatedAt: at,
          });
        } else {
          memberId = existing.id;
          if (Object.keys(memberChanges).length || existing.name !== name) await updateMemberRow(db, existing.id, { ...memberChanges, name, updatedAt: at });
        }
        if (!Object.keys(position).length) return;
        if (existing?.positionId == null) {
          await insertPositionRow(db, {
            campaignId,
            memberId,
            position: position.position ?? "unknown",
            isInternal: position.isInternal ?? 0,
            sponsorRole: position.sponsorRole ?? null,
            lastContactedOn: null,
            contactedBy: null,
            note: null,
            updatedAt: at,
          });
        } else if (Object.keys(positionChanges).length) {
          await updatePositionRow(db, existing.positionId, { ...positionChanges, updatedAt: at });
        }
      },
    });
  }
  for (const [bodyId, bodyLeads] of leads) {
    if (bodyLeads.size <= 1 || !leadRows.has(bodyId)) continue;
    const body = context.bodies.get(bodyId)!;
    const names = [...bodyLeads].map(([memberKey, leadRow]) => (leadRow ? `row ${leadRow}` : `already stored: ${memberKey}`));
    errors.push({
      row: leadRows.get(bodyId)!,
      message: `${describeBody(body)} would have ${bodyLeads.size} lead sponsors (${names.join(", ")}); a body has one lead, the others are cosponsors`,
    });
  }
  return { records, errors };
}
