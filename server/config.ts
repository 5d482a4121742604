import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { DEFAULT_TILES_ABOVE } from "../shared/model/body-tiles";
import { DEFAULT_EVIDENCE_MAX_BYTES } from "../shared/model/evidence";
import { InputError } from "./errors";
import { defaultBoundaryLimits, MAX_VERTICES_CEILING } from "./io/boundary-types";
import { LOG_LEVELS, type LogLevel } from "./log-levels";

export { LOG_LEVELS, type LogLevel } from "./log-levels";

/** The folder holding package.json: found by walking up, as this code runs from server/ or, compiled, from dist/server/. */
export const repositoryRoot = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

export type DatabaseConfig = { engine: "sqlite"; file: string } | { engine: "postgres"; url: string; schema?: string };

export interface Config {
  database: DatabaseConfig;
  port: number;
  host: string;
  /** Optional MapLibre style URL for a basemap; without one the map draws land and water from the data. */
  basemapStyleUrl: string | null;
  /** Where users reach the app (GROUNDSWELL_PUBLIC_URL), e.g. behind a proxy: the one origin allowed to send mutations. */
  publicUrl: string | null;
  /** Seed the demo campaign into an empty database on `serve`. */
  seedDemo: boolean;
  /** GROUNDSWELL_TRUST_PROXY=1: take the client's address from X-Forwarded-For (behind a reverse proxy), for sign-in throttling. */
  trustProxy: boolean;
  /** The headless browser that renders map exports (CHROMIUM_PATH, default Debian's /usr/bin/chromium). */
  chromiumPath: string;
  /** GROUNDSWELL_LOG_LEVEL (or `serve --log-level`): the server's structured log on stdout; default info. */
  logLevel: LogLevel;
  /**
   * GROUNDSWELL_GEOCODER_URL: a search URL with `{query}` where the address goes (Nominatim's
   * `…/search?format=json&q={query}`, Photon, Pelias). Off by default: endorsers are then placed by
   * their coordinates or their town's centre, and nothing leaves the server.
   */
  geocoderUrl: string | null;
  /** GROUNDSWELL_EVIDENCE_MAX_BYTES: the largest evidence file accepted (default 10 MB). */
  evidenceMaxBytes: number;
  /** GROUNDSWELL_MAX_VERTICES: the vertex cap per boundary file the CLI reads (default 20,000,000: a national TIGER layer); `--max-vertices` wins. */
  maxVertices: number;
  /** GROUNDSWELL_MAP_TILES_ABOVE: past this many bodies the map draws them from vector tiles (default 10,000). */
  mapTilesAbove: number;
}

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres://")
    .optional(),
  GROUNDSWELL_DB: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  GROUNDSWELL_BASEMAP_STYLE: z.string().url().optional(),
  GROUNDSWELL_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/]+\/?$/, "GROUNDSWELL_PUBLIC_URL must be an origin like https://map.example.org")
    .optional(),
  GROUNDSWELL_DEMO: z.enum(["0", "1"]).default("1"),
  GROUNDSWELL_TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
  GROUNDSWELL_LOG_LEVEL: z.enum(LOG_LEVELS, { error: `use one of ${LOG_LEVELS.join(", ")}` }).default("info"),
  GROUNDSWELL_EVIDENCE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(DEFAULT_EVIDENCE_MAX_BYTES),
  GROUNDSWELL_MAX_VERTICES: z.coerce
    .number({ error: "GROUNDSWELL_MAX_VERTICES must be a whole number of vertices, e.g. 20000000" })
    .int({ error: "GROUNDSWELL_MAX_VERTICES must be a whole number of vertices, e.g. 20000000" })
    .min(1000, { error: "GROUNDSWELL_MAX_VERTICES must be at least 1000" })
    .max(MAX_VERTICES_CEILING, { error: `GROUNDSWELL_MAX_VERTICES can be at most ${MAX_VERTICES_CEILING.toLocaleString("en-US")}` })
    .default(defaultBoundaryLimits.maxVerticesPerFile),
  GROUNDSWELL_MAP_TILES_ABOVE: z.coerce
    .number({ error: "GROUNDSWELL_MAP_TILES_ABOVE must be a whole number of bodies, e.g. 10000" })
    .int({ error: "GROUNDSWELL_MAP_TILES_ABOVE must be a whole number of bodies, e.g. 10000" })
    .min(0, { error: "GROUNDSWELL_MAP_TILES_ABOVE must be 0 or more" })
    .default(DEFAULT_TILES_ABOVE),
  GROUNDSWELL_GEOCODER_URL: z
    .string()
    .regex(/^https?:\/\/\S*\{query\}/, "GROUNDSWELL_GEOCODER_URL must be an http(s) URL with {query} where the address goes")
    .optional(),
});

/** Read and validate the environment once; everything else gets a `Config`. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== "")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`environment variable ${issue.path.join(".")}: ${issue.message}`);
  }
  const values = parsed.data;
  return {
    database: values.DATABASE_URL
      ? { engine: "postgres", url: values.DATABASE_URL }
      : { engine: "sqlite", file: path.resolve(values.GROUNDSWELL_DB ?? path.join(repositoryRoot, "data", "groundswell.db")) },
    port: values.PORT,
    host: values.HOST,
    basemapStyleUrl: values.GROUNDSWELL_BASEMAP_STYLE ?? null,
    publicUrl: values.GROUNDSWELL_PUBLIC_URL ?? null,
    seedDemo: values.GROUNDSWELL_DEMO === "1",
    trustProxy: values.GROUNDSWELL_TRUST_PROXY === "1",
    chromiumPath: values.CHROMIUM_PATH,
    logLevel: values.GROUNDSWELL_LOG_LEVEL,
    geocoderUrl: values.GROUNDSWELL_GEOCODER_URL ?? null,
    evidenceMaxBytes: values.GROUNDSWELL_EVIDENCE_MAX_BYTES,
    maxVertices: values.GROUNDSWELL_MAX_VERTICES,
    mapTilesAbove: values.GROUNDSWELL_MAP_TILES_ABOVE,
  };
}
