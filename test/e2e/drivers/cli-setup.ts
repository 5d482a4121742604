import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { RunningApp } from "./helper";

const repositoryRoot = path.resolve(import.meta.dirname, "../../..");

/** Run the built `groundswell` command against the app's database (specs' setup steps); its output, or an error with its stderr. */
export function groundswell(app: RunningApp, ...args: string[]): string {
  const result = spawnSync(process.execPath, [path.join(repositoryRoot, "server/groundswell.mjs"), ...args], { env: { ...process.env, ...app.database.env }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`groundswell ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

/** Made-up Rhode Island districts as latitude bands across the state (DISTRICT "1", "2"… from the first band), as a GeoJSON file in `directory`. */
export function writeRiBands(directory: string, fileName: string, bands: ReadonlyArray<readonly [south: number, north: number]>): string {
  const box = (south: number, north: number) => [[[-72, south], [-71, south], [-71, north], [-72, north], [-72, south]]];
  const file = path.join(directory, fileName);
  fs.writeFileSync(
    file,
    JSON.stringify({
      type: "FeatureCollection",
      features: bands.map(([south, north], index) => ({ type: "Feature", properties: { DISTRICT: String(index + 1) }, geometry: { type: "Polygon", coordinates: box(south, north) } })),
    }),
  );
  return file;
}

/** Two made-up Rhode Island House districts split at 41.7°N (1 north, 2 south), as a GeoJSON file in `directory`. */
export const writeRiHouseDistricts = (directory: string): string => writeRiBands(directory, "ri-house.geojson", [[41.7, 42.1], [41.0, 41.7]]);
