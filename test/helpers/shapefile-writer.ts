import { crc32, deflateRawSync } from "node:zlib";

/**
 * Minimal writers for shapefiles and zips, for tests and the hostile corpus
 * (test/fixtures/bad/make-bad-files.ts). They write what they are told, including things a
 * real writer never would (a lying size, a `../` name, a short file), which is the point.
 */

export type Ring = Array<[number, number]>;

export type Shape = { type: "polygon"; rings: Ring[] } | { type: "polyline"; parts: Ring[] } | { type: "point"; x: number; y: number } | null;

const TYPE_CODES = { polygon: 5, polyline: 3, point: 1 } as const;

export interface ShpOptions {
  /** Header shape type; defaults to the first shape's. */
  shapeType?: number;
  /** Header bbox to write instead of the real one (real files sometimes lie). */
  headerBBox?: [number, number, number, number];
}

export function writeShp(shapes: Shape[], options: ShpOptions = {}): { shp: Uint8Array; shx: Uint8Array } {
  const first = shapes.find((shape) => shape !== null);
  const shapeType = options.shapeType ?? (first ? TYPE_CODES[first.type] : 5);
  const contents = shapes.map(shapeContent);
  const length = 100 + contents.reduce((sum, content) => sum + 8 + content.length, 0);
  const shp = new Uint8Array(length);
  const shx = new Uint8Array(100 + 8 * shapes.length);
  const view = new DataView(shp.buffer);
  const index = new DataView(shx.buffer);
  const bbox = options.headerBBox ?? allBBox(shapes);
  writeHeader(view, length, shapeType, bbox);
  writeHeader(index, shx.length, shapeType, bbox);
  let offset = 100;
  contents.forEach((content, i) => {
    view.setInt32(offset, i + 1, false);
    view.setInt32(offset + 4, content.length / 2, false);
    shp.set(content, offset + 8);
    index.setInt32(100 + 8 * i, offset / 2, false);
    index.setInt32(104 + 8 * i, content.length / 2, false);
    offset += 8 + content.length;
  });
  return { shp, shx };
}

function writeHeader(view: DataView, length: number, shapeType: number, bbox: [number, number, number, number]): void {
  view.setInt32(0, 9994, false);
  view.setInt32(24, length / 2, false);
  view.setInt32(28, 1000, true);
  view.setInt32(32, shapeType, true);
  bbox.forEach((value, i) => view.setFloat64(36 + 8 * i, value, true));
}

function shapeContent(shape: Shape): Uint8Array {
  if (shape === null) return new Uint8Array(4);
  if (shape.type === "point") {
    const content = new DataView(new ArrayBuffer(20));
    content.setInt32(0, 1, true);
    content.setFloat64(4, shape.x, true);
    content.setFloat64(12, shape.y, true);
    return new Uint8Array(content.buffer);
  }
  const parts = shape.type === "polygon" ? shape.rings : shape.parts;
  const points = parts.flat();
  const content = new DataView(new ArrayBuffer(44 + 4 * parts.length + 16 * points.length));
  content.setInt32(0, TYPE_CODES[shape.type], true);
  shapeBBox(points).forEach((value, i) => content.setFloat64(4 + 8 * i, value, true));
  content.setInt32(36, parts.length, true);
  content.setInt32(40, points.length, true);
  let start = 0;
  parts.forEach((part, i) => {
    content.setInt32(44 + 4 * i, start, true);
    start += part.length;
  });
  points.forEach(([x, y], i) => {
    content.setFloat64(44 + 4 * parts.length + 16 * i, x, true);
    content.setFloat64(52 + 4 * parts.length + 16 * i, y, true);
  });
  return new Uint8Array(content.buffer);
}

function shapeBBox(points: Array<[number, number]>): [number, number, number, number] {
  if (points.length === 0) return [0, 0, 0, 0];
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  return box;
}

function allBBox(shapes: Shape[]): [number, number, number, number] {
  const points = shapes.flatMap((shape): Array<[number, number]> =>
    shape === null ? [] : shape.type === "point" ? [[shape.x, shape.y]] : shape.type === "polygon" ? shape.rings.flat() : shape.parts.flat(),
  );
  return shapeBBox(points);
}

export interface DbfField {
  name: string;
  type: "C" | "N";
  length: number;
  decimals?: number;
}

/** Values are text (encoded with `encode`), numbers, null, or raw bytes written as they are. */
export function writeDbf(
  fields: DbfField[],
  rows: Array<Record<string, string | number | null | Uint8Array>>,
  encode: (text: string) => Uint8Array = (text) => new TextEncoder().encode(text),
): Uint8Array {
  const headerLength = 32 + 32 * fields.length + 1;
  const rowLength = 1 + fields.reduce((sum, field) => sum + field.length, 0);
  const bytes = new Uint8Array(headerLength + rows.length * rowLength + 1).fill(0x20, headerLength);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x03;
  bytes.set([125, 1, 1], 1);
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, rowLength, true);
  bytes.fill(0, 12, 32);
  fields.forEach((field, i) => {
    const at = 32 + 32 * i;
    bytes.set(new TextEncoder().encode(field.name.slice(0, 10)), at);
    bytes[at + 11] = field.type.charCodeAt(0);
    bytes[at + 16] = field.length;
    bytes[at + 17] = field.decimals ?? 0;
  });
  bytes[headerLength - 1] = 0x0d;
  rows.forEach((row, r) => {
    let at = headerLength + r * rowLength + 1;
    for (const field of fields) {
      const value = row[field.name] ?? null;
      const raw =
        value instanceof Uint8Array
          ? value
          : value === null
            ? new Uint8Array(0)
            : field.type === "N"
              ? new TextEncoder().encode(String(value).padStart(field.length))
              : encode(value as string);
      bytes.set(raw.subarray(0, field.length), at);
      at += field.length;
    }
  });
  bytes[bytes.length - 1] = 0x1a;
  return bytes;
}

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  /** 8 = deflate (default), 0 = stored. */
  method?: 0 | 8;
  /** Uncompressed size to declare instead of the real one. */
  declaredSize?: number;
  /** CRC to declare instead of the real one. */
  declaredCrc?: number;
  encrypted?: boolean;
  /** Point this entry's central record at the data of an earlier entry (an overlapping-entry bomb). */
  shareDataOf?: number;
  /** Pre-compressed data (saves deflating the same huge buffer twice). */
  compressed?: Uint8Array;
}

export function writeZip(entries: ZipEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const [i, entry] of entries.entries()) {
    const method = entry.method ?? 8;
    const data = entry.compressed ?? (method === 8 ? deflateRawSync(entry.data, { level: 9 }) : entry.data);
    const name = new TextEncoder().encode(entry.name);
    const crc = entry.declaredCrc ?? crc32(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const flags = 0x800 | (entry.encrypted ? 1 : 0);
    const shared = entry.shareDataOf;
    if (shared === undefined) {
      offsets.push(offset);
      const local = new DataView(new ArrayBuffer(30));
      local.setUint32(0, 0x04034b50, true);
      local.setUint16(4, 20, true);
      local.setUint16(6, flags, true);
      local.setUint16(8, method, true);
      local.setUint16(12, 0x5b21, true);
      local.setUint32(14, crc, true);
      local.setUint32(18, data.length, true);
      local.setUint32(22, size, true);
      local.setUint16(26, name.length, true);
      chunks.push(new Uint8Array(local.buffer), name, data);
      offset += 30 + name.length + data.length;
    } else {
      offsets.push(offsets[shared]!);
    }
    const record = new DataView(new ArrayBuffer(46));
    record.setUint32(0, 0x02014b50, true);
    record.setUint16(4, 20, true);
    record.setUint16(6, 20, true);
    record.setUint16(8, flags, true);
    record.setUint16(10, method, true);
    record.setUint16(14, 0x5b21, true);
    record.setUint32(16, crc, true);
    record.setUint32(20, data.length, true);
    record.setUint32(24, size, true);
    record.setUint16(28, name.length, true);
    record.setUint32(42, offsets[i]!, true);
    central.push(new Uint8Array(record.buffer), name);
  }
  const centralSize = central.reduce((sum, chunk) => sum + chunk.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  return concat([...chunks, ...central, new Uint8Array(end.buffer)]);
}

export function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** The members of a one-layer shapefile zip, ready for `writeZip`. */
export function shapefileEntries(base: string, members: { shp?: Uint8Array; shx?: Uint8Array; dbf?: Uint8Array; prj?: string; cpg?: string }): ZipEntry[] {
  const entries: ZipEntry[] = [];
  if (members.shp) entries.push({ name: `${base}.shp`, data: members.shp });
  if (members.shx) entries.push({ name: `${base}.shx`, data: members.shx });
  if (members.dbf) entries.push({ name: `${base}.dbf`, data: members.dbf });
  if (members.prj !== undefined) entries.push({ name: `${base}.prj`, data: new TextEncoder().encode(members.prj) });
  if (members.cpg !== undefined) entries.push({ name: `${base}.cpg`, data: new TextEncoder().encode(members.cpg) });
  return entries;
}

/** The `.prj` of a shapefile in WGS84 lon/lat, as ESRI writes it. */
export const WGS84_PRJ = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/** A small square, clockwise as shapefiles store outer rings. */
export function square(west: number, south: number, size = 0.01): Ring {
  return [
    [west, south],
    [west, south + size],
    [west + size, south + size],
    [west + size, south],
    [west, south],
  ];
}
