import type { BBox } from "../../shared/model/body";

/** What every boundary reader hands back: polygons only, lon/lat WGS84 (RFC 7946). */
export type PolygonGeometry = GeoJSON.Polygon | GeoJSON.MultiPolygon;

export interface BoundaryFeature {
  properties: Record<string, unknown>;
  geometry: PolygonGeometry;
  /** Computed from the coordinates, never from a file header. */
  bbox: BBox;
  /** 0-based positions of the source features merged into this one (several when grouped). */
  sourceIndexes: number[];
}

/**
 * Something was wrong with source feature `index` and was fixed; `what` says how. Indexes are
 * 0-based positions in the file; messages for people count from 1 ("feature #1").
 */
export interface BoundaryRepair {
  index: number;
  what: string;
}

/** Source feature `index` (0-based) was left out; `reason` says why. */
export interface BoundarySkip {
  index: number;
  reason: string;
}

export type BoundaryFormat = "geojson" | "topojson" | "shapefile";

export interface BoundaryFile {
  format: BoundaryFormat;
  features: BoundaryFeature[];
  /** Attribute names in file order (DBF field order, or first appearance in JSON). */
  fields: string[];
  /** The CRS the coordinates were read in, e.g. "EPSG:4326" or the .prj's own name. */
  sourceCrs: string;
  /** True when the coordinates were transformed to lon/lat WGS84 (false when they already were). */
  reprojected: boolean;
  bbox: BBox;
  repairs: BoundaryRepair[];
  skipped: BoundarySkip[];
  /** Point features, in lon/lat, when the reader was asked to keep them (a population layer of block centroids). */
  points?: BoundaryPoint[];
}

export interface BoundaryPoint {
  /** The feature's index in the file. */
  index: number;
  properties: Record<string, unknown>;
  coordinates: [number, number];
}

/** Guards against hostile or absurd input. Every cap is named in the error it raises. */
export interface BoundaryLimits {
  /** Size of the file as given (a .geojson, a .zip, a .shp). */
  maxFileBytes: number;
  maxZipEntries: number;
  /** Sum of the declared uncompressed sizes of all zip entries (decompression-bomb guard). */
  maxUncompressedBytes: number;
  maxVerticesPerFeature: number;
  maxVerticesPerFile: number;
  /** Longest attribute value, in characters (strings) or JSON characters (anything else). */
  maxAttributeLength: number;
  /** Polygon parts and holes smaller than this (geodesic m²) are dropped as degenerate specks. */
  minPartAreaSquareMetres: number;
}

/** The highest vertex cap a user may set (`--max-vertices`, GROUNDSWELL_MAX_VERTICES): about 8 GB of coordinates in memory. */
export const MAX_VERTICES_CEILING = 100_000_000;

export const defaultBoundaryLimits: BoundaryLimits = {
  maxFileBytes: 256 * 1024 * 1024,
  maxZipEntries: 1000,
  maxUncompressedBytes: 512 * 1024 * 1024,
  maxVerticesPerFeature: 500_000,
  // A national layer with margin: 14,400 state-house districts of TIGER/Line run to ~10 million
  // (npm run bench -- national); a whole file's .shp stays under maxUncompressedBytes.
  maxVerticesPerFile: 20_000_000,
  maxAttributeLength: 65_536,
  minPartAreaSquareMetres: 0.25,
};

/**
 * A coordinate reference system we can read from: a name for the report and a function to
 * WGS84 lon/lat, or `null` when the coordinates already are lon/lat WGS84 (or equivalent).
 */
export interface SourceCrs {
  name: string;
  toWgs84: ((x: number, y: number) => [number, number]) | null;
}

/** One feature as decoded from its format, before any validation. */
export interface RawFeature {
  properties: Record<string, unknown>;
  geometry: unknown;
  /** Set by a format reader that already knows the feature must be left out. */
  skip?: string;
}

/** A layer as decoded from its format; `crs` is null when the file names none. */
export interface RawLayer {
  format: BoundaryFormat;
  features: RawFeature[];
  fields: string[];
  crs: SourceCrs | null;
}
