import type { ImportRequestInput } from "./import-request";
import type { BBox } from "./body";

/**
 * The app's Import screen, in two requests: the file is uploaded and previewed
 * (`POST /api/imports/preview`), then imported with the options the organizer chose
 * (`POST /api/imports/commit`). Both answer `{ error: "one line" }` when they refuse.
 */

/** One attribute of the uploaded layer, with a few values so a person can tell what it holds. */
export interface ImportFieldPreview {
  name: string;
  /** Up to three distinct non-empty values, shortened for display. */
  samples: string[];
  /** Features with a non-empty value. */
  filled: number;
  /** Whether every filled value is different (a good id field). */
  unique: boolean;
}

/** What the reader noticed, counted, with the first few notes in words ("#3 closed an open ring"). */
export interface ImportNotes {
  count: number;
  first: string[];
}

export interface ImportPreview {
  /** Names the uploaded file on the server until `expiresAt`; hand it to the commit. */
  token: string;
  expiresAt: string;
  fileName: string;
  bytes: number;
  format: "geojson" | "topojson" | "shapefile";
  sourceCrs: string;
  /** True when the coordinates were reprojected to longitude/latitude (WGS84). */
  reprojected: boolean;
  featureCount: number;
  fields: ImportFieldPreview[];
  /** The fields the importer would pick on its own (shared/rules/import-fields.ts pickField). */
  guesses: { bodyName: string | null; districtName: string | null; id: string | null; population: string | null };
  repairs: ImportNotes;
  skipped: ImportNotes;
  bbox: BBox;
  /** Coarse outlines for a small preview map; `complete` is false when capped. */
  outlines: GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon>;
  outlinesComplete: boolean;
}

export const IMPORT_TARGETS = ["bodies", "districts"] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];

/**
 * The commit request: the upload's token and the organizer's choices, which the server parses
 * into the one import request (`shared/model/import-request.ts`) as the CLI parses its flags.
 */
export type ImportCommit = { token: string } & ImportRequestInput;
/** A boundary file's choices on the Import screen (its commit without the token). */
export type BoundaryImportChoices = Extract<ImportRequestInput, { as: "bodies" | "districts" }>;

export interface ImportResult {
  fileName: string;
  as: ImportTarget;
  read: number;
  created: number;
  updated: number;
  merged: number;
  nameField: string;
  idField: string | null;
  /** Bodies only: the attribute the population was read from, or null. */
  populationField: string | null;
  /** Districts only: the plan's vintage and whether it is now the current one. */
  vintage: string | null;
  current: boolean | null;
  repairs: ImportNotes;
  skipped: ImportNotes;
  /** Body × district overlaps after the import (null when they were not recomputed). */
  overlaps: { pairs: number; bodies: number; districts: number; problems: number } | null;
  /** Districts: the chamber's sitting legislators seated in the current plan (null when none are imported). */
  legislators: { sitting: number; matched: number; unmatched: string[] } | null;
}

/** Counted notes with the first `limit` in words, numbering features from 1 as people do. */
export function toImportNotes(items: ReadonlyArray<{ index: number; what?: string; reason?: string }>, limit = 5): ImportNotes {
  return { count: items.length, first: items.slice(0, limit).map((item) => `#${item.index + 1} ${item.what ?? item.reason ?? ""}`.trim()) };
}

/** "64 KB", "2.5 MB", "100 MB": file sizes as the upload limit and the Import screen say them. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024 ** 2) return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
  const megabytes = bytes / 1024 ** 2;
  return megabytes >= 10 ? `${Math.round(megabytes)} MB` : `${Number(megabytes.toFixed(1))} MB`;
}
