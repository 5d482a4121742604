import type { BallotMap } from "../../shared/model/ballot-question";
import { PERCENT_YES_CLASSES, percentYesClass } from "../../shared/rules/ballot-results";

/** What the map controller needs to colour a ballot question: each town's class of % yes and partial flag, and where it ran. */
export function ballotColoring(ballot: BallotMap) {
  return {
    classes: new Map(ballot.towns.map((town) => [town.bodyId, { ballot: percentYesClass(town.pctYes) ?? -1, partial: town.partial }])),
    outline: ballot.outline,
  };
}

/** Towns per class of % yes, and partial towns: the legend's counts. */
export function ballotCounts(ballot: BallotMap): { classes: number[]; partial: number } {
  const classes = PERCENT_YES_CLASSES.map(() => 0);
  for (const town of ballot.towns) {
    const index = percentYesClass(town.pctYes);
    if (index !== null) classes[index]! += 1;
  }
  return { classes, partial: ballot.towns.filter((town) => town.partial).length };
}
