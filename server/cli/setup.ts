import { parseStateCode, stateByUsps, stateCodeProblem } from "../../shared/ids/usps";
import { BODY_KIND_PLURALS } from "../../shared/model/body";
import { CHAMBER_LABELS } from "../../shared/model/district";
import type { Config } from "../config";
import { commandLineActor } from "../domain/actor";
import { write } from "../domain/write";
import { withWriteContext } from "./write-context";
import { importBoundaryLayer, type BoundaryImportPlan, type BoundaryImportResult } from "../domain/boundary-import";
import { recomputeOverlaps } from "../domain/overlaps";
import { InputError } from "../errors";
import { readBoundaryFile, type BoundaryFile } from "../io/boundary-file";
import { formatBytes } from "../io/download";
import {
  DEFAULT_TIGER_YEAR,
  describeTigerMirror,
  fetchTigerFiles,
  parseTigerMirror,
  planTigerDownloads,
  selectTigerFeatures,
  type TigerDownload,
  type TigerSelection,
} from "../io/tiger";
import { describeBoundaryImport, describeOverlaps, summarize } from "./import-summary";
import { describePopulationImport, vertexLimits } from "./import";
import { importPopulationLayer } from "../domain/population";
import { createProgress } from "./progress";

export interface SetupCommandOptions {
  state: string;
  year?: string;
  mirror?: string;
  withBlocks?: boolean;
  maxVertices?: string;
}

type BoundaryDownload = Extract<TigerDownload, { as: "bodies" | "districts" }>;

interface ReadLayer {
  download: BoundaryDownload;
  file: BoundaryFile;
  selection: TigerSelection;
}

/**
 * `groundswell setup --state XX [--year YYYY] [--mirror URL|DIR] [--with-blocks]`: fetch the
 * state's TIGER/Line places, county subdivisions, state house, state senate and congressional
 * layers (server/io/tiger.ts says which records count), and with `--with-blocks` its 2020 Census
 * blocks, then import them all, recompute overlaps and place the blocks' people (POP20) in ONE
 * transaction. Downloads and reading come first, so a failure at any step leaves the database as
 * it was.
 */
export async function setupCommand(config: Config, options: SetupCommandOptions, out: (text: string) => void) {
  const state = stateByUsps(parseStateCode(options.state) ?? "");
  if (!state) throw new InputError(stateCodeProblem(options.state).replace("{field}", "--state"));
  const year = parseYear(options.year);
  const mirror = parseTigerMirror(options.mirror);
  const source = describeTigerMirror(mirror);
  const downloads = planTigerDownloads({ stateFips: state.fips, year, mirror, withBlocks: options.withBlocks === true });

  const bars = new Map<TigerDownload, ReturnType<typeof createProgress>>();
  const fetched = await fetchTigerFiles(downloads, {
    onProgress: (download, received, total) => {
      if (!bars.has(download)) bars.set(download, createProgress(`Downloading ${download.fileName}`));
      bars.get(download)!.update(total ? received / total : 0);
    },
    onDone: (download) => bars.get(download)?.done(),
  });
  try {
    if (fetched.files.length === 0) {
      throw new InputError(`found none of the ${downloads.length} TIGER/Line ${year} layers for ${state.usps} at ${source} (${fetched.missing[0]}, …); check --year and --mirror`);
    }
    const { maxVerticesPerFile: maxVertices } = vertexLimits(config, options);
    const isBoundary = (file: (typeof fetched.files)[number]): file is { download: BoundaryDownload; path: string; bytes: number } => file.download.as !== "population";
    const layers = await readLayers(fetched.files.filter(isBoundary), source, maxVertices);
    const blocks = await readBlocks(
      fetched.files.find((file) => file.download.as === "population"),
      source,
      maxVertices,
    );

    const overlapping = createProgress("Computing overlaps");
    const { results, overlaps, population } = await withWriteContext(config, (ctx) =>
      write(
        ctx,
        async (trx) => {
          const results = new Map<ReadLayer, BoundaryImportResult>();
          for (const layer of layers) {
            if (layer.selection.features.length === 0) continue;
            results.set(layer, await importBoundaryLayer(trx, layer.selection, importPlan(layer, year), commandLineActor, { overlaps: false }));
          }
          const overlaps = await recomputeOverlaps(trx, { onProgress: (done, total) => overlapping.update(done / total) });
          const population = blocks
            ? await importPopulationLayer(trx, blocks.file, { as: "population", countField: "POP20", place: "area", state: state.usps, dryRun: false }, commandLineActor, {
                fileName: blocks.fileName,
              })
            : null;
          return { results, overlaps, population };
        },
        () => ({ campaignId: null, kind: "import", ids: [] }),
        {
          action: "setup",
          subjectKind: "body",
          describe: ({ results }) => ({
            subjectId: null,
            summary: `Set up ${state.usps} from TIGER/Line ${year}: ${[...results.values()].map((result) => `${result.summary.created} new, ${result.summary.updated} updated`).join("; ")}`,
            after: [...results].map(([layer, result]) => ({
              layer: layer.download.fileName,
              created: result.summary.created,
              updated: result.summary.updated,
              skipped: result.skipped.length,
            })),
          }),
        },
      ),
    ).finally(overlapping.done);

    const bytes = fetched.files.reduce((sum, file) => sum + file.bytes, 0);
    const lines = [
      `TIGER/Line ${year} for ${state.name} from ${source}: ${fetched.files.length} of ${downloads.length} layers (${formatBytes(bytes)})`,
      ...fetched.missing.map((line) => `  ${line}`),
    ];
    for (const layer of layers) lines.push(...describeLayer(layer, results.get(layer)));
    lines.push(describeOverlaps(overlaps));
    if (population) lines.push(...describePopulationImport(population));
    out(`${lines.join("\n")}\n`);
  } finally {
    fetched.cleanup();
  }
}

function parseYear(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIGER_YEAR;
  if (!/^\d{4}$/.test(value.trim())) throw new InputError(`--year must be a year such as ${DEFAULT_TIGER_YEAR} (got "${value}")`);
  return Number(value.trim());
}

/** Read the blocks file, when fetched, before the database is touched. */
async function readBlocks(fetched: { download: TigerDownload; path: string } | undefined, source: string, maxVertices: number) {
  if (!fetched) return null;
  const { download, path } = fetched;
  const reading = createProgress(`Reading ${download.fileName}`);
  try {
    const file = await readBoundaryFile(path, { onProgress: reading.update, limits: { maxVerticesPerFile: maxVertices } });
    if (!file.fields.includes("POP20"))
      throw new InputError(`${download.fileName} is not a TIGER/Line 2020 Census block layer: it has no POP20 field (fields: ${file.fields.join(", ") || "none"})`);
    return { file, fileName: download.fileName };
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${download.fileName} from ${download.url ?? source}: ${error.message}`);
    throw error;
  } finally {
    reading.done();
  }
}

/** Read every file and choose its records before the database is touched; places come first. */
async function readLayers(files: ReadonlyArray<{ download: BoundaryDownload; path: string }>, source: string, maxVertices: number): Promise<ReadLayer[]> {
  const layers: ReadLayer[] = [];
  const placeGeoids = new Set<string>();
  for (const { download, path } of files) {
    const reading = createProgress(`Reading ${download.fileName}`);
    let file: BoundaryFile;
    try {
      file = await readBoundaryFile(path, { onProgress: reading.update, limits: { maxVerticesPerFile: maxVertices } });
    } catch (error) {
      if (error instanceof InputError) throw new InputError(`${download.fileName} from ${download.url ?? source}: ${error.message}`);
      throw error;
    } finally {
      reading.done();
    }
    const selection = selectTigerFeatures(download, file, { placeGeoids });
    if (download.layer === "place") for (const feature of selection.features) placeGeoids.add(String(feature.properties.GEOID));
    layers.push({ download, file, selection });
  }
  return layers;
}

function importPlan({ download, selection }: ReadLayer, year: number): BoundaryImportPlan {
  const common = { state: download.state, nameField: selection.nameField, idField: selection.idField };
  return download.as === "bodies"
    ? { as: "bodies", kind: download.kind, source: `US Census Bureau TIGER/Line ${year}`, ...common }
    : { as: "districts", chamber: download.chamber, vintage: String(year), ...common };
}

function describeLayer({ download, file, selection }: ReadLayer, result: BoundaryImportResult | undefined): string[] {
  const target = download.as === "bodies" ? BODY_KIND_PLURALS[download.kind].toLowerCase() : `${CHAMBER_LABELS[download.chamber]} districts`;
  const leftOut = selection.leftOut.map(({ reason, count, examples }) => `${count} ${reason}, e.g. ${examples.join(", ")}`);
  const total = selection.leftOut.reduce((sum, entry) => sum + entry.count, 0);
  const leftOutLine = `  left out ${total}: ${summarize(leftOut)}`;
  if (!result) {
    return [`Nothing to import from ${download.fileName}: none of its ${selection.read} features are ${target}`, ...(total ? [leftOutLine] : [])];
  }
  const example = selection.nameExample;
  const lines = describeBoundaryImport({
    title: `Imported ${download.fileName} as ${target}`,
    file,
    result,
    what: download.as,
    read: selection.read,
    ...(example ? { nameSource: `NAMELSAD ("${example.from}" → "${example.to}")` } : {}),
  });
  if (total) lines.push(leftOutLine);
  return lines;
}
