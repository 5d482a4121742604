import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { parseRowIdText } from "../../shared/ids/row-id";
import { asOfDateSchema, parseBBoxText, type PublicViewInput } from "../../shared/model/public-view";
import type { Database } from "../db/schema";
import { ENDORSER_COLUMNS, PUBLIC_ENDORSER_COLUMNS } from "../../shared/model/endorser";
import type { Actor } from "../domain/actor";
import { exportEndorsersFor } from "../domain/endorsers";
import { listPublicCampaigns } from "../domain/public-view";
import { GroundswellError, HTTP_STATUS, InputError } from "../errors";
import { toCsv } from "../io/csv";
import { toFeatureCollection } from "../io/geojson";
import { bodiesCsv, bodiesGeoJson, countsCsv, exportStem, methodologyMarkdown } from "../io/press-files";
import { writeZip } from "../io/zip-writer";
import { closeRenderer, RendererUnavailableError, renderMap, type MapFormat, type PrintSettings } from "./map-render";
import { buildPressKit, takePressBundle } from "./press-kit";

type ExportQuery = Partial<Record<"campaign" | "asof" | "stages" | "bbox" | "title" | "subtitle" | "patterns" | "ballot", string>>;

/** The view an export shows, from its query string; InputError with one line when a value is unusable. */
export async function parseExportQuery(db: Kysely<Database>, query: ExportQuery): Promise<{ view: PublicViewInput; settings: PrintSettings }> {
  let campaign: string | number | undefined = query.campaign?.trim() || undefined;
  if (campaign === undefined) {
    const campaigns = await listPublicCampaigns(db);
    if (campaigns.length !== 1) throw new InputError("name the campaign: ?campaign=<slug or id>");
    campaign = campaigns[0]!.id;
  } else campaign = parseRowIdText(campaign) ?? campaign; // digits too large for an id are looked up as a slug
  if (query.asof && !asOfDateSchema.safeParse(query.asof).success) throw new InputError(`"${query.asof}" is not a date: use asof=YYYY-MM-DD`);
  let bbox = null;
  if (query.bbox) {
    const parsed = parseBBoxText(query.bbox);
    if ("error" in parsed) throw new InputError(parsed.error);
    bbox = parsed.bbox;
  }
  const stages = query.stages ? query.stages.split(",").filter((stage) => /^[a-z][a-z0-9_]*$/.test(stage)) : null;
  const clip = (text: string | undefined) => (text ? text.trim().slice(0, 200) : null);
  return {
    view: { campaign, asOf: query.asof || null, stages: stages?.length ? stages : null, bbox },
    settings: { title: clip(query.title), subtitle: clip(query.subtitle), bbox, patterns: query.patterns === "1", ballot: query.ballot ? parseRowIdText(query.ballot) : null },
  };
}

/** Where this server can reach itself: the print page is rendered against it. */
function ownBaseUrl(app: FastifyInstance): string {
  const address = app.server.address();
  if (!address || typeof address === "string") throw new RendererUnavailableError("map images need the server to be listening on a port");
  const host = address.address === "0.0.0.0" || address.address === "::" ? "127.0.0.1" : address.address;
  return `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
}

/**
 * Public exports of what a view shows (campaign, as-of day, stage filter, bbox): the snapshot as
 * JSON (the print page's data), CSV, GeoJSON, the counts table, the methodology note, the map as
 * PNG or PDF (headless Chromium), and the press kit as one zip. Public fields only.
 */
export function registerExportRoutes(
  app: FastifyInstance,
  { db, chromiumPath, actorOf }: { db: Kysely<Database>; chromiumPath: string; actorOf: (request: FastifyRequest) => Promise<Actor> },
): void {
  // The renderer keeps its browser between exports; it goes with the server.
  app.addHook("onClose", closeRenderer);
  const handle = (file: string, produce: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) =>
    app.get(`/export/${file}`, async (request, reply) => {
      try {
        return await produce(request, reply);
      } catch (error) {
        const status = error instanceof RendererUnavailableError ? 503 : error instanceof GroundswellError ? HTTP_STATUS[error.code] : null;
        if (status === null || status === 500) throw error;
        return reply
          .code(status)
          .type("text/plain; charset=utf-8")
          .send(`${(error as Error).message}\n`);
      }
    });
  const bundleOf = async (request: FastifyRequest) => {
    const { view, settings } = await parseExportQuery(db, request.query as ExportQuery);
    return { ...(await takePressBundle(db, view)), settings };
  };
  const attach = (reply: FastifyReply, name: string, type: string) =>
    reply.type(type).header("Content-Disposition", `attachment; filename="${name}"`).header("Cache-Control", "no-store");

  handle("view.json", async (request, reply) => {
    const { snapshot } = await bundleOf(request);
    return reply.header("Cache-Control", "no-store").send(snapshot);
  });
  handle("bodies.csv", async (request, reply) => {
    const { snapshot } = await bundleOf(request);
    return attach(reply, `${exportStem(snapshot)}-bodies.csv`, "text/csv; charset=utf-8").send(bodiesCsv(snapshot));
  });
  handle("bodies.geojson", async (request, reply) => {
    const { snapshot, geometries } = await bundleOf(request);
    return attach(reply, `${exportStem(snapshot)}-bodies.geojson`, "application/geo+json").send(bodiesGeoJson(snapshot, geometries));
  });
  handle("counts.csv", async (request, reply) => {
    const { snapshot } = await bundleOf(request);
    return attach(reply, `${exportStem(snapshot)}-counts.csv`, "text/csv; charset=utf-8").send(countsCsv(snapshot));
  });
  handle("methodology.md", async (request, reply) => {
    const { snapshot } = await bundleOf(request);
    return attach(reply, `${exportStem(snapshot)}-methodology.md`, "text/markdown; charset=utf-8").send(methodologyMarkdown(snapshot, []));
  });
  // Endorsers: every column for a signed-in member, the public part for anyone else (`export endorsers [--public]`).
  for (const format of ["csv", "geojson"] as const) {
    handle(`endorsers.${format}`, async (request, reply) => {
      const campaign = (request.query as ExportQuery).campaign?.trim() || undefined;
      const result = await exportEndorsersFor(db, { campaign, withGeometry: format === "geojson" }, await actorOf(request));
      const name = `${result.campaign.slug}-endorsers${result.publicOnly ? "-public" : ""}.${format}`;
      reply.header("Vary", "Cookie");
      if (format === "csv") return attach(reply, name, "text/csv; charset=utf-8").send(toCsv(result.rows, [...(result.publicOnly ? PUBLIC_ENDORSER_COLUMNS : ENDORSER_COLUMNS)]));
      return attach(reply, name, "application/geo+json").send(`${JSON.stringify(toFeatureCollection(result.rows, (row) => row.id))}\n`);
    });
  }
  for (const format of ["png", "pdf"] as MapFormat[]) {
    handle(`map.${format}`, async (request, reply) => {
      const { snapshot, settings } = await bundleOf(request);
      const bytes = await renderMap({ baseUrl: ownBaseUrl(app), chromiumPath }, snapshot, format, settings);
      return attach(reply, `${exportStem(snapshot)}-map.${format}`, format === "png" ? "image/png" : "application/pdf").send(bytes);
    });
  }
  handle("press-kit.zip", async (request, reply) => {
    const { view, settings } = await parseExportQuery(db, request.query as ExportQuery);
    const kit = await buildPressKit({ db, baseUrl: ownBaseUrl(app), chromiumPath }, view, settings);
    const zip = writeZip(
      kit.files.map((file) => ({ name: `${kit.stem}/${file.name}`, bytes: file.bytes })),
      new Date(kit.snapshot.takenAt),
    );
    return attach(reply, `${kit.stem}-press-kit.zip`, "application/zip").send(zip);
  });
}
