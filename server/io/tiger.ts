import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stateByFips } from "../../shared/ids/usps";
import type { BodyKind } from "../../shared/model/body";
import type { Chamber } from "../../shared/model/district";
import { InputError } from "../errors";
import type { BoundaryFeature, BoundaryFile } from "./boundary-types";
import { downloadToFile, type DownloadOptions } from "./download";

/**
 * Census TIGER/Line state layers: where they live, and which of their records are municipal
 * governments and legislative districts.
 *
 * The Census server keeps one zip per state and layer:
 *   https://www2.census.gov/geo/tiger/TIGER{YEAR}/{LAYER}/tl_{YEAR}_{FIPS}_{layer}.zip
 * (`tl_2024_44_place.zip`, `tl_2024_44_cd119.zip`). A mirror is a base URL replacing
 * `https://www2.census.gov/geo/tiger`, or a directory holding the same files, flat or in the
 * same `TIGER{YEAR}/{LAYER}/` folders. Years before 2011 used another layout and are refused.
 *
 * Which records become bodies (see `selectTigerFeatures`), by FUNCSTAT, the Census "functional
 * status" of an entity:
 * - PLACE → city councils: active governments (A, B, C, G): cities, towns, villages, boroughs.
 *   Census designated places (S) are statistical, with no government, and are left out.
 * - COUSUB → town meetings: active governments with their own officials (A, B, G): New England
 *   towns, Maine plantations, townships. Left out: statistical areas (S: unorganized
 *   territories, census county divisions), fictitious entities (F: stand-ins for cities, which
 *   come from PLACE, and for reservations), nonfunctioning (N: gores) and consolidated (C)
 *   ones, the "County subdivisions not defined" records (code 00000), and a subdivision with
 *   the same code as a place of the same run (one government, already a city council).
 * - SLDL, SLDU, CD → districts, except the "… not defined" records (codes ZZZ/ZZ: water and
 *   unassigned areas). Their names come from NAMELSAD without the chamber words
 *   ("State House District 7" → "7", "1st Barnstable District" → "1st Barnstable").
 */

export type TigerLayer = "place" | "cousub" | "sldl" | "sldu" | "cd" | "tabblock20";

export const DEFAULT_TIGER_BASE_URL = "https://www2.census.gov/geo/tiger";
export const DEFAULT_TIGER_YEAR = 2024;
export const FIRST_TIGER_YEAR = 2011;

export type TigerTarget = { as: "bodies"; kind: BodyKind } | { as: "districts"; chamber: Chamber } | { as: "population"; countField: "POP20" };

interface LayerInfo {
  layer: TigerLayer;
  folder: string;
  /** Words for people: "no state house layer for NE". */
  label: string;
  target: TigerTarget;
}

/** In import order: places before county subdivisions (see the same-code rule above). */
const LAYERS: readonly LayerInfo[] = [
  { layer: "place", folder: "PLACE", label: "place", target: { as: "bodies", kind: "city_council" } },
  { layer: "cousub", folder: "COUSUB", label: "county subdivision", target: { as: "bodies", kind: "town_meeting" } },
  { layer: "sldl", folder: "SLDL", label: "state house", target: { as: "districts", chamber: "state_lower" } },
  { layer: "sldu", folder: "SLDU", label: "state senate", target: { as: "districts", chamber: "state_upper" } },
  { layer: "cd", folder: "CD", label: "congressional district", target: { as: "districts", chamber: "congressional" } },
];

/**
 * The 2020 Census blocks with their people (`POP20`), for `setup --with-blocks`: published in
 * every release since 2020 (TABBLOCK20); a `--year` before 2020 takes them from 2020's.
 */
const BLOCKS: LayerInfo = { layer: "tabblock20", folder: "TABBLOCK20", label: "2020 Census block", target: { as: "population", countField: "POP20" } };
const FIRST_BLOCK_YEAR = 2020;

export type TigerDownload = TigerTarget & {
  layer: TigerLayer;
  label: string;
  /** USPS code of the state, for messages. */
  state: string;
  year: number;
  fileName: string;
} & ({ url: string; paths?: undefined } | { url?: undefined; paths: string[] });

export type TigerMirror = { type: "url"; baseUrl: string } | { type: "directory"; directory: string };

/**
 * The Congress whose districts a TIGER/Line year carries (its CD file is `cd{N}`). Each release
 * holds the plan in force for the next Congress, except 2012 (the 112th) and 2020–2021 (the 116th:
 * the 117th Congress sat on the same districts, so Census published no cd117).
 */
export function congressForYear(year: number): number {
  const exceptions: Record<number, number> = { 2012: 112, 2020: 116, 2021: 116 };
  return exceptions[year] ?? Math.floor((year - 1786) / 2);
}

/** `tl_2024_44_sldl.zip`, `tl_2022_44_cd118.zip`. */
export function tigerFileName(layer: TigerLayer, stateFips: string, year: number): string {
  const suffix = layer === "cd" ? `cd${congressForYear(year)}` : layer;
  if (layer === "tabblock20") year = Math.max(year, FIRST_BLOCK_YEAR);
  return `tl_${year}_${stateFips}_${suffix}.zip`;
}

/** `--mirror` as typed: an http(s) base URL, a file: URL or a directory path. */
export function parseTigerMirror(mirror: string | undefined): TigerMirror {
  if (mirror === undefined) return { type: "url", baseUrl: DEFAULT_TIGER_BASE_URL };
  const value = mirror.trim();
  if (value === "") throw new InputError("--mirror needs a base URL or a directory");
  if (/^file:/i.test(value)) return { type: "directory", directory: fileURLToPath(value) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new InputError(`--mirror "${value}" is not a valid URL`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new InputError(`--mirror must be an http(s) URL or a directory (got ${url.protocol} URL)`);
    }
    return { type: "url", baseUrl: value.replace(/\/+$/, "") };
  }
  return { type: "directory", directory: path.resolve(value) };
}

/** Where the files come from, for messages: the base URL or the directory. */
export function describeTigerMirror(mirror: TigerMirror): string {
  return mirror.type === "url" ? mirror.baseUrl : mirror.directory;
}

/**
 * What to fetch for one state and year, in import order: no I/O, only names. Each item has the
 * URL to download, or (with a directory mirror) the paths to look for, flat first.
 */
export function planTigerDownloads({
  stateFips,
  year,
  mirror,
  withBlocks = false,
}: {
  stateFips: string;
  year: number;
  mirror?: string | TigerMirror | undefined;
  /** Also the 2020 Census blocks, last, as a population layer. */
  withBlocks?: boolean;
}): TigerDownload[] {
  const state = stateByFips(stateFips);
  if (!state) throw new InputError(`"${stateFips}" is not a state FIPS code (e.g. 44 for Rhode Island)`);
  if (!Number.isInteger(year) || year < FIRST_TIGER_YEAR || year > 2099) {
    throw new InputError(`--year must be ${FIRST_TIGER_YEAR} or later (earlier TIGER/Line releases use another layout); got ${year}`);
  }
  const source = typeof mirror === "object" ? mirror : parseTigerMirror(mirror);
  return [...LAYERS, ...(withBlocks ? [BLOCKS] : [])].map(({ layer, folder, label, target }) => {
    const release = layer === "tabblock20" ? Math.max(year, FIRST_BLOCK_YEAR) : year;
    const fileName = tigerFileName(layer, stateFips, release);
    const common = { ...target, layer, label, state: state.usps, year: release, fileName };
    if (source.type === "url") return { ...common, url: `${source.baseUrl}/TIGER${release}/${folder}/${fileName}` };
    const { directory } = source;
    return {
      ...common,
      paths: [path.join(directory, fileName), path.join(directory, `TIGER${release}`, folder, fileName), path.join(directory, folder, fileName)],
    };
  });
}

export interface FetchedTigerFile {
  download: TigerDownload;
  /** A temporary copy (downloads) or the mirror's own file (directories). */
  path: string;
  bytes: number;
}

export interface FetchedTigerFiles {
  files: FetchedTigerFile[];
  /** One line each: "no state house layer for NE (HTTP 404 at https://…)". */
  missing: string[];
  /** Removes the temporary downloads; mirror directories are left alone. */
  cleanup(): void;
}

export interface FetchTigerOptions extends Omit<DownloadOptions, "onProgress" | "hint"> {
  onProgress?: (download: TigerDownload, received: number, total: number | undefined) => void;
  /** Called when a download is finished (or missing), to end its progress bar. */
  onDone?: (download: TigerDownload) => void;
}

export const TIGER_DOWNLOAD_HINT = "use --mirror DIR to import files you downloaded yourself";

/**
 * Get every planned file: download URLs one by one into a temporary folder under os.tmpdir(),
 * or find them in a mirror directory. A missing file (HTTP 404, or absent from the directory) is
 * reported per layer and the rest goes on; any other failure throws one `InputError` line naming
 * the URL, after removing what was downloaded so far.
 */
export async function fetchTigerFiles(downloads: readonly TigerDownload[], options: FetchTigerOptions = {}): Promise<FetchedTigerFiles> {
  const { onProgress, onDone, ...downloadOptions } = options;
  const files: FetchedTigerFile[] = [];
  const missing: string[] = [];
  let temporary: string | undefined;
  const cleanup = () => {
    if (temporary) fs.rmSync(temporary, { recursive: true, force: true });
    temporary = undefined;
  };
  try {
    for (const download of downloads) {
      const noLayer = `no ${download.label} layer for ${download.state}`;
      if (download.paths) {
        const directory = path.dirname(download.paths[0]!);
        if (!isDirectory(directory)) throw new InputError(`--mirror ${directory}: no such directory`);
        const found = download.paths.find(isFile);
        if (found) files.push({ download, path: found, bytes: fs.statSync(found).size });
        else missing.push(`${noLayer} (no ${download.fileName} in ${directory})`);
        continue;
      }
      temporary ??= fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-tiger-"));
      const destination = path.join(temporary, download.fileName);
      const result = await downloadToFile(download.url, destination, {
        ...downloadOptions,
        hint: TIGER_DOWNLOAD_HINT,
        onProgress: (received, total) => onProgress?.(download, received, total),
      }).finally(() => onDone?.(download));
      if (result.found) files.push({ download, path: destination, bytes: result.bytes });
      else missing.push(`${noLayer} (HTTP ${result.status} at ${download.url})`);
    }
  } catch (error) {
    cleanup();
    throw error;
  }
  return { files, missing, cleanup };
}

function isFile(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

function isDirectory(directory: string): boolean {
  return fs.statSync(directory, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Attribute holding the shortened district name that `selectTigerFeatures` adds. */
export const TIGER_DISTRICT_NAME_FIELD = "SHORTNAME";

/**
 * A district's name from its TIGER NAMELSAD, without the chamber words and leading zeros:
 * "State House District 7" → "7", "Assembly District 01" → "1", "State House District Belknap 01"
 * → "Belknap 1", "1st Barnstable District" → "1st Barnstable", "Addison-1 State House District"
 * → "Addison-1", "Congressional District (at Large)" → "At Large".
 */
export function shortDistrictName(namelsad: string): string {
  const name = namelsad.replace(/\s+/g, " ").trim();
  if (/\(at large\)/i.test(name)) return "At Large";
  const words = String.raw`(?:(?:state|general|legislative|congressional|delegate|senatorial|assembly|house|senate|representative|\(house\)|\(senate\))\s+)*`;
  const short = name
    .replace(new RegExp(`^${words}district\\s+`, "i"), "")
    .replace(new RegExp(`\\s+${words}district$`, "i"), "")
    .replace(/\b0+(?=\d)/g, "");
  return short || name;
}

/** Funcstat codes of active governments, per body layer. */
const GOVERNMENTS: Record<"place" | "cousub", ReadonlySet<string>> = {
  place: new Set(["A", "B", "C", "G"]),
  cousub: new Set(["A", "B", "G"]),
};

/** Why a record is left out, worded to follow a count: "39 statistical, with no government …". */
function funcstatReason(layer: "place" | "cousub", code: string): string {
  switch (code) {
    case "S":
      return "statistical, with no government (FUNCSTAT S)";
    case "F":
      return layer === "cousub" ? "stand-ins for a city (which comes from the place layer) or a reservation (FUNCSTAT F)" : "fictitious (FUNCSTAT F)";
    case "N":
      return "nonfunctioning (FUNCSTAT N)";
    case "I":
      return "inactive (FUNCSTAT I)";
    case "E":
      return "special-purpose governments only (FUNCSTAT E)";
    case "C":
      return "consolidated with another government (FUNCSTAT C)";
    default:
      return `not active governments (FUNCSTAT ${code || "empty"})`;
  }
}

export interface TigerLeftOut {
  reason: string;
  count: number;
  /** The first few names, for the summary. */
  examples: string[];
}

/** A layer ready for the importer (features, fields, the reader's repairs and skips), plus notes. */
export interface TigerSelection {
  features: BoundaryFeature[];
  fields: string[];
  repairs: BoundaryFile["repairs"];
  skipped: BoundaryFile["skipped"];
  /** Features in the file, before anything was left out. */
  read: number;
  leftOut: TigerLeftOut[];
  nameField: string;
  idField: string;
  /** Districts: how a name was shortened, e.g. { from: "State House District 1", to: "1" }. */
  nameExample?: { from: string; to: string };
}

const text = (value: unknown) => (value === null || value === undefined ? "" : String(value).trim());

/**
 * Keep the records of a TIGER layer that are municipal governments or real districts (rules at
 * the top of this file), and name districts by their short name. `placeGeoids` are the GEOIDs
 * of the places kept from the same run, so a county subdivision with the same code is left out.
 */
export function selectTigerFeatures(
  download: Pick<TigerDownload, "layer" | "label" | "fileName">,
  file: Pick<BoundaryFile, "features" | "fields" | "repairs" | "skipped">,
  { placeGeoids = new Set<string>() }: { placeGeoids?: ReadonlySet<string> } = {},
): TigerSelection {
  for (const field of ["GEOID", "NAMELSAD"]) {
    if (!file.fields.includes(field)) {
      throw new InputError(`${download.fileName} is not a TIGER/Line ${download.label} layer: it has no ${field} field (fields: ${file.fields.join(", ") || "none"})`);
    }
  }
  const leftOut = new Map<string, TigerLeftOut>();
  const leaveOut = (reason: string, feature: BoundaryFeature) => {
    const entry = leftOut.get(reason) ?? { reason, count: 0, examples: [] };
    entry.count++;
    if (entry.examples.length < 2) entry.examples.push(text(feature.properties.NAMELSAD));
    leftOut.set(reason, entry);
  };
  const features: BoundaryFeature[] = [];
  let nameExample: TigerSelection["nameExample"];
  const { layer } = download;

  for (const feature of file.features) {
    const geoid = text(feature.properties.GEOID);
    const namelsad = text(feature.properties.NAMELSAD);
    if (layer === "place" || layer === "cousub") {
      const funcstat = file.fields.includes("FUNCSTAT") ? text(feature.properties.FUNCSTAT).toUpperCase() : "A";
      if (layer === "cousub" && (text(feature.properties.COUSUBFP) === "00000" || /not defined/i.test(namelsad))) {
        leaveOut('"County subdivisions not defined" (water and unassigned areas)', feature);
      } else if (!GOVERNMENTS[layer].has(funcstat)) {
        leaveOut(funcstatReason(layer, funcstat), feature);
      } else if (layer === "cousub" && placeGeoids.has(geoid.slice(0, 2) + geoid.slice(-5))) {
        leaveOut("coextensive with a place of the same code, imported as its city council", feature);
      } else {
        features.push(feature);
      }
      continue;
    }
    if (/Z/i.test(geoid) || /not defined/i.test(namelsad)) {
      leaveOut('"… not defined" (water and unassigned areas)', feature);
      continue;
    }
    const short = shortDistrictName(namelsad);
    nameExample ??= { from: namelsad, to: short };
    features.push({ ...feature, properties: { ...feature.properties, [TIGER_DISTRICT_NAME_FIELD]: short } });
  }

  const districts = layer !== "place" && layer !== "cousub";
  return {
    features,
    fields: districts ? [...file.fields, TIGER_DISTRICT_NAME_FIELD] : [...file.fields],
    repairs: file.repairs,
    skipped: file.skipped,
    read: file.features.length + file.skipped.length,
    leftOut: [...leftOut.values()].sort((a, b) => b.count - a.count),
    nameField: districts ? TIGER_DISTRICT_NAME_FIELD : "NAMELSAD",
    idField: "GEOID",
    ...(nameExample ? { nameExample } : {}),
  };
}
