import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildServer } from "../../server/http/server";
import { CSRF_HEADERS } from "../../shared/csrf";
import type { SpreadsheetPlan, SpreadsheetRefusal, SpreadsheetUploadPreview } from "../../shared/model/spreadsheet-import";
import { makeBody, makeCampaign } from "../helpers/factories";
import { snapshotResolutionTables } from "../helpers/row-snapshot";
import { signedInHeaders } from "../helpers/sign-in";
import { forEachEngine } from "../helpers/test-db";

/** The Import screen's spreadsheet flow over HTTP: preview a .csv, dry-run plan, refused commit, commit. */

/** The session cookie of a signed-in admin: writes need an account now. */
let session: Record<string, string> = {};

forEachEngine((getDatabase, engine) => {
  let app: FastifyInstance;
  let uploadDir: string;
  let campaignName: string;

  beforeAll(async () => {
    const { db } = getDatabase();
    campaignName = (await makeCampaign(db, { name: "Upload drive" })).name;
    await makeBody(db, { name: "Bristol", state: "RI", geoid: "4400509280" });
    await makeBody(db, { name: "Barrington", state: "RI", geoid: "4400105140" });
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "groundswell-sheet-upload-"));
    app = await buildServer({ db, engine, basemapStyleUrl: null, serveClient: false, imports: { maxBytes: 64 * 1024, directory: uploadDir } });
    session = await signedInHeaders(app, getDatabase().db, "admin");
  });
  afterAll(async () => {
    await app?.close();
    if (uploadDir) fs.rmSync(uploadDir, { recursive: true, force: true });
  });

  const upload = async (text: string, fileName = "sheet.csv") => {
    const response = await app.inject({
      method: "POST",
      url: `/api/imports/preview?fileName=${fileName}`,
      headers: { "content-type": "application/octet-stream", ...CSRF_HEADERS, ...session },
      payload: text,
    });
    return { status: response.statusCode, body: response.json<SpreadsheetUploadPreview & { error?: string }>() };
  };
  const commit = async (payload: Record<string, unknown>) => {
    const response = await app.inject({ method: "POST", url: "/api/imports/commit", headers: { "content-type": "application/json", ...CSRF_HEADERS, ...session }, payload });
    return { status: response.statusCode, body: response.json<SpreadsheetPlan & Partial<SpreadsheetRefusal>>() };
  };

  it("previews a CSV, plans it without writing, refuses a bad row with its number (nothing written), then imports the fixed file", async () => {
    const { db } = getDatabase();
    const bad = await upload("body_name,state,stage,tally_yes\r\nBristol,RI,introduced,\r\nBarrington,RI,introduced,-1\r\n");
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ format: "csv", columns: ["body_name", "state", "stage", "tally_yes"], rows: 2, guess: "resolutions" });

    const before = await snapshotResolutionTables(db);
    const dry = await commit({ token: bad.body.token, as: "resolutions", campaign: campaignName, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ committed: false, errors: [{ row: 3, message: "tally_yes -1 is negative" }], created: [{ row: 2, label: "Bristol, RI" }] });
    const refused = await commit({ token: bad.body.token, as: "resolutions", campaign: campaignName });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe("1 error, nothing was imported: row 3: tally_yes -1 is negative");
    expect(refused.body.plan?.errors).toEqual([{ row: 3, message: "tally_yes -1 is negative" }]);
    expect(await snapshotResolutionTables(db)).toEqual(before);

    const good = await upload("body_name,state,stage,tally_yes\r\nBristol,RI,introduced,\r\nBarrington,RI,introduced,1\r\n");
    const done = await commit({ token: good.body.token, as: "resolutions", campaign: campaignName });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ committed: true, created: [{ label: "Bristol, RI" }, { label: "Barrington, RI" }], stageEvents: 2 });
    const events = await db.selectFrom("stageEvent").select(["actor", "note"]).execute();
    expect(events.every((event) => event.note === "CSV import" && event.actor === "Test admin")).toBe(true);
    // The upload is used up.
    expect((await commit({ token: good.body.token, as: "resolutions", campaign: campaignName })).status).toBe(404);
  });

  it("refuses a sheet with an unknown column at preview, and a spreadsheet committed as bodies", async () => {
    const unknown = await upload("body_name,colour\r\nBristol,red\r\n");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatch(/^unknown column "colour"/);
    const members = await upload("body_geoid,name,position\r\n4400509280,Ana Ruiz,yes\r\n");
    expect(members.body.guess).toBe("members");
    expect((await commit({ token: members.body.token, as: "bodies" })).body).toEqual({ error: "a spreadsheet imports as resolutions or members" });
    const done = await commit({ token: members.body.token, as: "members", campaign: campaignName });
    expect(done.body).toMatchObject({ committed: true, created: [{ label: "Ana Ruiz (Bristol, RI)" }] });
  });
});
