import { geometryBBox } from "../../shared/geo/bbox";
import type { BBox } from "../../shared/model/body";
import { InputError } from "../errors";
import type {
  BoundaryFeature,
  BoundaryFile,
  BoundaryLimits,
  BoundaryPoint,
  BoundaryRepair,
  BoundarySkip,
  PolygonGeometry,
  RawFeature,
  RawLayer,
  SourceCrs,
} from "./boundary-types";
import { readPoints, readPolygons, toLonLat } from "./polygon-input";
import { repairPolygons } from "../../shared/geo/polygon-repair";
import { WGS84 } from "./source-crs";
import { plural } from "./wording";

/**
 * A decoded layer (any format) → validated, reprojected, repaired polygons, optionally merged
 * into one MultiPolygon per value of a grouping field. Pure apart from `onProgress`.
 */

type PolygonRings = GeoJSON.Position[][];

export interface NormalizeOptions {
  groupBy?: string | undefined;
  /** Overrides the layer's own CRS ("EPSG:2249"), resolved by the caller. */
  crs?: SourceCrs | undefined;
  limits: BoundaryLimits;
  onProgress?: ((fraction: number) => void) | undefined;
  /** Keep point features (in `points`, reprojected and checked like polygons) instead of skipping them. */
  points?: boolean | undefined;
}

interface Part {
  index: number;
  properties: Record<string, unknown>;
  polygons: PolygonRings[];
}

/**
 * Consumes `layer`: each raw feature is dropped from `layer.features` once read, so a large file's
 * raw geometry is freed as its clean copy is built and the two are never both whole in memory.
 */
export function normalizeLayer(layer: RawLayer, options: NormalizeOptions): BoundaryFile {
  if (layer.features.length === 0) throw new InputError("the file holds no features");
  if (options.groupBy !== undefined && !layer.fields.includes(options.groupBy)) {
    throw new InputError(`no field "${options.groupBy}" to group by (fields: ${layer.fields.join(", ") || "none"})`);
  }
  const crs = options.crs ?? layer.crs ?? { ...WGS84, name: "EPSG:4326 (assumed: no .prj)" };
  const crsIsAssumed = !options.crs && !layer.crs;
  const repairs: BoundaryRepair[] = [];
  const skipped: BoundarySkip[] = [];
  const parts: Part[] = [];
  const points: BoundaryPoint[] = [];
  const progress = throttle(options.onProgress, layer.features.length);
  let vertices = 0;
  const featureCount = layer.features.length;
  const rawFeatures: Array<RawFeature | undefined> = layer.features;
  for (let index = 0; index < featureCount; index++) {
    const feature = rawFeatures[index]!;
    rawFeatures[index] = undefined;
    if (feature.skip !== undefined) {
      skipped.push({ index, reason: feature.skip });
      continue;
    }
    checkAttributes(feature, index, options.limits.maxAttributeLength);
    // Read once: a shapefile builds each geometry from its record when asked.
    const geometry = feature.geometry;
    const located = options.points ? readPoints(geometry, index) : null;
    if (located) {
      vertices += located.length;
      if (vertices > options.limits.maxVerticesPerFile) {
        throw new InputError(
          `the file has more than ${options.limits.maxVerticesPerFile.toLocaleString("en-US")} vertices (the cap per file); simplify or split it, or raise the cap: groundswell import --max-vertices N, or GROUNDSWELL_MAX_VERTICES`,
        );
      }
      toLonLat([located.map((position) => [position])], crs, index, crsIsAssumed);
      for (const position of located) points.push({ index, properties: feature.properties, coordinates: [position[0]!, position[1]!] });
      progress(index + 1);
      continue;
    }
    const input = readPolygons(geometry, index, options.limits.maxVerticesPerFeature);
    if ("skip" in input) {
      skipped.push({ index, reason: input.skip });
      continue;
    }
    vertices += input.vertices;
    if (vertices > options.limits.maxVerticesPerFile) {
      throw new InputError(
        `the file has more than ${options.limits.maxVerticesPerFile.toLocaleString("en-US")} vertices (the cap per file); simplify or split it, or raise the cap: groundswell import --max-vertices N, or GROUNDSWELL_MAX_VERTICES`,
      );
    }
    toLonLat(input.polygons, crs, index, crsIsAssumed);
    const repaired = repairPolygons(input.polygons, options.limits.minPartAreaSquareMetres);
    for (const what of [...input.notes, ...repaired.notes]) repairs.push({ index, what });
    if (repaired.polygons.length === 0) skipped.push({ index, reason: "no polygon area left after repairs" });
    else parts.push({ index, properties: feature.properties, polygons: repaired.polygons });
    progress(index + 1);
  }
  const nothing = options.points ? "no point or polygon features" : "no polygon features";
  if (parts.length === 0 && points.length === 0) throw new InputError(`${nothing}: ${summarizeSkips(skipped)}`);
  const features = options.groupBy === undefined ? parts.map((part) => toFeature([part])) : groupParts(parts, options.groupBy, skipped);
  if (features.length === 0 && points.length === 0) throw new InputError(`${nothing}: ${summarizeSkips(skipped)}`);
  const bbox = unionBBox([...features.map((feature) => feature.bbox), ...points.map(({ coordinates: [lon, lat] }): BBox => [lon, lat, lon, lat])]);
  checkNotSwapped(bbox);
  options.onProgress?.(1);
  return {
    format: layer.format,
    features,
    fields: layer.fields,
    sourceCrs: crs.name,
    reprojected: crs.toWgs84 !== null,
    bbox,
    repairs,
    skipped,
    ...(options.points ? { points } : {}),
  };
}

function checkAttributes(feature: RawFeature, index: number, maxLength: number): void {
  for (const [name, value] of Object.entries(feature.properties)) {
    if (value === null || typeof value === "number" || typeof value === "boolean") continue;
    const length = typeof value === "string" ? value.length : (JSON.stringify(value)?.length ?? 0);
    if (length > maxLength) {
      throw new InputError(
        `feature #${index + 1}: property "${name.slice(0, 40)}" is ${length.toLocaleString("en-US")} characters, over the ${maxLength.toLocaleString("en-US")}-character cap`,
      );
    }
  }
}

function groupParts(parts: Part[], field: string, skipped: BoundarySkip[]): BoundaryFeature[] {
  const groups = new Map<string, Part[]>();
  for (const part of parts) {
    const value = part.properties[field];
    if (value === null || value === undefined || value === "") {
      skipped.push({ index: part.index, reason: `no ${field} value to group by` });
      continue;
    }
    const key = typeof value === "object" ? JSON.stringify(value) : String(value);
    const group = groups.get(key);
    if (group) group.push(part);
    else groups.set(key, [part]);
  }
  skipped.sort((a, b) => a.index - b.index);
  return [...groups.values()].map(toFeature);
}

function toFeature(parts: Part[]): BoundaryFeature {
  const polygons = parts.flatMap((part) => part.polygons);
  const geometry: PolygonGeometry = polygons.length === 1 ? { type: "Polygon", coordinates: polygons[0]! } : { type: "MultiPolygon", coordinates: polygons };
  return {
    properties: parts[0]!.properties,
    geometry,
    bbox: geometryBBox(geometry),
    sourceIndexes: parts.map((part) => part.index),
  };
}

function unionBBox(boxes: BBox[]): BBox {
  return boxes.reduce<BBox>(
    (all, box) => [Math.min(all[0], box[0]), Math.min(all[1], box[1]), Math.max(all[2], box[2]), Math.max(all[3], box[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
}

/**
 * Swapped coordinates in the United States land in Antarctica ([41.8, -71.4] for Providence),
 * still inside the lon/lat range. No municipal body lies south of 60°S, so say what happened.
 */
function checkNotSwapped([west, south, east, north]: BBox): void {
  if (north < -60 && west >= -90 && east <= 90 && south >= -180) {
    throw new InputError(
      `every coordinate lies south of latitude -60 (Antarctica, bbox [${[west, south, east, north].map((v) => v.toFixed(3)).join(", ")}]): looks like lat/lon swapped (GeoJSON order is [lon, lat])`,
    );
  }
}

function summarizeSkips(skipped: BoundarySkip[]): string {
  const counts = new Map<string, number>();
  for (const { reason } of skipped) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const reasons = [...counts.entries()].map(([reason, count]) => `${count} × ${reason}`);
  return `${plural(skipped.length, "feature")} skipped (${reasons.slice(0, 3).join("; ")}${reasons.length > 3 ? "; …" : ""})`;
}

function throttle(onProgress: ((fraction: number) => void) | undefined, total: number): (done: number) => void {
  if (!onProgress) return () => {};
  const step = Math.max(1, Math.floor(total / 100));
  return (done) => {
    if (done % step === 0 && done < total) onProgress(done / total);
  };
}
