import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "../../helpers/cli";
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
  const box = (south: number, north: number) => [
    [
      [-72, south],
      [-71, south],
      [-71, north],
      [-72, north],
      [-72, south],
    ],
  ];
  const file = path.join(directory, fileName);
  fs.writeFileSync(
    file,
    JSON.stringify({
      type: "FeatureCollection",
      features: bands.map(([south, north], index) => ({
        type: "Feature",
        properties: { DISTRICT: String(index + 1) },
        geometry: { type: "Polygon", coordinates: box(south, north) },
      })),
    }),
  );
  return file;
}

/** Two made-up Rhode Island House districts split at 41.7°N (1 north, 2 south), as a GeoJSON file in `directory`. */
export const writeRiHouseDistricts = (directory: string): string =>
  writeRiBands(directory, "ri-house.geojson", [
    [41.7, 42.1],
    [41.0, 41.7],
  ]);

/**
 * Move one body of campaign 1 to `stage` with the real `groundswell import --as resolutions` bin
 * (a one-row spreadsheet), as a person at a terminal would, against the app's database; its stdout.
 */
export async function importStageWithTheCli(app: RunningApp, bodyId: number, stage: string): Promise<string> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-cli-stage-"));
  try {
    const sheet = path.join(folder, "stages.csv");
    fs.writeFileSync(sheet, `body_id,stage\n${bodyId},${stage}\n`);
    const result = await runCli(["import", sheet, "--as", "resolutions", "--campaign", "1"], app.database.env);
    if (result.status !== 0) throw new Error(`groundswell import failed (${result.status}): ${result.stderr}`);
    return result.stdout;
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
