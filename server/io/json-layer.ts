import { feature } from "topojson-client";
import type { Topology } from "topojson-specification";
import { InputError } from "../errors";
import type { RawFeature, RawLayer } from "./boundary-types";
import { plural } from "./wording";
import { crsFromGeoJsonMember, WGS84 } from "./source-crs";

/**
 * GeoJSON (RFC 7946, plus legacy files with a `crs` member) and TopoJSON, from bytes to a raw
 * layer. JSON is UTF-8 by definition (RFC 8259), so anything else is refused, not guessed.
 */

const GEOMETRY_TYPES = new Set(["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"]);

export function readJsonLayer(bytes: Uint8Array, options: { layer?: string | undefined } = {}): RawLayer {
  const root = parseJson(decodeUtf8(bytes));
  if (typeof root !== "object" || root === null || Array.isArray(root)) {
    throw new InputError(`not GeoJSON or TopoJSON: the file holds a JSON ${Array.isArray(root) ? "array" : typeof root}, not an object`);
  }
  const type = (root as { type?: unknown }).type;
  if (type === "Topology") return readTopology(root as Record<string, unknown>, options.layer);
  return readGeoJson(root as Record<string, unknown>);
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`the file is not valid UTF-8 (at byte ${firstInvalidUtf8(bytes)}); GeoJSON and TopoJSON must be UTF-8`);
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === "") throw new InputError("the file is empty");
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    if (/[[,:]\s*[-+]?(NaN|Infinity)\b/.test(text)) {
      throw new InputError("coordinates contain NaN or Infinity, which JSON cannot hold");
    }
    if (/end of JSON input|Unterminated string/i.test(message)) {
      throw new InputError("the JSON ends early: the file is truncated");
    }
    throw new InputError(`not valid JSON: ${message.replace(/\s+/g, " ").slice(0, 120)}`);
  }
}

function readGeoJson(root: Record<string, unknown>): RawLayer {
  const crs = crsFromGeoJsonMember(root.crs);
  const type = root.type;
  let items: unknown[];
  if (type === "FeatureCollection") {
    if (!Array.isArray(root.features)) throw new InputError('a FeatureCollection without a "features" array');
    items = root.features;
  } else if (type === "Feature") {
    items = [root];
  } else if (typeof type === "string" && GEOMETRY_TYPES.has(type)) {
    items = [{ type: "Feature", properties: {}, geometry: root }];
  } else {
    throw new InputError(`not GeoJSON: expected a FeatureCollection, Feature, geometry or TopoJSON Topology (found type ${JSON.stringify(type ?? null)?.slice(0, 40)})`);
  }
  const features = items.map(toRawFeature);
  return { format: "geojson", features, fields: fieldsOf(features), crs };
}

/** A GeoJSON or topojson-client feature; a top-level `id` becomes property `id` unless that exists. */
function toRawFeature(item: unknown, index: number): RawFeature {
  if (typeof item !== "object" || item === null) throw new InputError(`feature #${index + 1} is not an object`);
  const { properties, geometry, id } = item as { properties?: unknown; geometry?: unknown; id?: unknown };
  const own = typeof properties === "object" && properties !== null && !Array.isArray(properties) ? { ...(properties as Record<string, unknown>) } : {};
  if ((typeof id === "string" || typeof id === "number") && !("id" in own)) own.id = id;
  return { properties: own, geometry: geometry ?? null };
}

function fieldsOf(features: RawFeature[]): string[] {
  const fields = new Set<string>();
  for (const { properties } of features) for (const key of Object.keys(properties)) fields.add(key);
  return [...fields];
}

function readTopology(root: Record<string, unknown>, layer: string | undefined): RawLayer {
  const objects = root.objects;
  if (typeof objects !== "object" || objects === null || !Array.isArray(root.arcs)) {
    throw new InputError('a TopoJSON Topology needs "objects" and "arcs"');
  }
  const names = Object.keys(objects);
  if (layer !== undefined && !names.includes(layer)) {
    throw new InputError(`no TopoJSON object "${layer}" (objects: ${names.join(", ") || "none"})`);
  }
  const chosen = layer === undefined ? names : [layer];
  if (chosen.length === 0) throw new InputError("the TopoJSON Topology holds no objects");
  const arcCount = root.arcs.length;
  const topology = root as unknown as Topology;
  const features = chosen.flatMap((name) => {
    const object = (objects as Record<string, unknown>)[name];
    checkArcReferences(object, arcCount, name);
    const converted = feature(topology, object as Parameters<typeof feature>[1]) as GeoJSON.Feature | GeoJSON.FeatureCollection;
    const items = converted.type === "FeatureCollection" ? converted.features : [converted];
    return items.map(toRawFeature);
  });
  return { format: "topojson", features, fields: fieldsOf(features), crs: WGS84 };
}

const ARC_GEOMETRY_TYPES = new Set(["LineString", "MultiLineString", "Polygon", "MultiPolygon"]);

/** topojson-client trusts arc indexes; a bad one would surface as a TypeError deep inside it. */
function checkArcReferences(object: unknown, arcCount: number, name: string): void {
  const visit = (node: unknown, depth: number): void => {
    if (depth > 4) throw new InputError(`TopoJSON object "${name}" has malformed arcs`);
    if (typeof node === "number") {
      const arc = node < 0 ? ~node : node;
      if (!Number.isInteger(node) || arc >= arcCount)
        throw new InputError(`TopoJSON object "${name}" refers to arc ${node}, but the file has ${plural(arcCount, "arc")} (corrupt file)`);
      return;
    }
    if (!Array.isArray(node)) throw new InputError(`TopoJSON object "${name}" has malformed arcs`);
    for (const child of node) visit(child, depth + 1);
  };
  const walk = (geometry: unknown, depth: number): void => {
    if (typeof geometry !== "object" || geometry === null) throw new InputError(`TopoJSON object "${name}" is not a geometry`);
    const { type, arcs, geometries } = geometry as { type?: unknown; arcs?: unknown; geometries?: unknown };
    if (type === "GeometryCollection") {
      if (!Array.isArray(geometries) || depth > 8) throw new InputError(`TopoJSON object "${name}" has a malformed GeometryCollection`);
      for (const child of geometries) walk(child, depth + 1);
    } else if (ARC_GEOMETRY_TYPES.has(type as string)) {
      if (!Array.isArray(arcs)) throw new InputError(`TopoJSON object "${name}" has a ${String(type)} without arcs`);
      visit(arcs, 0);
    } else if (arcs !== undefined) {
      visit(arcs, 0);
    }
  };
  walk(object, 0);
}

/** Index of the first byte that makes the text invalid (bisection over streaming prefixes). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
      low = middle;
    } catch {
      high = middle;
    }
  }
  return high - 1;
}
