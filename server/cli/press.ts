import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { asOfDateSchema, parseBBoxText, type PressSnapshot, type PublicViewInput } from "../../shared/model/public-view";
import type { Config } from "../config";
import { connect, type Connection } from "../db/connect";
import { resolveCampaign } from "../domain/campaigns";
import { InputError } from "../errors";
import { ensureClientBuilt } from "../http/client-build";
import { assertChromium, renderMap, type PrintSettings } from "../http/map-render";
import { buildPressKit, takePressBundle } from "../http/press-kit";
import { buildServer } from "../http/server";
import { writeZip } from "../io/zip-writer";

export interface PressOptions {
  out?: string;
  format?: string;
  campaign?: string;
  asOf?: string;
  title?: string;
  subtitle?: string;
  bbox?: string;
  patterns?: boolean;
}

/** Check every option before touching anything: a bad one is one line and exit 2. */
function readPressOptions(options: PressOptions, { needsFormat }: { needsFormat: boolean }) {
  if (!options.out) throw new InputError("--out is required (the file or folder to write)");
  const format = options.format ?? "png";
  if (needsFormat && format !== "png" && format !== "pdf") throw new InputError(`unknown --format "${format}" for a map; use png or pdf`);
  if (options.asOf !== undefined && !asOfDateSchema.safeParse(options.asOf).success) throw new InputError(`--as-of "${options.asOf}" is not a date: use YYYY-MM-DD`);
  let bbox = null;
  if (options.bbox !== undefined) {
    const parsed = parseBBoxText(options.bbox);
    if ("error" in parsed) throw new InputError(`--bbox ${parsed.error}`);
    bbox = parsed.bbox;
  }
  const settings: PrintSettings = { title: options.title ?? null, subtitle: options.subtitle ?? null, bbox, patterns: options.patterns ?? false };
  return { out: path.resolve(options.out), format: format as "png" | "pdf", asOf: options.asOf ?? null, bbox, settings };
}

/** A server of this database on a free loopback port, for the headless browser to render from. */
async function withRenderServer<T>(config: Config, connection: Connection, work: (baseUrl: string) => Promise<T>): Promise<T> {
  await ensureClientBuilt(() => undefined);
  const app: FastifyInstance = await buildServer({ db: connection.db, engine: connection.engine, basemapStyleUrl: null, chromiumPath: config.chromiumPath });
  try {
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    if (!address || typeof address === "string") throw new Error("the render server has no port");
    return await work(`http://127.0.0.1:${address.port}`);
  } finally {
    await app.close();
  }
}

const summary = (snapshot: PressSnapshot) =>
  `as of ${snapshot.asOf ?? snapshot.takenAt.slice(0, 10)}, ${snapshot.total} bodies (${snapshot.counts
    .filter((entry) => entry.count > 0)
    .map((entry) => `${entry.label} ${entry.count}`)
    .join(", ")}), snapshot ${snapshot.takenAt}`;

async function openView(config: Config, options: PressOptions, asOf: string | null, bbox: PublicViewInput["bbox"]) {
  const connection = await connect(config.database);
  try {
    const campaign = await resolveCampaign(connection.db, options.campaign);
    return { connection, view: { campaign: campaign.id, asOf, stages: null, bbox } satisfies PublicViewInput };
  } catch (error) {
    await connection.close();
    throw error;
  }
}

/** `groundswell export map --format png|pdf --out FILE [--campaign --as-of --title --bbox]`. */
export async function exportMapCommand(config: Config, options: PressOptions, write: (text: string) => void): Promise<void> {
  const { out, format, asOf, bbox, settings } = readPressOptions(options, { needsFormat: true });
  assertChromium(config.chromiumPath);
  const { connection, view } = await openView(config, options, asOf, bbox);
  try {
    const { snapshot } = await takePressBundle(connection.db, view);
    const bytes = await withRenderServer(config, connection, (baseUrl) => renderMap({ baseUrl, chromiumPath: config.chromiumPath }, snapshot, format, settings));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, bytes);
    write(`Wrote ${out} (${format.toUpperCase()}, ${bytes.length.toLocaleString("en-US")} bytes): ${summary(snapshot)}\n`);
  } finally {
    await connection.close();
  }
}

/** `groundswell export press-kit --out DIR|ZIP [--campaign --as-of]`: every file from one snapshot. */
export async function exportPressKitCommand(config: Config, options: PressOptions, write: (text: string) => void): Promise<void> {
  const { out, asOf, bbox, settings } = readPressOptions(options, { needsFormat: false });
  assertChromium(config.chromiumPath);
  const { connection, view } = await openView(config, options, asOf, bbox);
  try {
    const kit = await withRenderServer(config, connection, (baseUrl) => buildPressKit({ db: connection.db, baseUrl, chromiumPath: config.chromiumPath }, view, settings));
    if (out.toLowerCase().endsWith(".zip")) {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(
        out,
        writeZip(
          kit.files.map((file) => ({ name: `${kit.stem}/${file.name}`, bytes: file.bytes })),
          new Date(kit.snapshot.takenAt),
        ),
      );
    } else {
      fs.mkdirSync(out, { recursive: true });
      for (const file of kit.files) fs.writeFileSync(path.join(out, file.name), file.bytes);
    }
    write(`Wrote the press kit to ${out} (${kit.files.map((file) => file.name).join(", ")}): ${summary(kit.snapshot)}\n`);
  } finally {
    await connection.close();
  }
}
