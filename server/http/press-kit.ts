import type { Kysely } from "kysely";
import type { PressSnapshot, PublicViewInput } from "../../shared/model/public-view";
import { readOneSnapshot } from "../db/connect";
import type { Database } from "../db/schema";
import { readPressBundle } from "../domain/public-view";
import { bodiesCsv, bodiesGeoJson, countsCsv, exportStem, methodologyMarkdown } from "../io/press-files";
import { renderMaps, type PrintSettings } from "./map-render";

export interface PressKitFile {
  name: string;
  bytes: Buffer;
}

/** Read one snapshot (and its bodies' geometry) in one transaction. */
export function takePressBundle(db: Kysely<Database>, view: PublicViewInput) {
  return readOneSnapshot(db, (trx) => readPressBundle(trx, view));
}

/**
 * Every file of a press kit from ONE snapshot: the map as PNG and PDF, the bodies as CSV and
 * GeoJSON, the counts table and the methodology note. The snapshot's time is written into each.
 */
export async function buildPressKit(
  { db, baseUrl, chromiumPath }: { db: Kysely<Database>; baseUrl: string; chromiumPath: string },
  view: PublicViewInput,
  settings: PrintSettings = {},
): Promise<{ snapshot: PressSnapshot; stem: string; files: PressKitFile[] }> {
  const { snapshot, geometries } = await takePressBundle(db, view);
  const renderer = { baseUrl, chromiumPath };
  const { png, pdf } = await renderMaps(renderer, snapshot, ["png", "pdf"], settings);
  const names = ["map.png", "map.pdf", "bodies.csv", "bodies.geojson", "counts.csv", "methodology.md"];
  const files: PressKitFile[] = [
    { name: "map.png", bytes: png },
    { name: "map.pdf", bytes: pdf },
    { name: "bodies.csv", bytes: Buffer.from(bodiesCsv(snapshot)) },
    { name: "bodies.geojson", bytes: Buffer.from(bodiesGeoJson(snapshot, geometries)) },
    { name: "counts.csv", bytes: Buffer.from(countsCsv(snapshot)) },
    { name: "methodology.md", bytes: Buffer.from(methodologyMarkdown(snapshot, names)) },
  ];
  return { snapshot, stem: exportStem(snapshot), files };
}
