import fs from "node:fs";
import path from "node:path";
import { InputError } from "../errors";
import { normalizeLayer } from "./boundary-layer";
import { defaultBoundaryLimits } from "./boundary-types";
import type { BoundaryFile, BoundaryLimits, RawLayer } from "./boundary-types";
import { readJsonLayer } from "./json-layer";
import { readShapefileLayer } from "./shapefile-layer";
import type { ShapefileMembers } from "./shapefile-layer";
import { crsFromName } from "./source-crs";
import { isZip, readZipMembers } from "./zip-archive";

export type { BoundaryFeature, BoundaryFile, BoundaryPoint, BoundaryLimits, BoundaryRepair, BoundarySkip, PolygonGeometry } from "./boundary-types";
export { defaultBoundaryLimits } from "./boundary-types";

/**
 * Reads an official boundary file into lon/lat WGS84 polygons with a report of what was
 * repaired and what was skipped: GeoJSON (RFC 7946, and legacy files whose `crs` member names
 * an EPSG code or CRS84), TopoJSON, a zipped shapefile, or a loose `.shp` with its sidecars.
 * Projected data is reprojected from its `.prj` or named CRS. Anything unusable is refused with
 * an `InputError` whose one-line message says what is wrong.
 */

export interface ReadBoundaryOptions {
  /** Merge features sharing this field's value into one (Multi)Polygon per value. */
  groupBy?: string | undefined;
  /** TopoJSON object name, or the shapefile to take from a zip that holds several. */
  layer?: string | undefined;
  /** CRS of the coordinates when the file does not say ("EPSG:2249"); wins over the file. */
  crs?: string | undefined;
  limits?: Partial<BoundaryLimits> | undefined;
  /** Called with 0…1 during long reads, and with 1 at the end. */
  onProgress?: ((fraction: number) => void) | undefined;
  /** Keep Point and MultiPoint features (in `points`) instead of skipping them. */
  points?: boolean | undefined;
}

export async function readBoundaryFile(filePath: string, options: ReadBoundaryOptions = {}): Promise<BoundaryFile> {
  const limits = { ...defaultBoundaryLimits, ...options.limits };
  checkSize(statFile(filePath), limits);
  // The file's bytes are held only while it is decoded, not while its clean geometry is built.
  const layer = /\.shp$/i.test(filePath)
    ? await readShapefileLayer(readLooseShapefile(filePath, limits), limits)
    : await decodeLayer(fs.readFileSync(filePath), path.basename(filePath), options.layer, limits);
  return finish(layer, options, limits);
}

/** The same, for bytes already in memory (an upload); `fileName` only helps to name the format. */
export async function readBoundaryBytes(bytes: Uint8Array, fileName: string, options: ReadBoundaryOptions = {}): Promise<BoundaryFile> {
  const limits = { ...defaultBoundaryLimits, ...options.limits };
  checkSize(bytes.length, limits);
  return finish(await decodeLayer(bytes, fileName, options.layer, limits), options, limits);
}

function finish(layer: RawLayer, options: ReadBoundaryOptions, limits: BoundaryLimits): BoundaryFile {
  const crs = options.crs === undefined ? undefined : crsFromName(options.crs);
  return normalizeLayer(layer, { groupBy: options.groupBy, crs, limits, onProgress: options.onProgress, points: options.points });
}

async function decodeLayer(bytes: Uint8Array, fileName: string, layer: string | undefined, limits: BoundaryLimits): Promise<RawLayer> {
  const extension = path.extname(fileName).toLowerCase();
  if (isZip(bytes)) return readZippedShapefile(bytes, layer, limits);
  if (isShp(bytes)) throw new InputError(`${fileName} is a bare .shp; send a .zip holding its .shp, .dbf and .prj`);
  if (extension === ".zip") throw new InputError("not a zip archive (the file does not start with a zip signature)");
  const first = firstMeaningfulByte(bytes);
  if (first === undefined) throw new InputError("the file is empty");
  if (first === 0x7b || first === 0x5b || [".json", ".geojson", ".topojson"].includes(extension)) return readJsonLayer(bytes, { layer });
  throw new InputError(`unrecognised file format: expected GeoJSON, TopoJSON, a zipped shapefile or a .shp (got ${fileName})`);
}

async function readZippedShapefile(bytes: Uint8Array, layer: string | undefined, limits: BoundaryLimits): Promise<RawLayer> {
  let chosen: Chosen | undefined;
  const members = await readZipMembers(
    bytes,
    (names) => {
      chosen = chooseShapefile(names, layer);
      return Object.values(chosen.files);
    },
    limits,
  );
  if (!chosen) throw new InputError("the zip is empty");
  const files = chosen.files;
  const member = (key: keyof Chosen["files"]) => (files[key] === undefined ? undefined : members.get(files[key]));
  const shp = member("shp");
  if (!shp) throw new InputError("the zip holds no .shp");
  return readShapefileLayer({ name: chosen.name, shp, dbf: member("dbf"), prj: member("prj"), cpg: member("cpg") }, limits);
}

interface Chosen {
  name: string;
  files: { shp: string; dbf?: string; prj?: string; cpg?: string };
}

const SIDECARS = ["dbf", "prj", "cpg"] as const;

/** Picks the shapefile in a zip (in any folder) and its sidecars, matched case-insensitively. */
export function chooseShapefile(names: string[], layer: string | undefined): Chosen {
  const usable = names.filter((name) => !/(^|\/)__MACOSX\//.test(name) && !path.posix.basename(name).startsWith("._"));
  const stemOf = (name: string) => name.slice(0, name.length - path.posix.extname(name).length);
  const shps = usable.filter((name) => /\.shp$/i.test(name));
  if (shps.length === 0) {
    const listed = usable.slice(0, 5).join(", ") + (usable.length > 5 ? ", …" : "");
    throw new InputError(`the zip holds no .shp (entries: ${listed || "none"})`);
  }
  const matching = layer === undefined ? shps : shps.filter((name) => [stemOf(name), path.posix.basename(stemOf(name))].some((stem) => stem.toLowerCase() === layer.toLowerCase()));
  if (matching.length !== 1) {
    const layers = shps.map((name) => path.posix.basename(stemOf(name))).join(", ");
    throw new InputError(
      layer === undefined
        ? `the zip holds ${shps.length} shapefiles (${layers}); choose one with the layer option`
        : `the zip holds no shapefile "${layer}" (shapefiles: ${layers})`,
    );
  }
  const shp = matching[0]!;
  const stem = stemOf(shp).toLowerCase();
  const files: Chosen["files"] = { shp };
  for (const extension of SIDECARS) {
    const found = usable.find((name) => name.toLowerCase() === `${stem}.${extension}`);
    if (found) files[extension] = found;
  }
  return { name: path.posix.basename(stemOf(shp)), files };
}

/** A `.shp` on disk with its `.dbf`, `.prj` and `.cpg` beside it (any letter case). */
function readLooseShapefile(shpPath: string, limits: BoundaryLimits): ShapefileMembers {
  const directory = path.dirname(shpPath);
  const stem = path.basename(shpPath).slice(0, -4);
  const siblings = fs.readdirSync(directory);
  const read = (extension: string): Uint8Array | undefined => {
    const name = siblings.find((sibling) => sibling.toLowerCase() === `${stem.toLowerCase()}.${extension}`);
    if (name === undefined) return undefined;
    const file = path.join(directory, name);
    checkSize(statFile(file), limits);
    return fs.readFileSync(file);
  };
  return { name: stem, shp: fs.readFileSync(shpPath), dbf: read("dbf"), prj: read("prj"), cpg: read("cpg") };
}

function statFile(filePath: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch {
    throw new InputError(`cannot read ${filePath}: no such file`);
  }
  if (!stat.isFile()) throw new InputError(`cannot read ${filePath}: not a file`);
  return stat.size;
}

function checkSize(size: number, limits: BoundaryLimits): void {
  if (size === 0) throw new InputError("the file is empty");
  if (size > limits.maxFileBytes) {
    throw new InputError(`the file is ${(size / 1024 ** 2).toFixed(0)} MB, over the ${(limits.maxFileBytes / 1024 ** 2).toFixed(0)} MB cap`);
  }
}

function isShp(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0x27 && bytes[3] === 0x0a;
}

/** First byte that is not whitespace or a UTF-8 byte-order mark. */
function firstMeaningfulByte(bytes: Uint8Array): number | undefined {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i];
}
