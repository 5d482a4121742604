import Flatbush from "flatbush";
import type { BBox } from "../model/body";

/**
 * A static flatbush index over bounding boxes. `search` returns the positions (in the input
 * array) of every box that intersects or touches the query box. Empty inputs are allowed.
 */
export interface BBoxIndex {
  readonly size: number;
  search(box: BBox): number[];
}

export function buildBBoxIndex(boxes: readonly BBox[]): BBoxIndex {
  if (boxes.length === 0) return { size: 0, search: () => [] };
  const index = new Flatbush(boxes.length);
  for (const [west, south, east, north] of boxes) index.add(west, south, east, north);
  index.finish();
  return { size: boxes.length, search: ([west, south, east, north]) => index.search(west, south, east, north) };
}

/**
 * Every (left, right) pair whose boxes intersect or touch, as two parallel arrays of positions,
 * grouped by `left` in input order and with `right` ascending within a group.
 */
export function candidatePairs(left: readonly BBox[], right: readonly BBox[]): { left: Uint32Array; right: Uint32Array } {
  const index = buildBBoxIndex(right);
  const lefts: number[] = [];
  const rights: number[] = [];
  left.forEach((box, i) => {
    const found = index.search(box).sort((a, b) => a - b);
    for (const j of found) {
      lefts.push(i);
      rights.push(j);
    }
  });
  return { left: Uint32Array.from(lefts), right: Uint32Array.from(rights) };
}
