import type { StageScheme } from "../../shared/model/stage";
import { findStage } from "../../shared/model/stage";
import { textColorOn } from "../lib/colors";

export function StageBadge({ scheme, stageId }: { scheme: StageScheme; stageId: string }) {
  const stage = findStage(scheme, stageId);
  const color = stage?.color ?? "#cccccc";
  return (
    <span className="stage-badge" style={{ background: color, color: textColorOn(color) }} data-stage={stageId}>
      {stage?.label ?? stageId}
    </span>
  );
}
