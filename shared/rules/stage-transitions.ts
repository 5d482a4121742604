import type { StageDefinition, StageScheme } from "../model/stage";
import { countsAsPassed, findStage } from "../model/stage";

/**
 * Which stage moves are allowed. One rule, called by `changeStage`, the CSV importer and the
 * stage picker in the body panel.
 *
 * - Along the pipeline a resolution may move forward any number of steps (campaigns often learn
 *   late that a sponsor was found and the item already introduced) and back one step
 *   (a sponsor withdrew, an item was sent back to committee).
 * - A vote (`won`/`lost`) needs a pipeline stage that opens a vote (introduced or later).
 * - Any pipeline stage except the first may pause (`paused`, i.e. stalled).
 * - A lost vote can be reintroduced (any vote-opening pipeline stage) or organized again.
 * - A paused drive can resume at any pipeline stage after the first.
 * - After passage (`won`): it may be sent to the legislators (`sent`), vetoed (`vetoed`) or
 *   rescinded (`rescinded`). A veto may be overridden (`overridden`), after which the resolution
 *   may be sent on or rescinded like any passed one. Sent resolutions may still be rescinded.
 * - A vetoed or rescinded resolution may also start again like a failed one (reintroduced or
 *   organized again).
 * - Nothing else leaves a passed resolution; a mistaken move is corrected by an undo event
 *   (`resolution.undoStage`), which does not go through this rule.
 */
export function canMoveTo(scheme: StageScheme, fromId: string, toId: string): boolean {
  if (fromId === toId) return false;
  const from = findStage(scheme, fromId);
  const to = findStage(scheme, toId);
  if (!from || !to) return false;
  const pipeline = scheme.stages.filter((stage) => stage.kind === "pipeline");
  const position = (stage: StageDefinition) => pipeline.findIndex((p) => p.id === stage.id);
  /** Starting again after a lost vote: reintroduced (a vote-opening step) or organizing again. */
  const restarts = (stage: StageDefinition) => stage.kind === "pipeline" && position(stage) > 0 && (stage.opensVote || position(stage) === 1);

  switch (from.kind) {
    case "pipeline": {
      const fromPosition = position(from);
      if (to.kind === "pipeline") {
        const toPosition = position(to);
        return toPosition > fromPosition || toPosition === fromPosition - 1;
      }
      if (to.kind === "won" || to.kind === "lost") return from.opensVote;
      if (to.kind === "paused") return fromPosition > 0;
      return false; // after-passage stages need a passed resolution
    }
    case "won":
    case "overridden":
      return to.kind === "sent" || to.kind === "rescinded" || (from.kind === "won" && to.kind === "vetoed");
    case "sent":
      return to.kind === "rescinded";
    case "vetoed":
      return to.kind === "overridden" || restarts(to);
    case "lost":
    case "rescinded":
      return restarts(to);
    case "paused":
      return to.kind === "pipeline" && position(to) > 0;
  }
}

/** The stages a resolution at `fromId` may move to, in scheme order. */
export function allowedMoves(scheme: StageScheme, fromId: string): StageDefinition[] {
  return scheme.stages.filter((stage) => canMoveTo(scheme, fromId, stage.id));
}

/**
 * How an import reaches a stage: the shortest chain of legal moves from `fromId` to `toId`
 * (the stages after `fromId`, ending with `toId`), or null when the rule allows no way there.
 * A spreadsheet may jump (a body that went from organizing straight to passed): the import
 * records each move on the way as its own stage event, so the history only ever holds moves
 * `canMoveTo` allows and replays the same way as changes made in the app. The steps in between
 * are pipeline stages, plus only what the target itself implies: "sent", "vetoed", "overridden"
 * and "rescinded" imply the vote passed, and "overridden" implies the veto. So a path never
 * invents a vote, a stall or a veto that did not happen (going back from committee to organizing
 * walks back through the pipeline, not through "failed"). An empty array means it is already there.
 */
export function pathOfMoves(scheme: StageScheme, fromId: string, toId: string): string[] | null {
  if (fromId === toId) return [];
  if (!findStage(scheme, fromId) || !findStage(scheme, toId)) return null;
  const target = findStage(scheme, toId)!;
  const implied = new Set<StageDefinition["kind"]>(["pipeline"]);
  if (["sent", "vetoed", "overridden", "rescinded"].includes(target.kind)) implied.add("won");
  if (target.kind === "overridden") implied.add("vetoed");
  const previous = new Map<string, string>([[fromId, ""]]);
  const queue = [fromId];
  while (queue.length) {
    const current = queue.shift()!;
    // Scheme order breaks ties, so the path is the same every time.
    for (const next of allowedMoves(scheme, current)) {
      if (previous.has(next.id) || (next.id !== toId && !implied.has(next.kind))) continue;
      previous.set(next.id, current);
      if (next.id === toId) {
        const path = [toId];
        for (let step = current; step !== fromId; step = previous.get(step)!) path.unshift(step);
        return path;
      }
      queue.push(next.id);
    }
  }
  return null;
}

/**
 * The scheme's stages, most advanced first, for sorting a list by how far each body got: passed
 * and beyond (sent, overridden; latest in the scheme first), then the pipeline from the step before
 * a vote back to the second step, then setbacks (vetoed, rescinded, failed, stalled) in scheme
 * order, and last the first stage, where untouched bodies sit.
 */
export function advancementOrder(scheme: StageScheme): string[] {
  const [first, ...rest] = scheme.stages;
  const passed = rest.filter(countsAsPassed).reverse();
  const pipeline = rest.filter((stage) => stage.kind === "pipeline").reverse();
  const setbacks = rest.filter((stage) => !countsAsPassed(stage) && stage.kind !== "pipeline");
  return [...passed, ...pipeline, ...setbacks, ...(first ? [first] : [])].map((stage) => stage.id);
}
