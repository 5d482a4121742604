import { beforeAll, expect, it } from "vitest";
import type { NewBody } from "../../shared/model/body";
import { defaultStageScheme, initialStage } from "../../shared/model/stage";
import { canMoveTo } from "../../shared/rules/stage-transitions";
import { createCaller } from "../../server/api/router";
import { listBodies } from "../../server/domain/bodies";
import { DEMO_CAMPAIGN_NAME, seedDemo } from "../../server/domain/demo";
import { readUsAtlasCounties } from "../../server/io/us-atlas";
import { forEachEngine } from "../helpers/test-db";

const counties: NewBody[] = readUsAtlasCounties();

forEachEngine((getDatabase) => {
  let seeded: Awaited<ReturnType<typeof seedDemo>>;

  beforeAll(async () => {
    const { db } = getDatabase();
    // As `serve` does it: the whole seed in one transaction.
    seeded = await db.transaction().execute((trx) => seedDemo(trx, counties));
  });

  const caller = () => createCaller({ db: getDatabase().db, actor: { name: "anon", role: "public" } });

  it("loads every US county as a body of one demo campaign", async () => {
    expect(counties.length).toBeGreaterThanOrEqual(1000);
    expect(seeded.bodies).toBe(counties.length);
    const campaigns = await caller().campaign.list();
    expect(campaigns).toEqual([expect.objectContaining({ id: seeded.campaign.id, name: DEMO_CAMPAIGN_NAME, isDemo: true, stageScheme: defaultStageScheme })]);
    const bodies = await caller().body.list({ campaignId: seeded.campaign.id });
    expect(bodies).toHaveLength(counties.length);
    expect(new Set(bodies.map((body) => body.geoid))).toEqual(new Set(counties.map((county) => county.geoid)));
    expect(bodies.every((body) => body.kind === "county_board")).toBe(true);
  });

  it("shows every stage of the default scheme in body.list", async () => {
    const bodies = await caller().body.list({ campaignId: seeded.campaign.id });
    const counts = new Map<string, number>();
    for (const body of bodies) counts.set(body.stage, (counts.get(body.stage) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(defaultStageScheme.stages.map((stage) => stage.id).sort());
    // Untouched bodies have no resolution row; every other body has one.
    expect(bodies.length - (counts.get("not_started") ?? 0)).toBe(seeded.resolutions);
    expect(bodies.filter((body) => body.stage === "not_started").every((body) => body.version === 0)).toBe(true);
  });

  it("gives every resolution a legal chain of events that ends at its stage, one event per version", async () => {
    const { db } = getDatabase();
    const scheme = defaultStageScheme;
    const resolutions = await db.selectFrom("resolution").select(["id", "stage", "version", "updatedAt"]).where("campaignId", "=", seeded.campaign.id).execute();
    const events = await db
      .selectFrom("stageEvent")
      .innerJoin("resolution", "resolution.id", "stageEvent.resolutionId")
      .select(["stageEvent.id", "stageEvent.resolutionId", "stageEvent.fromStage", "stageEvent.toStage", "stageEvent.actor", "stageEvent.occurredAt"])
      .where("resolution.campaignId", "=", seeded.campaign.id)
      .orderBy("stageEvent.occurredAt")
      .orderBy("stageEvent.id")
      .execute();
    expect(resolutions).toHaveLength(seeded.resolutions);
    expect(resolutions.length).toBeGreaterThan(100);

    const eventsByResolution = new Map<number, typeof events>();
    for (const event of events) {
      const list = eventsByResolution.get(event.resolutionId) ?? [];
      list.push(event);
      eventsByResolution.set(event.resolutionId, list);
    }
    const problems: string[] = [];
    for (const resolution of resolutions) {
      const chain = eventsByResolution.get(resolution.id) ?? [];
      if (chain.length !== resolution.version) {
        problems.push(`resolution ${resolution.id}: version ${resolution.version} but ${chain.length} events`);
        continue;
      }
      let stage = initialStage(scheme).id;
      for (const event of chain) {
        if (event.fromStage !== stage) problems.push(`resolution ${resolution.id}: event ${event.id} starts at ${event.fromStage}, expected ${stage}`);
        if (!canMoveTo(scheme, event.fromStage ?? "", event.toStage)) {
          problems.push(`resolution ${resolution.id}: illegal move ${event.fromStage} → ${event.toStage}`);
        }
        stage = event.toStage;
      }
      if (stage !== resolution.stage) problems.push(`resolution ${resolution.id}: events end at ${stage}, resolution is at ${resolution.stage}`);
      if (chain.at(-1)?.occurredAt !== resolution.updatedAt) {
        problems.push(`resolution ${resolution.id}: updated ${resolution.updatedAt}, last event ${chain.at(-1)?.occurredAt}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    // Every event belongs to a demo resolution, is marked as demo data and lies in the past.
    expect(events).toHaveLength(resolutions.reduce((sum, resolution) => sum + resolution.version, 0));
    expect(events.every((event) => event.actor === "demo data")).toBe(true);
    expect(events.every((event) => event.occurredAt < "2026-11-01T12:00:00.000Z")).toBe(true);
  });

  it("shows a seeded body's history newest first through body.get", async () => {
    const { db } = getDatabase();
    const passed = await db
      .selectFrom("resolution")
      .select(["bodyId", "version"])
      .where("campaignId", "=", seeded.campaign.id)
      .where("stage", "=", "passed")
      .orderBy("bodyId")
      .executeTakeFirstOrThrow();
    const detail = await createCaller({ db, actor: { name: "Viewer", role: "viewer" } }).body.get({
      campaignId: seeded.campaign.id,
      bodyId: passed.bodyId,
    });
    expect(detail.stage).toBe("passed");
    expect(detail.history).toHaveLength(passed.version);
    expect(detail.history[0]!.toStage).toBe("passed");
    expect(detail.history.at(-1)!.fromStage).toBe("not_started");
    const times = detail.history.map((event) => event.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  // Small seeds (a town-sized demo, an end-to-end fixture) must show every stage too. Each is
  // seeded in a transaction that is rolled back, so the full demo above stays the only one.
  it.each([defaultStageScheme.stages.length, 14, 21, 42])("shows every stage when seeded with only %i bodies", async (size) => {
    const { db } = getDatabase();
    const rollback = new Error("roll back");
    let stages: string[] = [];
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.deleteFrom("campaign").execute();
        await trx.deleteFrom("body").execute();
        const small = await seedDemo(trx, counties.slice(0, size));
        stages = (await listBodies(trx, small.campaign.id)).map((body) => body.stage);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(stages).toHaveLength(size);
    expect(new Set(stages)).toEqual(new Set(defaultStageScheme.stages.map((stage) => stage.id)));
    expect(
      await db
        .selectFrom("body")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .executeTakeFirstOrThrow(),
    ).toEqual({
      count: counties.length,
    });
  });
});
