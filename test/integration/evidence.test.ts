import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CSRF_HEADERS } from "../../shared/csrf";
import type { Campaign } from "../../shared/model/campaign";
import { createCaller } from "../../server/api/router";
import type { Db } from "../../server/db/connect";
import type { Actor } from "../../server/domain/actor";
import { createCampaign } from "../../server/domain/campaigns";
import { readPressSnapshot } from "../../server/domain/public-view";
import { changeStage } from "../../server/domain/resolutions";
import { buildServer } from "../../server/http/server";
import { bodiesCsv, countsCsv } from "../../server/io/press-files";
import { buildWorld, type World } from "../helpers/district-world";
import { ensureUser, signIn } from "../helpers/sign-in";
import { forEachEngine } from "../helpers/test-db";

/**
 * Verified passes (issue 17): evidence links and uploaded files on a passed resolution, the
 * verification state and its history, who may do what, what anonymous readers see, and the
 * public counts under "count verified passes only", on both engines.
 */

const organizer: Actor = { name: "Evidence organizer", role: "organizer" };
const viewer: Actor = { name: "Evidence viewer", role: "viewer" };
const anonymous: Actor = { name: "public", role: "public" };

/** A tiny but real PDF (the minutes), a PNG, and an HTML page pretending to be a PDF. */
const MINUTES_PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const HTML = Buffer.from("<html><script>alert(document.cookie)</script></html>");
const CAP = 64 * 1024;

const count = async (db: Db, table: "evidence" | "evidenceFile" | "verificationEvent" | "auditEvent") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

forEachEngine((getDatabase, engine) => {
  let world: World;
  let campaign: Campaign;
  let app: FastifyInstance;
  let organizerCookie: string;
  let hubCookie: string;
  let viewerCookie: string;
  const caller = (actor: Actor) => createCaller({ db: getDatabase().db, actor });
  const counts = async () => {
    const db = getDatabase().db;
    return { evidence: await count(db, "evidence"), files: await count(db, "evidenceFile"), events: await count(db, "verificationEvent"), audit: await count(db, "auditEvent") };
  };
  const pass = async (bodyId: number) => {
    const db = getDatabase().db;
    const introduced = await changeStage(db, { campaignId: campaign.id, bodyId, toStage: "introduced", expectedVersion: 0 }, organizer);
    await changeStage(db, { campaignId: campaign.id, bodyId, toStage: "passed", expectedVersion: introduced.version }, organizer);
  };
  const upload = (cookie: string | null, query: Record<string, string | number>, payload: Buffer, headers: Record<string, string> = {}) =>
    app.inject({
      method: "POST",
      url: `/api/evidence?${new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)])).toString()}`,
      headers: { "content-type": "application/octet-stream", ...CSRF_HEADERS, ...(cookie ? { cookie } : {}), ...headers },
      payload,
    });

  beforeAll(async () => {
    const { db } = getDatabase();
    world = await buildWorld(db);
    campaign = await createCampaign(db, { name: "Verified passes", states: ["VT"] });
    await pass(world.bodies.ashby);
    await pass(world.bodies.brookfield);
    app = await buildServer({ db, engine, basemapStyleUrl: null, serveClient: false, evidenceMaxBytes: CAP });
    organizerCookie = await signIn(app, (await ensureUser(db, "organizer")).email);
    viewerCookie = await signIn(app, (await ensureUser(db, "viewer")).email);
    const hub = await caller({ name: "setup", role: "admin" }).hub.create({ name: "Ashby hub", bodyIds: [world.bodies.ashby] });
    hubCookie = await signIn(app, (await ensureUser(db, "hub", { hubId: hub.id, email: "hub-ashby@test.example" })).email);
  });

  afterAll(async () => {
    await app?.close();
  });

  it("attaches a link (http or https only) and moves the pass from reported to evidence attached", async () => {
    const before = await counts();
    await expect(caller(organizer).evidence.addLink({ campaignId: campaign.id, bodyId: world.bodies.ashby, category: "news_article", url: "javascript:alert(1)" })).rejects.toThrow(
      /^a link must start with http:\/\/ or https:\/\/$/,
    );
    await expect(
      caller(organizer).evidence.addLink({ campaignId: campaign.id, bodyId: world.bodies.dover, category: "minutes", url: "https://dover.example.org/m" }),
    ).rejects.toThrow("Dover has not passed: evidence and verification belong to passed resolutions");
    expect(await counts()).toEqual(before);

    const result = await caller(organizer).evidence.addLink({
      campaignId: campaign.id,
      bodyId: world.bodies.ashby,
      category: "news_article",
      url: "https://ashby-gazette.example.org/council-passes",
      title: "Gazette: council passes resolution",
    });
    expect(result.verification).toBe("evidence_attached");
    const details = await caller(viewer).evidence.get({ campaignId: campaign.id, bodyId: world.bodies.ashby });
    expect(details.evidence.map((item) => [item.kind, item.category, item.url, item.isPublic, item.addedBy])).toEqual([
      ["link", "news_article", "https://ashby-gazette.example.org/council-passes", false, "Evidence organizer"],
    ]);
    expect(details.history.map((event) => [event.fromState, event.toState, event.actor])).toEqual([["reported", "evidence_attached", "Evidence organizer"]]);
    expect(await counts()).toEqual({ ...before, evidence: before.evidence + 1, events: before.events + 1, audit: before.audit + 1 });
  });

  it("stores an uploaded minutes PDF in the database and serves it only as a download", async () => {
    const response = await upload(hubCookie, { campaignId: campaign.id, bodyId: world.bodies.ashby, category: "minutes", fileName: "ashby-minutes.pdf" }, MINUTES_PDF);
    expect(response.statusCode, response.body).toBe(200);
    const evidence = response.json().evidence as { id: number; contentType: string; byteSize: number; addedBy: string };
    expect(evidence).toMatchObject({ contentType: "application/pdf", byteSize: MINUTES_PDF.length, addedBy: "Test hub" });
    const stored = await getDatabase().db.selectFrom("evidenceFile").select("content").where("evidenceId", "=", evidence.id).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.content).equals(MINUTES_PDF)).toBe(true);

    const download = await app.inject({ method: "GET", url: `/api/evidence/${evidence.id}/file`, headers: { cookie: viewerCookie } });
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.headers["content-disposition"]).toBe(`attachment; filename="ashby-minutes.pdf"; filename*=UTF-8''ashby-minutes.pdf`);
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect(download.headers["content-security-policy"]).toBe("default-src 'none'; sandbox");
    expect(download.rawPayload.equals(MINUTES_PDF)).toBe(true);
  });

  it("refuses an oversized, wrong-type or misnamed file, and anyone who may not attach, in one line; nothing is written", async () => {
    const before = await counts();
    const query = { campaignId: campaign.id, bodyId: world.bodies.ashby, category: "minutes" };
    const big = Buffer.concat([MINUTES_PDF, Buffer.alloc(CAP)]);
    const refusals = [
      [
        await upload(organizerCookie, { ...query, fileName: "huge.pdf" }, big),
        413,
        /^huge\.pdf is (65 KB|over the limit): evidence files may be at most 64 KB; nothing was saved$/,
      ],
      [
        await upload(organizerCookie, { ...query, fileName: "minutes.pdf" }, HTML),
        400,
        /^minutes\.pdf is not a PDF, PNG or JPEG file \(its contents say otherwise\); nothing was saved$/,
      ],
      [await upload(organizerCookie, { ...query, fileName: "minutes.pdf" }, PNG), 400, /^minutes\.pdf holds a PNG file but is not named \.png; nothing was saved$/],
      [await upload(organizerCookie, { ...query, fileName: "empty.pdf" }, Buffer.alloc(0)), 400, /^empty\.pdf is empty; nothing was saved$/],
      [await upload(organizerCookie, { ...query, category: "gossip", fileName: "m.pdf" }, MINUTES_PDF), 400, /^category: /],
      [await upload(null, { ...query, fileName: "m.pdf" }, MINUTES_PDF), 401, /^Sign in to make changes$/],
      [await upload(viewerCookie, { ...query, fileName: "m.pdf" }, MINUTES_PDF), 403, /^Viewers cannot make changes/],
      [await upload(hubCookie, { ...query, bodyId: world.bodies.brookfield, fileName: "m.pdf" }, MINUTES_PDF), 403, /^This body is outside your hub's area/],
      [await upload(organizerCookie, { ...query, bodyId: world.bodies.dover, fileName: "m.pdf" }, MINUTES_PDF), 400, /^Dover has not passed/],
    ] as const;
    for (const [response, status, message] of refusals) {
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json().error).toMatch(message);
      expect(response.json().error).not.toContain("\n");
    }
    // Declared too big: refused before a byte is read.
    const declared = await upload(organizerCookie, { ...query, fileName: "declared.pdf" }, MINUTES_PDF, { "content-length": String(CAP + 1) });
    expect(declared.statusCode).toBe(413);
    expect(declared.json().error).toBe("declared.pdf is 65 KB: evidence files may be at most 64 KB; nothing was saved");
    expect(await counts()).toEqual(before);
  });

  it("sends those one-line refusals over a real socket too, before the rest of the file is read", async () => {
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    const before = await counts();
    const send = async (cookie: string | null, fileName: string, body: Buffer) => {
      const query = new URLSearchParams({ campaignId: String(campaign.id), bodyId: String(world.bodies.ashby), category: "minutes", fileName });
      const response = await fetch(`${address}/api/evidence?${query.toString()}`, {
        method: "POST",
        body: new Blob([new Uint8Array(body)]),
        headers: { "content-type": "application/octet-stream", ...CSRF_HEADERS, ...(cookie ? { cookie } : {}) },
      });
      return [response.status, ((await response.json()) as { error: string }).error];
    };
    // Refused on who is asking, and on the declared length: the client still reads why.
    expect(await send(null, "m.pdf", MINUTES_PDF)).toEqual([401, "Sign in to make changes"]);
    expect(await send(organizerCookie, "huge.pdf", Buffer.alloc(CAP * 40))).toEqual([413, "huge.pdf is 2.5 MB: evidence files may be at most 64 KB; nothing was saved"]);
    expect(await counts()).toEqual(before);
  });

  it("lets organizers verify, mark transmitted and take back; hub members and viewers may not; evidence of a verified pass stays", async () => {
    const key = { campaignId: campaign.id, bodyId: world.bodies.ashby };
    const hubActor: Actor = { name: "Test hub", role: "hub", hubId: null };
    await expect(caller(hubActor).evidence.changeVerification({ ...key, toState: "verified" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller(viewer).evidence.changeVerification({ ...key, toState: "verified" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller(organizer).evidence.changeVerification({ ...key, toState: "transmitted" })).rejects.toThrow("Ashby: verify it before marking it transmitted");
    await expect(caller(organizer).evidence.changeVerification({ campaignId: campaign.id, bodyId: world.bodies.brookfield, toState: "verified" })).rejects.toThrow(
      "Brookfield: attach a link or a file before verifying",
    );

    await caller(organizer).evidence.changeVerification({ ...key, toState: "verified", note: "Minutes checked against the clerk's copy" });
    let details = await caller(viewer).evidence.get(key);
    expect(details).toMatchObject({ verification: "verified", verifiedBy: "Evidence organizer" });
    expect(details.verifiedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const someEvidence = details.evidence[0]!.id;
    await expect(caller(organizer).evidence.remove({ evidenceId: someEvidence })).rejects.toThrow(/take the verification back/);
    await expect(caller(organizer).evidence.changeVerification({ ...key, toState: "verified" })).rejects.toThrow('Ashby: it is already "Verified"');

    await caller(organizer).evidence.changeVerification({ ...key, toState: "transmitted" });
    await caller(organizer).evidence.changeVerification({ ...key, toState: "evidence_attached", note: "Wrong year's minutes" });
    details = await caller(viewer).evidence.get(key);
    expect(details).toMatchObject({ verification: "evidence_attached", verifiedBy: null, verifiedAt: null });
    expect(details.history.map((event) => `${event.fromState}→${event.toState}`)).toEqual([
      "transmitted→evidence_attached",
      "verified→transmitted",
      "evidence_attached→verified",
      "reported→evidence_attached",
    ]);
    expect(details.history.find((event) => event.toState === "verified")?.note).toBe("Minutes checked against the clerk's copy");
    const audit = await getDatabase().db.selectFrom("auditEvent").select(["action", "summary"]).where("subjectKind", "=", "evidence").orderBy("id").execute();
    expect(audit.map((entry) => entry.summary)).toEqual([
      "Evidence linked: https://ashby-gazette.example.org/council-passes",
      "Evidence uploaded: ashby-minutes.pdf",
      "Verification: Verified",
      "Verification: Transmitted to legislators",
      "Verification: Evidence attached",
    ]);
    expect(audit.map((entry) => entry.action)).toContain("evidence.upload");
  });

  it("removing the last evidence returns an unverified pass to reported", async () => {
    const key = { campaignId: campaign.id, bodyId: world.bodies.brookfield };
    const added = await caller(organizer).evidence.addLink({ ...key, category: "adopted_text", url: "http://brookfield.example.org/text" });
    const removed = await caller(organizer).evidence.remove({ evidenceId: added.evidence!.id });
    expect(removed.verification).toBe("reported");
    expect((await caller(viewer).evidence.get(key)).evidence).toEqual([]);
  });

  it("shows anonymous readers public evidence and the verified mark only, and counts verified passes as the campaign says", async () => {
    const key = { campaignId: campaign.id, bodyId: world.bodies.ashby };
    await caller(organizer).evidence.changeVerification({ ...key, toState: "verified" });
    const [link, file] = (await caller(viewer).evidence.get(key)).evidence;

    const privateFile = await app.inject({ method: "GET", url: `/api/evidence/${file!.id}/file` });
    expect(privateFile.statusCode).toBe(404);
    expect(privateFile.body).not.toContain("%PDF");
    let body = await caller(anonymous).public.body({ campaign: campaign.slug, bodyId: world.bodies.ashby });
    expect(body).toMatchObject({ verified: true, evidence: [] });
    await expect(caller(anonymous).evidence.get(key)).rejects.toMatchObject({ code: "UNAUTHORIZED" });

    await caller(organizer).evidence.setPublic({ evidenceId: file!.id, isPublic: true });
    body = await caller(anonymous).public.body({ campaign: campaign.slug, bodyId: world.bodies.ashby });
    expect(body.evidence).toEqual([
      { id: file!.id, kind: "file", category: "minutes", title: null, url: null, fileName: "ashby-minutes.pdf", contentType: "application/pdf", byteSize: MINUTES_PDF.length },
    ]);
    expect(JSON.stringify(body)).not.toContain(link!.url);
    expect(JSON.stringify(body)).not.toContain("Test hub");
    const publicFile = await app.inject({ method: "GET", url: `/api/evidence/${file!.id}/file` });
    expect(publicFile.statusCode).toBe(200);
    expect(publicFile.headers["content-disposition"]).toMatch(/^attachment;/);

    // Ashby verified, Brookfield passed but not verified.
    const map = await caller(anonymous).public.map({ campaign: campaign.slug });
    expect(map.verified).toEqual([world.bodies.ashby]);
    expect((await caller(anonymous).public.body({ campaign: campaign.slug, bodyId: world.bodies.brookfield })).verified).toBe(false);
    // Before the verification's day, nothing was verified.
    expect((await caller(anonymous).public.map({ campaign: campaign.slug, asOf: "2020-01-01" })).verified).toEqual([]);

    let snapshot = await readPressSnapshot(getDatabase().db, { campaign: campaign.slug });
    expect(snapshot.passes).toMatchObject({ passed: 2, verified: 1, countVerifiedOnly: false });
    expect(snapshot.headline).toMatch(/^2 of \d+ passed.*, of which 1 verified$/);
    const csv = bodiesCsv(snapshot).split("\n");
    const column = csv[0]!.split(",").indexOf("verified");
    const verifiedOf = (name: string) => csv.find((line) => line.includes(`,${name},`))!.split(",")[column];
    expect([verifiedOf("Ashby"), verifiedOf("Brookfield"), verifiedOf("Dover")]).toEqual(["yes", "no", ""]);
    const all = countsCsv(snapshot).split("\n");
    const header = all[0]!.split(",");
    const allRow = all[1]!.split(",");
    expect([allRow[header.indexOf("passed")], allRow[header.indexOf("passed_verified")]]).toEqual(["2", "1"]);

    await caller({ name: "admin", role: "admin" }).campaign.update({ campaignId: campaign.id, countVerifiedOnly: true });
    snapshot = await readPressSnapshot(getDatabase().db, { campaign: campaign.slug });
    expect(snapshot.campaign.countVerifiedOnly).toBe(true);
    expect(snapshot.headline).toMatch(/^1 of \d+ passed.*\(verified passes only; 1 more reported, not yet verified\)$/);
    expect((await caller(anonymous).public.campaign({ campaign: campaign.slug })).countVerifiedOnly).toBe(true);
    await caller({ name: "admin", role: "admin" }).campaign.update({ campaignId: campaign.id, countVerifiedOnly: false });
  });
});
