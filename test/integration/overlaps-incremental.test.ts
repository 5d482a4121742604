import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { ImportFeature } from "../../shared/model/boundary";
import type { Db } from "../../server/db/connect";
import { commandLineActor } from "../../server/domain/actor";
import { importBoundaryLayer, planBoundaryImport, type BoundaryImportRequest } from "../../server/domain/boundary-import";
import { recomputeOverlaps } from "../../server/domain/overlaps";
import { rectanglePolygon } from "../helpers/factories";
import { forEachEngine } from "../helpers/test-db";

/**
 * Incremental overlaps (issue 16): an import recomputes only the pairs of what it wrote. Re-importing
 * one district plan leaves every other plan's rows untouched (not one statement reaches them),
 * rows whose values come out the same are not rewritten, and the table always equals a full
 * recompute. Also: the worker-thread path stores exactly what the main thread stores, and a
 * failing worker writes nothing.
 */

/** Counts the statements that write to body_district_overlap, by kind. */
class OverlapWrites implements KyselyPlugin {
  counts = { insert: 0, update: 0, delete: 0 };
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    const table = (item: unknown) => JSON.stringify(item ?? null).includes('"body_district_overlap"') || JSON.stringify(item ?? null).includes('"bodyDistrictOverlap"');
    if (node.kind === "InsertQueryNode" && table(node.into)) this.counts.insert++;
    if (node.kind === "UpdateQueryNode" && table(node.table)) this.counts.update++;
    if (node.kind === "DeleteQueryNode" && table(node.from)) this.counts.delete++;
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
  reset() {
    this.counts = { insert: 0, update: 0, delete: 0 };
  }
}

const layer = (features: ImportFeature[]) => ({ features, fields: [...new Set(features.flatMap((item) => Object.keys(item.properties)))] });

/** A 6 × 4 grid of 0.1° towns from (-71.6, 41.5). */
function towns(moved?: { name: string; by: number }) {
  const features: ImportFeature[] = [];
  for (let column = 0; column < 6; column++) {
    for (let row = 0; row < 4; row++) {
      const name = `Town ${column}-${row}`;
      const west = -71.6 + column * 0.1;
      const south = 41.5 + row * 0.1;
      const east = west + 0.1 + (moved?.name === name ? moved.by : 0);
      features.push({ properties: { NAME: name }, geometry: rectanglePolygon(west, south, east, south + 0.1) });
    }
  }
  return layer(features);
}

/** A plan of `columns` × `rows` districts over the towns' 0.6° × 0.4°, its first district's east edge moved by `shift`. */
function plan(columns: number, rows: number, shift = 0) {
  const features: ImportFeature[] = [];
  const width = 0.6 / columns;
  const height = 0.4 / rows;
  for (let column = 0; column < columns; column++) {
    for (let row = 0; row < rows; row++) {
      const number = column * rows + row + 1;
      const west = -71.6 + column * width + (number === 1 + rows ? shift : 0);
      const east = -71.6 + (column + 1) * width + (number === 1 ? shift : 0);
      features.push({ properties: { DISTRICT: String(number) }, geometry: rectanglePolygon(west, 41.5 + row * height, east, 41.5 + (row + 1) * height) });
    }
  }
  return layer(features);
}

forEachEngine((getDatabase) => {
  const spy = new OverlapWrites();
  let db: Db;
  const run = (features: ReturnType<typeof layer>, request: BoundaryImportRequest) =>
    db.transaction().execute((trx) => importBoundaryLayer(trx, features, planBoundaryImport(request), commandLineActor));
  const house = (features: ReturnType<typeof layer>, vintage = "2022") => run(features, { as: "districts", chamber: "state_lower", state: "RI", nameField: "DISTRICT", vintage });
  const senate = (features: ReturnType<typeof layer>) => run(features, { as: "districts", chamber: "state_upper", state: "RI", nameField: "DISTRICT", vintage: "2022" });
  const stored = () =>
    db
      .selectFrom("bodyDistrictOverlap")
      .innerJoin("district", "district.id", "bodyDistrictOverlap.districtId")
      .select(["bodyId", "districtId", "district.chamber", "intersectionAreaM2", "shareOfBody", "shareOfDistrict", "computedAt"])
      .orderBy("bodyId")
      .orderBy("districtId")
      .execute();
  const values = (rows: Awaited<ReturnType<typeof stored>>) => rows.map(({ computedAt: _computedAt, ...row }) => row);
  /** The table after a full recompute, rolled back again. */
  const fullRecompute = async () => {
    let rows: Awaited<ReturnType<typeof stored>> = [];
    await db
      .transaction()
      .execute(async (trx) => {
        await recomputeOverlaps(trx, { threads: 1 });
        rows = await trx
          .selectFrom("bodyDistrictOverlap")
          .innerJoin("district", "district.id", "bodyDistrictOverlap.districtId")
          .select(["bodyId", "districtId", "district.chamber", "intersectionAreaM2", "shareOfBody", "shareOfDistrict", "computedAt"])
          .orderBy("bodyId")
          .orderBy("districtId")
          .execute();
        throw new Error("roll back");
      })
      .catch((error: Error) => {
        if (error.message !== "roll back") throw error;
      });
    return values(rows);
  };

  beforeAll(async () => {
    db = getDatabase().db.withPlugin(spy);
    await run(towns(), { as: "bodies", kind: "town_meeting", state: "RI", nameField: "NAME" });
    await house(plan(3, 2));
    await senate(plan(2, 1));
  });

  it("after the first imports, the stored overlaps equal a full recompute", async () => {
    const rows = await stored();
    expect(rows.filter((row) => row.chamber === "state_lower")).toHaveLength(24);
    expect(rows.filter((row) => row.chamber === "state_upper")).toHaveLength(24);
    expect(values(rows)).toEqual(await fullRecompute());
  });

  it("re-importing the same district plan recomputes only its districts and rewrites nothing", async () => {
    const before = await stored();
    spy.reset();
    const result = await house(plan(3, 2));
    expect(result.overlaps?.changes).toEqual({ bodies: 0, districts: 6, inserted: 0, updated: 0, deleted: 0, unchanged: 24 });
    // Only the house districts' pairs were computed: 24 towns against 6 districts, not 8.
    expect(result.overlaps).toMatchObject({ overlaps: 24, districts: 6 });
    expect(spy.counts).toEqual({ insert: 0, update: 0, delete: 1 }); // the one statement that drops retired plans' rows (none here)
    expect(await stored()).toEqual(before);
  });

  it("re-importing a plan with one district moved rewrites only the rows that changed; other plans' rows are untouched", async () => {
    const before = await stored();
    spy.reset();
    // District 1 (column 0, lower row) grows east by 0.05°; district 3 (column 1, lower row) shrinks to match.
    const result = await house(plan(3, 2, 0.05));
    const after = await stored();
    const key = (row: { bodyId: number; districtId: number }) => `${row.bodyId}:${row.districtId}`;
    const old = new Map(before.map((row) => [key(row), row]));
    const rewritten = after.filter((row) => old.get(key(row))?.computedAt !== row.computedAt);
    expect(rewritten.length).toBeGreaterThan(0);
    expect(rewritten.every((row) => row.chamber === "state_lower")).toBe(true);
    // The senate's rows are the very same rows, computed at the same time.
    expect(after.filter((row) => row.chamber === "state_upper")).toEqual(before.filter((row) => row.chamber === "state_upper"));
    const { inserted, updated, deleted } = result.overlaps!.changes!;
    expect(spy.counts).toEqual({ insert: inserted > 0 ? 1 : 0, update: updated, delete: 1 + deleted });
    expect(inserted + updated).toBe(rewritten.length);
    expect(values(after)).toEqual(await fullRecompute());
  });

  it("re-importing bodies with one town changed rewrites only that town's rows", async () => {
    const before = await stored();
    spy.reset();
    const result = await run(towns({ name: "Town 2-1", by: 0.03 }), { as: "bodies", kind: "town_meeting", state: "RI", nameField: "NAME" });
    const after = await stored();
    const town = (await db.selectFrom("body").select("id").where("name", "=", "Town 2-1").executeTakeFirstOrThrow()).id;
    const old = new Map(before.map((row) => [`${row.bodyId}:${row.districtId}`, row.computedAt]));
    const rewritten = after.filter((row) => old.get(`${row.bodyId}:${row.districtId}`) !== row.computedAt);
    expect(rewritten.length).toBeGreaterThan(0);
    expect(new Set(rewritten.map((row) => row.bodyId))).toEqual(new Set([town]));
    expect(result.overlaps?.changes).toMatchObject({ bodies: 24, districts: 0, deleted: 0 });
    expect(values(after)).toEqual(await fullRecompute());
  });

  it("a new vintage of a plan replaces that plan's overlaps and leaves the others", async () => {
    const before = await stored();
    const result = await house(plan(2, 2), "2032");
    const after = await stored();
    const houseRows = (rows: typeof before) => rows.filter((row) => row.chamber === "state_lower").length;
    // Every 2022 house row dropped, every 2032 one new (no district of 2032 existed before).
    expect(result.overlaps?.changes).toMatchObject({ districts: 4, deleted: houseRows(before), inserted: houseRows(after), updated: 0, unchanged: 0 });
    expect(after.filter((row) => row.chamber === "state_upper")).toEqual(before.filter((row) => row.chamber === "state_upper"));
    expect(values(after)).toEqual(await fullRecompute());
    // An older vintage imported later is not current: nothing to compute, nothing written.
    spy.reset();
    await house(plan(3, 2), "2012");
    expect(spy.counts).toEqual({ insert: 0, update: 0, delete: 1 });
    expect(await stored()).toEqual(after);
  });

  describe("on worker threads", () => {
    it("the full recompute stores the same rows as on the main thread", async () => {
      const main = await fullRecompute();
      const summary = await db.transaction().execute((trx) => recomputeOverlaps(trx, { threads: 2 }));
      expect(summary.threads).toBe(2);
      expect(values(await stored())).toEqual(main);
    });

    it("a failing worker fails the recompute with one clear message and writes nothing", async () => {
      const before = await stored();
      const failing = db
        .transaction()
        .execute((trx) => recomputeOverlaps(trx, { threads: 2, workerUrl: new URL("../fixtures/workers/failing-overlap-worker.mjs", import.meta.url) }, new Date("2030-01-01")));
      await expect(failing).rejects.toThrow(/^computing overlaps failed in worker thread 1 of 1: out of coffee; nothing was written/);
      expect(await stored()).toEqual(before);
    });
  });
});
