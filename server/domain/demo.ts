import type { NewBody } from "../../shared/model/body";
import { defaultStageScheme, type StageScheme } from "../../shared/model/stage";
import { allowedMoves, canMoveTo } from "../../shared/rules/stage-transitions";
import { geometryBBox } from "../../shared/geo/bbox";
import type { Db } from "../db/connect";
import { insertBodies } from "../db/repositories/body-repository";
import { insertResolutions, insertStageEvents } from "../db/repositories/resolution-repository";
import { createCampaign } from "./campaigns";

export const DEMO_CAMPAIGN_NAME = "Demo: Medicare for All resolutions (sample data)";
const DEMO_ACTOR = "demo data";
export const DEMO_BOUNDARY_SOURCE = "US Census Bureau cartographic boundary files (via us-atlas)";

/** A small, fast, seedable PRNG (mulberry32), so the demo is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The stages a resolution went through to reach `target`, one pipeline step at a time, as a
 * real drive would. Every step is checked against the shared transition rule.
 */
export function stepwisePath(scheme: StageScheme, target: string, pausedAfterSteps = 2): string[] {
  const pipeline = scheme.stages.filter((stage) => stage.kind === "pipeline").map((stage) => stage.id);
  const targetStage = scheme.stages.find((stage) => stage.id === target);
  if (!targetStage) throw new Error(`unknown stage ${target}`);
  let path: string[];
  if (targetStage.kind === "pipeline") path = pipeline.slice(0, pipeline.indexOf(target) + 1);
  else if (targetStage.kind === "paused") path = [...pipeline.slice(0, Math.max(2, Math.min(pausedAfterSteps + 1, pipeline.length))), target];
  else if (targetStage.kind === "won" || targetStage.kind === "lost") path = [...pipeline, target];
  else path = [...pipeline, ...shortestMoves(scheme, pipeline.at(-1)!, target)]; // after passage: through "passed"
  for (let i = 1; i < path.length; i++) {
    if (!canMoveTo(scheme, path[i - 1]!, path[i]!)) throw new Error(`demo path uses an illegal move ${path[i - 1]} → ${path[i]}`);
  }
  return path;
}

/** The fewest allowed moves from `from` to `to` (breadth first), not including `from`. */
function shortestMoves(scheme: StageScheme, from: string, to: string): string[] {
  const previous = new Map<string, string>([[from, from]]);
  let frontier = [from];
  while (frontier.length > 0 && !previous.has(to)) {
    frontier = frontier.flatMap((id) =>
      allowedMoves(scheme, id)
        .map((stage) => stage.id)
        .filter((next) => !previous.has(next) && previous.set(next, id)),
    );
  }
  if (!previous.has(to)) throw new Error(`demo path cannot reach ${to}`);
  const path = [to];
  while (path[0] !== from) path.unshift(previous.get(path[0]!)!);
  return path.slice(1);
}

const DEMO_NOTES: Record<string, string[]> = {
  organizing: ["First house meeting held.", "Tabling at the farmers' market.", "Petition launched."],
  sponsor_found: ["Councillor agreed to sponsor after a 1:1.", "Sponsor found through the local nurses' union."],
  introduced: ["Filed for the next regular meeting."],
  in_committee: ["Referred to the health committee."],
  vote_scheduled: ["On the agenda for the next full meeting."],
  passed: ["Adopted. Thank-you letters sent."],
  failed: ["Voted down; regrouping."],
  stalled: ["Tabled indefinitely."],
  sent_to_legislators: ["Copies mailed to our state rep and senator."],
  vetoed: ["The mayor vetoed it; counting votes for an override."],
  overridden: ["Veto overridden."],
  rescinded: ["Rescinded after the election."],
};

/**
 * Seed the demo campaign: real county geometry, invented stages (clearly marked as demo data).
 * Activity clusters by state, as real campaigns do, and every stage of the scheme appears.
 */
export async function seedDemo(db: Db, bodies: NewBody[], { seed = 2026, now = new Date("2026-11-01T12:00:00Z") } = {}) {
  const random = seededRandom(seed);
  const scheme = defaultStageScheme;
  const campaign = await createCampaign(db, { name: DEMO_CAMPAIGN_NAME, bill: "Demo bill H.0000 (sample)", isDemo: true, stageScheme: scheme }, now);
  const stamp = now.toISOString();
  const bodyIds = await insertBodies(
    db,
    bodies.map((body) => {
      const [minLon, minLat, maxLon, maxLat] = geometryBBox(body.geometry);
      return {
        name: body.name,
        kind: body.kind,
        state: body.state,
        geoid: body.geoid,
        ocdDivisionId: body.ocdDivisionId,
        parentId: body.parentId,
        geometry: JSON.stringify(body.geometry),
        boundarySource: DEMO_BOUNDARY_SOURCE,
        minLon,
        minLat,
        maxLon,
        maxLat,
        createdAt: stamp,
        updatedAt: stamp,
      };
    }),
  );

  const activityByState = new Map<string, number>();
  const stageIds = scheme.stages.map((stage) => stage.id);
  const pickStage = (state: string | null): string => {
    const key = state ?? "";
    if (!activityByState.has(key)) activityByState.set(key, random() ** 1.5);
    const activity = activityByState.get(key)!;
    if (random() > 0.15 + 0.75 * activity) return "not_started";
    const roll = random();
    if (roll < 0.22) return "organizing";
    if (roll < 0.38) return "sponsor_found";
    if (roll < 0.5) return "introduced";
    if (roll < 0.6) return "in_committee";
    if (roll < 0.68) return "vote_scheduled";
    if (roll < 0.82) return "passed";
    if (roll < 0.86) return "sent_to_legislators";
    if (roll < 0.87) return "vetoed";
    if (roll < 0.875) return "overridden";
    if (roll < 0.88) return "rescinded";
    if (roll < 0.94) return "failed";
    return "stalled";
  };
  const targets = bodies.map((body) => pickStage(body.state));
  // Guarantee every stage appears, whatever the geography handed in (given at least one body per
  // stage). Only a slot whose stage also appears elsewhere is reused, so no stage is pushed out.
  stageIds.forEach((stageId, index) => {
    if (targets.includes(stageId) || targets.length <= index) return;
    const start = (index * 7) % targets.length;
    for (let step = 0; step < targets.length; step++) {
      const slot = (start + step) % targets.length;
      if (targets.indexOf(targets[slot]!) !== targets.lastIndexOf(targets[slot]!)) {
        targets[slot] = stageId;
        return;
      }
    }
  });

  const start = new Date("2025-01-15T15:00:00Z").getTime();
  const span = now.getTime() - start;
  const active = targets.flatMap((stage, index) => (stage === "not_started" ? [] : [{ bodyId: bodyIds[index]!, stage }]));
  const histories = active.map(({ stage }) => {
    const path = stepwisePath(scheme, stage, 1 + Math.floor(random() * 4));
    // Spread the steps over the campaign so far, in order.
    const times = path
      .slice(1)
      .map(() => start + random() * span)
      .sort((a, b) => a - b);
    return { path, times };
  });
  const resolutionIds = await insertResolutions(
    db,
    active.map(({ bodyId, stage }, index) => ({
      campaignId: campaign.id,
      bodyId,
      stage,
      version: histories[index]!.path.length - 1,
      updatedAt: new Date(histories[index]!.times.at(-1)!).toISOString(),
    })),
  );
  await insertStageEvents(
    db,
    histories.flatMap(({ path, times }, index) =>
      path.slice(1).map((toStage, step) => {
        const notes = DEMO_NOTES[toStage] ?? [];
        return {
          resolutionId: resolutionIds[index]!,
          fromStage: path[step]!,
          toStage,
          actor: DEMO_ACTOR,
          note: notes.length && random() < 0.6 ? notes[Math.floor(random() * notes.length)]! : null,
          occurredAt: new Date(times[step]!).toISOString(),
          happenedOn: new Date(times[step]!).toISOString().slice(0, 10),
        };
      }),
    ),
  );
  return { campaign, bodies: bodyIds.length, resolutions: resolutionIds.length };
}
