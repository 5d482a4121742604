import type { NewBody } from "../../shared/model/body";
import { seeded } from "./bench-helpers";

/**
 * `count` bodies on a jittered grid over the lower 48. Neighbours share their edges exactly (each
 * edge's wiggle is a function of the edge), so outlines meet as real municipal borders do.
 */
export function syntheticNationalBodies(count: number): NewBody[] {
  const [west, south, east, north] = [-124.5, 25, -67, 49];
  const columns = Math.ceil(Math.sqrt((count * (east - west)) / (north - south)));
  const rows = Math.ceil(count / columns);
  const width = (east - west) / columns;
  const height = (north - south) / rows;
  const SPLITS = 6; // points per edge: 4 edges × 6 = 24 vertices, like a simplified county
  const noise = (...keys: number[]) => seeded(keys.reduce((hash, key) => Math.imul(hash ^ key, 0x9e3779b1) >>> 0, 0x2545f491))() - 0.5;
  const corner = (column: number, row: number): [number, number] => [
    west + (column + (column % columns && 0.4 * noise(1, column, row))) * width,
    south + (row + (row % rows && 0.4 * noise(2, column, row))) * height,
  ];
  /** Points from corner a to corner b (a excluded), wiggled across the edge; `key` names the edge. */
  const edge = (a: [number, number], b: [number, number], key: number[], reverse: boolean): [number, number][] => {
    const points: [number, number][] = [];
    for (let step = 1; step < SPLITS; step++) {
      const t = step / SPLITS;
      const wiggle = 0.12 * noise(...key, step);
      points.push([a[0] + (b[0] - a[0]) * t + wiggle * Math.abs(b[1] - a[1]), a[1] + (b[1] - a[1]) * t + wiggle * Math.abs(b[0] - a[0])]);
    }
    return reverse ? points.reverse() : points;
  };
  const bodies: NewBody[] = [];
  for (let index = 0; index < count; index++) {
    const column = index % columns;
    const row = Math.floor(index / columns);
    const [sw, se, ne, nw] = [corner(column, row), corner(column + 1, row), corner(column + 1, row + 1), corner(column, row + 1)];
    const ring = [
      sw,
      ...edge(sw, se, [3, column, row], false),
      se,
      ...edge(se, ne, [4, column + 1, row], false),
      ne,
      ...edge(nw, ne, [3, column, row + 1], true),
      nw,
      ...edge(sw, nw, [4, column, row], true),
      sw,
    ].map(([lon, lat]) => [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5]);
    bodies.push({
      name: `Synthetic town ${index + 1}`,
      kind: index % 3 ? "town_meeting" : "city_council",
      state: null,
      geoid: null,
      ocdDivisionId: null,
      parentId: null,
      geometry: { type: "Polygon", coordinates: [ring] },
    });
  }
  return bodies;
}
