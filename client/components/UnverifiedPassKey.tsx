import type { CSSProperties } from "react";
import type { StageScheme } from "../../shared/model/stage";
import { describeUnverifiedMark, UNVERIFIED_PASS_LABEL, type PassCount } from "../../shared/rules/verification";
import { formatCount } from "../lib/format";
import { tileBackground } from "../lib/pattern-image";
import { unverifiedHatchPixels } from "../map/unverified-style";

/** The swatch of a hatched pass: the passed stage's colour under the map's hatch tile. */
export function unverifiedSwatchStyle(scheme: StageScheme): CSSProperties {
  const passed = scheme.stages.find((stage) => stage.kind === "won");
  return { backgroundColor: passed?.color ?? "#ffffff", backgroundImage: tileBackground("unverified-hatch", unverifiedHatchPixels) };
}

/**
 * The legend's entry for passes no organizer has verified yet: the hatch, "Passed, not yet
 * verified", their count, and whether the headline counts them. Shown only while the campaign
 * verifies passes or counts verified ones only (`marksUnverifiedPasses`).
 */
export function UnverifiedPassKey({ scheme, passes, count }: { scheme: StageScheme; passes: PassCount; count: number }) {
  return (
    <div className="unverified-key" data-testid="unverified-key">
      <p className="legend-entry">
        <span className="swatch" style={unverifiedSwatchStyle(scheme)} aria-hidden="true" />
        <span className="legend-label">{UNVERIFIED_PASS_LABEL}</span>
        <span className="legend-count" data-testid="count-unverified">
          {formatCount(count)}
        </span>
      </p>
      <p className="hint">{describeUnverifiedMark(passes)}</p>
    </div>
  );
}
