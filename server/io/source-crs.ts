import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import proj4 from "proj4";
import { InputError } from "../errors";
import type { SourceCrs } from "./boundary-types";

/**
 * Coordinate reference systems named by a boundary file: an EPSG code (looked up in the
 * maintained `epsg-index` package, never a hand-written table), a legacy GeoJSON `crs` member,
 * or the WKT of a shapefile's `.prj` (proj4 reads ESRI WKT). Each gives a `SourceCrs` whose
 * `toWgs84` is null when no transformation is needed.
 */

export const WGS84: SourceCrs = { name: "EPSG:4326", toWgs84: null };
const CRS84: SourceCrs = { name: "OGC:CRS84", toWgs84: null };

const epsgDirectory = path.join(path.dirname(createRequire(import.meta.url).resolve("epsg-index/package.json")), "s");

interface EpsgEntry {
  code: string;
  kind: string;
  name: string;
  proj4: string | null;
}

/** `code` is the bare number ("2227"). */
export function crsFromEpsgCode(code: string): SourceCrs {
  if (!/^\d{1,6}$/.test(code)) throw new InputError(`unknown EPSG code "${clip(code)}"`);
  if (code === "4326") return WGS84;
  const file = path.join(epsgDirectory, `${code}.json`);
  if (!fs.existsSync(file)) throw new InputError(`unknown EPSG code ${code}: not in the EPSG registry`);
  const entry = JSON.parse(fs.readFileSync(file, "utf8")) as EpsgEntry;
  if (!entry.proj4 || !/^CRS-(GEOGCRS|PROJCRS)$/.test(entry.kind)) {
    throw new InputError(`EPSG:${code} (${entry.name}) is not a horizontal CRS that can be reprojected to lon/lat`);
  }
  return fromDefinition(`EPSG:${code}`, entry.proj4);
}

/** WKT as found in a `.prj` (ESRI or OGC flavour). */
export function crsFromWkt(wkt: string): SourceCrs {
  const text = wkt.replace(/^\uFEFF/, "").trim();
  if (!text) throw new InputError("the .prj is empty");
  const name = /^\s*[A-Z_]+\[\s*"([^"]*)"/.exec(text)?.[1] ?? clip(text);
  try {
    return fromDefinition(name, text);
  } catch {
    throw new InputError(`unknown .prj: proj4 cannot read the projection "${clip(text)}"`);
  }
}

/**
 * A CRS named by the caller or a legacy GeoJSON `crs` member: "EPSG:2249",
 * "urn:ogc:def:crs:EPSG::2249", "urn:ogc:def:crs:OGC:1.3:CRS84", an opengis.net URL, …
 */
export function crsFromName(name: string): SourceCrs {
  const trimmed = name.trim();
  if (/^(urn:ogc:def:crs:OGC:[\d.]*:CRS84|OGC:CRS84|CRS84|urn:ogc:def:crs:OGC::CRS84)$/i.test(trimmed)) return CRS84;
  const code =
    /^EPSG:{1,2}(\w+)$/i.exec(trimmed)?.[1] ??
    /^urn:ogc:def:crs:EPSG:[\d.]*:(\w+)$/i.exec(trimmed)?.[1] ??
    /^https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/[\d.]+\/(\w+)$/i.exec(trimmed)?.[1];
  if (code === undefined) throw new InputError(`unsupported CRS name "${clip(trimmed)}": expected EPSG:<code> or CRS84`);
  // GeoJSON 2008 files labelled EPSG:4326 are lon/lat in practice, whatever the EPSG axis order says.
  return crsFromEpsgCode(code);
}

/** The `crs` member of a pre-RFC 7946 GeoJSON file; `undefined`/`null` mean lon/lat WGS84. */
export function crsFromGeoJsonMember(member: unknown): SourceCrs {
  if (member === undefined || member === null) return WGS84;
  const crs = member as { type?: unknown; properties?: { name?: unknown; code?: unknown } };
  if (crs.type === "name" && typeof crs.properties?.name === "string") return crsFromName(crs.properties.name);
  if (crs.type === "EPSG" && (typeof crs.properties?.code === "number" || typeof crs.properties?.code === "string")) {
    return crsFromEpsgCode(String(crs.properties.code));
  }
  throw new InputError(`unsupported "crs" member ${clip(JSON.stringify(member))}: expected a named EPSG code or CRS84`);
}

interface ProjInternals {
  projName?: string;
  datum?: { datum_type?: number };
  from_greenwich?: number;
}

function fromDefinition(name: string, definition: string): SourceCrs {
  let converter: proj4.Converter;
  let source: ProjInternals;
  try {
    source = proj4.Proj(definition) as unknown as ProjInternals;
    converter = proj4(definition, "EPSG:4326");
  } catch {
    throw new InputError(`unknown CRS ${clip(name)}: proj4 cannot use its definition`);
  }
  if (isLonLatWgs84(source)) return { name, toWgs84: null };
  return {
    name,
    toWgs84: (x, y) => converter.forward([x, y]) as [number, number],
  };
}

/** proj4 datum types 4 (WGS84 or equivalent, such as NAD83 with a zero shift) and 5 (none). */
function isLonLatWgs84(source: ProjInternals): boolean {
  const datumType = source.datum?.datum_type;
  return source.projName === "longlat" && (datumType === 4 || datumType === 5) && !source.from_greenwich;
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, " ");
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}
