import type { BallotDistrictResult, BallotImportSummary, BallotMap, BallotQuestionSummary, BallotTownResult, DistrictBallotResult } from "../../shared/model/ballot-question";
import { toDisplayGeometry } from "../../shared/geo/display-geometry";
import type { BallotResultsImportRequest } from "../../shared/model/import-request";
import {
  describeBallotResult,
  estimateDistricts,
  isPartialShare,
  percentYes,
  percentYesOfBallots,
  readBallotTable,
  rollUpTowns,
  sumCounts,
  type BallotCounts,
  type BallotRow,
} from "../../shared/rules/ballot-results";
import { normalizeDistrictName } from "../../shared/rules/district-names";
import { normalizeBodyName } from "../../shared/rules/spreadsheet-cells";
import type { Db } from "../db/connect";
import {
  clearBallotResults,
  findBallotQuestion,
  findBallotQuestionDistricts,
  findBallotQuestions,
  findBallotResults,
  insertBallotResults,
} from "../db/repositories/ballot-repository";
import { InputError, NotFoundError } from "../errors";
import { findPublicCampaign } from "./public-view";
import { resolveCampaign } from "./campaigns";

/**
 * Ballot questions: importing a results file (by town, town + ward + precinct, or district) into
 * a campaign's question, replacing what it had; and reading questions back with their district
 * roll-ups (actual where it ran, estimated through the overlaps for current districts when it ran
 * under another plan) and their results by town.
 */

interface DistrictRow {
  id: number;
  chamber: string;
  state: string | null;
  name: string;
  vintage: string;
  isCurrent: number;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** Problems that refuse the file: one line, each naming its row (the first 25). */
function refuse(problems: readonly string[]): never {
  const shown = problems.slice(0, 25).join("; ");
  const more = problems.length > 25 ? `; and ${problems.length - 25} more` : "";
  throw new InputError(`${plural(problems.length, "problem")}, nothing imported: ${shown}${more}`);
}

/** A district of any plan by chamber and name (and vintage, else the current plan first, else the only one). */
function findDistrict(districts: readonly DistrictRow[], { chamber, name, vintage, state }: { chamber: string; name: string; vintage?: string | undefined; state: string | null }) {
  const key = normalizeDistrictName(name);
  const named = districts.filter((district) => district.chamber === chamber && normalizeDistrictName(district.name) === key && (!state || district.state === state));
  const where = `${chamber} district "${name}"${vintage ? ` of the ${vintage} plan` : ""}${state ? ` in ${state}` : ""}`;
  if (vintage) {
    const found = named.filter((district) => district.vintage === vintage);
    if (found.length === 1) return { district: found[0]! };
    if (found.length === 0) return { error: `no ${where} in any imported plan${named.length ? ` (plans with it: ${[...new Set(named.map((d) => d.vintage))].join(", ")})` : ""}` };
    return { error: `${where} is in several states (${found.map((d) => d.state).join(", ")}); add --state` };
  }
  const current = named.filter((district) => district.isCurrent);
  const candidates = current.length ? current : named;
  if (candidates.length === 1) return { district: candidates[0]! };
  if (candidates.length === 0) return { error: `no ${where} in any imported plan` };
  const states = new Set(candidates.map((d) => d.state));
  return {
    error:
      states.size > 1
        ? `${where} is in several states (${[...states].join(", ")}); add --state`
        : `${where} is in several plans (${candidates.map((d) => d.vintage).join(", ")}); add --vintage`,
  };
}

type BodyRow = { id: number; name: string; kind: string; state: string | null; parentId: number | null };

/** The body a town row names, by name within the state, like the spreadsheet import; ambiguity is an error, never a guess. */
function matchTown(byName: Map<string, BodyRow[]>, town: string, state: string | null): { body: BodyRow } | { error: string } {
  const named = (byName.get(normalizeBodyName(town)) ?? []).filter((body) => !state || body.state === state);
  // A town's own government, not a ward committee inside it or a county board of the same name.
  const towns = named.filter((body) => body.parentId === null);
  const found = towns.length > 1 ? towns.filter((body) => body.kind !== "county_board") : towns;
  const where = state ? ` in ${state}` : "";
  if (found.length === 1) return { body: found[0]! };
  if (found.length === 0) return { error: `no body named "${town}"${where}` };
  return {
    error: `"${town}"${where} names ${found.length} bodies (${found.map((body) => `id ${body.id} ${body.kind}${body.state ? ` ${body.state}` : ""}`).join(", ")})${state ? "" : "; add --state"}`,
  };
}

/** The question's year: --year, else the election day's, else a year leading its name ("2018 Q5"). */
const yearOf = (request: BallotResultsImportRequest) =>
  request.year ?? (request.date ? Number(request.date.slice(0, 4)) : /^(19|20)\d\d\b/.test(request.question) ? Number(request.question.slice(0, 4)) : null);

/**
 * Import one results file into a campaign's question (created when new): every row checked first,
 * and any problem refuses the whole file (nothing written). A second import of the same question
 * replaces its districts and results. Returns what it did; the caller's `write` rolls a dry run back.
 */
export async function importBallotResults(
  db: Db,
  { request, records, fileName }: { request: BallotResultsImportRequest; records: ReadonlyArray<{ row: number; fields: string[] }>; fileName: string },
  now = new Date().toISOString(),
): Promise<BallotImportSummary> {
  const campaign = await resolveCampaign(db, request.campaign);
  const table = readBallotTable(records, { strict: request.strict });
  if (table.errors.length) refuse(table.errors);
  const problems: string[] = [];
  const warnings = [...table.warnings];

  const districts: DistrictRow[] = await db.selectFrom("district").select(["id", "chamber", "state", "name", "vintage", "isCurrent"]).execute();
  let ranIn: DistrictRow | null = null;
  if (request.district) {
    const found = findDistrict(districts, { chamber: request.chamber!, name: request.district, vintage: request.vintage, state: request.state ?? null });
    if ("error" in found) problems.push(`--district: ${found.error}`);
    else ranIn = found.district;
  }
  const state = request.state ?? ranIn?.state ?? null;

  // Rows by district: each names a district of the chamber.
  const districtOfRow = new Map<BallotRow, DistrictRow>();
  if (table.level === "district") {
    if (!request.chamber) problems.push("rows by district need --chamber (state_lower, state_upper or congressional)");
    else
      for (const row of table.rows) {
        const found = findDistrict(districts, { chamber: request.chamber, name: row.district!, vintage: request.vintage, state: row.state ?? state });
        if ("error" in found) problems.push(`row ${row.row} (${row.district}): ${found.error}`);
        else districtOfRow.set(row, found.district);
      }
  }

  // Rows by town or precinct: each names a body.
  const bodyOfRow = new Map<BallotRow, BodyRow>();
  if (table.level !== "district") {
    const bodies: BodyRow[] = await db.selectFrom("body").select(["id", "name", "kind", "state", "parentId"]).execute();
    const byName = new Map<string, BodyRow[]>();
    for (const body of bodies) byName.set(normalizeBodyName(body.name), [...(byName.get(normalizeBodyName(body.name)) ?? []), body]);
    for (const row of table.rows) {
      const found = matchTown(byName, row.town!, row.state ?? state);
      if ("error" in found) problems.push(`row ${row.row} (${row.town}): ${found.error}`);
      else bodyOfRow.set(row, found.body);
    }
  }
  if (problems.length) refuse(problems);

  // A town only partly inside the current district it ran in is partial, whatever the file says.
  const shares = new Map<number, number>();
  if (ranIn?.isCurrent && table.level !== "district") {
    const overlaps = await db.selectFrom("bodyDistrictOverlap").select(["bodyId", "shareOfBody"]).where("districtId", "=", ranIn.id).execute();
    for (const overlap of overlaps) shares.set(overlap.bodyId, overlap.shareOfBody);
    for (const body of new Set(bodyOfRow.values())) {
      if (!shares.has(body.id)) warnings.push(`${body.name} does not overlap ${ranIn.chamber} district ${ranIn.name}: check the town or the district`);
    }
  }

  const existing = await findBallotQuestion(db, { campaignId: campaign.id, name: request.question });
  const fields = {
    ...(request.year !== undefined || yearOf(request) !== null ? { year: yearOf(request) } : {}),
    ...(request.date ? { electionDate: request.date } : {}),
    ...(request.text ? { questionText: request.text } : {}),
    ...(state ? { state } : {}),
    source: fileName,
    totalsYes: table.totals?.yes ?? null,
    totalsNo: table.totals?.no ?? null,
    totalsBlanks: table.totals?.blanks ?? null,
    totalsTotal: table.totals?.total ?? null,
    updatedAt: now,
  };
  let questionId: number;
  let replaced = 0;
  if (existing) {
    questionId = existing.id;
    replaced = await clearBallotResults(db, questionId);
    await db.updateTable("ballotQuestion").set(fields).where("id", "=", questionId).execute();
  } else {
    const inserted = await db
      .insertInto("ballotQuestion")
      .values({ campaignId: campaign.id, name: request.question, year: null, electionDate: null, questionText: null, state: null, createdAt: now, ...fields })
      .returning("id")
      .executeTakeFirstOrThrow();
    questionId = inserted.id;
  }

  // Where it ran: the --district, or each district the rows name.
  const ranInDistricts = ranIn ? [ranIn] : [...new Map([...districtOfRow.values()].map((district) => [district.id, district])).values()];
  const questionDistrictIds = new Map<number, number>();
  for (const district of ranInDistricts) {
    const inserted = await db
      .insertInto("ballotQuestionDistrict")
      .values({ questionId, districtId: district.id, chamber: district.chamber, name: district.name, vintage: district.vintage })
      .returning("id")
      .executeTakeFirstOrThrow();
    questionDistrictIds.set(district.id, inserted.id);
  }
  await insertBallotResults(
    db,
    table.rows.map((row) => {
      const body = bodyOfRow.get(row);
      const district = districtOfRow.get(row) ?? ranIn;
      return {
        questionId,
        bodyId: body?.id ?? null,
        questionDistrictId: district ? questionDistrictIds.get(district.id)! : null,
        town: body?.name ?? null,
        state: body?.state ?? district?.state ?? null,
        ward: row.ward,
        precinct: row.precinct,
        yes: row.yes,
        no: row.no,
        blanks: row.blanks,
        total: row.total,
        isPartial: row.partial || (body !== undefined && isPartialShare(shares.get(body.id))) ? 1 : 0,
        sourceRow: row.row,
      };
    }),
  );

  const [question] = await readQuestions(db, { campaignId: campaign.id, questionId });
  const towns = await readTownResults(db, [questionId]);
  if (table.level !== "district" && !ranIn) warnings.push("no --district given: the results are kept by town, with no district roll-up");
  return {
    dryRun: request.dryRun,
    campaignId: campaign.id,
    campaign: campaign.name,
    question: request.question,
    questionId,
    isNew: !existing,
    replaced,
    level: table.level,
    rows: table.rows.length,
    towns: towns.length,
    partialTowns: towns.filter((town) => town.partial).map((town) => town.town),
    districts: question!.districts,
    fileTotals: question!.fileTotals,
    warnings,
  };
}

const withPercents = <T extends BallotCounts>(counts: T) => ({ ...counts, pctYes: percentYes(counts), pctYesOfBallots: percentYesOfBallots(counts) });

/** A campaign's questions (or one), each with its district roll-ups: actual where it ran, estimated for current districts otherwise. */
async function readQuestions(db: Db, { campaignId, questionId }: { campaignId?: number | undefined; questionId?: number }): Promise<BallotQuestionSummary[]> {
  const questions = (await findBallotQuestions(db, { campaignId })).filter((question) => questionId === undefined || question.id === questionId);
  const ids = questions.map((question) => question.id);
  const [ranIn, results] = await Promise.all([findBallotQuestionDistricts(db, ids), findBallotResults(db, ids)]);
  const needsEstimate = ranIn.some((district) => district.districtId !== null && !district.isCurrent);
  const currentDistricts = needsEstimate ? await db.selectFrom("district").select(["id", "chamber", "name", "vintage", "state"]).where("isCurrent", "=", 1).execute() : [];
  const overlaps = needsEstimate ? await db.selectFrom("bodyDistrictOverlap").select(["bodyId", "districtId", "shareOfBody", "shareOfDistrict"]).execute() : [];

  return questions.map((question) => {
    const mine = results.filter((row) => row.questionId === question.id);
    const districts: BallotDistrictResult[] = ranIn
      .filter((district) => district.questionId === question.id)
      .map((district) => ({
        questionId: question.id,
        districtId: district.districtId,
        chamber: district.chamber,
        district: district.name,
        vintage: district.vintage,
        state: district.state ?? question.state,
        ...withPercents(sumCounts(mine.filter((row) => row.questionDistrictId === district.id))),
        estimated: false,
        method: null,
        coverage: null,
      }));
    // Ran under another plan: estimate each current district of the same chamber through the overlaps.
    const oldChambers = new Set(
      ranIn.filter((district) => district.questionId === question.id && district.districtId !== null && !district.isCurrent).map((district) => district.chamber),
    );
    if (oldChambers.size) {
      const towns = rollUpTowns(mine.filter((row) => row.bodyId !== null).map((row) => ({ ...row, bodyId: row.bodyId!, partial: row.isPartial === 1 })));
      const targets = new Map(currentDistricts.filter((district) => oldChambers.has(district.chamber)).map((district) => [district.id, district]));
      for (const estimate of estimateDistricts(
        towns,
        overlaps.filter((overlap) => targets.has(overlap.districtId)),
      )) {
        const district = targets.get(estimate.districtId)!;
        districts.push({
          questionId: question.id,
          districtId: district.id,
          chamber: district.chamber,
          district: district.name,
          vintage: district.vintage,
          state: district.state,
          ...withPercents({ yes: estimate.yes, no: estimate.no, blanks: estimate.blanks, total: estimate.total }),
          estimated: true,
          method: estimate.method,
          coverage: estimate.coverage,
        });
      }
    }
    const fileTotals =
      question.totalsYes === null ? null : { yes: question.totalsYes, no: question.totalsNo ?? 0, blanks: question.totalsBlanks ?? 0, total: question.totalsTotal ?? 0 };
    return {
      id: question.id,
      campaignId: question.campaignId,
      campaign: question.campaignName,
      name: question.name,
      year: question.year,
      electionDate: question.electionDate,
      text: question.questionText,
      state: question.state,
      source: question.source,
      fileTotals,
      districts,
    };
  });
}

/** Results by town: precincts added up; partial when any row of the town is. */
async function readTownResults(db: Db, questionIds: readonly number[]): Promise<BallotTownResult[]> {
  const rows = (await findBallotResults(db, questionIds)).filter((row) => row.bodyId !== null);
  const towns: BallotTownResult[] = [];
  for (const questionId of questionIds) {
    const mine = rows.filter((row) => row.questionId === questionId);
    const names = new Map(mine.map((row) => [row.bodyId!, { town: row.town ?? "", state: row.state }]));
    for (const town of rollUpTowns(mine.map((row) => ({ ...row, bodyId: row.bodyId!, partial: row.isPartial === 1 })))) {
      towns.push({ questionId, ...town, ...names.get(town.bodyId)!, pctYes: percentYes(town) });
    }
  }
  return towns;
}

/** A campaign's ballot questions with their district roll-ups (newest first). Results are public facts. */
export async function listBallotQuestions(db: Db, { campaign }: { campaign: number | string }): Promise<BallotQuestionSummary[]> {
  const { id } = await findPublicCampaign(db, campaign);
  return readQuestions(db, { campaignId: id });
}

/** One question for the map: results by town, and the outline of the districts it ran in. */
export async function getBallotMap(db: Db, { campaign, questionId }: { campaign: number | string; questionId: number }): Promise<BallotMap> {
  const { id } = await findPublicCampaign(db, campaign);
  const [question] = await readQuestions(db, { campaignId: id, questionId });
  if (!question) throw new NotFoundError(`No ballot question with id ${questionId} in this campaign`);
  const ids = [...new Set(question.districts.filter((district) => !district.estimated && district.districtId !== null).map((district) => district.districtId!))];
  const shapes = ids.length ? await db.selectFrom("district").select(["id", "chamber", "name", "geometry"]).where("id", "in", ids).execute() : [];
  return {
    question,
    towns: await readTownResults(db, [questionId]),
    outline: {
      type: "FeatureCollection",
      features: shapes.map((shape) => ({
        type: "Feature",
        id: shape.id,
        properties: { chamber: shape.chamber, name: shape.name },
        geometry: toDisplayGeometry(JSON.parse(shape.geometry) as GeoJSON.Polygon | GeoJSON.MultiPolygon),
      })),
    },
  };
}

/** Each question's result in one district (actual where it ran there, else an estimate), newest first, with the brief's sentence. */
export async function listDistrictBallotResults(db: Db, { campaign, districtId }: { campaign: number | string; districtId: number }): Promise<DistrictBallotResult[]> {
  const { id } = await findPublicCampaign(db, campaign);
  const questions = await readQuestions(db, { campaignId: id });
  return questions.flatMap((question) => {
    const here = question.districts.filter((district) => district.districtId === districtId);
    const result = here.find((district) => !district.estimated) ?? here[0];
    if (!result) return [];
    const sentence = describeBallotResult({ year: question.year, yes: result.yes, no: result.no, estimated: result.estimated });
    return [{ ...result, question: question.name, year: question.year, electionDate: question.electionDate, text: question.text, sentence }];
  });
}

export const BALLOT_DISTRICT_COLUMNS = ["question", "year", "chamber", "district", "yes", "no", "blanks", "total", "pct_yes", "estimated"] as const;
export const BALLOT_TOWN_COLUMNS = ["question", "year", "town", "state", "yes", "no", "blanks", "total", "pct_yes", "partial"] as const;
type Geometry = { geometry?: GeoJSON.Geometry };
export type BallotDistrictExportRow = Record<(typeof BALLOT_DISTRICT_COLUMNS)[number], string | number | boolean | null> & {
  id: string;
  method: string | null;
  vintage: string | null;
} & Geometry;
export type BallotTownExportRow = Record<(typeof BALLOT_TOWN_COLUMNS)[number], string | number | boolean | null> & { id: string; body_id: number } & Geometry;

const parseGeometry = (text: string) => JSON.parse(text) as GeoJSON.Geometry;

/** One row per question × district (actual, then estimated), for `export ballot-results --by district`. */
export async function exportBallotDistricts(db: Db, { campaignId, withGeometry }: { campaignId?: number | undefined; withGeometry: boolean }): Promise<BallotDistrictExportRow[]> {
  const questions = await readQuestions(db, { campaignId });
  const ids = [...new Set(questions.flatMap((question) => question.districts.flatMap((district) => (district.districtId === null ? [] : [district.districtId]))))];
  const geometries =
    withGeometry && ids.length ? new Map((await db.selectFrom("district").select(["id", "geometry"]).where("id", "in", ids).execute()).map((row) => [row.id, row.geometry])) : null;
  return questions.flatMap((question) =>
    question.districts.map((district) => {
      const geometry = district.districtId === null ? undefined : geometries?.get(district.districtId);
      return {
        id: `${question.id}-${district.districtId ?? district.district}-${district.estimated ? "estimate" : "actual"}`,
        question: question.name,
        year: question.year,
        chamber: district.chamber,
        district: district.district,
        yes: district.yes,
        no: district.no,
        blanks: district.blanks,
        total: district.total,
        pct_yes: district.pctYes,
        estimated: district.estimated,
        vintage: district.vintage,
        method: district.method,
        ...(geometry ? { geometry: parseGeometry(geometry) } : {}),
      };
    }),
  );
}

/** One row per question × town (precincts added up), for `export ballot-results --by town`. */
export async function exportBallotTowns(db: Db, { campaignId, withGeometry }: { campaignId?: number | undefined; withGeometry: boolean }): Promise<BallotTownExportRow[]> {
  const questions = await readQuestions(db, { campaignId });
  const towns = await readTownResults(
    db,
    questions.map((question) => question.id),
  );
  const ids = [...new Set(towns.map((town) => town.bodyId))];
  const geometries =
    withGeometry && ids.length ? new Map((await db.selectFrom("body").select(["id", "geometry"]).where("id", "in", ids).execute()).map((row) => [row.id, row.geometry])) : null;
  return questions.flatMap((question) =>
    towns
      .filter((town) => town.questionId === question.id)
      .map((town) => {
        const geometry = geometries?.get(town.bodyId);
        return {
          id: `${question.id}-${town.bodyId}`,
          body_id: town.bodyId,
          question: question.name,
          year: question.year,
          town: town.town,
          state: town.state,
          yes: town.yes,
          no: town.no,
          blanks: town.blanks,
          total: town.total,
          pct_yes: town.pctYes,
          partial: town.partial,
          ...(geometry ? { geometry: parseGeometry(geometry) } : {}),
        };
      }),
  );
}

/** The latest question per current district of a campaign (actual results before estimates): what the targets view and legislator page quote. */
export async function latestBallotByDistrict(
  db: Db,
  campaignId: number,
): Promise<Map<number, { question: string; year: number | null; pctYes: number | null; estimated: boolean }>> {
  const questions = [...(await readQuestions(db, { campaignId }))].sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || b.id - a.id);
  const latest = new Map<number, { question: string; year: number | null; pctYes: number | null; estimated: boolean }>();
  for (const question of questions) {
    for (const district of [...question.districts].sort((a, b) => Number(a.estimated) - Number(b.estimated))) {
      if (district.districtId === null || latest.has(district.districtId)) continue;
      latest.set(district.districtId, { question: question.name, year: question.year, pctYes: district.pctYes, estimated: district.estimated });
    }
  }
  return latest;
}
