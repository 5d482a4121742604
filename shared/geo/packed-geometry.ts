import type { BBox } from "../model/body";
import { prepareOverlapInput, type OverlapInput, type OverlapProblem, type OverlapReport, type OverlapStats, type PreparedOverlapInput } from "./overlaps";

/**
 * Polygon geometries packed into flat typed arrays, so that several threads can read one copy:
 * posting a `PackedGeometries` built on SharedArrayBuffers to a worker shares the memory instead
 * of copying millions of nested arrays (a structured clone of the GeoJSON itself costs more than
 * the overlap computation). Also about ten times smaller than the GeoJSON arrays it replaces.
 *
 *   const packer = new GeometryPacker();
 *   for (const row of rows) packer.add(row.id, JSON.parse(row.geometry));
 *   const packed = packer.finish((bytes) => new SharedArrayBuffer(bytes));
 *   unpackGeometries(packed, [0, 2]); // items 0 and 2 as OverlapInput again
 *
 * Unpacking gives back exactly the coordinates and the geometry type that went in, so an overlap
 * computed from unpacked geometry is bit for bit the one computed from the original.
 */
export interface PackedGeometries {
  ids: Float64Array;
  /** 0 Polygon, 1 MultiPolygon. */
  types: Uint8Array;
  /** Item i has polygons itemPolygonStart[i] … itemPolygonStart[i+1]-1; likewise for rings and vertices. */
  itemPolygonStart: Uint32Array;
  polygonRingStart: Uint32Array;
  ringVertexStart: Uint32Array;
  /** x, y interleaved. */
  coordinates: Float64Array;
}

type Allocate = (bytes: number) => ArrayBufferLike;

/** A growable typed array: doubles its buffer as values are pushed. */
class Growing<T extends Float64Array | Uint32Array | Uint8Array> {
  private values: T;
  length = 0;
  constructor(private readonly Type: { new (length: number): T; new (buffer: ArrayBufferLike): T; BYTES_PER_ELEMENT: number }) {
    this.values = new Type(1024);
  }
  push(value: number): void {
    if (this.length === this.values.length) {
      const bigger = new this.Type(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length++] = value;
  }
  /** The pushed values in a buffer of exactly their size. */
  finish(allocate: Allocate): T {
    const array = new this.Type(allocate(this.length * this.Type.BYTES_PER_ELEMENT));
    array.set(this.values.subarray(0, this.length) as never);
    return array;
  }
}

/** Packs geometries one at a time, so the caller can drop each GeoJSON value once added. */
export class GeometryPacker {
  private readonly ids = new Growing(Float64Array);
  private readonly types = new Growing(Uint8Array);
  private readonly itemPolygonStart = new Growing(Uint32Array);
  private readonly polygonRingStart = new Growing(Uint32Array);
  private readonly ringVertexStart = new Growing(Uint32Array);
  private readonly coordinates = new Growing(Float64Array);

  constructor() {
    this.itemPolygonStart.push(0);
    this.polygonRingStart.push(0);
    this.ringVertexStart.push(0);
  }

  get count(): number {
    return this.ids.length;
  }

  add(id: number, geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): void {
    this.ids.push(id);
    this.types.push(geometry.type === "Polygon" ? 0 : 1);
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) {
      for (const ring of polygon) {
        for (const position of ring) {
          this.coordinates.push(position[0]!);
          this.coordinates.push(position[1]!);
        }
        this.ringVertexStart.push(this.coordinates.length / 2);
      }
      this.polygonRingStart.push(this.ringVertexStart.length - 1);
    }
    this.itemPolygonStart.push(this.polygonRingStart.length - 1);
  }

  /** The packed arrays; `allocate` gives their buffers (a SharedArrayBuffer to share them with workers). */
  finish(allocate: Allocate = (bytes) => new ArrayBuffer(bytes)): PackedGeometries {
    return {
      ids: this.ids.finish(allocate),
      types: this.types.finish(allocate),
      itemPolygonStart: this.itemPolygonStart.finish(allocate),
      polygonRingStart: this.polygonRingStart.finish(allocate),
      ringVertexStart: this.ringVertexStart.finish(allocate),
      coordinates: this.coordinates.finish(allocate),
    };
  }
}

export function packGeometries(items: readonly OverlapInput[], allocate?: Allocate): PackedGeometries {
  const packer = new GeometryPacker();
  for (const item of items) packer.add(item.id, item.geometry);
  return packer.finish(allocate);
}

export function packedCount(packed: PackedGeometries): number {
  return packed.ids.length;
}

/** Vertices of item `i` (every ring, closing points included). */
export function packedVertexCount(packed: PackedGeometries, i: number): number {
  const firstRing = packed.polygonRingStart[packed.itemPolygonStart[i]!]!;
  const endRing = packed.polygonRingStart[packed.itemPolygonStart[i + 1]!]!;
  return packed.ringVertexStart[endRing]! - packed.ringVertexStart[firstRing]!;
}

/** Bounding box of item `i` as [west, south, east, north]. */
export function packedBBox(packed: PackedGeometries, i: number): BBox {
  const { itemPolygonStart, polygonRingStart, ringVertexStart, coordinates } = packed;
  const from = ringVertexStart[polygonRingStart[itemPolygonStart[i]!]!]!;
  const to = ringVertexStart[polygonRingStart[itemPolygonStart[i + 1]!]!]!;
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (let v = from; v < to; v++) {
    const x = coordinates[2 * v]!;
    const y = coordinates[2 * v + 1]!;
    if (x < west) west = x;
    if (x > east) east = x;
    if (y < south) south = y;
    if (y > north) north = y;
  }
  return [west, south, east, north];
}

/** Items at `positions` (every item when omitted) as GeoJSON again, with their original type. */
export function unpackGeometries(packed: PackedGeometries, positions?: ArrayLike<number>): OverlapInput[] {
  return Array.from(positions ?? Array.from(packed.ids, (_, i) => i), (i) => unpackGeometry(packed, i));
}

/** Item `i` as GeoJSON again, with its original type. */
export function unpackGeometry(packed: PackedGeometries, i: number): OverlapInput {
  const { ids, types, itemPolygonStart, polygonRingStart, ringVertexStart, coordinates } = packed;
  const polygons: GeoJSON.Position[][][] = [];
  for (let p = itemPolygonStart[i]!; p < itemPolygonStart[i + 1]!; p++) {
    const rings: GeoJSON.Position[][] = [];
    for (let r = polygonRingStart[p]!; r < polygonRingStart[p + 1]!; r++) {
      const ring: GeoJSON.Position[] = [];
      for (let v = ringVertexStart[r]!; v < ringVertexStart[r + 1]!; v++) ring.push([coordinates[2 * v]!, coordinates[2 * v + 1]!]);
      rings.push(ring);
    }
    polygons.push(rings);
  }
  const geometry: OverlapInput["geometry"] = types[i] === 0 ? { type: "Polygon", coordinates: polygons[0] ?? [] } : { type: "MultiPolygon", coordinates: polygons };
  return { id: ids[i]!, geometry };
}

/**
 * Items at `positions`, prepared one at a time (unpack, prepare, let the GeoJSON go): the nested
 * arrays of a whole national layer would take about a GB beside the prepared shapes.
 */
export function preparePacked(packed: PackedGeometries, positions: ArrayLike<number>): PreparedOverlapInput[] {
  return Array.from(positions, (i) => prepareOverlapInput(unpackGeometry(packed, i)));
}

/**
 * One report from the reports of parts of the work (`planOverlapWork`'s parts, each run on its own
 * thread), in exactly the order one `computePreparedOverlaps` call over every body and district
 * would give: rows by body then district input position; body problems, then district problems
 * (a district shared by several parts reported once), then pair problems. Counters are summed,
 * except `bodies` and `districts`, which are the totals.
 */
export function mergeOverlapReports(parts: readonly OverlapReport[], bodyIds: ArrayLike<number>, districtIds: ArrayLike<number>): OverlapReport {
  const bodyPosition = new Map(Array.from(bodyIds, (id, i) => [id, i]));
  const districtPosition = new Map(Array.from(districtIds, (id, i) => [id, i]));
  const pairOrder = (a: { bodyId?: number; districtId?: number }, b: { bodyId?: number; districtId?: number }) =>
    bodyPosition.get(a.bodyId!)! - bodyPosition.get(b.bodyId!)! || districtPosition.get(a.districtId!)! - districtPosition.get(b.districtId!)!;
  const overlaps = parts.flatMap((part) => part.overlaps).sort(pairOrder);
  const bodyProblems = parts.flatMap((part) => part.problems.filter((problem) => problem.side === "body"));
  bodyProblems.sort((a, b) => bodyPosition.get(a.bodyId!)! - bodyPosition.get(b.bodyId!)!);
  // Every part holding a district reports the same problems for it: keep the first part's.
  const districtProblems = new Map<number, OverlapProblem[]>();
  for (const part of parts) {
    const own = new Map<number, OverlapProblem[]>();
    for (const problem of part.problems) if (problem.side === "district") own.set(problem.districtId!, [...(own.get(problem.districtId!) ?? []), problem]);
    for (const [id, problems] of own) if (!districtProblems.has(id)) districtProblems.set(id, problems);
  }
  const districtSide = [...districtProblems.entries()].sort(([a], [b]) => districtPosition.get(a)! - districtPosition.get(b)!).flatMap(([, problems]) => problems);
  const pairProblems = parts.flatMap((part) => part.problems.filter((problem) => problem.side === "pair")).sort(pairOrder);
  const stats = { ...parts[0]!.stats };
  for (const part of parts.slice(1)) {
    for (const key of Object.keys(stats) as (keyof OverlapStats)[]) stats[key] += part.stats[key];
  }
  stats.bodies = bodyIds.length;
  stats.districts = districtIds.length;
  stats.kept = overlaps.length;
  return { overlaps, problems: [...bodyProblems, ...districtSide, ...pairProblems], stats };
}
