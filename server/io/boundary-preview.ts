import { toDisplayGeometry } from "../../shared/geo/display-geometry";
import { toImportNotes, type ImportFieldPreview, type ImportPreview } from "../../shared/model/import-upload";
import { attributeText, pickField } from "../../shared/rules/import-fields";
import type { BoundaryFile, PolygonGeometry } from "./boundary-types";

export interface PreviewOptions {
  /** Cap on the outline vertices sent to the browser; coarser outlines are tried first. */
  maxOutlineVertices?: number;
  /** Distinct sample values shown per field. */
  samplesPerField?: number;
}

export type BoundaryPreview = Omit<ImportPreview, "token" | "expiresAt" | "fileName" | "bytes">;

/**
 * What the Import screen shows before anything is written: counts, the CRS, each field with a
 * few values, the fields the importer would pick, the reader's repairs and skips, and coarse
 * outlines for a small preview map (capped, so a national file still answers quickly).
 */
export function previewBoundaryFile(file: BoundaryFile, { maxOutlineVertices = 30_000, samplesPerField = 3 }: PreviewOptions = {}): BoundaryPreview {
  const outlines = previewOutlines(file, maxOutlineVertices);
  return {
    format: file.format,
    sourceCrs: file.sourceCrs,
    reprojected: file.reprojected,
    featureCount: file.features.length,
    fields: file.fields.map((field) => previewField(file, field, samplesPerField)),
    guesses: {
      bodyName: pickField(file.fields, undefined, "body name").field,
      districtName: pickField(file.fields, undefined, "district name").field,
      id: pickField(file.fields, undefined, "id").field,
      population: pickField(file.fields, undefined, "population").field,
    },
    repairs: toImportNotes(file.repairs),
    skipped: toImportNotes(file.skipped),
    bbox: file.bbox,
    outlines: { type: "FeatureCollection", features: outlines.features },
    outlinesComplete: outlines.complete,
  };
}

const SAMPLE_LENGTH = 40;

function previewField(file: BoundaryFile, field: string, samplesPerField: number): ImportFieldPreview {
  const seen = new Set<string>();
  const samples: string[] = [];
  let filled = 0;
  for (const feature of file.features) {
    const text = attributeText(feature.properties[field]);
    if (text === null) continue;
    filled++;
    if (!seen.has(text) && samples.length < samplesPerField) {
      samples.push(text.length > SAMPLE_LENGTH ? `${text.slice(0, SAMPLE_LENGTH - 1)}…` : text);
    }
    seen.add(text);
  }
  return { name: field, samples, filled, unique: filled > 0 && seen.size === filled };
}

type Outline = GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>;

function previewOutlines(file: BoundaryFile, maxVertices: number): { features: Outline[]; complete: boolean } {
  const [west, south, east, north] = file.bbox;
  const extent = Math.max(east - west, north - south, 1e-6);
  // A preview map is a few hundred pixels wide: a thousandth of the extent is under a pixel.
  let tolerance = extent / 1000;
  let attempt = { features: [] as Outline[], complete: true };
  for (let round = 0; round < 3; round++) {
    attempt = simplifyAll(file, tolerance, maxVertices);
    if (attempt.complete) break;
    tolerance *= 4;
  }
  return attempt;
}

function simplifyAll(file: BoundaryFile, tolerance: number, maxVertices: number): { features: Outline[]; complete: boolean } {
  const decimals = Math.min(6, Math.max(2, Math.ceil(-Math.log10(tolerance)) + 1));
  const features: Outline[] = [];
  let vertices = 0;
  for (const feature of file.features) {
    const geometry = toDisplayGeometry(feature.geometry, { tolerance, decimals }) as PolygonGeometry;
    vertices += countVertices(geometry);
    if (vertices > maxVertices) return { features, complete: false };
    features.push({ type: "Feature", properties: {}, geometry });
  }
  return { features, complete: true };
}

function countVertices(geometry: PolygonGeometry): number {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.reduce((sum, rings) => sum + rings.reduce((ringSum, ring) => ringSum + ring.length, 0), 0);
}
