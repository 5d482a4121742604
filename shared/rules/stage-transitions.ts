import type { StageDefinition, StageScheme } from "../model/stage";
import { findStage } from "../model/stage";

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
 * - A won resolution is final in the default scheme; corrections are an undo event (later).
 */
export function canMoveTo(scheme: StageScheme, fromId: string, toId: string): boolean {
  if (fromId === toId) return false;
  const from = findStage(scheme, fromId);
  const to = findStage(scheme, toId);
  if (!from || !to) return false;
  const pipeline = scheme.stages.filter((stage) => stage.kind === "pipeline");
  const position = (stage: StageDefinition) => pipeline.findIndex((p) => p.id === stage.id);

  switch (from.kind) {
    case "pipeline": {
      const fromPosition = position(from);
      if (to.kind === "pipeline") {
        const toPosition = position(to);
        return toPosition > fromPosition || toPosition === fromPosition - 1;
      }
      if (to.kind === "won" || to.kind === "lost") return from.opensVote;
      return fromPosition > 0; // paused
    }
    case "lost":
      return to.kind === "pipeline" && position(to) > 0 && (to.opensVote || position(to) === 1);
    case "paused":
      return to.kind === "pipeline" && position(to) > 0;
    case "won":
      return false;
  }
}

/** The stages a resolution at `fromId` may move to, in scheme order. */
export function allowedMoves(scheme: StageScheme, fromId: string): StageDefinition[] {
  return scheme.stages.filter((stage) => canMoveTo(scheme, fromId, stage.id));
}
