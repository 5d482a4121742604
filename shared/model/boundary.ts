/** One polygon feature read from a boundary file, ready to import (lon/lat WGS84). */
export interface ImportFeature {
  properties: Record<string, unknown>;
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
}

export interface ImportSummary {
  /** Features handed in (after the reader's own repairs and skips). */
  read: number;
  created: number;
  updated: number;
  /** Features merged into another with the same id (islands, multi-part towns). */
  merged: number;
  skipped: Array<{ index: number; reason: string }>;
  nameField: string;
  idField: string | null;
  /** Bodies: the attribute the population was read from, when the layer has one. */
  populationField?: string | null;
}
