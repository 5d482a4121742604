import type { PopulationImportRequest } from "../../shared/model/import-request";
import { placePopulation, type Area } from "../../shared/geo/population-assign";
import type { Db } from "../db/connect";
import { findBodyGeometries } from "../db/repositories/body-repository";
import { findDistrictShapesOfAllPlans } from "../db/repositories/district-repository";
import { insertPopulationLayer, replacePopulationCounts } from "../db/repositories/population-repository";
import { InputError } from "../errors";
import { populationValue } from "../../shared/rules/import-fields";
import type { Actor } from "./actor";

/** What a population import placed, and where (a dry run reports the same and keeps nothing). */
export interface PopulationImportSummary {
  fileName: string;
  countField: string;
  state: string | null;
  /** How polygons were placed: shared by area, or whole at one point. */
  place: "area" | "point";
  features: number;
  /** Of the features, how many are polygons (the others are points). */
  polygons: number;
  people: number;
  /** People placed in some current district, and outside every one. */
  placed: number;
  unplaced: number;
  districts: number;
  bodies: number;
  dryRun: boolean;
}

/** What a population import reads: polygons (blocks, precincts) and points (block centroids), with their attributes. */
export interface PopulationLayer {
  features: ReadonlyArray<{ properties: Record<string, unknown>; geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon; sourceIndexes: readonly number[] }>;
  fields: readonly string[];
  points?: ReadonlyArray<{ index: number; properties: Record<string, unknown>; coordinates: [number, number] }> | undefined;
}

/**
 * The Census Bureau's own internal point of a TIGER block or block group (`INTPTLON20` and
 * `INTPTLAT20`, or without the vintage suffix), where it places the feature's people; null when
 * the layer has none.
 */
export function censusInternalPoint(properties: Record<string, unknown>): GeoJSON.Point | null {
  for (const suffix of ["20", "10", ""]) {
    const lon = Number(properties[`INTPTLON${suffix}`]);
    const lat = Number(properties[`INTPTLAT${suffix}`]);
    if (properties[`INTPTLON${suffix}`] !== undefined && Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90) {
      return { type: "Point", coordinates: [lon, lat] };
    }
  }
  return null;
}

/**
 * Import a population layer: each feature's count placed into the current districts and the
 * bodies (of `state`, or of every state), a point's whole at the point, a polygon's shared by
 * area or whole at its internal point (`request.place`), replacing the counts of the districts
 * and bodies it reaches and no other. A missing field, or a negative or non-numeric count, is
 * refused in one line naming the feature, before anything is written.
 */
export async function importPopulationLayer(
  db: Db,
  layer: PopulationLayer,
  request: PopulationImportRequest,
  actor: Actor,
  { fileName, now = new Date() }: { fileName: string; now?: Date },
): Promise<PopulationImportSummary> {
  if (!layer.fields.includes(request.countField)) {
    throw new InputError(`${fileName} has no field "${request.countField}"; its fields are ${layer.fields.slice(0, 20).join(", ") || "none"}`);
  }
  const located = [
    ...layer.features.map((feature) => ({
      index: feature.sourceIndexes[0] ?? 0,
      properties: feature.properties,
      geometry: feature.geometry as GeoJSON.Geometry,
      point: censusInternalPoint(feature.properties)?.coordinates as [number, number] | undefined,
    })),
    // A MultiPoint's count lies at its first point, so it is placed once.
    ...(layer.points ?? [])
      .filter((point, position, points) => position === 0 || points[position - 1]!.index !== point.index)
      .map((point) => ({ index: point.index, properties: point.properties, geometry: { type: "Point", coordinates: point.coordinates } as GeoJSON.Geometry, point: undefined })),
  ].sort((a, b) => a.index - b.index);
  const counted = located.map(({ index, properties, geometry, point }) => {
    const count = populationValue(properties[request.countField]);
    if (count === null)
      throw new InputError(
        `Feature ${index + 1} of ${fileName} has ${request.countField} = ${JSON.stringify(properties[request.countField] ?? null)}: counts must be numbers of 0 or more; nothing was imported`,
      );
    return { geometry, count, point };
  });
  const inState = (state: string | null) => request.state === undefined || state === request.state;
  const bodies: Area[] = (await findBodyGeometries(db))
    .filter((row) => inState(row.state))
    .map((row) => ({ id: row.id, parentId: row.parentId, geometry: JSON.parse(row.geometry) as Area["geometry"] }));
  // Every plan's districts, so a redistricting comparison counts people under both plans; each
  // chamber's plan is a layer of its own (a count is placed once per plan).
  const allPlans = (await findDistrictShapesOfAllPlans(db)).filter((row) => inState(row.state));
  const districts: Area[] = allPlans.map((row) => ({ id: row.id, chamber: `${row.chamber} ${row.vintage}`, geometry: JSON.parse(row.geometry) as Area["geometry"] }));
  const current = new Set(allPlans.filter((row) => row.isCurrent === 1).map((row) => row.id));
  const placement = placePopulation(counted, { bodies, districts }, { rule: request.place });
  const people = counted.reduce((sum, feature) => sum + feature.count, 0);
  const summary: PopulationImportSummary = {
    fileName,
    countField: request.countField,
    state: request.state ?? null,
    place: request.place,
    features: counted.length,
    polygons: layer.features.length,
    people,
    placed: placement.placed,
    unplaced: placement.unplaced,
    districts: [...placement.districts.keys()].filter((id) => current.has(id)).length,
    bodies: placement.bodies.size,
    dryRun: request.dryRun,
  };
  if (request.dryRun) return summary;

  await replacePopulationCounts(db, placement);
  await insertPopulationLayer(db, {
    fileName,
    countField: request.countField,
    state: request.state ?? null,
    features: counted.length,
    people,
    importedBy: actor.name,
    importedAt: now.toISOString(),
  });
  return summary;
}
