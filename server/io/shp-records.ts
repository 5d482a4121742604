/**
 * One `.shp` record → GeoJSON geometry, synchronously, so a shapefile is read record by record
 * (each geometry built when the reader reaches it and dropped once normalized) instead of as one
 * array of every geometry in the file. The record's structure (lengths, part indexes, point
 * counts) is checked beforehand by `inspectShp`. Rings are read as the `shapefile` package 0.6.6
 * reads them (BSD-3-Clause, Mike Bostock): clockwise rings are shells, the others holes of the
 * first shell that contains them, or shells of their own when none does.
 */

type Position = [number, number];

/** `record` starts at the record's shape type (just after its 8-byte header). */
export function parseShpRecord(record: DataView): GeoJSON.Geometry | null {
  const type = record.getInt32(0, true);
  switch (type) {
    case 0:
      return null;
    case 1:
    case 11:
    case 21:
      return { type: "Point", coordinates: [record.getFloat64(4, true), record.getFloat64(12, true)] };
    case 8:
    case 18:
    case 28:
      return { type: "MultiPoint", coordinates: readPoints(record, 40, record.getInt32(36, true)) };
    case 3:
    case 13:
    case 23: {
      const { parts, points } = readParts(record);
      return parts.length === 1
        ? { type: "LineString", coordinates: points }
        : { type: "MultiLineString", coordinates: parts.map((start, j) => points.slice(start, parts[j + 1])) };
    }
    case 5:
    case 15:
    case 25:
      return readPolygon(record);
    default:
      throw new Error(`unsupported shape type ${type}`);
  }
}

function readPoints(record: DataView, offset: number, count: number): Position[] {
  const points = new Array<Position>(count);
  for (let j = 0, i = offset; j < count; j++, i += 16) points[j] = [record.getFloat64(i, true), record.getFloat64(i + 8, true)];
  return points;
}

function readParts(record: DataView): { parts: number[]; points: Position[] } {
  const partCount = record.getInt32(36, true);
  const parts = new Array<number>(partCount);
  for (let j = 0; j < partCount; j++) parts[j] = record.getInt32(44 + 4 * j, true);
  return { parts, points: readPoints(record, 44 + 4 * partCount, record.getInt32(40, true)) };
}

function readPolygon(record: DataView): GeoJSON.Polygon | GeoJSON.MultiPolygon {
  const { parts, points } = readParts(record);
  const polygons: Position[][][] = [];
  const holes: Position[][] = [];
  parts.forEach((start, j) => {
    const ring = points.slice(start, parts[j + 1]);
    if (ringClockwise(ring)) polygons.push([ring]);
    else holes.push(ring);
  });
  for (const hole of holes) {
    const shell = polygons.find((polygon) => ringContainsSome(polygon[0]!, hole));
    if (shell) shell.push(hole);
    else polygons.push([hole]);
  }
  return polygons.length === 1 ? { type: "Polygon", coordinates: polygons[0]! } : { type: "MultiPolygon", coordinates: polygons };
}

function ringClockwise(ring: Position[]): boolean {
  const n = ring.length;
  if (n < 4) return false;
  let area = ring[n - 1]![1] * ring[0]![0] - ring[n - 1]![0] * ring[0]![1];
  for (let i = 1; i < n; i++) area += ring[i - 1]![1] * ring[i]![0] - ring[i - 1]![0] * ring[i]![1];
  return area >= 0;
}

function ringContainsSome(ring: Position[], hole: Position[]): boolean {
  for (const point of hole) {
    const contains = ringContains(ring, point);
    if (contains) return contains > 0;
  }
  return false;
}

/** 1 inside, -1 outside, 0 on the boundary. */
function ringContains(ring: Position[], [x, y]: Position): number {
  let contains = -1;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (segmentContains(ring[i]!, ring[j]!, [x, y])) return 0;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) contains = -contains;
  }
  return contains;
}

function segmentContains(p0: Position, p1: Position, p2: Position): boolean {
  const x20 = p2[0] - p0[0];
  const y20 = p2[1] - p0[1];
  if (x20 === 0 && y20 === 0) return true;
  const x10 = p1[0] - p0[0];
  const y10 = p1[1] - p0[1];
  if (x10 === 0 && y10 === 0) return false;
  const t = (x20 * x10 + y20 * y10) / (x10 * x10 + y10 * y10);
  return t < 0 || t > 1 ? false : t === 0 || t === 1 ? true : t * x10 === x20 && t * y10 === y20;
}
