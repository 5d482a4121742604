import { sql } from "kysely";
import type { CampaignScope } from "../../../shared/model/campaign-scope";
import { isCountedBody } from "./scope-filter";
import type { Db } from "../connect";
import type { BodyRow, NewBodyRow } from "../schema";
import { PUBLIC_FIELDS } from "../../../shared/model/public-fields";

const summaryColumns = ["body.id", "body.name", "body.kind", "body.state", "body.geoid", "body.minLon", "body.minLat", "body.maxLon", "body.maxLat"] as const;

/** Every body with its resolution in `campaignId` (stage/version null when none exists yet). */
export function findBodySummaries(db: Db, campaignId: number, scope: CampaignScope) {
  return db
    .selectFrom("body")
    .leftJoin("resolution", (join) => join.onRef("resolution.bodyId", "=", "body.id").on("resolution.campaignId", "=", campaignId))
    .select([...summaryColumns, "resolution.stage", "resolution.version"])
    .where(isCountedBody(scope) as never)
    .orderBy("body.id")
    .execute();
}

export function findBodyById(db: Db, id: number): Promise<Omit<BodyRow, "geometry" | "sourceKey" | "areaM2" | "population" | "boundarySource"> | undefined> {
  return db
    .selectFrom("body")
    .select([
      ...(["id", "name", "kind", "state", "geoid", "ocdDivisionId", "parentId", "minLon", "minLat", "maxLon", "maxLat", "createdAt", "updatedAt"] as const),
      ...(["seats", "vacancies", "quorum", "voteRule", "hasVeto", "overrideRule"] as const),
    ])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Bodies whose name is `name` (any case), in `state` when one is given. */
export function findBodiesNamed(db: Db, name: string, state: string | null) {
  let query = db
    .selectFrom("body")
    .select(["id", "kind", "state"])
    .where(sql<string>`lower(name)`, "=", name.trim().toLowerCase());
  if (state !== null) query = query.where("state", "=", state);
  return query.orderBy("id").execute();
}

/** Every body's exported fields and its parent (ward committees in a city), by id. */
export function findBodiesWithParents(db: Db) {
  return db
    .selectFrom("body")
    .leftJoin("body as parent", "parent.id", "body.parentId")
    .select(["body.id", "body.name", "body.kind", "body.state", "body.geoid", "body.parentId", "parent.name as parentName"])
    .orderBy("body.id")
    .execute();
}

export function countBodies(db: Db): Promise<number> {
  return db
    .selectFrom("body")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow()
    .then((row) => Number(row.count));
}

/** Each body's boundary publisher (public: maps and press exports credit it). */
export function findBoundarySources(db: Db) {
  return db
    .selectFrom("body")
    .select(["id", ...PUBLIC_FIELDS.bodySource])
    .execute();
}

/** Changes whenever a body is added, removed or edited: the cache key of the geometry payload. */
export async function findBodySetVersion(db: Db): Promise<string> {
  const row = await db
    .selectFrom("body")
    .select((eb) => [eb.fn.countAll<number>().as("count"), eb.fn.max("updatedAt").as("lastUpdate"), eb.fn.max("id").as("maxId")])
    .executeTakeFirstOrThrow();
  return `${Number(row.count)}:${row.maxId ?? 0}:${row.lastUpdate ?? ""}`;
}

export function findBodyGeometries(db: Db) {
  return db.selectFrom("body").select(["id", "name", "kind", "state", "geoid", "parentId", "minLon", "minLat", "maxLon", "maxLat", "geometry"]).orderBy("id").execute();
}

/** Insert in batches (PostgreSQL caps a statement at 65,535 parameters). */
export async function insertBodies(db: Db, rows: NewBodyRow[]): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < rows.length; start += 500) {
    const inserted = await db
      .insertInto("body")
      .values(rows.slice(start, start + 500))
      .returning("id")
      .execute();
    ids.push(...inserted.map((row) => row.id));
  }
  return ids;
}

export function searchBodiesByName(db: Db, query: string, limit: number) {
  return db
    .selectFrom("body")
    .select(["id", "name", "kind", "state"])
    .where(sql<string>`lower(name)`, "like", `%${query.toLowerCase().replace(/[%_]/g, "")}%`)
    .orderBy("name")
    .limit(limit)
    .execute();
}

export function findBodyKeys(db: Db, kind: string) {
  return db.selectFrom("body").select(["id", "sourceKey"]).where("kind", "=", kind).where("sourceKey", "is not", null).execute();
}

export async function updateBody(
  db: Db,
  id: number,
  values: Pick<NewBodyRow, "name" | "state" | "geoid" | "geometry" | "minLon" | "minLat" | "maxLon" | "maxLat" | "updatedAt" | "areaM2" | "parentId">,
) {
  await db.updateTable("body").set(values).where("id", "=", id).execute();
}

/** Polygon bodies for overlap computation (points have no area to share). */
export function findBodyShapes(db: Db) {
  return db.selectFrom("body").select(["id", "geometry"]).orderBy("id").execute();
}

export function findBodyGeometry(db: Db, id: number) {
  return db.selectFrom("body").select(["id", "geometry", "minLon", "minLat", "maxLon", "maxLat"]).where("id", "=", id).executeTakeFirst();
}

/** Bodies whose bounding box meets [west, south, east, north]. */
export function findBodiesInBox(db: Db, [west, south, east, north]: [number, number, number, number]) {
  return db
    .selectFrom("body")
    .select(["id", "name", "kind", "state", "parentId", "population", "geometry"])
    .where("maxLon", ">=", west)
    .where("minLon", "<=", east)
    .where("maxLat", ">=", south)
    .where("minLat", "<=", north)
    .execute();
}

/** The body a member sits on (for hub-area checks), or null for an unknown member. */
export async function findBodyIdOfMember(db: Db, memberId: number): Promise<number | null> {
  const row = await db.selectFrom("member").select("bodyId").where("id", "=", memberId).executeTakeFirst();
  return row?.bodyId ?? null;
}

/** The body a next action belongs to (through its resolution), or null for an unknown task. */
export async function findBodyIdOfTask(db: Db, taskId: number): Promise<number | null> {
  const row = await db
    .selectFrom("task")
    .innerJoin("resolution", "resolution.id", "task.resolutionId")
    .select("resolution.bodyId")
    .where("task.id", "=", taskId)
    .executeTakeFirst();
  return row?.bodyId ?? null;
}
