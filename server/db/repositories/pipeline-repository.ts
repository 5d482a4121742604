import { sql, type RawBuilder } from "kysely";
import type { CampaignScope } from "../../../shared/model/campaign-scope";
import { isCountedBody } from "./scope-filter";
import type { PipelineSort } from "../../../shared/model/pipeline";
import type { Db } from "../connect";

/**
 * The pipeline's rows: every body with its resolution in the campaign (none yet = the scheme's
 * first stage), its county and its hub; filters, sorting and paging all happen in SQL.
 */
export interface PipelineQuery {
  campaignId: number;
  /** The campaign's scope: only the bodies it counts are listed. */
  scope: CampaignScope;
  /** Stage ids in scheme order: the first is where bodies without a resolution sit. */
  stageOrder: string[];
  /** Stage ids most advanced first (shared/rules/stage-transitions.ts advancementOrder): the "stage" sort. */
  advancement: string[];
  stages?: string[] | undefined;
  kinds?: string[] | undefined;
  county?: string | undefined;
  hubId?: number | undefined;
  voteFrom?: string | undefined;
  voteTo?: string | undefined;
}

/** The body's county GEOID: its own (a county, or a county subdivision's first five digits), else its parent county's. */
const countyGeoid = sql<string | null>`case
  when length(body.geoid) in (5, 10) then substr(body.geoid, 1, 5)
  when length(parent.geoid) = 5 then parent.geoid
  else null end`;

const countyName = sql<string | null>`(select county.name from body as county where county.geoid = ${countyGeoid} order by county.id limit 1)`;

/**
 * The stage, the first one for bodies without a resolution. The first stage is inlined (stage ids
 * are lower_snake_case, checked by the scheme's schema) so GROUP BY sees the same expression.
 */
function stageOf(query: PipelineQuery): RawBuilder<string> {
  return sql<string>`coalesce(resolution.stage, ${sql.lit(query.stageOrder[0]!)})`;
}

/** How far the body got: 0 for the most advanced stage (the "stage" sort, ascending). */
function stagePosition(query: PipelineQuery): RawBuilder<number> {
  const cases = query.advancement.map((stage, index) => sql`when ${stage} then ${sql.lit(index)}`);
  return sql<number>`case ${stageOf(query)} ${sql.join(cases, sql` `)} else ${sql.lit(query.advancement.length)} end`;
}

function baseQuery(db: Db, query: PipelineQuery, { withStageFilter = true } = {}) {
  let builder = db
    .selectFrom("body")
    .leftJoin("resolution", (join) => join.onRef("resolution.bodyId", "=", "body.id").on("resolution.campaignId", "=", query.campaignId))
    .leftJoin("body as parent", "parent.id", "body.parentId")
    .leftJoin("hub", "hub.id", "resolution.hubId")
    .where(isCountedBody(query.scope) as never);
  if (withStageFilter && query.stages?.length) builder = builder.where(stageOf(query), "in", query.stages);
  if (query.kinds?.length) builder = builder.where("body.kind", "in", query.kinds);
  if (query.county) builder = builder.where(countyGeoid, "=", query.county);
  if (query.hubId !== undefined) builder = builder.where("resolution.hubId", "=", query.hubId);
  if (query.voteFrom) builder = builder.where("resolution.voteDate", ">=", query.voteFrom);
  if (query.voteTo) builder = builder.where("resolution.voteDate", "<=", query.voteTo);
  return builder;
}

const SORT_EXPRESSIONS: Record<Exclude<PipelineSort, "stage">, RawBuilder<unknown>> = {
  body: sql`lower(body.name)`,
  kind: sql`body.kind`,
  state: sql`body.state`,
  county: countyName,
  hub: sql`lower(hub.name)`,
  // Same-day votes by time (a vote without a time first); null dates stay null and sort last.
  voteDate: sql`resolution.vote_date || ' ' || coalesce(resolution.vote_time, '')`,
  tally: sql`resolution.tally_yes`,
  updated: sql`resolution.updated_at`,
};

export async function findPipelineRows(
  db: Db,
  query: PipelineQuery,
  { sort, direction, limit, offset, withStageFilter = true }: { sort: PipelineSort; direction: "asc" | "desc"; limit: number; offset: number; withStageFilter?: boolean },
) {
  const key = sort === "stage" ? stagePosition(query) : SORT_EXPRESSIONS[sort];
  const order = direction === "desc" ? sql`desc` : sql`asc`;
  return (
    baseQuery(db, query, { withStageFilter })
      .select([
        "body.id as bodyId",
        "body.name as bodyName",
        "body.kind",
        "body.state",
        "resolution.hubId",
        "hub.name as hubName",
        "resolution.version",
        "resolution.voteDate",
        "resolution.voteTime",
        "resolution.voteCancelled",
        "resolution.tallyYes",
        "resolution.tallyNo",
        "resolution.tallyAbstain",
        "resolution.tallyAbsent",
        "resolution.updatedAt",
      ])
      .select([stageOf(query).as("stage"), countyGeoid.as("countyGeoid"), countyName.as("countyName")])
      // Rows without a value sort last either way; ties by name, then id, so pages never overlap.
      .orderBy(sql`case when ${key} is null then 1 else 0 end`)
      .orderBy(sql`${key} ${order}`)
      .orderBy(sql`lower(body.name)`)
      .orderBy("body.id")
      .limit(limit)
      .offset(offset)
      .execute()
  );
}
export type PipelineDbRow = Awaited<ReturnType<typeof findPipelineRows>>[number];

export async function countPipelineRows(db: Db, query: PipelineQuery): Promise<number> {
  const row = await baseQuery(db, query)
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Rows per stage under every filter but the stage filter (the board's column counts). */
export async function countPipelineByStage(db: Db, query: PipelineQuery): Promise<Map<string, number>> {
  const rows = await baseQuery(db, query, { withStageFilter: false })
    .select((eb) => [stageOf(query).as("stage"), eb.fn.countAll<number>().as("count")])
    .groupBy(stageOf(query))
    .execute();
  return new Map(rows.map((row) => [row.stage, Number(row.count)]));
}

/** Counties of the campaign's bodies with how many bodies each (for the filter menu). */
export async function findPipelineCounties(db: Db) {
  const rows = await db
    .selectFrom("body")
    .leftJoin("body as parent", "parent.id", "body.parentId")
    .select((eb) => [countyGeoid.as("geoid"), eb.fn.countAll<number>().as("count")])
    .where(countyGeoid, "is not", null)
    .groupBy(countyGeoid)
    .execute();
  const names = new Map(
    (
      await db
        .selectFrom("body")
        .select(["geoid", "name", "state"])
        .where(sql<number>`length(geoid)`, "=", 5)
        .orderBy("id")
        .execute()
    ).map((row) => [row.geoid!, `${row.name}${row.state ? `, ${row.state}` : ""}`]),
  );
  return rows.map((row) => ({ geoid: row.geoid!, name: names.get(row.geoid!) ?? `County ${row.geoid}`, count: Number(row.count) }));
}

export async function findBodyKindCounts(db: Db) {
  const rows = await db
    .selectFrom("body")
    .select((eb) => ["kind", eb.fn.countAll<number>().as("count")])
    .groupBy("kind")
    .orderBy("kind")
    .execute();
  return rows.map((row) => ({ kind: row.kind, count: Number(row.count) }));
}
