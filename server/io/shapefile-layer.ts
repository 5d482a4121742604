import { InputError } from "../errors";
import type { BoundaryLimits, RawFeature, RawLayer } from "./boundary-types";
import { readDbf } from "./dbf-table";
import { parseShpRecord } from "./shp-records";
import { crsFromWkt } from "./source-crs";
import { plural } from "./wording";

/**
 * A shapefile's members (from a zip or from files side by side) → a raw layer. The `.shp` is
 * walked record by record first, so that a truncated or corrupt file, an unsupported shape type
 * or a vertex count over the caps is refused with a reason before any geometry is built. Each
 * feature's geometry is then parsed from its record only when the reader asks for it, so the
 * file's geometry is never all in memory as GeoJSON at once (a national layer's would be ~1 GB).
 */

export interface ShapefileMembers {
  /** Base name for messages ("tl_2019_23_cousub"). */
  name: string;
  shp: Uint8Array;
  dbf?: Uint8Array | undefined;
  prj?: Uint8Array | undefined;
  cpg?: Uint8Array | undefined;
}

export async function readShapefileLayer(members: ShapefileMembers, limits: BoundaryLimits): Promise<RawLayer> {
  const shape = inspectShp(members.shp, limits);
  if (!members.dbf) throw new InputError(`${members.name}.shp has no .dbf beside it; a shapefile needs its .shp, .dbf and .prj`);
  const table = readDbf(members.dbf, members.cpg && latin1Text(members.cpg));
  if (table.rows.length !== shape.records) {
    throw new InputError(`record-count mismatch: ${members.name}.shp has ${plural(shape.records, "shape")}, the .dbf has ${plural(table.rows.length, "row")}`);
  }
  const crs = members.prj ? crsFromWkt(latin1Text(members.prj)) : null;
  const view = new DataView(shape.bytes.buffer, shape.bytes.byteOffset, shape.bytes.byteLength);
  const features = table.rows.map((row, index): RawFeature => {
    if (row === null) return { properties: {}, geometry: null, skip: "row marked deleted in the .dbf" };
    const start = shape.recordStarts[index]!;
    const length = shape.recordStarts[index + 1]! - 8 - start;
    return {
      properties: row ?? {},
      get geometry() {
        return parseShpRecord(new DataView(view.buffer, view.byteOffset + start, length));
      },
    };
  });
  return { format: "shapefile", features, fields: table.fields, crs };
}

const SHAPE_TYPES: Record<number, string> = {
  0: "Null",
  1: "Point",
  3: "PolyLine",
  5: "Polygon",
  8: "MultiPoint",
  11: "PointZ",
  13: "PolyLineZ",
  15: "PolygonZ",
  18: "MultiPointZ",
  21: "PointM",
  23: "PolyLineM",
  25: "PolygonM",
  28: "MultiPointM",
};
const WITH_PARTS = new Set([3, 5, 13, 15, 23, 25]);
const WITH_POINTS = new Set([8, 18, 28]);

interface ShpShape {
  records: number;
  /** The file cut to its declared length. */
  bytes: Uint8Array;
  /** Where record i's content starts (after its 8-byte header); entry `records` is the end of the last record + 8. */
  recordStarts: number[];
}

/** Header and record structure of a `.shp` (ESRI Shapefile Technical Description, 1998). */
export function inspectShp(bytes: Uint8Array, limits: BoundaryLimits): ShpShape {
  if (bytes.length < 100) throw new InputError(`the .shp is truncated (${bytes.length} bytes, shorter than its 100-byte header)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getInt32(0, false) !== 9994) throw new InputError("not a shapefile: the .shp does not start with file code 9994");
  const length = view.getInt32(24, false) * 2;
  if (length > bytes.length) throw new InputError(`the .shp is truncated: its header says ${length} bytes, the file has ${bytes.length}`);
  if (length < 100) throw new InputError("the .shp header is corrupt (file length under 100 bytes)");
  const type = view.getInt32(32, true);
  if (!(type in SHAPE_TYPES)) throw new InputError(`shape type ${type} is not supported (MultiPatch and unknown types cannot be read)`);
  let offset = 100;
  let records = 0;
  let vertices = 0;
  const recordStarts: number[] = [];
  while (offset + 8 <= length) {
    // Some writers pad the file with zeros after the last record (the RI plan files do).
    if (isAllZero(bytes.subarray(offset, length))) break;
    const contentLength = view.getInt32(offset + 4, false) * 2;
    const record = records + 1;
    if (contentLength < 4 || offset + 8 + contentLength > length) throw new InputError(`the .shp is corrupt at record ${record} (bad content length)`);
    const recordType = view.getInt32(offset + 8, true);
    if (recordType !== 0 && recordType !== type) {
      throw new InputError(`the .shp is corrupt at record ${record} (shape type ${recordType} in a ${SHAPE_TYPES[type]} file)`);
    }
    if (recordType !== 0) vertices += countVertices(view, offset + 8, contentLength, type, record, limits);
    if (vertices > limits.maxVerticesPerFile) {
      throw new InputError(
        `the file has more than ${limits.maxVerticesPerFile.toLocaleString("en-US")} vertices (the cap per file); simplify or split it, or raise the cap: groundswell import --max-vertices N, or GROUNDSWELL_MAX_VERTICES`,
      );
    }
    recordStarts.push(offset + 8);
    records += 1;
    offset += 8 + contentLength;
  }
  recordStarts.push(offset + 8);
  return { records, bytes: bytes.subarray(0, offset), recordStarts };
}

function countVertices(view: DataView, start: number, contentLength: number, type: number, record: number, limits: BoundaryLimits): number {
  if (!WITH_PARTS.has(type) && !WITH_POINTS.has(type)) return 1;
  if (contentLength < 40) throw new InputError(`the .shp is corrupt at record ${record} (too short for its shape)`);
  const hasParts = WITH_PARTS.has(type);
  const parts = hasParts ? view.getInt32(start + 36, true) : 0;
  const points = view.getInt32(start + (hasParts ? 40 : 36), true);
  const needed = (hasParts ? 44 + 4 * parts : 40) + 16 * points;
  if (parts < 0 || points < 0 || needed > contentLength || (hasParts && points > 0 && parts < 1)) {
    throw new InputError(`the .shp is corrupt at record ${record} (${parts} parts and ${points} points do not fit)`);
  }
  for (let part = 0; part < parts; part++) {
    const first = view.getInt32(start + 44 + 4 * part, true);
    const next = part + 1 < parts ? view.getInt32(start + 48 + 4 * part, true) : points;
    if (first < 0 || first > next || next > points || (part === 0 && first !== 0)) {
      throw new InputError(`the .shp is corrupt at record ${record} (part ${part} has bad point indexes)`);
    }
  }
  if (points > limits.maxVerticesPerFeature) {
    throw new InputError(`feature #${record} has more than ${limits.maxVerticesPerFeature.toLocaleString("en-US")} vertices (the cap per feature); simplify it first`);
  }
  return points;
}

function isAllZero(bytes: Uint8Array): boolean {
  return bytes.every((byte) => byte === 0);
}

function latin1Text(bytes: Uint8Array): string {
  return new TextDecoder("latin1").decode(bytes);
}
