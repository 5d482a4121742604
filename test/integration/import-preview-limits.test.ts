import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough, type Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ImportPreview } from "../../shared/model/import-upload";
import { CSRF_HEADERS } from "../../shared/csrf";
import { buildServer } from "../../server/http/server";
import { squarePolygon } from "../helpers/factories";
import { signedInHeaders } from "../helpers/sign-in";
import { forEachEngine } from "../helpers/test-db";

/** One made-up town as GeoJSON text. */
const townGeoJson = (name: string) =>
  JSON.stringify({ type: "FeatureCollection", features: [{ type: "Feature", properties: { NAME: name }, geometry: squarePolygon([-71.6, 41.6], 0.05) }] });

forEachEngine((getDatabase, engine) => {
  let app: FastifyInstance;
  let uploadDir: string;
  let session: Record<string, string> = {};

  beforeAll(async () => {
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-preview-limits-"));
    app = await buildServer({ db: getDatabase().db, engine, basemapStyleUrl: null, serveClient: false, imports: { directory: uploadDir, maxPreviews: 2 } });
    session = await signedInHeaders(app, getDatabase().db, "admin");
  });

  afterAll(async () => {
    await app?.close();
    if (uploadDir) fs.rmSync(uploadDir, { recursive: true, force: true });
  });

  const preview = (payload: string | Readable, fileName: string) =>
    app.inject({
      method: "POST",
      url: `/api/imports/preview?fileName=${encodeURIComponent(fileName)}`,
      headers: { "content-type": "application/octet-stream", ...CSRF_HEADERS, ...session },
      payload,
    });

  it("takes on two previews at once: a third is told to come back (503, Retry-After) unread, and is taken once one is done", async () => {
    // Two uploads still arriving: each holds its place until its last byte is in and read.
    const slow = [new PassThrough(), new PassThrough()];
    const first = slow.map((stream, index) => preview(stream, `slow-${index}.geojson`));
    for (const stream of slow) stream.write(" ");
    await expect.poll(() => fs.readdirSync(uploadDir).length).toBe(2);

    const third = await preview(townGeoJson("Third Town"), "third.geojson");
    expect(third.statusCode).toBe(503);
    expect(third.headers["retry-after"]).toBe("10");
    expect(third.json()).toEqual({ error: "the server is already reading 2 uploaded files; try again in a few seconds" });
    // Refused before a byte was stored.
    expect(fs.readdirSync(uploadDir)).toHaveLength(2);

    slow.forEach((stream, index) => stream.end(townGeoJson(`Slow Town ${index}`)));
    const answers = await Promise.all(first);
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200]);
    expect(answers.map((answer) => (answer.json() as ImportPreview).fields[0]!.samples)).toEqual([["Slow Town 0"], ["Slow Town 1"]]);

    const again = await preview(townGeoJson("Third Town"), "third.geojson");
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ fileName: "third.geojson", featureCount: 1, fields: [{ name: "NAME", samples: ["Third Town"] }] });
  });
});
